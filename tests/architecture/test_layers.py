"""The layer split: domain, services, storage, import/export, security and the CLI import no Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "rm_desktop"
QT_ALLOWED = {"ui", "app.py"}  # the GUI client and its entry point


def _qt_free_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in QT_ALLOWED]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_direct_qt_imports_outside_ui():
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(n for n in _imports(p) if n.split(".")[0] in ("PySide6", "shiboken6"))
        for p in _qt_free_modules()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_qt_free_layers_do_not_pull_qt_in_transitively():
    modules = sorted(
        {
            ".".join(("rm_desktop", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
            for p in _qt_free_modules()
            # __main__ runs the CLI; migration scripts only run inside Alembic.
            if p.name != "__main__.py" and "migrations" not in p.parts
        }
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_ui_does_not_touch_storage_directly():
    """The GUI goes through services; only the session and maintenance page may name storage helpers."""
    allowed = {"vault_page.py"}  # lists backup files (read-only helper in storage.backups)
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "ui").rglob("*.py")
        if p.name not in allowed
        and any(n.startswith("rm_desktop.storage.models") or n == "sqlalchemy" for n in _imports(p))
    ]
    assert offenders == []
