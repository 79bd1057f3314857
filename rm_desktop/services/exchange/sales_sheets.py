"""The archive's and the handover's sales sheets: 商机 (opportunities, with their stage history)
and 推荐 (referrals), written by the exporter and read back by the importer.

An opportunity carries its 商机号 (its id in the exporting vault, unique inside one file) so a
referral can name the opportunity it brought; both name their client by 档案号 as the other
child sheets do. Values go through the same parsers as the form (domain/sales/fields), so an
imported opportunity is as valid as one typed in. Merging never loses or doubles history: an
opportunity the receiver already has (same client, product, amount and creation day) is kept
as the receiver has it; a referral already stored (same client, day and referrer) is skipped.
A referring client not in the file keeps its name as the referrer (the link cannot be made).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rm_desktop.domain.choices import PRODUCT_TYPES
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.field_values import parse_date, text
from rm_desktop.domain.sales import REFERRER_ROLES, SOURCES, STAGES
from rm_desktop.domain.sales.fields import OPPORTUNITY_FIELDS, REQUIRED_OPPORTUNITY
from rm_desktop.i18n import t
from rm_desktop.services.clients.values import collect
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.children import Children, ChildRow, _key, _sheet_rows
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_sales import Opportunity, OpportunityHistory, Referral

OPPORTUNITIES_SHEET = "商机"
REFERRALS_SHEET = "推荐"
Column = lay.Column

OPPORTUNITY_COLUMNS = (
    Column(lay.ARCHIVE_KEY, "archive_id"),
    Column(lay.CUSTOMER_NO, "customer_no", True),
    Column("商机号", "opportunity_key"),
    Column("产品类型", "product_type"),
    Column("产品名称", "product_name"),
    Column("产品代码", "product_code", True),
    Column("产品风险", "product_risk"),
    Column("金额(元)", "amount", money=True),
    Column("预计成交日", "expected_close"),
    Column("阶段", "stage"),
    Column("来源", "source"),
    Column("下一步", "next_step"),
    Column("下一步日期", "next_step_on"),
    Column("备注", "notes"),
    Column("创建日", "created_on"),
    Column("结案日", "closed_on"),
    Column("未成交原因", "lost_reason"),
    Column("客户书面确认", "acknowledgement"),
    Column("阶段历史(JSON)", "history"),
)
REFERRAL_COLUMNS = (
    Column(lay.ARCHIVE_KEY, "archive_id"),
    Column(lay.CUSTOMER_NO, "customer_no", True),
    Column("推荐人档案号", "referrer_archive_id"),
    Column("推荐人岗位", "referrer_role"),
    Column("推荐人", "referrer_name"),
    Column("推荐日期", "referred_on"),
    Column("商机号", "opportunity_key"),
    Column("备注", "note"),
)
_ZH = {
    "product_type": {c.code: c.zh for c in PRODUCT_TYPES.choices},
    "stage": {c.code: c.zh for c in STAGES.choices},
    "source": {c.code: c.zh for c in SOURCES.choices},
    "referrer_role": {c.code: c.zh for c in REFERRER_ROLES.choices},
}
_EXTRA_PARSERS = {
    "created_on": parse_date,
    "closed_on": parse_date,
    "lost_reason": text(500),
    "acknowledgement": text(500),
}
_NOTE = text(500)


# -- export -----------------------------------------------------------------------------------


def export_sheets(conn, customer_nos: dict[int, str | None]) -> list[tuple[str, tuple[Column, ...], list[list[Any]]]]:
    """The two sheets for the clients in ``customer_nos`` (a trashed client's rows stay with it)."""
    histories: dict[int, list[list[Any]]] = {}
    for oid, at, before, after, note in conn.execute(
        select(OpportunityHistory.opportunity_id, OpportunityHistory.at, OpportunityHistory.from_stage,
               OpportunityHistory.to_stage, OpportunityHistory.note).order_by(OpportunityHistory.at, OpportunityHistory.id)
    ):  # fmt: skip
        histories.setdefault(oid, []).append([at.isoformat(sep=" "), before, after, note])
    keys = [c.key for c in OPPORTUNITY_COLUMNS[3:-1]]
    opportunities = []
    for row in conn.execute(
        select(Opportunity.id, Opportunity.client_id, *[getattr(Opportunity, k) for k in keys]).order_by(Opportunity.id)
    ):
        oid, cid, *values = row
        if cid not in customer_nos:
            continue
        shown = [_ZH[k].get(v, v) if k in _ZH else v for k, v in zip(keys, values, strict=True)]
        history = json.dumps(histories.get(oid, []), ensure_ascii=False)
        opportunities.append([cid, customer_nos[cid], oid, *shown, history])
    referrals = [
        [cid, customer_nos[cid], by if by in customer_nos else None, _ZH["referrer_role"].get(role, role),
         name if name or by is None else by_name, on, oid, note]
        for cid, by, by_name, role, name, on, oid, note in conn.execute(
            select(Referral.client_id, Referral.referrer_client_id, Client.name, Referral.referrer_role,
                   Referral.referrer_name, Referral.referred_on, Referral.opportunity_id, Referral.note)
            .outerjoin(Client, Client.id == Referral.referrer_client_id)
            .order_by(Referral.id)
        )
        if cid in customer_nos
    ]  # fmt: skip
    return [
        (OPPORTUNITIES_SHEET, OPPORTUNITY_COLUMNS, opportunities),
        (REFERRALS_SHEET, REFERRAL_COLUMNS, referrals),
    ]


# -- import: reading --------------------------------------------------------------------------


def read_sales(book, found: Children) -> None:
    """Fill ``found.opportunities`` and ``found.referrals``; a bad row is a reject naming its field."""
    for number, cells in _sheet_rows(book, OPPORTUNITIES_SHEET, OPPORTUNITY_COLUMNS):
        archive_id, customer_no = _key(cells)
        try:
            found.opportunities.append(
                ChildRow(number, archive_id, customer_no, _opportunity(cells, archive_id, customer_no))
            )
        except ValidationError as exc:
            found.rejected.append((OPPORTUNITIES_SHEET, number, [f"{exc.field}: {exc.message}"]))
    for number, cells in _sheet_rows(book, REFERRALS_SHEET, REFERRAL_COLUMNS):
        archive_id, customer_no = _key(cells)
        try:
            found.referrals.append(ChildRow(number, archive_id, customer_no, _referral(cells, archive_id, customer_no)))
        except ValidationError as exc:
            found.rejected.append((REFERRALS_SHEET, number, [f"{exc.field}: {exc.message}"]))


def _owner(archive_id, customer_no) -> None:
    if archive_id is None and customer_no is None:
        raise ValidationError(
            "archive_id",
            t(
                "没有档案号或客户编号，不知道属于哪位客户",
                "no archive number or customer number: the row belongs to no client",
            ),
        )


def _opportunity(cells: dict[str, object], archive_id, customer_no) -> dict[str, Any]:
    _owner(archive_id, customer_no)
    key, history = cells.pop("opportunity_key", None), cells.pop("history", None)
    given = {k: v for k, v in cells.items() if v not in (None, "")}
    parsed, errors = collect({k: v for k, v in given.items() if k in OPPORTUNITY_FIELDS}, OPPORTUNITY_FIELDS)
    extra, more = collect({k: v for k, v in given.items() if k in _EXTRA_PARSERS}, _EXTRA_PARSERS)
    errors.update(more)
    for required in (*REQUIRED_OPPORTUNITY, "stage"):
        if parsed.get(required) is None and required not in errors:
            errors[required] = t("不能为空", "is required")
    if errors:
        field, message = next(iter(errors.items()))
        raise ValidationError(field, message)
    try:
        steps = [(dt.datetime.fromisoformat(at), a, b, n) for at, a, b, n in json.loads(str(history or "[]"))]
    except (ValueError, TypeError):
        raise ValidationError("history", t("阶段历史不是有效的 JSON", "the stage history is not valid JSON")) from None
    return {**parsed, **extra, "key": key if isinstance(key, int) else None, "history": steps}


def _referral(cells: dict[str, object], archive_id, customer_no) -> dict[str, Any]:
    _owner(archive_id, customer_no)
    by = cells.get("referrer_archive_id")
    role = cells.get("referrer_role")
    name = _NOTE(cells.get("referrer_name"), "referrer_name")
    if not isinstance(by, int) and not name:
        raise ValidationError("referrer_name", t("没有推荐人", "no referrer"))
    on = parse_date(cells.get("referred_on"), "referred_on")
    if on is None:
        raise ValidationError("referred_on", t("不能为空", "is required"))
    key = cells.get("opportunity_key")
    return {
        "referrer_archive_id": by if isinstance(by, int) else None,
        "referrer_role": REFERRER_ROLES.parse(role, "referrer_role") if role not in (None, "") else None,
        "referrer_name": name,
        "referred_on": on,
        "opportunity_key": key if isinstance(key, int) else None,
        "note": _NOTE(cells.get("note"), "note"),
    }


# -- import: writing --------------------------------------------------------------------------


def write_sales(conn, children: Children, summary, by_no: dict[str, int] | None = None) -> None:
    """Store the read rows inside the import's transaction (counts into ``summary``)."""
    if not (children.opportunities or children.referrals):
        return
    if by_no is None:
        by_no = {no: cid for cid, no in conn.execute(select(Client.id, Client.customer_no)) if no}

    def client_of(child: ChildRow) -> int | None:
        if child.archive_id is not None and child.archive_id in summary.client_ids:
            return summary.client_ids[child.archive_id]
        return by_no.get(child.customer_no) if child.customer_no else None

    keys: dict[int, int] = {}  # 商机号 in the file → id here
    with Session(bind=conn) as session:  # joins the import's transaction: a cancel rolls back
        have = {
            (cid, name, amount, created): oid
            for oid, cid, name, amount, created in session.execute(
                select(Opportunity.id, Opportunity.client_id, Opportunity.product_name, Opportunity.amount,
                       Opportunity.created_on)
            )
        }  # fmt: skip
        for child in children.opportunities:
            cid = client_of(child)
            if cid is None:
                continue
            values = dict(child.values)
            key, steps = values.pop("key"), values.pop("history")
            created = values.pop("created_on", None) or dt.date.today()
            found = have.get((cid, values["product_name"], values["amount"], created))
            if found is None:
                row = Opportunity(client_id=cid, created_on=created, **values)
                session.add(row)
                session.flush()
                session.add_all(
                    OpportunityHistory(opportunity_id=row.id, at=at, from_stage=a, to_stage=b, note=n)
                    for at, a, b, n in steps
                )
                found = have[(cid, values["product_name"], values["amount"], created)] = row.id
                summary.opportunities += 1
            if key is not None:
                keys[key] = found
        stored = {
            tuple(r)
            for r in session.execute(
                select(Referral.client_id, Referral.referred_on, Referral.referrer_client_id, Referral.referrer_role,
                       Referral.referrer_name)
            )
        }  # fmt: skip
        for child in children.referrals:
            cid = client_of(child)
            if cid is None:
                continue
            v = child.values
            by = summary.client_ids.get(v["referrer_archive_id"]) if v["referrer_archive_id"] is not None else None
            name = None if by is not None else v["referrer_name"]
            role = None if by is not None else v["referrer_role"]
            identity = (cid, v["referred_on"], by, role, name)
            if identity in stored:
                continue
            stored.add(identity)
            session.add(
                Referral(client_id=cid, referrer_client_id=by, referrer_role=role, referrer_name=name,
                         referred_on=v["referred_on"], opportunity_id=keys.get(v["opportunity_key"]), note=v["note"],
                         created_at=dt.datetime.combine(v["referred_on"], dt.time()))
            )  # fmt: skip
            summary.referrals += 1
        session.flush()
