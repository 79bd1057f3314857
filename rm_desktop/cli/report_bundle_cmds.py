"""CLI for the supervisor's view (issue 17.4), subcommands of ``report``:

``report bundle (--week 2026-W49 | --month 2026-12 | --from D --to D) FILE [--named]`` writes
the period's reports in one encrypted bundle (counts only unless ``--named``); ``--from/--to``
bundles the work log of each day. ``report collect FILE... --xlsx SUMMARY.xlsx [--purpose P]``
reads several RMs' bundles into one summary workbook. Passwords come from
RM_DESKTOP_FILE_PASSWORD (or ``--password-env VAR``), else are asked: a new bundle's twice,
each received file's once.

Whether ``report collect`` registers (issue 18.3): a summary of bundles any of which is named
(``--named``: client names in its lines) is a personal-data export like any other, so it opens
the vault and is registered there with its purpose (``--purpose``, else the report's natural
one), watermarked and audited, and the command says its register id. A summary of counts-only
bundles holds no client's data: it needs no register row, and the supervisor's script does not
have to unlock a vault for it; given ``--purpose`` it is registered all the same. (The GUI's
汇总下属报告… has the vault open anyway, so it asks the purpose and registers every summary.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os

from rm_desktop.cli import export_options
from rm_desktop.cli.common import day, emit, with_vault
from rm_desktop.cli.exchange_cmds import file_password
from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reports import DAY, MONTH, WEEK, Period, Report
from rm_desktop.i18n import t
from rm_desktop.services.exchange.handover import check_password
from rm_desktop.services.report_outputs.bundle import ReportBundle, export_bundle, read_bundle
from rm_desktop.services.report_outputs.figures import title
from rm_desktop.services.report_outputs.summary import collect_summary
from rm_desktop.services.reports import build_report, period_for
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.handle import VaultHandle

FILE_PASSWORD_ENV = "RM_DESKTOP_FILE_PASSWORD"
MAX_DAYS = 62  # --from/--to: two months of work logs at most


def _periods(args: argparse.Namespace, today: dt.date) -> list[Period]:
    if args.week or args.month:
        return [period_for(WEEK if args.week else MONTH, args.week or args.month, today)]
    if not (args.date_from and args.date_to):
        raise UserError(
            t(
                "请指定期间：--week、--month，或 --from 与 --to",
                "give the period: --week, --month, or --from with --to",
            )
        )
    days = (args.date_to - args.date_from).days + 1
    if days < 1 or days > MAX_DAYS:
        raise UserError(
            t("--from 须不晚于 --to，且最多 {} 天", "--from must not be after --to, {} days at most").format(MAX_DAYS)
        )
    return [period_for(DAY, (args.date_from + dt.timedelta(days=n)).isoformat(), today) for n in range(days)]


def _use_env_password(args: argparse.Namespace) -> None:
    if not args.password_env and os.environ.get(FILE_PASSWORD_ENV):
        args.password_env = FILE_PASSWORD_ENV


def cmd_bundle(args: argparse.Namespace) -> int:
    now = dt.datetime.now()
    periods = _periods(args, now.date())  # a bad period fails before the password is asked
    policy_rules.check_export("report", encrypted=True)  # and so does a policy forbidding reports
    _use_env_password(args)
    password = file_password(args, t("报告包密码：", "Report bundle password: "), check_password)

    def build(vault: VaultHandle) -> list[Report]:
        return [build_report(vault, period, now=now) for period in periods]

    control = export_options.control_from(args, "report")

    def build_and_write(vault: VaultHandle) -> tuple[list[Report], int | None]:
        built = build(vault)  # registered in the vault (issue 18.3): written while it is open
        return built, export_bundle(built, args.file, password, named=args.named, now=now, vault=vault, control=control)

    reports, register_id = with_vault(args, build_and_write)
    data = {"file": args.file, "reports": [title(r) for r in reports], "named": args.named, "register": register_id}
    shown = t("含客户明细", "with client details") if args.named else t("仅含汇总数字", "counts only")
    emit(
        args,
        data,
        t("已导出 {} 份报告到 {}（已加密，{}）", "{} reports exported to {} (encrypted, {})").format(
            len(reports), args.file, shown
        )
        + "\n"
        + export_options.describe(control, register_id),
    )
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    policy_rules.check_export("report")  # the summary is a plain workbook: before any password
    control = export_options.control_from(args, "report")  # a bad --purpose fails first too
    _use_env_password(args)
    read: list[ReportBundle] = []
    for source in args.files:
        name = os.path.basename(source)
        read.append(read_bundle(source, file_password(args, t("“{}”的密码：", 'Password of "{}": ').format(name))))
    named = any(b.named for b in read)
    register_id = None
    if named or args.purpose is not None:  # personal data (or asked for): registered in the vault
        register_id = with_vault(args, lambda vault: collect_summary(read, args.xlsx, vault=vault, control=control))
    else:
        collect_summary(read, args.xlsx)
    data = {
        "xlsx": args.xlsx,
        "named": named,
        "register": register_id,
        "bundles": [
            {
                "file": b.name,
                "rm_name": b.rm_name,
                "branch": b.branch,
                "named": b.named,
                "reports": [title(r) for r in b.reports],
            }
            for b in read
        ],
    }
    text = t("已汇总 {} 个报告包到 {}", "{} bundles collected into {}").format(len(read), args.xlsx)
    if register_id is not None:
        text += "\n" + export_options.describe(control, register_id)
    else:
        text += "\n" + t("仅含汇总数字：不含客户信息，未登记", "counts only: no client data, not registered")
    emit(args, data, text)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    """Add ``bundle`` and ``collect`` to the ``report`` command's subcommands ``sub``."""
    p = sub.add_parser(
        "bundle", parents=[common], help=t("导出加密报告包（发给主管）", "write an encrypted bundle for a supervisor")
    )
    p.add_argument("file")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--week", metavar="2026-W49", help=t("周报", "the week's report"))
    which.add_argument("--month", metavar="2026-12", help=t("月报", "the month's report"))
    which.add_argument("--from", dest="date_from", type=day, metavar="D", help=t("工作日志起始日", "first day log"))
    p.add_argument("--to", dest="date_to", type=day, metavar="D", help=t("工作日志结束日", "last day log"))
    p.add_argument(
        "--named",
        action="store_true",
        help=t("包含客户姓名等明细（默认仅含汇总数字）", "include the named details (default: counts only)"),
    )
    p.add_argument(
        "--password-env", metavar="VAR", help=t("从该环境变量读取密码", "read the password from this variable")
    )
    export_options.add_options(p)
    p.set_defaults(func=cmd_bundle)
    p = sub.add_parser(
        "collect", parents=[common], help=t("汇总多个报告包为一个工作簿", "collect bundles into one summary workbook")
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--xlsx", required=True, metavar="SUMMARY.xlsx", help=t("汇总工作簿", "the summary workbook"))
    p.add_argument(
        "--password-env", metavar="VAR", help=t("从该环境变量读取密码", "read the password from this variable")
    )
    export_options.add_options(p)  # a named bundle makes the summary a registered export
    p.set_defaults(func=cmd_collect)
