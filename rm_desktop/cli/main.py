"""``rm-desktop-cli`` / ``python -m rm_desktop.cli``: the command-line client of the services.

Any user error prints one line on stderr and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from sqlalchemy.exc import OperationalError

from rm_desktop import __version__, logsafe
from rm_desktop.cli import (
    client_cmds,
    exchange_cmds,
    handover_cmds,
    insights_cmds,
    plan_cmds,
    reminder_cmds,
    script_cmds,
    settings_cmds,
    vault_cmds,
    worklist_cmds,
)
from rm_desktop.cli.common import CliParser, configure_streams
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import language_from_env, set_language, t
from rm_desktop.security import hardening

PROG = "rm-desktop-cli"


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--vault",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=t("档案库文件夹（也可用环境变量 RM_DESKTOP_VAULT）", "vault folder (or env RM_DESKTOP_VAULT)"),
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=t("输出 JSON", "print JSON"))
    # Its sub-commands' parsers are CliParsers too: a bad argument is one line and exit 1.
    parser: argparse.ArgumentParser = CliParser(
        prog="rm-desktop-cli",
        parents=[common],
        description=t("RM Desktop 客户经理桌面档案 命令行", "RM Desktop command line"),
    )
    parser.add_argument("--version", action="version", version=f"rm-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    vault_cmds.register(sub, common)
    client_cmds.register(sub, common)
    script_cmds.register(sub, common)
    reminder_cmds.register(sub, common)
    plan_cmds.register(sub, common)
    exchange_cmds.register(sub, common)
    handover_cmds.register(sub, common)
    insights_cmds.register(sub, common)
    worklist_cmds.register(sub, common)
    settings_cmds.register(sub, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    hardening.no_core_dumps()  # first: nothing of the vault is in memory yet
    set_language(language_from_env())
    configure_streams()
    if not logging.getLogger().handlers:  # a test harness (pytest) keeps its own
        logsafe.configure()
    logsafe.install_excepthook(PROG)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help/--version (0) or a bad argument (1, its one line printed)
        return stop.code if isinstance(stop.code, int) else 1
    args.vault = getattr(args, "vault", None)
    args.json = getattr(args, "json", False)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"rm-desktop-cli: {exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:
        print(f"rm-desktop-cli: {t('数据库错误', 'database error')}: {exc.orig}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(t("已中断。", "Interrupted."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug or an unforeseen state: one line, never a traceback
        logsafe.report_unexpected(type(exc), exc, exc.__traceback__, PROG)
        return 1


if __name__ == "__main__":
    sys.exit(main())
