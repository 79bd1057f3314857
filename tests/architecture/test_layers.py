"""The shape of the package, enforced: which layer may import which, no import cycles, feature
packages that meet only through their public modules, and Qt only in the GUI."""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "rm_desktop"
QT_ALLOWED = {"ui", "app.py"}  # the GUI client and its entry point
FEATURE_LAYERS = ("services", "ui")  # split into one package per feature

# Imports point down: a module may import its own rank or lower. The two clients (GUI, CLI)
# are peers that never import each other.
RANK = {
    "i18n": 0, "logsafe": 0, "domain": 0,
    "io": 1, "storage": 1, "security": 1,
    "services": 2, "selftest": 2,
    "cli": 3, "ui": 3,
    "app": 4, "__main__": 4,
}  # fmt: skip


def _module_name(path: Path) -> str:
    return ".".join(("rm_desktop", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


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


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = _module_name(path).split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


@cache
def _edges(module: str) -> frozenset[tuple[str, str]]:
    """(imported project module, name imported from it or "") for every import in ``module``,
    including the ones inside functions: a deferred import is still a dependency."""
    known = _modules()
    path = known[module]
    found: set[tuple[str, str]] = set()

    def owner(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (target := owner(alias.name)) is not None:
                    found.add((target, ""))
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(path, node)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in known:  # `from package import module`
                    found.add((full, ""))
                elif (target := owner(base)) is not None:
                    found.add((target, alias.name))
    found.discard((module, ""))
    return frozenset(found)


def _rank(module: str) -> int:
    return RANK[module.split(".")[1]]


def _feature(module: str) -> str | None:
    """``rm_desktop.services.clients`` for any module inside that feature package."""
    parts = module.split(".")
    if len(parts) >= 3 and parts[1] in FEATURE_LAYERS and (PACKAGE / parts[1] / parts[2]).is_dir():
        return ".".join(parts[:3])
    return None


def _public_modules(feature: str) -> set[str]:
    init = PACKAGE.joinpath(*feature.split(".")[1:], "__init__.py")
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return {f"{feature}.{name}" for name in ast.literal_eval(node.value)}
    return set()


def test_every_top_level_area_has_a_rank():
    assert {
        _module_name(p).split(".")[1] for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE or p.stem != "__init__"
    } <= set(RANK)


def _upward_imports() -> list[str]:
    return sorted(
        f"{module} -> {target}"
        for module in _modules()
        if module != "rm_desktop"
        for target, _name in _edges(module)
        if target != "rm_desktop"
        and (_rank(target) > _rank(module) or {module.split(".")[1], target.split(".")[1]} == {"cli", "ui"})
    )


def test_imports_point_down():
    assert _upward_imports() == []


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    graph = {m: sorted({t for t, _ in _edges(m)}) for m in _modules()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles():
    assert _cycles() == []


def _with_extra_edges(monkeypatch, extra: dict[str, set[tuple[str, str]]]) -> None:
    real = _edges.__wrapped__
    monkeypatch.setattr(sys.modules[__name__], "_edges", lambda module: real(module) | extra.get(module, set()))


def test_the_checks_see_what_they_forbid(monkeypatch):
    """Each rule fails on a planted import: a cycle, an upward import, a private module, a private name."""
    money, errors = "rm_desktop.domain.money", "rm_desktop.domain.errors"
    planted = {
        money: {(errors, "")},
        errors: {(money, ""), ("rm_desktop.services.search.query", "")},
        "rm_desktop.ui.plans.plans_page": {("rm_desktop.ui.clients.client_form", "")},
        "rm_desktop.ui.scripts.scripts_page": {("rm_desktop.ui.clients.clients_page", "_private")},
    }
    _with_extra_edges(monkeypatch, planted)
    assert any({money, errors} <= set(component) for component in _cycles())
    assert f"{errors} -> rm_desktop.services.search.query" in _upward_imports()
    assert set(_package_offenders()) == {
        "rm_desktop.ui.plans.plans_page imports rm_desktop.ui.clients.client_form, "
        "which rm_desktop.ui.clients does not list in __all__",
        "rm_desktop.ui.scripts.scripts_page imports the private name rm_desktop.ui.clients.clients_page._private",
    }


def _package_offenders() -> list[str]:
    offenders = []
    for module in _modules():
        here = _feature(module)
        for target, name in _edges(module):
            there = _feature(target)
            if there is None or there == here or target == there:
                continue
            if target not in _public_modules(there):
                offenders.append(f"{module} imports {target}, which {there} does not list in __all__")
            elif name.startswith("_"):
                offenders.append(f"{module} imports the private name {target}.{name}")
    return offenders


def test_feature_packages_meet_only_through_public_modules():
    assert _package_offenders() == []


def test_every_feature_package_declares_its_public_modules():
    for layer in FEATURE_LAYERS:
        for folder in (PACKAGE / layer).iterdir():
            if folder.is_dir() and (folder / "__init__.py").exists():
                feature = f"rm_desktop.{layer}.{folder.name}"
                public = _public_modules(feature)
                assert public, f"{feature}/__init__.py has no __all__"
                assert public <= set(_modules()), f"{feature}.__all__ names a module that does not exist"


def test_no_direct_qt_imports_outside_ui():
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(n for n in _imports(p) if n.split(".")[0] in ("PySide6", "shiboken6"))
        for p in _qt_free_modules()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_qt_free_layers_do_not_pull_qt_in_transitively():
    modules = sorted(
        {
            _module_name(p)
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
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_ui_does_not_touch_storage_directly():
    """The GUI goes through services; only the maintenance page may name storage helpers."""
    allowed = {"vault_page.py"}  # lists backup files (read-only helper in storage.backups)
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "ui").rglob("*.py")
        if p.name not in allowed
        and any(n.startswith("rm_desktop.storage.models") or n == "sqlalchemy" for n in _imports(p))
    ]
    assert offenders == []
