"""汇总下属报告… in the GUI (issue 18.3): the vault is open, so every summary asks its purpose and
is registered; a named subordinate's bundle makes it a personal-data row (its clients counted),
as ``report collect`` registers it on the command line (tests/cli/test_cli_report_collect_register)."""

from __future__ import annotations

from rm_desktop.domain.reports import DAY
from rm_desktop.domain.reports.periods import period_for
from rm_desktop.services import report_outputs as outputs
from rm_desktop.services.export_controls import register
from rm_desktop.services.reports import build_report
from rm_desktop.ui.reports import report_actions
from rm_desktop.ui.reports.bundle_dialogs import SummaryDialog
from tests.ui.reports.test_ui_reports_page import NOW, PASSWORD, book, page  # noqa: F401


def test_a_named_bundle_summary_is_registered_with_its_clients(
    qtbot,
    page,  # noqa: F811  # the fixture imported above
    vault,
    tmp_path,
    monkeypatch,
    purposes_asked,
):
    received = tmp_path / "from_wang.rmreport"
    report = build_report(vault, period_for(DAY, "2026-12-02", NOW.date()), now=NOW)
    outputs.export_bundle([report], received, PASSWORD, named=True, now=NOW)  # a subordinate's file
    summary = tmp_path / "sum.xlsx"
    monkeypatch.setattr(report_actions.file_dialogs, "get_save_path", lambda *_a, **_k: (str(summary), ""))
    monkeypatch.setattr(SummaryDialog, "exec", lambda d: d.add_file(str(received), PASSWORD) and 1)
    page.outputs.buttons["summary"].click()
    qtbot.waitUntil(lambda: summary.exists() and bool(register.entries(vault)), timeout=20000)
    [entry] = register.entries(vault)
    assert purposes_asked == ["report"]
    assert (entry.kind, entry.file_name, entry.client_count) == ("report", "sum.xlsx", 1)
    assert "name" in entry.fields
