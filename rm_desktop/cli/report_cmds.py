"""CLI for reports (工作日志, 周报, 月报; issue 17.5).

    report day   [--date 2026-12-01]  [--json] [--pdf FILE] [--xlsx FILE] [--counts-only]
    report week  [--week 2026-W49]    (same options)
    report month [--month 2026-12]    (same options)
    report log --date D [--note TEXT] [--plan LINE ...] [--revision N]   the day's note and plan
    report revisions --date D [--json]                                   a day's kept revisions
    report targets [--set "contacts=300, retention=90%, new_clients_aum=200万"] [--json]
    report bundle / report collect                                       see cli/report_bundle_cmds

Without a date, week or month the report is of the one containing today (Asia/Shanghai).
``--counts-only`` drops every client name, id and per-client amount (the copy to paste where
colleagues read); ``--pdf`` / ``--xlsx`` write the file as well as printing the report. A day's
log is editable until the day is over, then each save is a new revision. Bad input is one line
naming the field and the expected form, exit code 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal

from rm_desktop.cli import export_options, report_bundle_cmds
from rm_desktop.cli.common import day, emit, with_vault
from rm_desktop.domain.money import amount_with_unit
from rm_desktop.domain.reports import DAY, MONTH, WEEK, Report, as_dict, counts_only
from rm_desktop.i18n import t
from rm_desktop.services import report_outputs, reports
from rm_desktop.services.report_outputs.figures import byline, change_text, target_text, title, value_text
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.handle import VaultHandle

OPTION = {DAY: "date", WEEK: "week", MONTH: "month"}


def _now() -> dt.datetime:
    """The clock (a test sets its own): local time, as the vault stores times."""
    return dt.datetime.now()


def report_text(report: Report) -> str:
    """The RM's own copy as plain text: each line with its clients (the counts-only copy is
    report_outputs.counts_text, the one renderer of what is safe to paste)."""
    colon = t("：", ": ")
    lines = [f"【{title(report)}】", byline(report)]
    if report.locked:
        lines.append(t("（已锁定，第 {} 版）", "(locked, revision {})").format(report.revision))
    if report.empty:
        lines.append(t("本期无记录。", "Nothing was recorded in this period."))
    for section in report.sections:
        lines += ["", f"■ {section.title}"]
        if not section.lines:
            lines.append("  " + (section.empty_text or t("无", "none")))
        for line in section.lines:
            total = (
                t("，合计 {}", ", total {}").format(amount_with_unit(line.amount)) if line.amount is not None else ""
            )
            lines.append(f"  {line.label}{colon}{line.count}{total}")
            for d in line.details:
                amount = f"  {amount_with_unit(d.amount)}" if d.amount is not None else ""
                lines.append(f"    - {d.name}{' · ' + d.text if d.text else ''}{amount}")
    if report.kpis:
        lines += ["", "■ " + t("指标", "KPIs")]
        for kpi in report.kpis:
            more = [t("上期 {}", "previous {}").format(value_text(kpi.unit, kpi.previous))]
            if kpi.change is not None:
                more.append(t("变化 {}", "change {}").format(change_text(kpi)))
            if kpi.target is not None:
                more.append(t("目标 {}", "target {}").format(target_text(kpi)))
            shown = t("（{}）", " ({})").format(t("，", ", ").join(more))
            lines.append(f"  {kpi.label}{colon}{value_text(kpi.unit, kpi.value)}{shown}")
    if report.period.kind == DAY:  # the RM's own words
        lines += ["", "■ " + t("备注", "Note"), "  " + (report.note or "—"), "", "■ " + t("明日计划", "Tomorrow")]
        lines += [f"  {n}. {item}" for n, item in enumerate(report.tomorrow, 1)] or ["  —"]
    if report.warnings:
        lines += ["", "■ " + t("提醒", "Warnings"), *(f"  ! {w}" for w in report.warnings)]
    return "\n".join(lines) + "\n"


def cmd_report(args: argparse.Namespace) -> int:
    now = _now()
    period = reports.period_for(args.kind, getattr(args, OPTION[args.kind]), now.date())  # refused before unlock
    if args.pdf or args.xlsx:  # a file the IT policy forbids: refused before unlock too (the outputs check again)
        policy_rules.check_export("report")
    control = export_options.control_from(args, "report")
    written: list[str] = []

    def build_and_write(vault: VaultHandle) -> Report:
        # Each file is registered in the vault (issue 18.3), so it is written while it is open.
        built = reports.build_report(vault, period, now=now)
        shown = counts_only(built) if args.counts_only else built
        for path, write in ((args.pdf, report_outputs.export_pdf), (args.xlsx, report_outputs.export_xlsx)):
            if path:
                register_id = write(shown, path, vault=vault, control=control)
                written.append(
                    t("已写入：{}（{}）\n", "Written: {} ({})\n").format(
                        path, export_options.describe(control, register_id)
                    )
                )
        return built

    report = with_vault(args, build_and_write)
    shown = counts_only(report) if args.counts_only else report
    text = report_outputs.counts_text(report) if args.counts_only else report_text(report)
    text += "".join(written)
    emit(args, as_dict(shown), text.rstrip("\n"))
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    now = _now()

    def save(vault: VaultHandle) -> int:
        current = reports.day_log_revisions(vault, args.date)
        last = current[-1] if current else None
        note = args.note if args.note is not None else (last.note if last else "")
        plan = args.plan if args.plan is not None else list(last.tomorrow if last else ())
        expected = args.revision if args.revision is not None else (last.revision if last else 0)
        return reports.save_day_log(vault, args.date, note, plan, now=now, expected_revision=expected)

    revision = with_vault(args, save)
    text = t("已保存 {} 的工作日志（第 {} 版）", "Work log of {} saved (revision {})").format(args.date, revision)
    emit(args, {"date": args.date.isoformat(), "revision": revision}, text)
    return 0


def cmd_revisions(args: argparse.Namespace) -> int:
    found = with_vault(args, lambda vault: reports.day_log_revisions(vault, args.date))
    text = "\n".join(
        f"#{r.revision}  {r.saved_at:%Y-%m-%d %H:%M}  {r.note or '—'}" + "".join(f"\n    - {p}" for p in r.tomorrow)
        for r in found
    )
    emit(args, [r.as_dict() for r in found], text or t("这一天还没有工作日志。", "No work log for that day."))
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    def run(vault: VaultHandle) -> dict[str, Decimal]:
        return reports.set_targets(vault, args.set) if args.set is not None else reports.kpi_targets(vault)

    found = with_vault(args, run)
    text = "\n".join(f"{key}={value}" for key, value in found.items())
    emit(args, {key: str(value) for key, value in found.items()}, text or t("未设目标。", "No targets set."))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[common], help=t("工作日志、周报、月报", "daily, weekly and monthly reports"))
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, help_zh, help_en, example in (
        (DAY, "工作日志", "the daily work log", "2026-12-01"),
        (WEEK, "周报（ISO 周，周一至周日）", "the weekly report (ISO week)", "2026-W49"),
        (MONTH, "月报", "the monthly report", "2026-12"),
    ):
        k = kinds.add_parser(kind, parents=[common], help=t(help_zh, help_en))
        k.add_argument(f"--{OPTION[kind]}", metavar=example.upper() if kind != DAY else "D", help=example)
        k.add_argument("--pdf", metavar="FILE", help=t("另存为 PDF", "also write a PDF"))
        k.add_argument("--xlsx", metavar="FILE", help=t("另存为 Excel", "also write an xlsx workbook"))
        k.add_argument(
            "--counts-only", action="store_true", help=t("仅汇总数字，不含客户姓名", "totals only, no client names")
        )
        export_options.add_options(k)
        k.set_defaults(func=cmd_report)
    log = kinds.add_parser("log", parents=[common], help=t("保存某日的备注和明日计划", "save a day's note and plan"))
    log.add_argument("--date", type=day, required=True, metavar="D")
    log.add_argument("--note", metavar="TEXT")
    log.add_argument("--plan", action="append", metavar="LINE", help=t("明日计划，可重复", "a plan line, repeatable"))
    log.add_argument("--revision", type=int, metavar="N", help=t("读取时的版本号", "the revision read"))
    log.set_defaults(func=cmd_log)
    revisions = kinds.add_parser("revisions", parents=[common], help=t("某日工作日志的各版本", "a day's revisions"))
    revisions.add_argument("--date", type=day, required=True, metavar="D")
    revisions.set_defaults(func=cmd_revisions)
    targets = kinds.add_parser("targets", parents=[common], help=t("指标目标", "KPI targets"))
    targets.add_argument("--set", metavar="KPI=TARGET,...")
    targets.set_defaults(func=cmd_targets)
    report_bundle_cmds.register(kinds, common)  # report bundle, report collect: the supervisor's view
