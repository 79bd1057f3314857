"""The 今日工作清单 page counts and groups its items in the background job, not on the UI
thread (a 100k book's figures and groups held the UI ~0.15 s): the page only shows them."""

from __future__ import annotations

import datetime as dt
import threading

from rm_desktop.services.clients.files import create_client
from rm_desktop.services.worklist import build
from rm_desktop.ui.reminders import worklist_page
from rm_desktop.ui.reminders.worklist_page import WorklistPage
from rm_desktop.ui.widgets.privacy import Privacy

NOW = dt.datetime(2026, 6, 15, 10, 0)


def test_figures_and_groups_are_made_off_the_ui_thread(qtbot, vault, monkeypatch):
    for k in range(12):  # more than the plan's 8: the rest has groups
        create_client(vault, {"name": f"客户{k}", "aum": "300000"}, today=NOW.date())
    ui_thread = threading.current_thread()
    figures_on: list[threading.Thread] = []
    grouped_on: list[threading.Thread] = []
    real_figures, real_groups = worklist_page.figures, build.Worklist.rest_by_kind

    def figures(worklist):
        figures_on.append(threading.current_thread())
        return real_figures(worklist)

    def rest_by_kind(self):
        if self._groups is None:  # the grouping itself, not the cached answer
            grouped_on.append(threading.current_thread())
        return real_groups(self)

    monkeypatch.setattr(worklist_page, "figures", figures)
    monkeypatch.setattr(build.Worklist, "rest_by_kind", rest_by_kind)
    page = WorklistPage(Privacy(), clock=lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.attach(vault)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()
    assert page.worklist is not None and len(page.worklist.rest) > 0
    assert page.model.group_codes()[1:] == [code for code, _items in page.worklist.rest_by_kind()]
    assert len(figures_on) == 2 and len(grouped_on) == 2  # once per load
    assert ui_thread not in figures_on + grouped_on
    page.detach()
