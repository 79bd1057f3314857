"""The 导入导出 page's exports ask their purpose (issue 18.3, a modal dialog): answered here with
the kind's default for every test of this folder, the kinds asked recorded
(``exchange_purposes``). The page imports ``ask_purpose`` by name, so it is patched there."""

from __future__ import annotations

import pytest

from rm_desktop.services.export_controls.purposes import default_control


@pytest.fixture(autouse=True)
def exchange_purposes(monkeypatch) -> list[str]:
    asked: list[str] = []

    def answer(_parent, kind, _fields=(), *, what=""):
        asked.append(kind)
        return default_control(kind)

    monkeypatch.setattr("rm_desktop.ui.exchange.exchange_page.ask_purpose", answer)
    return asked
