"""Dependencies say what the code uses, and the hashed lock files pin all of it.

pyproject.toml lists ranges: [project] dependencies for what rm_desktop imports, the ``test`` and
``build`` extras for the tests' and the bundle's tools. requirements/runtime.txt, build.txt and
test.txt (``make lock``) pin them with hashes, each set leaving out what the ones before it pin.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
SETS = ("runtime", "build", "test")  # installed in this order, together
LOCAL = {"rm_desktop", "tests", "tools", "benchmarks"} | {
    p.stem for folder in ("installer", "tests") for p in (ROOT / folder).rglob("*.py")
}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def _declared(requirements: list[str]) -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, requirements)}


RUNTIME = _declared(PROJECT["dependencies"])
EXTRAS = {name: _declared(reqs) for name, reqs in PROJECT["optional-dependencies"].items()}


def _lock(name: str) -> dict[str, tuple[str, str | None, int]]:
    """package → (version, marker, number of hashes) of requirements/<name>.txt."""
    pins: dict[str, tuple[str, str | None, int]] = {}
    current = None
    for line in (ROOT / "requirements" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match["name"])
            assert current not in pins, f"{current} twice in {name}.txt"
            pins[current] = (match["version"], match["marker"], 0)
        elif line.strip().startswith("--hash=sha256:") and current:
            version, marker, hashes = pins[current]
            pins[current] = (version, marker, hashes + 1)
    return pins


LOCKS = {name: _lock(name) for name in SETS}


def _third_party_imports(folder: Path) -> dict[str, set[str]]:
    """Top-level module → the files importing it (deferred imports inside functions included)."""
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL and top != "__future__":
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def _distributions(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    """Distribution → the modules of it imported; a module no installed distribution provides fails."""
    providers = importlib.metadata.packages_distributions()
    unknown = {m: sorted(files) for m, files in modules.items() if m not in providers}
    assert unknown == {}, "imported, but no installed distribution provides it"
    found: dict[str, set[str]] = {}
    for module in modules:
        for dist in providers[module]:
            found.setdefault(canonicalize_name(dist), set()).add(module)
    return found


def test_the_app_declares_exactly_what_it_imports():
    imported = _distributions(_third_party_imports(ROOT / "rm_desktop"))
    undeclared = {dist: mods for dist, mods in imported.items() if dist not in RUNTIME}
    assert undeclared == {}, "imported by rm_desktop: add to [project] dependencies"
    unused = set(RUNTIME) - set(imported)
    assert unused == set(), "declared but never imported by rm_desktop: drop, or move to an extra"


def test_the_tests_import_only_declared_packages():
    imported = _distributions(_third_party_imports(ROOT / "tests"))
    allowed = set(RUNTIME) | set(EXTRAS["test"])
    assert {dist: mods for dist, mods in imported.items() if dist not in allowed} == {}


@pytest.mark.parametrize("name", SETS)
def test_every_pin_is_exact_and_hashed(name):
    pins = LOCKS[name]
    assert pins
    assert {package: hashes for package, (_v, _m, hashes) in pins.items() if hashes == 0} == {}


def test_no_package_is_pinned_in_two_sets():
    seen: dict[str, str] = {}
    for name in SETS:
        for package in LOCKS[name]:
            assert package not in seen, f"{package} in {seen[package]}.txt and {name}.txt"
            seen[package] = name


@pytest.mark.parametrize(("declared", "sets"), [("runtime", SETS[:1]), ("build", SETS[:2]), ("test", SETS)])
def test_each_declared_range_is_pinned_in_its_set(declared, sets):
    requirements = RUNTIME if declared == "runtime" else EXTRAS[declared]
    pins = {package: pin for name in sets for package, pin in LOCKS[name].items()}
    for package, requirement in requirements.items():
        assert package in pins, f"{package} is not pinned: run `make lock`"
        assert requirement.specifier.contains(pins[package][0], prereleases=True), (package, pins[package][0])


def test_the_sets_hold_what_windows_needs():
    """Resolved for every platform: the packages only Windows installs are there, behind their markers."""
    for name, package in [("runtime", "pywin32-ctypes"), ("build", "pefile"), ("test", "colorama")]:
        _version, marker, hashes = LOCKS[name][package]
        assert marker == "sys_platform == 'win32'" and hashes, (name, package)
    # Every release file is hashed, not only this machine's: Windows wheels of the binary packages.
    assert LOCKS["runtime"]["pyside6-essentials"][2] >= 3 and LOCKS["runtime"]["sqlcipher3"][2] >= 3


def test_the_installed_versions_are_the_pinned_ones():
    pins = {package: pin for name in SETS for package, pin in LOCKS[name].items()}
    wrong = {}
    for dist in importlib.metadata.distributions():
        package = canonicalize_name(dist.metadata["Name"])
        if package in pins and dist.version != pins[package][0]:
            wrong[package] = (dist.version, pins[package][0])
    assert wrong == {}, "the venv differs from requirements/: run `make test` (it reinstalls)"


def test_installers_use_the_hashed_sets():
    for script in ("Makefile", "installer/build.sh", "installer/build.ps1"):
        text = (ROOT / script).read_text(encoding="utf-8")
        assert "--require-hashes" in text and "requirements.lock" not in text, script
        assert re.search(r"requirements[/\\]build\.txt|\$\(REQ\)/build\.txt", text), script
