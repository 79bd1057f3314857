"""CLI commands for the worklist (今日工作清单), churn signals and maturity outcomes.

    worklist [--date D] [--top N] [--json]             the day's items, ranked, each with its reason
    worklist snooze KEY... --until D                   KEY is an item's "key" (worklist --json)
    worklist dismiss KEY... --reason R                 several keys: one transaction, one reason
    worklist lost CLIENT_ID --reason R [--note T]      mark a client lost (reasons: a setting)
    worklist retention [--months N] [--json]           matured, kept, rate per month
    maturity outcome HOLDING_ID --kept AMOUNT [--into PRODUCT] [--reason R]

The day's plan (the first ``worklist_capacity`` items) is marked with "*". ``--kept`` is in 元
unless the text says 万 (50万); 0 means withdrawn (a reason is required), the full amount
rolled over (or moved, with ``--into`` naming another product), anything between partly kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from rm_desktop.cli.common import day, emit, report_dismissed, report_snoozed, with_vault
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.worklist.outcomes import outcome_name
from rm_desktop.i18n import t
from rm_desktop.services.reminders.compute import kind_label
from rm_desktop.services.worklist import actions, bulk, outcomes
from rm_desktop.services.worklist.build import as_json, build_worklist
from rm_desktop.services.worklist.retention import retention_by_month

KIND_NAMES = {
    "churn": ("流失预警", "Churn risk"),
    "maturity_outcome": ("到期承接", "Maturity outcome"),
    "complaint": ("投诉回访", "Complaint follow-up"),
    "opportunity": ("商机跟进", "Opportunity next step"),
    "playbook_step": ("流程步骤", "Playbook step"),
}


def _kind(kind: str) -> str:
    return t(*KIND_NAMES[kind]) if kind in KIND_NAMES else kind_label(kind)


def cmd_worklist(args: argparse.Namespace) -> int:
    today = args.date or dt.date.today()
    if args.top is not None and args.top < 1:
        raise ValidationError("--top", t("应为正整数", "must be a positive number"))
    worklist = with_vault(args, lambda vault: build_worklist(vault, today))
    data = as_json(worklist, args.top)
    lines = [
        f"{'*' if item['plan'] else ' '} {item['score']:8.2f}  [{_kind(item['kind'])}] "
        f"{item['client'] or '-'}：{item['reason']}  ({item['key']})"
        for item in data["items"]
    ]
    done, target = worklist.progress()
    head = t(
        "{} 工作清单：共 {} 项，今日计划 {} 项，已完成 {}/{}", "{} worklist: {} items, {} planned, {}/{} done"
    ).format(today.isoformat(), data["total"], min(worklist.capacity, data["total"]), done, target)
    emit(args, data, "\n".join([head, *lines]) if lines else t("今天没有待办事项。", "Nothing to do today."))
    return 0


def _one_or_bulk(args: argparse.Namespace, one: Callable, reported: Callable, many: Callable, **extra: object) -> int:
    """One key: the single action and its own report. Several: one transaction for them all and
    its undo record (the keys it changed, those it skipped)."""
    if len(args.key) == 1:
        with_vault(args, lambda vault: one(vault, args.key[0]))
        reported(args.key[0])
        return 0
    record: bulk.Undo = with_vault(args, lambda vault: many(vault, args.key))
    emit(args, {"keys": list(record.keys), "skipped": list(record.skipped), **extra}, record.message())
    return 0


def cmd_snooze(args: argparse.Namespace) -> int:
    today = dt.date.today()
    return _one_or_bulk(
        args,
        lambda vault, key: actions.snooze(vault, key, args.until),
        lambda key: report_snoozed(args, key, args.until),
        lambda vault, keys: bulk.snooze(vault, keys, args.until, today=today),
        snoozed_until=args.until.isoformat(),
    )


def cmd_dismiss(args: argparse.Namespace) -> int:
    now = dt.datetime.now()
    return _one_or_bulk(
        args,
        lambda vault, key: actions.dismiss(vault, key, args.reason),
        lambda key: report_dismissed(args, key, args.reason),
        lambda vault, keys: bulk.dismiss(vault, keys, args.reason, now=now),
        dismissed=True,
        reason=args.reason,
    )


def cmd_lost(args: argparse.Namespace) -> int:
    reason = with_vault(args, lambda vault: outcomes.mark_lost(vault, args.client_id, args.reason, note=args.note))
    emit(
        args,
        {"client_id": args.client_id, "lost": True, "reason": reason},
        t("已标记客户 {} 流失，原因：{}", "Client {} marked lost: {}").format(args.client_id, reason),
    )
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    rows = with_vault(args, lambda vault: retention_by_month(vault, args.months))
    lines = [
        f"{r.month}  {t('到期', 'matured')} {r.matured:>14,.2f}  {t('已记录', 'recorded')} {r.recorded:>14,.2f}  "
        f"{t('留存', 'kept')} {r.kept:>14,.2f}  {t('留存率', 'rate')} {'-' if r.rate is None else f'{r.rate:.1%}'}"
        for r in rows
    ]
    emit(args, [r.as_dict() for r in rows], "\n".join(lines))
    return 0


def cmd_outcome(args: argparse.Namespace) -> int:
    record = with_vault(
        args,
        lambda vault: outcomes.record_outcome(vault, args.holding_id, args.kept, into=args.into, reason=args.reason),
    )
    text = record.message()
    if record.into_holding_id is not None:
        text += t("；新持仓编号 {}", "; new holding {}").format(record.into_holding_id)
    emit(args, {**record.as_dict(), "outcome_label": outcome_name(record.outcome)}, text)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "worklist",
        parents=[common],
        help=t("今日工作清单：按优先级排好的待办及原因", "the day's ranked worklist, with reasons"),
    )
    p.add_argument(
        "--date",
        type=day,
        metavar="D",
        help=t("以该日期为今天（默认今天）", "take this date as today (default: today)"),
    )
    p.add_argument("--top", type=int, metavar="N", help=t("只列出前 N 项", "list the first N items only"))
    p.set_defaults(func=cmd_worklist)
    steps = p.add_subparsers(dest="action", metavar="ACTION")
    snooze = steps.add_parser("snooze", parents=[common], help=t("推迟一项或多项", "snooze one or more items"))
    snooze.add_argument("key", metavar="KEY", nargs="+")
    snooze.add_argument("--until", type=day, required=True, metavar="D")
    snooze.set_defaults(func=cmd_snooze)
    dismiss = steps.add_parser(
        "dismiss",
        parents=[common],
        help=t("忽略一项或多项（写明同一原因）", "dismiss one or more items, with one reason"),
    )
    dismiss.add_argument("key", metavar="KEY", nargs="+")
    dismiss.add_argument("--reason", required=True, metavar="R")
    dismiss.set_defaults(func=cmd_dismiss)
    lost = steps.add_parser("lost", parents=[common], help=t("标记客户流失", "mark a client lost"))
    lost.add_argument("client_id", type=int, metavar="CLIENT_ID")
    lost.add_argument(
        "--reason",
        required=True,
        metavar="R",
        help=t("流失原因（设置中的列表之一）", "one of the reasons in the settings"),
    )
    lost.add_argument("--note", metavar="T")
    lost.set_defaults(func=cmd_lost)
    kept = steps.add_parser(
        "retention", parents=[common], help=t("每月到期承接率", "retention of maturing money per month")
    )
    kept.add_argument(
        "--months", type=int, default=12, metavar="N", help=t("最近几个月（默认 12）", "months (default 12)")
    )
    kept.set_defaults(func=cmd_retention)
    for step in (snooze, dismiss, lost, kept):  # "worklist --date D snooze …": the option is the parent's
        step.add_argument("--date", type=day, metavar="D", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        step.add_argument("--top", type=int, default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    maturity = sub.add_parser("maturity", parents=[common], help=t("产品到期", "product maturities"))
    what = maturity.add_subparsers(dest="action", metavar="ACTION", required=True)
    outcome = what.add_parser(
        "outcome", parents=[common], help=t("记录到期资金去向", "record what happened to matured money")
    )
    outcome.add_argument("holding_id", type=int, metavar="HOLDING_ID")
    outcome.add_argument(
        "--kept",
        required=True,
        metavar="AMOUNT",
        help=t("留存金额（元，可写 50万；0 为全部取出）", "amount kept (元, or e.g. 50万; 0 = withdrawn)"),
    )
    outcome.add_argument("--into", metavar="PRODUCT", help=t("转入的产品名称", "the product the money went into"))
    outcome.add_argument("--reason", metavar="R", help=t("原因（全部取出时必填）", "reason (required when withdrawn)"))
    outcome.set_defaults(func=cmd_outcome)
