"""``complaint add|step|close|list``: complaints and service requests (投诉/服务请求).

The clock is the machine's (``now``); ``--at`` / ``--received-at`` record a time in the past.
A refusal (unknown channel, a satisfaction of 0 or 6, a step before receipt) is one line
naming the field, exit 1, nothing saved.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from rm_desktop.cli.common import emit, record_id, with_vault
from rm_desktop.domain.choices import ChoiceSet
from rm_desktop.domain.service_requests import CATEGORIES, CHANNELS, SEVERITIES, STEPS, TYPES
from rm_desktop.i18n import t
from rm_desktop.services.complaints import store
from rm_desktop.services.complaints.records import ComplaintRecord


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _codes(choices: ChoiceSet) -> str:
    return "/".join(f"{c.code}({c.zh})" for c in choices.choices)


def _line(c: ComplaintRecord, now: dt.datetime) -> str:
    steps = "".join("✓" if c.step(code) else "·" for code in STEPS.codes)
    return (
        f"{c.id}\t{c.received_at:%Y-%m-%d %H:%M}\t{c.client_name}\t{c.type_label}·{c.category_label}"
        f"·{c.severity_label}\t{steps}\t{c.status_label(now)}\t{c.description[:40]}"
    )


def _detail(c: ComplaintRecord, now: dt.datetime) -> str:
    lines = [_line(c, now), t("回访截止：{}", "Follow-up due: {}").format(f"{c.deadline_at:%Y-%m-%d %H:%M}")]
    for code in STEPS.codes:
        done = c.step(code)
        when = f"{done.done_at:%Y-%m-%d %H:%M}" if done else "—"
        lines.append(
            f"  {'✓' if done else '·'} {STEPS.label(code)}  {when}" + (f"  {done.note}" if done and done.note else "")
        )
    if c.closed_at is not None:
        lines.append(
            t("结案 {}：{}（满意度 {}/5）", "Closed {}: {} (satisfaction {}/5)").format(
                f"{c.closed_at:%Y-%m-%d %H:%M}", c.outcome, c.satisfaction
            )
        )
    return "\n".join(lines)


def _with_state(c: ComplaintRecord, now: dt.datetime) -> dict[str, Any]:
    return {**c.as_dict(), "overdue": c.overdue(now)}


def cmd_add(args: argparse.Namespace) -> int:
    values = {
        "type": args.type,
        "channel": args.channel,
        "category": args.category,
        "severity": args.severity,
        "description": args.text,
        "received_at": args.received_at,
    }
    now = _now()
    made = with_vault(args, lambda v: store.add_complaint(v, args.client_id, values, now=now))
    emit(
        args,
        _with_state(made, now),
        t("已受理（编号 {}）", "Received (id {})").format(made.id) + "\n" + _detail(made, now),
    )
    return 0


def cmd_step(args: argparse.Namespace) -> int:
    now = _now()
    done = with_vault(
        args, lambda v: store.mark_step(v, args.complaint_id, args.step, now=now, at=args.at, note=args.note)
    )
    emit(args, _with_state(done, now), _detail(done, now))
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    now = _now()
    closed = with_vault(
        args, lambda v: store.close_complaint(v, args.complaint_id, args.outcome, args.satisfaction, now=now)
    )
    emit(args, _with_state(closed, now), t("已结案（编号 {}）", "Closed (id {})").format(closed.id))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    now = _now()
    found = with_vault(args, lambda v: store.list_complaints(v, status=args.status, client_id=args.client))
    if args.overdue:
        found = [c for c in found if c.overdue(now)]
    if args.id is not None:
        found = [c for c in found if c.id == args.id]
    text = (
        _detail(found[0], now)
        if args.id is not None and found
        else "\n".join(_line(c, now) for c in found) or t("没有投诉或服务请求。", "No complaints or service requests.")
    )
    emit(args, [_with_state(c, now) for c in found], text)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    what = sub.add_parser("complaint", help=t("投诉与服务请求", "complaints and service requests")).add_subparsers(
        dest="complaint_command", required=True, metavar="ACTION"
    )
    p = what.add_parser("add", parents=[common], help=t("受理一项投诉或服务请求", "receive a complaint or request"))
    p.add_argument("client_id", type=record_id)
    p.add_argument("--channel", required=True, help=_codes(CHANNELS))
    p.add_argument("--category", required=True, help=_codes(CATEGORIES))
    p.add_argument("--text", required=True, help=t("投诉内容", "what the client said"))
    p.add_argument("--severity", default="low", help=_codes(SEVERITIES))
    p.add_argument("--type", default="complaint", help=_codes(TYPES))
    p.add_argument("--received-at", metavar="DATETIME", help=t("受理时间（默认现在）", "received at (default now)"))
    p.set_defaults(func=cmd_add)

    p = what.add_parser("step", parents=[common], help=t("记录完成一个处理步骤", "record a handling step done"))
    p.add_argument("complaint_id", type=record_id)
    p.add_argument("step", help=_codes(STEPS))
    p.add_argument("--at", metavar="DATETIME", help=t("完成时间（默认现在）", "done at (default now)"))
    p.add_argument("--note")
    p.set_defaults(func=cmd_step)

    p = what.add_parser("close", parents=[common], help=t("结案：结果与满意度", "close with outcome and satisfaction"))
    p.add_argument("complaint_id", type=record_id)
    p.add_argument("--outcome", required=True, help=t("处理结果", "the outcome"))
    p.add_argument("--satisfaction", required=True, help=t("客户满意度 1–5", "the client's satisfaction, 1–5"))
    p.set_defaults(func=cmd_close)

    p = what.add_parser("list", parents=[common], help=t("列出投诉（新的在前）", "list complaints, newest first"))
    p.add_argument("--status", choices=store.STATUSES, default="all")
    p.add_argument("--client", type=record_id, metavar="CLIENT_ID")
    p.add_argument(
        "--overdue", action="store_true", help=t("只看回访已逾期的", "only those past their follow-up deadline")
    )
    p.add_argument(
        "--id", type=record_id, metavar="COMPLAINT_ID", help=t("只看这一项（含步骤）", "only this one, with its steps")
    )
    p.set_defaults(func=cmd_list)
