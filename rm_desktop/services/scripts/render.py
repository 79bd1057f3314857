"""Scripts filled in for clients: the placeholder values from a client file and the RM's
settings, one rendering, many renderings (bulk), and logging a sent script as a contact.

The values come from ``domain.scripts.placeholders.build_context``; a value the file lacks is
left out, so the template's fallback or the visible ``【字段?】`` marker shows: rendering never
fails on a client. Product fields (产品名称, 到期日, 金额, 产品代码) come from a chosen holding,
else from the client's next holding to mature (what a maturity call is about).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from rm_desktop.domain.consent import SkipCounts
from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reminders.festivals import FESTIVAL_NAMES, festival_dates
from rm_desktop.domain.reminders.lunar import solar_to_lunar
from rm_desktop.domain.scripts import model as sm
from rm_desktop.domain.scripts.placeholders import (
    CATALOGUE,
    RM,
    ClientInfo,
    EventInfo,
    ProductInfo,
    RmInfo,
    build_context,
    rm_values,
)
from rm_desktop.domain.scripts.sms import SmsInfo, sms_info
from rm_desktop.domain.scripts.template import ParsedTemplate, TemplateProblem, parse, render_parsed
from rm_desktop.i18n import t
from rm_desktop.services.clients import contacts
from rm_desktop.services.clients.choices import CHANNELS as CONTACT_CHANNELS
from rm_desktop.services.clients.records import ClientNotFound
from rm_desktop.services.clients.tiers import current_tiers, tier_by_code
from rm_desktop.services.consent import reach
from rm_desktop.services.scripts.library import get_template
from rm_desktop.services.search.query import ClientQuery, iter_clients
from rm_desktop.services.settings import profile as rm_profile
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, Holding

PRODUCT_FIELDS = frozenset({"产品名称", "产品代码", "到期日", "金额"})
CHUNK = 500  # clients loaded per query in bulk (SQLite's bound-parameter limit is far above)
BULK_LIMIT = 5000  # a bulk list larger than this is a mailing, not messages copied one by one
CONTACT_TEXT_LIMIT = 5000  # services/clients/contacts.py: content text(5000)

# What a sent script is recorded as (purpose is free text; these follow choices.PURPOSE_SUGGESTIONS).
_PURPOSES = {
    sm.BIRTHDAY: "生日问候",
    sm.FESTIVAL: "节日问候",
    sm.MATURITY: "产品到期",
    sm.NEW_PRODUCT: "产品推介",
    sm.OBJECTION: "异议处理",
    sm.COMPLAINT: "投诉处理",
    sm.EVENT_INVITE: "活动邀请",
    sm.FOLLOW_UP: "回访",
}


@dataclass(frozen=True)
class RenderedScript:
    """A template filled in for one client (or with example values when ``client_id`` is None)."""

    client_id: int | None
    client_name: str
    customer_no: str | None
    phone: str | None
    text: str
    missing: tuple[str, ...]
    problems: tuple[TemplateProblem, ...] = ()
    sms: SmsInfo = field(default=None)  # type: ignore[assignment]  # filled in __post_init__

    def __post_init__(self) -> None:
        if self.sms is None:
            object.__setattr__(self, "sms", sms_info(self.text))

    @property
    def segments(self) -> int:
        return self.sms.segments

    @property
    def complete(self) -> bool:
        return not self.missing and not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "client_name": self.client_name,
            "customer_no": self.customer_no,
            "phone": self.phone,
            "text": self.text,
            "length": self.sms.length,
            "segments": self.segments,
            "missing": list(self.missing),
            "problems": [p.message for p in self.problems],
        }


@dataclass(frozen=True)
class Occasion:
    """What a script may be about besides the client and the product: a festival, an event."""

    festival: str | None = None
    event: EventInfo | None = None


class BulkRows(list[RenderedScript]):
    """A bulk render's rows, with the clients its consent check left out (``skipped.message()``)."""

    def __init__(self, rows: Iterable[RenderedScript] = (), *, skipped: SkipCounts | None = None):
        super().__init__(rows)
        self.skipped = skipped if skipped is not None else SkipCounts()


# -- values -------------------------------------------------------------------------------------


def rm_info(vault: VaultHandle) -> RmInfo:
    """The RM's profile (设置 › 个人信息) as the scripts' RM fields."""
    return rm_profile.load(vault.settings).rm_info()


def upcoming_festival(today: dt.date, within_days: int = 30) -> str | None:
    """The Chinese name of the next festival from today up to ``within_days`` ahead (greetings
    go to clients in Chinese whatever the UI language), or None."""
    for year in (today.year, today.year + 1):
        for festival in festival_dates(year):
            if 0 <= (festival.date - today).days <= within_days:
                return FESTIVAL_NAMES[festival.code][0]
    return None


def sample_context(today: dt.date, rm: RmInfo) -> dict[str, str]:
    """The preview before a client is chosen: each client, product and occasion placeholder's
    example value, but the RM's own profile as it is (an empty field is marked missing here
    too, not shown as an example the copied text would not have)."""
    values = {spec.name: spec.example for spec in CATALOGUE if spec.source != RM}
    values["今天"] = f"{today.year}年{today.month}月{today.day}日"
    return {**values, **rm_values(rm)}


def _client_info(client: Client, tiers) -> ClientInfo:
    tier = tier_by_code(client.tier, tiers)
    return ClientInfo(
        client.name,
        client.gender,
        client.birth_date,
        client.salutation,
        client.risk_grade,
        tier.name() if tier else None,
        client.aum,
    )


def _product(holding: Holding | None) -> ProductInfo | None:
    if holding is None:
        return None
    return ProductInfo(holding.name, holding.code, holding.amount, holding.maturity_date)


def _next_maturities(session: Session, client_ids: list[int], today: dt.date) -> dict[int, Holding]:
    """Each client's held product maturing soonest from today on."""
    rows = session.scalars(
        select(Holding)
        .where(Holding.client_id.in_(client_ids), Holding.status == "holding", Holding.maturity_date >= today)
        .order_by(Holding.client_id, Holding.maturity_date, Holding.id)
    )
    found: dict[int, Holding] = {}
    for row in rows:
        found.setdefault(row.client_id, row)
    return found


def _context(
    client: Client, tiers, rm: RmInfo, product: ProductInfo | None, occasion: Occasion, today: dt.date, unit: str
) -> dict[str, str]:
    values = build_context(
        _client_info(client, tiers),
        rm,
        product=product,
        festival=occasion.festival,
        event=occasion.event,
        today=today,
        amount_unit=unit,
    )
    if client.lunar_birthday and client.birth_date is not None:
        # A lunar birthday is celebrated on the lunar date: 农历十月初八, not the solar one.
        values["生日"] = "农历" + solar_to_lunar(client.birth_date).label_zh()
    return values


def _holding(session: Session, client_id: int, holding_id: int | None, today: dt.date) -> Holding | None:
    if holding_id is None:
        return _next_maturities(session, [client_id], today).get(client_id)
    holding = session.get(Holding, holding_id)
    if holding is None or holding.client_id != client_id:
        raise UserError(t("该客户没有编号为 {} 的持有产品", "The client has no holding with id {}").format(holding_id))
    return holding


def _load_client(session: Session, client_id: int) -> Client:
    client = session.get(Client, client_id)
    if client is None:
        raise ClientNotFound(client_id)
    return client


def _client_context(
    vault: VaultHandle, session: Session, client: Client, holding_id: int | None, occasion: Occasion, today: dt.date
) -> dict[str, str]:
    holding = _holding(session, client.id, holding_id, today)
    return _context(
        client,
        current_tiers(vault.settings),
        rm_info(vault),
        _product(holding),
        occasion,
        today,
        vault.settings.get("amount_unit"),
    )


def context_for(
    vault: VaultHandle,
    client_id: int,
    *,
    product_holding_id: int | None = None,
    festival: str | None = None,
    event: EventInfo | None = None,
    today: dt.date | None = None,
) -> dict[str, str]:
    """The placeholder values for one client: the client file, the RM's profile (rm_name,
    rm_phone, branch_name, rm_title), the amount_unit setting and the occasion. Without a holding id the
    client's next maturing holding fills the product fields (none: they stay missing)."""
    with vault.sessions() as session:
        return _client_context(
            vault,
            session,
            _load_client(session, client_id),
            product_holding_id,
            Occasion(festival, event),
            today or dt.date.today(),
        )


# -- rendering ----------------------------------------------------------------------------------


def _rendered(parsed: ParsedTemplate, context: Mapping[str, str], client: Client | None) -> RenderedScript:
    result = render_parsed(parsed, context)
    phone = client.phones[0].number if client is not None and client.phones else None
    return RenderedScript(
        client.id if client else None,
        client.name if client else "",
        client.customer_no if client else None,
        phone,
        result.text,
        tuple(result.missing),
        tuple(result.problems),
    )


def preview(
    vault: VaultHandle,
    body: str,
    client_id: int | None = None,
    *,
    product_holding_id: int | None = None,
    festival: str | None = None,
    event: EventInfo | None = None,
    today: dt.date | None = None,
    overrides: Mapping[str, str] | None = None,
) -> RenderedScript:
    """An unsaved body rendered for a client, or with example values when there is none.
    ``overrides`` replace values (the GUI hides 金融资产 while a client looks at the screen)."""
    today = today or dt.date.today()
    parsed = parse(body)
    if client_id is None:
        context = sample_context(today, rm_info(vault))
        if festival:
            context["节日"] = festival
        return _rendered(parsed, {**context, **(overrides or {})}, None)
    with vault.sessions() as session:
        client = _load_client(session, client_id)
        context = _client_context(vault, session, client, product_holding_id, Occasion(festival, event), today)
        return _rendered(parsed, {**context, **(overrides or {})}, client)


def render_for(
    vault: VaultHandle,
    template_id: int,
    client_id: int,
    *,
    product_holding_id: int | None = None,
    festival: str | None = None,
    event: EventInfo | None = None,
    today: dt.date | None = None,
) -> RenderedScript:
    """A stored template filled in for a client; missing values show as fallback or marker."""
    template = get_template(vault, template_id)
    return preview(
        vault,
        template.body,
        client_id,
        product_holding_id=product_holding_id,
        festival=festival,
        event=event,
        today=today,
    )


def bulk_render(
    vault: VaultHandle,
    template_id: int,
    client_ids: Iterable[int],
    *,
    festival: str | None = None,
    event: EventInfo | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> BulkRows:
    """One template for many clients, in the order given (each client once). Clients in the
    trash or unknown are skipped; so are those a marketing send may not reach on the template's
    channel at ``now`` (services/consent: no consent, channel, do-not-disturb hours), counted in
    the result's ``skipped``. The template is parsed once; clients are read in chunks.
    ``progress(done, total)`` returning False stops early with the rows so far."""
    now = now or dt.datetime.now()
    today = today or now.date()
    template = get_template(vault, template_id)
    parsed = parse(template.body)
    wants_product = bool(PRODUCT_FIELDS & set(parsed.fields))
    ids, skipped = reach.filter_reachable(vault, client_ids, template.channel, now)
    tiers, rm, unit = current_tiers(vault.settings), rm_info(vault), vault.settings.get("amount_unit")
    occasion = Occasion(festival, event)
    rows = BulkRows(skipped=skipped)
    with vault.sessions() as session:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            clients = {
                c.id: c
                for c in session.scalars(
                    select(Client)
                    .where(Client.id.in_(chunk), Client.deleted_at.is_(None))
                    .options(selectinload(Client.phones))
                )
            }
            products = _next_maturities(session, chunk, today) if wants_product else {}
            for cid in chunk:
                client = clients.get(cid)
                if client is not None:
                    context = _context(client, tiers, rm, _product(products.get(cid)), occasion, today, unit)
                    rows.append(_rendered(parsed, context, client))
            if progress is not None and not progress(min(start + CHUNK, len(ids)), len(ids)):
                break
    return rows


def query_client_ids(vault: VaultHandle, query: ClientQuery, limit: int = BULK_LIMIT) -> list[int]:
    """The ids of the clients a client-list query matches (its order), at most ``limit``."""
    return [row.id for row in iter_clients(vault, query, limit, page=1000)]  # keyset pages, not OFFSET


# -- logging what was sent -------------------------------------------------------------------------


def contact_channel(channel: str) -> str | None:
    """The contact-history channel for a script channel (sms, wechat and phone share their
    codes with the history) or a contact channel; None when the history has none (email)."""
    return channel if channel in CONTACT_CHANNELS else None


def confirm_sent(
    vault: VaultHandle,
    template_id: int | None,
    client_id: int,
    text: str,
    channel: str | None = None,
    *,
    category: str | None = None,
    now: dt.datetime | None = None,
) -> contacts.ContactRecord:
    """Record the rendered text in the client's contact history (via the contacts service).
    ``channel`` is a script or contact channel code (default: the template's channel). Without
    a template id (a body adapted in the editor and not saved) ``channel`` and ``category`` say
    what was sent."""
    if template_id is not None:
        template = get_template(vault, template_id)
        channel, category = channel or template.channel, category or template.category
    code = contact_channel(channel) if channel else None
    if code is None:
        raise UserError(
            t("往来记录没有“{}”这一联系方式，无法记录", "The contact history has no “{}” channel; not recorded").format(
                sm.channel_label(channel or "")
            )
        )
    content = text if len(text) <= CONTACT_TEXT_LIMIT else text[: CONTACT_TEXT_LIMIT - 1] + "…"
    return contacts.add_contact(
        vault, client_id, {"channel": code, "purpose": _PURPOSES.get(category or ""), "content": content}, now=now
    )


def confirm_many(
    vault: VaultHandle,
    template_id: int,
    sent: Iterable[tuple[int, str]],
    *,
    progress: Callable[[int, int], bool] | None = None,
) -> list[int]:
    """Log each (client id, text) as sent (e.g. after the SMS platform sent an exported list);
    returns the client ids logged, in order. ``progress`` returning False stops early."""
    items = list(sent)
    done: list[int] = []
    for index, (client_id, text) in enumerate(items, start=1):
        confirm_sent(vault, template_id, client_id, text)
        done.append(client_id)
        if progress is not None and not progress(index, len(items)):
            break
    return done
