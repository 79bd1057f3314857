"""Every export path writes a register entry (issue 18 rules): the export paths are found by
their call of the one gate, policy_rules.check_export(kind), and each must be listed here with
its kind; a listed path must go through export_controls.register.recorded_export.

Paths not wired yet are strict xfails: the test starts failing (XPASS) the day one is wired, so
its mark is taken off then, and a new export path fails the enumeration until it is listed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import rm_desktop
from rm_desktop.security.policy import EXPORT_KINDS

PACKAGE = Path(rm_desktop.__file__).parent
# (module under services/, function, kind) -> wired to the register
EXPORTS = {
    ("exchange/exporting.py", "export_archive", "archive"): True,
    ("exchange/exporting.py", "export_list", "list"): True,
    ("exchange/handover.py", "export_handover", "handover"): True,
    ("plans/pdf_export.py", "export_pdf", "plan_pdf"): True,
    ("reminders/compute.py", "export_calendar", "ics"): True,
    ("report_outputs/pdf.py", "export_pdf", "report"): True,
    ("report_outputs/workbook.py", "export_xlsx", "report"): True,
    ("report_outputs/summary.py", "collect_summary", "report"): True,
    ("report_outputs/bundle.py", "export_bundle", "report"): True,
    ("privacy/person_export.py", "export_person", "person"): True,
    ("audit/export.py", "export_log", "audit"): True,
}
_GATE = re.compile(r"check_export\(\s*\"([a-z_]+)\"")


def _gated_functions() -> set[tuple[str, str, str]]:
    found = set()
    for path in (PACKAGE / "services").rglob("*.py"):
        if "check_export" not in (text := path.read_text(encoding="utf-8")) or path.name == "policy_rules.py":
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef):
                for kind in _GATE.findall(ast.get_source_segment(text, node) or ""):
                    found.add((path.relative_to(PACKAGE / "services").as_posix(), node.name, kind))
    return found


def _source(module: str, function: str) -> str:
    text = (PACKAGE / "services" / module).read_text(encoding="utf-8")
    [node] = [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.FunctionDef) and n.name == function]
    return ast.get_source_segment(text, node) or ""


def test_every_gated_export_is_listed_with_its_kind():
    assert _gated_functions() == set(EXPORTS)
    assert {kind for _m, _f, kind in EXPORTS} <= set(EXPORT_KINDS)


@pytest.mark.parametrize(
    "module,function,kind",
    [
        key
        if wired
        else pytest.param(*key, marks=pytest.mark.xfail(strict=True, reason="not wired to the register yet"))
        for key, wired in EXPORTS.items()
    ],
)
def test_the_export_writes_a_register_entry(module, function, kind):
    source = _source(module, function)
    assert "recorded_export(" in source and f'"{kind}"' in source
