"""Reminders by kind, each group put in order only when it is first read (issue 19.4).

A 100k book's Today page holds ~67k reminders and folds every long group: sorting all of them
up front (~90 ms, a seventh of the page's time) ordered rows nobody looked at. A group here
holds its reminders in the engine's output order and sorts them on first read into exactly
the order the engine's sort followed by :func:`~.engine.apply_snoozes`' re-sort gives: both
sorts are stable, so that is :meth:`Reminder.sort_key`, then the sort key a reminder had
before its snooze moved it (``moved``), then the engine's output order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import overload

from .model import KINDS, Reminder

# id(reminder after its snooze) → its sort key before it (from apply_snoozes' ``moved``).
Moved = Mapping[int, str]


class SortedOnRead(Sequence[Reminder]):
    """Reminders in the engine's order, sorted when first read (the list given, in place);
    ``len`` does not sort."""

    __slots__ = ("_items", "_moved", "_sorted")

    def __init__(self, items: list[Reminder], moved: Moved | None = None):
        self._items = items
        self._moved = moved or {}
        self._sorted = False

    def __len__(self) -> int:
        return len(self._items)

    def ordered(self) -> list[Reminder]:
        items = self._items
        if not self._sorted:
            moved = self._moved
            if moved and any(id(r) in moved for r in items):
                # The ties of the final sort keep the first sort's order: by the old keys.
                items.sort(key=lambda r: moved.get(id(r)) or r.sort_key())
            items.sort(key=Reminder.sort_key)
            self._sorted = True
        return items

    @overload
    def __getitem__(self, index: int) -> Reminder: ...
    @overload
    def __getitem__(self, index: slice) -> list[Reminder]: ...
    def __getitem__(self, index: int | slice) -> Reminder | list[Reminder]:
        return self.ordered()[index]

    def __iter__(self) -> Iterator[Reminder]:
        return iter(self.ordered())


def by_kind(reminders: Iterable[Reminder], moved: Moved | None = None) -> list[tuple[str, SortedOnRead]]:
    """(kind, its reminders) in the engine's kind order, empty kinds left out; a kind the
    engine does not know comes after them, as in a sorted list's first appearance."""
    groups: dict[str, list[Reminder]] = {}
    for reminder in reminders:
        try:
            groups[reminder.kind].append(reminder)
        except KeyError:
            groups[reminder.kind] = [reminder]
    known = [(kind, SortedOnRead(groups.pop(kind), moved)) for kind in KINDS if kind in groups]
    rest = [(kind, SortedOnRead(items, moved)) for kind, items in groups.items()]
    rest.sort(key=lambda group: group[1][0].sort_key())  # rare: reads these groups
    return known + rest


def merged(groups: Iterable[Sequence[Reminder]]) -> list[Reminder]:
    """The groups' reminders as one list in the engine's order: for the engine's kinds, equal
    keys lie within one group, already in order there, and the sort is stable."""
    out = [r for group in groups for r in group]
    out.sort(key=Reminder.sort_key)
    return out
