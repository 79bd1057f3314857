"""docs/architecture.md stays true: every module of the package is listed under its folder."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "rm_desktop"


def _rows() -> dict[str, set[str]]:
    rows = {}
    for line in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines():
        if match := re.match(r"\| `([\w/]+/)` \| (.*) \|$", line):
            rows[match[1]] = set(re.findall(r"`(\w+)`", match[2]))
    return rows


def test_every_module_is_listed_under_its_folder():
    rows = _rows()
    missing = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if path.name in ("__init__.py", "__main__.py") or "migrations" in rel.parts:
            continue
        folder = "rm_desktop/" if rel.parent == Path(".") else f"{rel.parent.as_posix()}/"
        if path.stem not in rows.get(folder, set()):
            missing.append(str(rel))
    assert sorted(missing) == []


def test_every_listed_module_exists():
    stale = [
        f"{folder}{name}"
        for folder, names in _rows().items()
        for name in names
        if not (PACKAGE / ("" if folder == "rm_desktop/" else folder) / f"{name}.py").exists()
    ]
    assert stale == []
