"""The RM's daily work log (工作日志): the free note and tomorrow's plan, kept in the vault per day.

While the day lasts (Asia/Shanghai) the log is a draft: a save rewrites the latest revision and
bumps its number. Once the day is over it is locked: a save adds the next revision and every
earlier one stays as it was reported. A save against a revision older than the stored one
whose text differs raises ``domain.errors.StaleEdit`` (another window saved in between); a save
for a day still to come is refused.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError, ValidationError, check_version
from rm_desktop.domain.reports.periods import local_day, local_naive
from rm_desktop.i18n import t
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models_reports import DayLog

MAX_NOTE = 5000
MAX_PLAN_LINES = 30
MAX_PLAN_LINE = 200


@dataclass(frozen=True)
class DayLogRevision:
    revision: int
    saved_at: dt.datetime
    note: str
    tomorrow: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "revision": self.revision,
            "saved_at": self.saved_at.isoformat(timespec="seconds"),
            "note": self.note,
            "tomorrow": list(self.tomorrow),
        }


def is_locked(day: dt.date, now: dt.datetime) -> bool:
    """A day's log is locked once the day is over in Asia/Shanghai."""
    return local_day(now) > day


def _clean(note: str, tomorrow: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise ValidationError("note", t("备注最多 {} 个字", "the note is at most {} characters").format(MAX_NOTE))
    lines = tuple(line.strip() for line in tomorrow if line and line.strip())
    if len(lines) > MAX_PLAN_LINES:
        raise ValidationError(
            "tomorrow", t("明日计划最多 {} 条", "tomorrow's plan has at most {} lines").format(MAX_PLAN_LINES)
        )
    for index, line in enumerate(lines, 1):
        if len(line) > MAX_PLAN_LINE:
            raise ValidationError(
                "tomorrow",
                t("明日计划第 {} 条超过 {} 个字", "line {} of tomorrow's plan is over {} characters").format(
                    index, MAX_PLAN_LINE
                ),
            )
    return text, lines


def _revision(row: DayLog) -> DayLogRevision:
    return DayLogRevision(row.revision, row.saved_at, row.note, tuple(json.loads(row.tomorrow)))


def _latest(session: Session, day: dt.date) -> DayLog | None:
    return session.scalars(select(DayLog).where(DayLog.day == day).order_by(DayLog.revision.desc()).limit(1)).first()


def latest_day_log(vault: VaultHandle, day: dt.date) -> DayLogRevision | None:
    with vault.sessions() as session:
        row = _latest(session, day)
        return None if row is None else _revision(row)


def day_log_revisions(vault: VaultHandle, day: dt.date) -> list[DayLogRevision]:
    """Every kept revision of the day's log, oldest first (empty: nothing saved)."""
    with vault.sessions() as session:
        rows = session.scalars(select(DayLog).where(DayLog.day == day).order_by(DayLog.revision)).all()
        return [_revision(row) for row in rows]


def save_day_log(
    vault: VaultHandle,
    day: dt.date,
    note: str,
    tomorrow: Sequence[str],
    *,
    now: dt.datetime,
    expected_revision: int | None = None,
) -> int:
    """Save the day's note and plan; returns the revision now stored. ``expected_revision`` is
    the revision the form read (0: it read none; None: no check)."""
    if day > local_day(now):
        raise UserError(
            t("不能为尚未到来的日期写工作日志：{}", "cannot write the work log of a day still to come: {}").format(
                day.isoformat()
            )
        )
    text, lines = _clean(note, tomorrow)
    saved_at = local_naive(now).replace(microsecond=0)
    with vault.sessions.begin() as session:
        row = _latest(session, day)
        current = 0 if row is None else row.revision
        if row is not None:
            theirs = {"note": row.note, "tomorrow": list(json.loads(row.tomorrow))}
            check_version(current, expected_revision, current, {"note": text, "tomorrow": list(lines)}, theirs)
        elif expected_revision not in (None, 0):
            raise UserError(
                t("第 {} 版工作日志不存在：{}", "revision {} of the work log does not exist: {}").format(
                    expected_revision, day.isoformat()
                )
            )
        stored = json.dumps(list(lines), ensure_ascii=False)
        if row is not None and not is_locked(day, now):
            row.note, row.tomorrow, row.saved_at, row.revision = text, stored, saved_at, current + 1
        else:
            session.add(DayLog(day=day, revision=current + 1, note=text, tomorrow=stored, saved_at=saved_at))
        return current + 1
