"""The person export asks its purpose (issue 18.3) in a modal dialog: here it is answered with
the kind's default, and the kinds asked are recorded (``purposes_asked``) for the tests to check."""

from __future__ import annotations

import pytest

from rm_desktop.services.export_controls.purposes import default_control
from rm_desktop.ui.export_controls import purpose_dialog


@pytest.fixture(autouse=True)
def purposes_asked(monkeypatch) -> list[str]:
    asked: list[str] = []

    def answer(_parent, kind, _fields=(), *, what=""):
        asked.append(kind)
        return default_control(kind)

    monkeypatch.setattr(purpose_dialog, "ask_purpose", answer)
    return asked
