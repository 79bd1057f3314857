"""The 今日工作清单 tree over the lazy order (issue 19.4): a worklist built from a Ranking shows
the same rows as one built from the fully sorted list, passes the model tester, and a folded
group is put in order only once the tree opens it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rm_desktop.domain.worklist import Candidate, ClientContext, Ranking, WorklistSettings, rank
from rm_desktop.services.worklist.build import Worklist
from rm_desktop.ui.reminders.worklist_model import ITEM_ROLE, WorklistModel
from rm_desktop.ui.widgets.privacy import Privacy

TODAY = dt.date(2026, 6, 15)


def _candidates() -> list[Candidate]:
    clients = [ClientContext(c, f"客户{c}", "private", "私行客户", Decimal(10_000 * c), None, 30) for c in range(1, 40)]
    kinds = ("cadence", "churn", "birthday", "follow_up")
    return [
        Candidate(f"{kinds[n % 4]}:{n}", kinds[n % 4], clients[n % 39], TODAY - dt.timedelta(days=n % 6), "事", "item")
        for n in range(160)
    ]


def _rows(model: WorklistModel) -> list[tuple[str, list[str]]]:
    out = []
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        keys = [model.index(r, 0, group).data(ITEM_ROLE).key for r in range(model.rowCount(group))]
        out.append((model.group_codes()[row], keys))
    return out


def test_the_lazy_worklist_shows_the_same_tree_and_passes_the_tester(qapp, qtmodeltester):
    settings = WorklistSettings()
    eager, lazy = WorklistModel(Privacy()), WorklistModel(Privacy())
    eager.set_worklist(Worklist(TODAY, 8, rank(_candidates(), TODAY, settings)))
    lazy.set_worklist(Worklist(TODAY, 8, Ranking(_candidates(), TODAY, settings)))
    assert _rows(lazy) == _rows(eager) and len(_rows(lazy)) == 5  # the plan and four kinds
    qtmodeltester.check(lazy)


def test_a_folded_group_is_ordered_when_opened(qtbot):
    from PySide6.QtWidgets import QTreeView

    worklist = Worklist(TODAY, 8, Ranking(_candidates(), TODAY, WorklistSettings()))
    model = WorklistModel(Privacy())
    model.set_worklist(worklist)
    tree = QTreeView()
    qtbot.addWidget(tree)
    tree.setModel(model)
    tree.resize(800, 600)
    tree.expand(model.index(0, 0))  # the plan only, as the page opens a long group folded
    tree.show()
    qtbot.waitExposed(tree)
    groups = dict(worklist.rest_by_kind())
    assert all(group._items is None for group in groups.values())  # counts shown, nothing sorted
    churn = model.index(model.group_codes().index("churn"), 0)
    assert churn.data() == f"流失预警（{len(groups['churn'])}）"
    tree.expand(churn)
    qtbot.wait(10)
    assert groups["churn"]._items is not None and groups["cadence"]._items is None
