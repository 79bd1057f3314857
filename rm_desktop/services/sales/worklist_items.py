"""An open opportunity's dated next step as a worklist item (kind ``opportunity``).

services/worklist/build calls :func:`next_step_candidates` with the clients' contexts it has
already built; the item is due on the next step's day and stays until the step is moved on
(a new date or step), the opportunity closes, or the item is snoozed or dismissed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.sales import KIND_OPPORTUNITY, OPEN_STAGES, STAGES
from rm_desktop.domain.worklist import Candidate, ClientContext
from rm_desktop.i18n import t
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_sales import Opportunity


def _literal(text: str | None) -> str:
    """User text inside a head template (a step written "{x}" must not be a placeholder)."""
    return (text or "").replace("{", "{{").replace("}", "}}")


def item_key(opportunity_id: int, step_on: dt.date) -> str:
    """The step's day is part of the key: a snooze or dismissal is of this step, and a new
    step date makes a new item."""
    return f"{KIND_OPPORTUNITY}:{opportunity_id}:{step_on.isoformat()}"


def next_step_candidates(conn, today: dt.date, context: Callable[[int], ClientContext | None]) -> list[Candidate]:
    """The open opportunities whose next step is due today or earlier, of clients not in the trash."""
    rows = conn.execute(
        select(
            Opportunity.id, Opportunity.client_id, Opportunity.next_step, Opportunity.next_step_on,
            Opportunity.product_name, Opportunity.amount, Opportunity.stage,
        )
        .join(Client, Client.id == Opportunity.client_id)
        .where(Opportunity.next_step_on <= today, Opportunity.stage.in_(OPEN_STAGES), Client.deleted_at.is_(None))
    )  # fmt: skip
    zh = {c.code: c.zh for c in STAGES.choices}
    en = {c.code: c.en for c in STAGES.choices}
    out = []
    for oid, cid, step, step_on, product, amount, stage in rows:
        late = (today - step_on).days
        late_zh, late_en = (f"，逾期 {late} 天", f", {late} days late") if late > 0 else ("", "")
        out.append(
            Candidate(
                key=item_key(oid, step_on),
                kind=KIND_OPPORTUNITY,
                client=context(cid),
                due=step_on,
                head_zh=f"商机下一步：{_literal(step)}（{_literal(product)} {{amount}}，{zh[stage]}）{late_zh}",
                head_en=f"opportunity next step: {_literal(step)} ({_literal(product)} {{amount}}, {en[stage]}){late_en}",
                amounts={"amount": amount},
                stake=amount,
                ref_id=oid,
            )
        )
    return out


_KEY = re.compile(rf"^{KIND_OPPORTUNITY}:(?P<id>\d+):\d{{4}}-\d{{2}}-\d{{2}}$")


def opportunity_of_key(key: str) -> int | None:
    """The opportunity an item key names, or None when the key is not an opportunity's."""
    match = _KEY.match(key)
    return int(match["id"]) if match else None


def client_in(session: Session, opportunity_id: int) -> int:
    """The client of an opportunity's item (services/worklist/actions acts on it by key)."""
    row = session.get(Opportunity, opportunity_id)
    if row is None:
        raise UserError(t("找不到编号为 {} 的商机", "No opportunity with id {}").format(opportunity_id))
    return row.client_id
