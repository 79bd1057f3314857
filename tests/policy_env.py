"""An IT policy file for one test: written under tmp_path, named by RM_DESKTOP_POLICY, and the
process's cached policy dropped so the next read sees it (monkeypatch restores both after)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rm_desktop.security import policy


def install(monkeypatch, tmp_path: Path, content: Any) -> Path:
    """``content``: a dict (written as JSON), a str or bytes (written as is), or None (no file)."""
    path = tmp_path / "policy" / "policy.json"
    path.parent.mkdir(exist_ok=True)
    if isinstance(content, dict):
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif path.is_file():
        path.unlink()  # the policy removed
    monkeypatch.setenv(policy.ENV, str(path))
    monkeypatch.setattr(policy, "_current", None)
    return path
