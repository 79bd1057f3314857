"""Worklist candidates from the reminder engine's reminders, and the maturity-outcome prompt.

One holding's maturity is one item: of its staged notices (T-30, T-7, T-1, T-0) shown by
today, the nearest stage stands for it; a T-30 notice is early work (its urgency is low), not
today's. Once the maturity date has passed, the notice gives way to the outcome prompt
(到期承接), which stays until an outcome is recorded. Only reminders shown by today are work
for today; the next days' are the reminder page's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from rm_desktop.domain.reminders import (
    KIND_APPOINTMENT,
    KIND_BIRTHDAY,
    KIND_CADENCE,
    KIND_CUSTOM,
    KIND_FOLLOW_UP,
    KIND_MATURITY,
    Reminder,
)

from .model import KIND_OUTCOME, NO_VALUES, Candidate, ClientContext

# The kind's words at the head of the "why" (zh, en); lateness is added after them.
HEADS = {
    KIND_FOLLOW_UP: ("跟进", "follow-up"),
    KIND_APPOINTMENT: ("约见", "appointment"),
    "risk_expiry": ("风险测评到期", "risk assessment due"),
    KIND_CADENCE: ("定期联系", "regular contact"),
    "plan_review": ("规划回顾", "plan review"),
    KIND_BIRTHDAY: ("生日", "birthday"),
    "festival": ("节日问候", "festival greetings"),
    KIND_CUSTOM: ("提醒", "reminder"),
}


class Contexts(Protocol):
    """Client id → the client's context, or None (a dict, or the worklist's book itself)."""

    def get(self, client_id: int, /) -> ClientContext | None: ...


@dataclass(frozen=True, slots=True)
class HoldingContext:
    holding_id: int
    product: str
    amount: Decimal | None
    maturity_date: dt.date


def _literal(text: str) -> str:
    """User text inside a head template (a product named "{x}" must not be a placeholder)."""
    return text.replace("{", "{{").replace("}", "}}")


def _stage(reminder: Reminder) -> int:
    _, _, offset = reminder.key.rpartition(":T-")
    return int(offset) if offset.isdigit() else 0


def _lateness(due: dt.date, today: dt.date) -> tuple[str, str]:
    late = (today - due).days
    if late > 0:
        return f"逾期 {late} 天", f"{late} days late"
    if late == 0:
        return "今天", "today"
    return f"{-late} 天后", f"in {-late} days"


def _maturity(reminder: Reminder, client: ClientContext | None, holding: HoldingContext | None) -> Candidate:
    stage = _stage(reminder)
    amount = holding.amount if holding is not None else None
    product = f"（{_literal(holding.product)}）" if holding is not None else ""
    product_en = f" ({_literal(holding.product)})" if holding is not None else ""
    money_zh, money_en = (" {amount}", " {amount}") if amount is not None else ("", "")
    return Candidate(
        key=reminder.key,
        kind=KIND_MATURITY,
        client=client,
        due=reminder.due,
        head_zh=f"到期{money_zh} T-{stage}{product}",
        head_en=f"matures{money_en} T-{stage}{product_en}",
        amounts={"amount": amount} if amount is not None else {},
        stake=amount,
        stage=stage,
        hard=stage <= 1,
        ref_id=reminder.ref_id,
    )


def _own_title(reminder: Reminder) -> str:
    """A reminder's title without the client's name in front (the item's client column shows
    the name, which privacy mode masks; the "why" must not repeat it)."""
    name = reminder.client_name
    for sep in ("：", ": "):
        if name and reminder.title.startswith(name + sep):
            return reminder.title[len(name) + len(sep) :]
    return reminder.title


def _heads(reminder: Reminder, today: dt.date) -> tuple[str, str]:
    zh, en = HEADS.get(reminder.kind, (reminder.kind, reminder.kind))
    if reminder.kind == KIND_APPOINTMENT:
        when = reminder.key.rsplit("T", 1)[-1]  # appointment:<id>:<YYYY-MM-DDTHH:MM>
        late_zh = late_en = when
    else:
        late_zh, late_en = _lateness(reminder.due, today)
    if reminder.kind == KIND_CUSTOM:  # the RM's own words are the item ("重要挽留客户 回访")
        own = _literal(_own_title(reminder))
        late_zh, late_en = f"{late_zh}：{own}", f"{late_en}: {own}"
    return f"{zh} {late_zh}", f"{en} {late_en}"


def _other(
    reminder: Reminder, client: ClientContext | None, today: dt.date, heads: dict[tuple[str, dt.date], tuple[str, str]]
) -> Candidate:
    kind = reminder.kind
    if kind in (KIND_APPOINTMENT, KIND_CUSTOM):  # their own time or words: made for each
        head_zh, head_en = _heads(reminder, today)
    else:  # the same words for every reminder of a kind due that day (a 100k book: ~30k of them)
        known = heads.get((kind, reminder.due))
        if known is None:
            known = heads[(kind, reminder.due)] = _heads(reminder, today)
        head_zh, head_en = known
    # By position (key, kind, client, due, heads, amounts, stake, stage, hard, ref_id): half the
    # cost of keywords, and a 100k book makes ~30k of these (issue 19.4).
    return Candidate(
        reminder.key,
        kind,
        client,
        reminder.due if kind != KIND_BIRTHDAY else reminder.date,
        head_zh,
        head_en,
        NO_VALUES,
        None,
        None,
        kind == KIND_FOLLOW_UP and reminder.due <= today,
        reminder.ref_id,
    )


def reminder_candidates(
    reminders: Iterable[Reminder],
    today: dt.date,
    clients: Contexts,
    holdings: Mapping[int, HoldingContext],
) -> list[Candidate]:
    """Candidates of the reminders shown by ``today``, one per maturing holding (see notes)."""
    out: list[Candidate] = []
    nearest: dict[int, Reminder] = {}
    heads: dict[tuple[str, dt.date], tuple[str, str]] = {}
    for reminder in reminders:
        if reminder.date > today:
            continue
        client = clients.get(reminder.client_id) if reminder.client_id is not None else None
        if reminder.kind != KIND_MATURITY:
            out.append(_other(reminder, client, today, heads))
        elif reminder.due >= today and reminder.ref_id is not None:
            held = nearest.get(reminder.ref_id)
            if held is None or _stage(reminder) < _stage(held):
                nearest[reminder.ref_id] = reminder
    for holding_id, reminder in nearest.items():
        client = clients.get(reminder.client_id) if reminder.client_id is not None else None
        out.append(_maturity(reminder, client, holdings.get(holding_id)))
    return out


def outcome_candidate(holding: HoldingContext, client: ClientContext | None, today: dt.date) -> Candidate:
    """Ask what happened to a matured product's money (hard: the money is leaving now)."""
    days = (today - holding.maturity_date).days
    amount = holding.amount
    money = " {amount}" if amount is not None else ""
    product = _literal(holding.product)
    return Candidate(
        key=f"{KIND_OUTCOME}:{holding.holding_id}",
        kind=KIND_OUTCOME,
        client=client,
        due=holding.maturity_date,
        head_zh=f"到期承接：{product}{money} 已到期 {days} 天，去向待记录",
        head_en=f"maturity outcome: {product}{money} matured {days} days ago, not yet recorded",
        amounts={"amount": amount} if amount is not None else {},
        stake=amount,
        hard=True,
        ref_id=holding.holding_id,
    )
