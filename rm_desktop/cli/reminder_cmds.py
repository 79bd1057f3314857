"""CLI commands for reminders, the calendar export and appointments.

    reminders [--today D] [--days N] [--json]          what is due (overdue first)
    reminders ics FILE [--from D] [--to D] [--privacy] calendar file for Outlook / a phone
    appointment add --at ISO_DATETIME --title T [--client ID] [--rrule RULE] [--minutes N] [--location L]
    appointment delete ID
    reminder done ID [--channel C] [--content T]       ID is a reminder's "key"
    reminder snooze ID --until D
    reminder dismiss ID --reason R

``reminders`` is a command with an optional sub-action: without one it lists, ``ics`` exports.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from rm_desktop.cli import export_options
from rm_desktop.cli.common import (
    day,
    emit,
    moment,
    record_id,
    report_dismissed,
    report_snoozed,
    whole_number,
    with_vault,
)
from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reminders import SEVERITY_OVERDUE, SEVERITY_WARNING, Reminder
from rm_desktop.i18n import t
from rm_desktop.services.reminders import actions as reminder_actions
from rm_desktop.services.reminders import appointments
from rm_desktop.services.reminders import compute as reminders

DEFAULT_DAYS = 7
DEFAULT_EXPORT_DAYS = 90
MAX_DAYS = 3660  # --days: ten years ahead
_MARK = {SEVERITY_OVERDUE: "!!", SEVERITY_WARNING: "! "}


def _day(value: dt.date | None, default: dt.date) -> dt.date:
    return default if value is None else value


def reminder_json(reminder: Reminder) -> dict:
    return {
        "date": reminder.date.isoformat(),
        "kind": reminder.kind,
        "kind_label": reminders.kind_label(reminder.kind),
        "client_id": reminder.client_id,
        "client_name": reminder.client_name,
        "title": reminder.title,
        "detail": reminder.detail,
        "key": reminder.key,
        "severity": reminder.severity,
        "due": reminder.due.isoformat(),
    }


def _line(reminder: Reminder) -> str:
    mark = _MARK.get(reminder.severity, "  ")
    return f"{mark} {reminder.date.isoformat()}  [{reminders.kind_label(reminder.kind)}] {reminder.title}  ({reminder.key})"


def cmd_reminders(args: argparse.Namespace) -> int:
    today = _day(args.today, dt.date.today())
    if args.days is None:
        args.days = DEFAULT_DAYS
    found = with_vault(args, lambda vault: reminders.reminders_for(vault, today, args.days))
    text = "\n".join(_line(r) for r in found) or t("没有待办提醒。", "Nothing due.")
    emit(args, [reminder_json(r) for r in found], text)
    return 0


def cmd_ics(args: argparse.Namespace) -> int:
    today = _day(args.today, dt.date.today())
    start = _day(args.start, today)
    end = _day(args.end, start + dt.timedelta(days=DEFAULT_EXPORT_DAYS))
    # The export computes every reminder from today to the end: a window of centuries would
    # expand each client's yearly dates thousands of times.
    if max((end - start).days, (end - today).days) > MAX_DAYS:
        raise UserError(
            t("导出范围最长 {} 天：{} 至 {}", "The export covers at most {} days: {} to {}").format(
                MAX_DAYS, start, end
            )
        )
    path = Path(args.file)
    control = export_options.control_from(args, "ics")
    count = with_vault(
        args,
        lambda vault: reminders.export_calendar(vault, path, start, end, args.privacy, today=today, control=control),
    )
    emit(
        args,
        {"file": str(path), "events": count, "from": start.isoformat(), "to": end.isoformat(), "privacy": args.privacy},
        t("已导出 {} 个日历事件到 {}", "Exported {} calendar events to {}").format(count, path),
    )
    return 0


def cmd_appointment_add(args: argparse.Namespace) -> int:
    start = args.at
    record = with_vault(
        args,
        lambda vault: appointments.add_appointment(
            vault,
            start,
            args.title,
            duration_minutes=args.minutes,
            client_id=args.client,
            rrule=args.rrule,
            location=args.location or "",
        ),
    )
    emit(
        args,
        record.as_dict(),
        t("已添加约见 {}：{} {}", "Appointment {} added: {} {}").format(
            record.id, record.start.isoformat(sep=" ", timespec="minutes"), record.title
        ),
    )
    return 0


def cmd_appointment_delete(args: argparse.Namespace) -> int:
    with_vault(args, lambda vault: appointments.delete_appointment(vault, args.id))
    emit(args, {"deleted": args.id}, t("已删除约见 {}", "Appointment {} deleted").format(args.id))
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    contact = None
    if args.channel or args.content:
        contact = reminder_actions.default_done_contact()
        contact.update({k: v for k, v in (("channel", args.channel), ("content", args.content)) if v})
    result = with_vault(args, lambda vault: reminder_actions.mark_done(vault, args.id, contact=contact))
    emit(args, {"key": result.key, "action": result.action, "contact_id": result.contact_id}, result.message())
    return 0


def cmd_snooze(args: argparse.Namespace) -> int:
    until = args.until
    with_vault(args, lambda vault: reminder_actions.snooze(vault, args.id, until))
    report_snoozed(args, args.id, until)
    return 0


def cmd_dismiss(args: argparse.Namespace) -> int:
    with_vault(args, lambda vault: reminder_actions.dismiss(vault, args.id, args.reason))
    report_dismissed(args, args.id, args.reason)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "reminders", parents=[common], help=t("列出待办提醒，或导出日历文件", "list what is due, or export a calendar")
    )
    p.add_argument(
        "--today",
        type=day,
        metavar="D",
        help=t("以该日期为今天（默认今天）", "take this date as today (default: today)"),
    )
    p.add_argument(
        "--days",
        type=whole_number(0, MAX_DAYS),
        metavar="N",
        help=t("向后看多少天（默认 {}）", "days ahead (default {})").format(DEFAULT_DAYS),
    )
    p.set_defaults(func=cmd_reminders)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    ics = actions.add_parser("ics", parents=[common], help=t("导出 .ics 日历文件", "export an .ics calendar file"))
    ics.add_argument("file", metavar="FILE")
    ics.add_argument(
        "--from", dest="start", type=day, metavar="D", help=t("开始日期（默认今天）", "first day (default: today)")
    )
    ics.add_argument(
        "--to",
        dest="end",
        type=day,
        metavar="D",
        help=t("结束日期（默认开始后 {} 天）", "last day (default: {} days on)").format(DEFAULT_EXPORT_DAYS),
    )
    ics.add_argument(
        "--privacy",
        action="store_true",
        help=t("只写客户姓名首字母，不写备注和地点", "client initials only, no notes or locations"),
    )
    # SUPPRESS: a sub-parser's default would overwrite "reminders --today D ics FILE".
    ics.add_argument("--today", type=day, metavar="D", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    export_options.add_options(ics)
    ics.set_defaults(func=cmd_ics)

    p = sub.add_parser("appointment", parents=[common], help=t("约见", "appointments"))
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help=t("添加约见", "add an appointment"))
    add.add_argument(
        "--at",
        type=moment,
        required=True,
        metavar="ISO_DATETIME",
        help=t("开始时间，如 2026-03-05T14:30", "start, e.g. 2026-03-05T14:30"),
    )
    add.add_argument("--title", required=True, metavar="T")
    add.add_argument("--client", type=record_id, metavar="ID", help=t("客户编号", "client id"))
    add.add_argument(
        "--rrule",
        metavar="RULE",
        help=t(
            "重复规则，如 FREQ=MONTHLY;BYMONTHDAY=-1 或 daily/weekly/monthly/month_end/yearly",
            "repeat rule, e.g. FREQ=MONTHLY;BYMONTHDAY=-1 or daily/weekly/monthly/month_end/yearly",
        ),
    )
    add.add_argument(
        "--minutes",
        type=int,
        default=60,
        metavar="N",
        help=t("时长（分钟，默认 60）", "duration in minutes (default 60)"),
    )
    add.add_argument("--location", metavar="L")
    add.set_defaults(func=cmd_appointment_add)
    delete = actions.add_parser(
        "delete", parents=[common], help=t("删除约见（含全部重复）", "delete an appointment (all repetitions)")
    )
    delete.add_argument("id", type=record_id)
    delete.set_defaults(func=cmd_appointment_delete)

    p = sub.add_parser("reminder", parents=[common], help=t("处理一条提醒", "act on one reminder"))
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    done = actions.add_parser(
        "done",
        parents=[common],
        help=t("标记完成（联系提醒会记录一次联系）", "mark done (a contact reminder logs a contact)"),
    )
    done.add_argument(
        "id", metavar="ID", help=t("提醒编号（reminders --json 的 key）", "reminder id (the key of reminders --json)")
    )
    done.add_argument(
        "--channel", help=t("记录联系的方式（默认电话）", "channel of the logged contact (default phone)")
    )
    done.add_argument("--content", help=t("记录联系的内容", "content of the logged contact"))
    done.set_defaults(func=cmd_done)
    snooze = actions.add_parser("snooze", parents=[common], help=t("推迟提醒", "snooze a reminder"))
    snooze.add_argument("id", metavar="ID")
    snooze.add_argument("--until", type=day, required=True, metavar="D")
    snooze.set_defaults(func=cmd_snooze)
    dismiss = actions.add_parser("dismiss", parents=[common], help=t("忽略提醒", "dismiss a reminder"))
    dismiss.add_argument("id", metavar="ID")
    dismiss.add_argument("--reason", required=True, metavar="R")
    dismiss.set_defaults(func=cmd_dismiss)
