"""The sections of a report, drafted from the records of its period (issue 17.1): contacts by
channel and by tier, visits and meetings, follow-ups due and done, promised call-backs not
returned, new clients, opportunities, maturities and their outcomes, complaints, events,
referrals. One function per section, each a few set-based queries (services/reports/facts).

The vault keeps no separate record of a promised call-back (承诺回电): it is a follow-up whose
next step or purpose says so (回电 / call back). Contacts are listed by name in a day's report
only: a month's thousands of contacts stay counts (every other section keeps its names).
Trashed clients are left out everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from rm_desktop.domain.reports.model import DAY, Detail, Line, Period, Section
from rm_desktop.domain.sales.model import STAGE_LOST, STAGE_WON, STAGES
from rm_desktop.domain.service_requests.model import TYPES
from rm_desktop.domain.tiers import Tier
from rm_desktop.domain.worklist.outcomes import OUTCOMES, outcome_name
from rm_desktop.i18n import t
from rm_desktop.services.clients.choices import CHANNELS
from rm_desktop.services.reports import facts
from rm_desktop.services.reports.meetings import VISIT_CHANNELS, AppointmentRow, appointments_held

ZERO = Decimal("0.00")
PENDING = "pending"


def _detail(client_id: int, name: str, text: str = "", amount: Decimal | None = None) -> Detail:
    return Detail(str(client_id), name, text, amount)


def _total(amounts: Iterable[Decimal | None]) -> Decimal:
    return sum((a for a in amounts if a is not None), ZERO)


def contacts_sections(
    counts: Counter[tuple[str, str]],
    rows: list[facts.ContactRow] | None,
    tiers: tuple[Tier, ...],
    appointments: Sequence[AppointmentRow] = (),
) -> list[Section]:
    """``counts``: contacts by (channel, tier code); ``rows`` the named contacts (a day's only);
    ``appointments`` the held ones no visit or meeting contact counts (services/reports/meetings)."""
    by_channel: Counter[str] = Counter()
    by_tier: Counter[str] = Counter()
    for (channel, tier), count in counts.items():
        by_channel[channel] += count
        by_tier[tier] += count
    named: dict[str, list[Detail]] = defaultdict(list)
    for r in rows or ():
        detail = _detail(
            r.client_id,
            r.name,
            " · ".join(x for x in (f"{r.at:%H:%M}", CHANNELS.label(r.channel), r.purpose or "") if x),
        )
        named[f"channel:{r.channel}"].append(detail)
        named[f"tier:{r.tier or tiers[0].code}"].append(detail)

    channels = [code for code in CHANNELS.codes if code in by_channel] + sorted(set(by_channel) - set(CHANNELS.codes))
    tier_names = {tier.code: tier.name() for tier in tiers}
    tier_codes = [tier.code for tier in reversed(tiers) if tier.code in by_tier] + sorted(
        set(by_tier) - set(tier_names)
    )
    empty = t("本期无联系记录", "No contacts recorded")

    def channel_line(prefix: str, code: str) -> Line:
        return Line(f"{prefix}.{code}", CHANNELS.label(code), by_channel[code], None, tuple(named[f"channel:{code}"]))

    held = tuple(_detail(a.client_id, a.name, f"{a.at:%m-%d %H:%M} · {a.title}") for a in appointments)
    visits = [channel_line("visits", code) for code in VISIT_CHANNELS if by_channel[code]]
    if held:
        visits.append(Line("visits.appointment", t("约见", "Appointments"), len(held), None, held))

    return [
        Section(
            "contacts",
            t("客户联系（按渠道）", "Contacts by channel"),
            tuple(channel_line("contacts", c) for c in channels),
            empty,
        ),
        Section(
            "contacts_by_tier",
            t("客户联系（按分层）", "Contacts by tier"),
            tuple(
                Line(f"contacts_by_tier.{c}", tier_names.get(c, c), by_tier[c], None, tuple(named[f"tier:{c}"]))
                for c in tier_codes
            ),
            empty,
        ),
        Section(
            "visits",
            t("拜访与面谈", "Visits and meetings"),
            tuple(visits),
            t("本期无拜访或面谈", "No visits or meetings"),
        ),
    ]


def followups_section(rows: list[facts.FollowUpRow]) -> Section:
    done = [r for r in rows if r.done]
    open_ = [r for r in rows if not r.done]

    def details(found: list[facts.FollowUpRow]) -> tuple[Detail, ...]:
        return tuple(
            _detail(r.client_id, r.name, f"{r.due:%m-%d} · {r.next_step or r.purpose or ''}".rstrip(" ·"))
            for r in found
        )

    lines = (
        Line("followups.done", t("已完成", "Done"), len(done), None, details(done)),
        Line("followups.open", t("未完成", "Not done"), len(open_), None, details(open_)),
    )
    return Section(
        "followups", t("到期跟进", "Follow-ups due"), lines if rows else (), t("本期无到期跟进", "No follow-ups due")
    )


def callbacks_section(rows: list[facts.FollowUpRow]) -> tuple[Section, int]:
    """The promised call-backs due in the period that are not returned, and their count."""
    open_ = [r for r in rows if r.callback and not r.done]
    details = tuple(
        _detail(
            r.client_id, r.name, t("承诺回电 {} 未回", "call-back promised {} not returned").format(f"{r.due:%m-%d}")
        )
        for r in open_
    )
    lines = (
        (Line("callbacks.open", t("承诺回电未回", "Call-backs not returned"), len(open_), None, details),)
        if open_
        else ()
    )
    return Section(
        "callbacks", t("承诺回电", "Promised call-backs"), lines, t("承诺回电均已回复", "Every call-back returned")
    ), len(open_)


def new_clients_section(rows: list[facts.NewClientRow]) -> Section:
    lines = (
        Line(
            "new_clients.count",
            t("新增客户", "New clients"),
            len(rows),
            _total(r.aum for r in rows),
            tuple(_detail(r.client_id, r.name, r.tier_name, r.aum) for r in rows),
        ),
    )
    return Section(
        "new_clients", t("新增客户", "New clients"), lines if rows else (), t("本期无新增客户", "No new clients")
    )


def opportunities_section(opened: list[facts.OpportunityRow], moves: list[facts.MoveRow]) -> Section:
    def line(key: str, label: str, found: Sequence[facts.OpportunityRow | facts.MoveRow], summed: bool) -> Line:
        """``summed``: the line's total and each client's amount (opened, won); a move has none."""
        return Line(
            f"opportunities.{key}",
            label,
            len(found),
            _total(r.amount for r in found) if summed and found else None,
            tuple(_detail(r.client_id, r.name, r.text, r.amount if summed else None) for r in found),
        )

    moved = [m for m in moves if m.to_stage not in (STAGE_WON, STAGE_LOST)]
    won = [m for m in moves if m.to_stage == STAGE_WON]
    lost = [m for m in moves if m.to_stage == STAGE_LOST]
    lines = (
        line("opened", t("新增商机", "Opened"), opened, True),
        line("moved", t("推进阶段", "Moved on"), moved, False),
        line("won", STAGES.label(STAGE_WON), won, True),
        line("lost", STAGES.label(STAGE_LOST), lost, False),
    )
    return Section(
        "opportunities",
        t("商机", "Opportunities"),
        tuple(x for x in lines if x.count),
        t("本期商机无变化", "No opportunity moved"),
    )


def maturities_section(rows: list[facts.MaturityRow]) -> Section:
    groups: dict[str, list[facts.MaturityRow]] = defaultdict(list)
    for row in rows:
        groups[row.outcome or PENDING].append(row)
    names = {**{code: outcome_name(code) for code in OUTCOMES}, PENDING: t("未记录结果", "Outcome not recorded")}
    lines = tuple(
        Line(
            f"maturities.{code}",
            names[code],
            len(groups[code]),
            _total(r.amount for r in groups[code]),
            tuple(_detail(r.client_id, r.name, r.product, r.amount) for r in groups[code]),
        )
        for code in (*OUTCOMES, PENDING)
        if groups.get(code)
    )
    return Section(
        "maturities", t("产品到期与承接", "Maturities and outcomes"), lines, t("本期无产品到期", "No products matured")
    )


def complaints_section(opened: list[facts.ComplaintRow], closed: list[facts.ComplaintRow]) -> Section:
    lines = []
    for code in TYPES.codes:
        for key, label, found in (("opened", t("新增", "opened"), opened), ("closed", t("结案", "closed"), closed)):
            mine = [r for r in found if r.type == code]
            if mine:
                lines.append(
                    Line(
                        f"{code}s.{key}",
                        f"{TYPES.label(code)}{t('', ' ')}{label}",
                        len(mine),
                        None,
                        tuple(_detail(r.client_id, r.name, r.category) for r in mine),
                    )
                )
    return Section(
        "complaints", t("投诉与服务请求", "Complaints and requests"), tuple(lines), t("本期无投诉", "No complaints")
    )


def events_section(events: list[facts.EventRow]) -> Section:
    if not events:
        return Section("events", t("客户活动", "Events"), (), t("本期无活动", "No events held"))
    attendees = [a for e in events for a in e.attendees]
    lines = (
        Line("events.held", t("举办活动", "Events held"), len(events)),
        Line(
            "events.attendees",
            t("出席客户", "Attendees"),
            len(attendees),
            None,
            tuple(_detail(cid, name, event) for cid, name, event in attendees),
        ),
    )
    return Section("events", t("客户活动", "Events"), lines, "")


def referrals_section(rows: list[facts.ReferralRow]) -> Section:
    by_source = Counter(r.source for r in rows)
    lines = tuple(
        Line(
            f"referrals.{source}",
            label,
            count,
            None,
            tuple(_detail(r.client_id, r.name, r.referrer) for r in rows if r.source == source),
        )
        for source, label in (("client", t("客户推荐", "From clients")), ("staff", t("同事推荐", "From colleagues")))
        if (count := by_source.get(source, 0))
    )
    return Section("referrals", t("收到推荐", "Referrals received"), lines, t("本期无推荐", "No referrals"))


def build_sections(
    conn, period: Period, tiers: tuple[Tier, ...], now: dt.datetime | None = None
) -> tuple[tuple[Section, ...], int]:
    """Every section of the period and the count of call-backs not returned. ``now`` (naive
    local): which appointments have taken place; without it none are counted."""
    start, end = period.start, period.end
    follow_ups = facts.follow_ups(conn, start, end)
    callbacks, open_callbacks = callbacks_section(follow_ups)
    sections = (
        *contacts_sections(
            facts.contact_counts(conn, start, end, tiers),
            facts.contacts(conn, start, end) if period.kind == DAY else None,
            tiers,
            appointments_held(conn, start, end, now) if now is not None else [],
        ),
        followups_section(follow_ups),
        callbacks,
        new_clients_section(facts.new_clients(conn, start, end, tiers)),
        opportunities_section(facts.opportunities_opened(conn, start, end), facts.moves(conn, start, end)),
        maturities_section(facts.maturities(conn, start, end)),
        complaints_section(*facts.complaints(conn, start, end)),
        events_section(facts.events(conn, start, end)),
        referrals_section(facts.referrals(conn, start, end)),
    )
    return sections, open_callbacks
