"""The provider contract of the client timeline.

A provider is a function ``(session, client_id) -> list[TimelineEntry]`` that reads one
feature's rows of one client; ``providers.client_timeline`` calls every provider in one read
session and merges their entries by time. A provider never writes and never opens its own
session, so the whole view is one consistent snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class TimelineEntry:
    """One row of the timeline.

    ``kind`` is a stable key ("contact", "complaint", "opportunity", ...) the GUI maps to a
    label and an icon; ``title`` and ``detail`` are already in the user's language
    (``i18n.t``); ``ref`` is the row's id in its own table, so a double-click can open it.
    """

    when: dt.datetime
    kind: str
    title: str
    detail: str = ""
    ref: int | None = None


Provider = Callable[[Session, int], list[TimelineEntry]]


def as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    """A date-only fact (a close date, an event day) sorts at the start of its day."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time())
