"""Which of a plan's problems the editor shows: those of the fields the RM has changed since the
plan was opened, or all of them once 保存 / 定稿 was pressed.

A plan just created (or opened) is full of gaps that are not mistakes yet: a wall of red on a
blank form tells the RM nothing. So a field's problem appears once that field was touched, and
the whole list once the RM asks to keep the plan. "Touched" is found by comparing the content's
leaves (services/plans/compare.flatten: ``goals[1].amount`` …) with the previous check, so every
kind of widget (line edit, combo, table cell, date) counts without each having to report it. A
leaf that appears empty (a row just added) is not touched: its gaps show once something is typed.
"""

from __future__ import annotations

from collections.abc import Mapping

from rm_desktop.services.plans.compare import flatten
from rm_desktop.services.plans.content import PlanContent


def _near(problem: str, touched: str) -> bool:
    """The same field, or one inside the other (``target_allocation`` and its ``.equity``)."""
    if problem == touched:
        return True
    longer, shorter = (problem, touched) if len(problem) > len(touched) else (touched, problem)
    return longer.startswith(shorter) and longer[len(shorter)] in ".["


class TouchedFields:
    def __init__(self) -> None:
        self.touched: set[str] = set()
        self.reveal = False  # 保存 or 定稿 was pressed: every problem shows
        self._seen: dict[str, str] = {}

    def start(self, content: PlanContent) -> None:
        """A plan was loaded: nothing touched yet."""
        self.touched.clear()
        self.reveal = False
        self._seen = flatten(content.to_dict())

    def update(self, content: PlanContent) -> None:
        """Note the leaves that changed since the last check."""
        leaves = flatten(content.to_dict())
        self.touched |= {p for p in leaves.keys() | self._seen.keys() if leaves.get(p, "") != self._seen.get(p, "")}
        self._seen = leaves

    def shown(self, problems: Mapping[str, list[str]]) -> dict[str, list[str]]:
        if self.reveal:
            return dict(problems)
        return {path: m for path, m in problems.items() if any(_near(path, t) for t in self.touched)}
