"""The release version, read from ``rm_desktop/__init__.py`` (the one place it is written).

The build scripts print it (``python installer/release_version.py``) and hand it to PyInstaller
(env ``RM_DESKTOP_VERSION``) and Inno Setup (``/DAppVersion=…``); pyproject.toml reads the same
attribute. The file is parsed, not imported, so a build never runs the package's code for it.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")  # plain X.Y.Z: Windows version resources need numbers


def read_version(root: Path = ROOT) -> str:
    tree = ast.parse((root / "rm_desktop" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            version = ast.literal_eval(node.value)
            if not VERSION_RE.match(version):
                raise ValueError(f"__version__ {version!r} is not X.Y.Z")
            return version
    raise ValueError("rm_desktop/__init__.py has no __version__")


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """X.Y.Z → (X, Y, Z, 0), the four numbers of a Windows file version."""
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch, 0


if __name__ == "__main__":
    print(read_version())
    sys.exit(0)
