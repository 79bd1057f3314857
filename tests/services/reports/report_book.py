"""A constructed book for the report tests: every record written with the time the test chooses
(rows straight into the vault's tables, so the fake clock is exact), the hand-computed figures
in test_report_figures.py. Today is 2026-12-02; the day is Monday 2026-11-30, the week 2026-W49
(30 Nov to 6 Dec, across two months), the month 2026-11.

Client 5 (钱七) is in the trash: each of its records would change a figure if it were counted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rm_desktop.storage.models import AumSnapshot, Client, Contact, Holding
from rm_desktop.storage.models_complaints import ComplaintRow
from rm_desktop.storage.models_events import Event, EventInvitation
from rm_desktop.storage.models_reminders import Appointment, ReminderState
from rm_desktop.storage.models_sales import Opportunity, OpportunityHistory, Referral
from rm_desktop.storage.models_worklist import MaturityOutcome

TODAY = dt.date(2026, 12, 2)
NOW = dt.datetime(2026, 12, 2, 17, 0)
NAMES = ("张三", "李四", "王五", "赵六", "钱七", "孙八")
ID_NUMBERS = ("110105194912310021", "110105195001010012")
PHONES = ("13800138001", "13900139002")


def W(x: str) -> Decimal:  # 万元 → 元
    return (Decimal(x) * 10_000).quantize(Decimal("0.01"))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def build_book(vault) -> None:
    with vault.sessions.begin() as s:
        clients = [
            Client(
                id=1,
                name="张三",
                tier="wealth",
                aum=W("60"),
                created_at=at("2026-11-30 10:00"),
                id_number=ID_NUMBERS[0],
            ),
            Client(id=2, name="李四", tier="priority", aum=W("30"), created_at=at("2026-10-15 09:00")),
            Client(id=3, name="王五", tier="private", aum=W("500"), created_at=at("2026-01-01 09:00")),
            Client(
                id=4, name="赵六", tier="basic", aum=None, created_at=at("2026-11-05 09:00"), id_number=ID_NUMBERS[1]
            ),
            Client(
                id=5,
                name="钱七",
                tier="wealth",
                aum=W("80"),
                created_at=at("2026-11-30 08:00"),
                deleted_at=at("2026-12-01 08:00"),
            ),
            Client(id=6, name="孙八", tier="wealth", aum=W("100"), created_at=at("2025-01-01 09:00"), cadence_days=7),
        ]
        s.add_all(clients)
        s.flush()

        def contact(cid, when, channel, purpose=None, follow=None, done=False, step=None):
            s.add(
                Contact(
                    client_id=cid,
                    at=at(when),
                    channel=channel,
                    purpose=purpose,
                    content="记录",
                    follow_up_date=dt.date.fromisoformat(follow) if follow else None,
                    follow_up_done=done,
                    next_step=step,
                )
            )

        contact(1, "2026-11-30 09:30", "phone", "产品到期", "2026-12-01", False, "回电确认续作")
        contact(2, "2026-11-30 14:00", "visit")
        contact(3, "2026-11-30 23:59:59", "wechat")
        contact(3, "2026-12-01 00:00:00", "phone")
        contact(2, "2026-11-10 10:00", "meeting", None, "2026-11-30", True, "送资料")
        contact(6, "2026-11-20 10:00", "phone", None, "2026-11-30", False, "回电")
        contact(5, "2026-11-30 11:00", "phone", None, "2026-11-30", False, "回电")
        contact(2, "2026-10-20 10:00", "phone")
        contact(3, "2026-10-05 10:00", "sms")

        def opportunity(oid, cid, created, amount, stage, closed=None, moves=()):
            s.add(
                Opportunity(
                    id=oid,
                    client_id=cid,
                    product_type="wealth",
                    product_name=f"稳健理财{oid}号",
                    amount=W(amount),
                    stage=stage,
                    created_on=dt.date.fromisoformat(created),
                    closed_on=dt.date.fromisoformat(closed) if closed else None,
                )
            )
            s.flush()
            s.add(OpportunityHistory(opportunity_id=oid, at=at(f"{created} 09:00"), from_stage=None, to_stage="intent"))
            for when, old, new in moves:
                s.add(OpportunityHistory(opportunity_id=oid, at=at(when), from_stage=old, to_stage=new))

        opportunity(1, 1, "2026-11-30", "50", "intent")
        opportunity(
            2,
            2,
            "2026-11-02",
            "20",
            "won",
            "2026-11-30",
            [("2026-11-15 10:00", "intent", "proposal"), ("2026-11-30 15:00", "proposal", "won")],
        )
        opportunity(3, 3, "2026-10-10", "100", "lost", "2026-11-20", [("2026-11-20 10:00", "intent", "lost")])
        opportunity(4, 3, "2026-11-25", "30", "proposal", None, [("2026-11-30 16:00", "intent", "proposal")])
        opportunity(5, 5, "2026-11-30", "99", "won", "2026-11-30", [("2026-11-30 17:00", "intent", "won")])

        def holding(hid, cid, kind, amount, matures, outcome=None, kept=None):
            s.add(
                Holding(
                    id=hid,
                    client_id=cid,
                    product_type=kind,
                    name=f"产品{hid}",
                    amount=W(amount),
                    maturity_date=dt.date.fromisoformat(matures),
                )
            )
            s.flush()
            if outcome:
                s.add(MaturityOutcome(holding_id=hid, outcome=outcome, matured=W(amount), kept=W(kept)))

        holding(1, 2, "deposit", "10", "2026-11-30", "rolled_over", "10")
        holding(2, 3, "wealth", "20", "2026-11-30")
        holding(3, 6, "fund", "40", "2026-11-10", "partly_kept", "30")
        holding(4, 3, "deposit", "50", "2026-10-15", "withdrawn", "0")
        holding(5, 1, "deposit", "10", "2026-12-03")
        holding(6, 5, "deposit", "70", "2026-11-30", "withdrawn", "0")

        def complaint(cid, kind, received, closed=None):
            s.add(
                ComplaintRow(
                    client_id=cid,
                    type=kind,
                    channel="phone",
                    category="service",
                    severity="normal",
                    description="等候时间长",
                    received_at=at(received),
                    deadline_at=at(received) + dt.timedelta(hours=48),
                    closed_at=at(closed) if closed else None,
                )
            )

        complaint(2, "complaint", "2026-11-30 09:00", "2026-11-30 21:00")  # 12 h
        complaint(3, "complaint", "2026-11-28 10:00", "2026-11-30 10:00")  # 48 h
        complaint(6, "request", "2026-11-30 11:00")
        complaint(3, "complaint", "2026-10-30 10:00", "2026-11-02 10:00")  # 72 h
        complaint(5, "complaint", "2026-11-30 09:00", "2026-11-30 10:00")

        s.add_all(
            [
                Event(id=1, name="理财沙龙", starts_at=at("2026-11-30 14:30"), capacity=15),
                Event(id=2, name="投资报告会", starts_at=at("2026-11-12 14:30"), capacity=100),
            ]
        )
        s.flush()
        for eid, cid, status in (
            (1, 1, "attended"),
            (1, 2, "attended"),
            (1, 3, "no_show"),
            (1, 5, "attended"),
            (2, 3, "attended"),
        ):
            s.add(EventInvitation(event_id=eid, client_id=cid, status=status))

        s.add(Referral(client_id=1, referrer_client_id=2, referred_on=dt.date(2026, 11, 30)))
        s.add(Referral(client_id=4, referrer_role="lobby", referrer_name="小刘", referred_on=dt.date(2026, 11, 5)))
        s.add(Referral(client_id=5, referrer_client_id=2, referred_on=dt.date(2026, 11, 30)))

        # Appointments (约见) on the 30th: 王五 11:00 and 张三's weekly 10:00 count as held (their
        # time has passed); 李四's 14:30 has his 14:00 visit logged (counted once, as the visit);
        # 孙八's 16:00 was dismissed (called off); the team meeting has no client; 钱七 is in the
        # trash; 赵六's on the 2nd at 18:00 is still to come at 17:00.
        for aid, cid, when, rule in (
            (1, 3, "2026-11-30 11:00", None),
            (2, 1, "2026-11-23 10:00", "FREQ=WEEKLY"),
            (3, 2, "2026-11-30 14:30", None),
            (4, 6, "2026-11-30 16:00", None),
            (5, None, "2026-11-30 09:00", None),
            (6, 5, "2026-11-30 15:00", None),
            (7, 4, "2026-12-02 18:00", None),
        ):
            s.add(Appointment(id=aid, client_id=cid, start=at(when), title="产品面谈", rrule=rule))
        s.add(ReminderState(key="appointment:4:2026-11-30T16:00", dismissed_at=at("2026-11-30 12:00"), reason="改期"))

        for cid, on, aum in (
            (2, "2026-09-30", "30"),
            (2, "2026-10-31", "28"),
            (2, "2026-11-30", "30"),
            (3, "2026-10-01", "480"),
            (3, "2026-11-15", "500"),
            (1, "2026-11-30", "60"),
            (5, "2026-11-01", "80"),
        ):
            s.add(AumSnapshot(client_id=cid, on=dt.date.fromisoformat(on), aum=W(aum)))
