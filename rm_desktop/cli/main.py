"""``rm-desktop-cli`` / ``python -m rm_desktop.cli``: the command-line client of the services.

Any user error prints one line on stderr and exits 1, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from rm_desktop import __version__
from rm_desktop.i18n import language_from_env, set_language, t

PROG = "rm-desktop-cli"
VERSION = f"rm-desktop {__version__}"


# Each command module and the top-level commands its ``register(sub, common)`` adds, in the
# order ``--help`` lists them. A run imports only the module of the command it names (its
# services, SQLAlchemy, openpyxl... come with it); the top-level ``--help`` and an unknown
# command import them all, ``--version`` and no command at all none. A new command module is one
# line here; tests/cli/test_cli_start.py checks that each module registers exactly the names listed.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("vault_cmds", ("init", "keyring", "passwd", "rekey", "verify", "backup", "restore", "demo")),
    ("client_cmds", ("client", "holding", "contact")),
    ("script_cmds", ("template",)),
    ("reminder_cmds", ("reminders", "appointment", "reminder")),
    ("plan_cmds", ("plan",)),
    ("exchange_cmds", ("import", "export")),
    ("handover_cmds", ("handover",)),
    ("insights_cmds", ("insights",)),
    ("worklist_cmds", ("worklist", "maturity")),
    ("sales_cmds", ("opportunity", "referral")),
    ("complaint_cmds", ("complaint",)),
    ("event_cmds", ("event", "playbook")),
    ("consent_cmds", ("consent",)),
    ("audit_cmds", ("audit",)),
    ("privacy_cmds", ("privacy",)),
    ("export_cmds", ("exports",)),
    ("report_cmds", ("report",)),
    ("settings_cmds", ("profile", "settings", "policy")),
)


class _NoCommand(Exception):
    """The peek below could not read the command name: the full parser will say why."""


class _PeekParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NoCommand(message)


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--vault",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=t("档案库文件夹（也可用环境变量 RM_DESKTOP_VAULT）", "vault folder (or env RM_DESKTOP_VAULT)"),
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=t("输出 JSON", "print JSON"))
    return common


def command_name(argv: Sequence[str]) -> tuple[str | None, bool]:
    """The command ``argv`` names (its first positional, read with the global options as argparse
    reads them; None for none or a bad option) and whether the top-level --help is asked for."""
    peek = _PeekParser(add_help=False, parents=[_common_options()])
    peek.add_argument("-h", "--help", action="store_true")
    peek.add_argument("command", nargs="?")
    peek.add_argument("rest", nargs=argparse.REMAINDER)
    try:
        known, _unknown = peek.parse_known_args(list(argv))
    except _NoCommand:
        return None, True  # the full parser reports it, with every command registered
    return known.command, bool(known.help)


def modules_for(command: str | None, help_wanted: bool) -> list[str]:
    """The command modules to import: the command's own; all for the top-level --help or an
    unknown command (argparse lists the choices); none for --version or no command at all."""
    for module, names in COMMANDS:
        if command in names:
            return [module]
    if command is None and not help_wanted:
        return []
    return [module for module, _names in COMMANDS]


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The CLI's parser; with ``argv``, only the command it names is registered (cheap start)."""
    from rm_desktop.cli.common import CliParser

    common = _common_options()
    # Its sub-commands' parsers are CliParsers too: a bad argument is one line and exit 1.
    parser: argparse.ArgumentParser = CliParser(
        prog="rm-desktop-cli",
        parents=[common],
        description=t("RM Desktop 客户经理桌面档案 命令行", "RM Desktop command line"),
    )
    parser.add_argument("--version", action="version", version=VERSION)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted, help_wanted = command_name(argv) if argv is not None else (None, True)
    for module in modules_for(wanted, help_wanted):
        importlib.import_module(f"rm_desktop.cli.{module}").register(sub, common)
    return parser


def _is_database_error(exc: BaseException) -> bool:
    """An OperationalError (locked, full disk...) of SQLAlchemy or, on a vault opened on the
    bare driver (``client list``), of sqlcipher3 itself, without importing either for the
    commands that never load them (--version, --help)."""
    errors = [getattr(sys.modules.get(name), "OperationalError", None) for name in ("sqlalchemy.exc", "sqlcipher3")]
    return any(error is not None and isinstance(exc, error) for error in errors)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if list(argv) == ["--version"]:  # what install checks and scripts call: no logging, no parser
        print(VERSION)
        return 0
    # Imported here, not at the top: `--version` above needs none of them.
    import logging

    from rm_desktop import logsafe
    from rm_desktop.cli import common, early_key
    from rm_desktop.security import hardening

    hardening.no_core_dumps()  # first: nothing of the vault is in memory yet
    set_language(language_from_env())
    common.configure_streams()
    if not logging.getLogger().handlers:  # a test harness (pytest) keeps its own
        logsafe.configure()
    logsafe.install_excepthook(PROG)
    wanted, help_wanted = command_name(argv)
    if wanted is not None and not help_wanted:
        # Argon2id from RM_DESKTOP_PASSWORD, while the command's modules import (issue 19.2).
        early_key.begin(argv, os.environ.get(common.PASSWORD_ENV))
    try:
        return _run(argv)
    finally:
        early_key.end()


def _run(argv: list[str]) -> int:
    from rm_desktop import logsafe
    from rm_desktop.domain.errors import UserError

    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help/--version (0) or a bad argument (1, its one line printed)
        return stop.code if isinstance(stop.code, int) else 1
    args.vault = getattr(args, "vault", None)
    args.json = getattr(args, "json", False)
    from rm_desktop.security import policy

    notice = policy.current().problem_text()  # read once; a bad file: strict rules, said once
    if notice:
        print(f"rm-desktop-cli: {notice}", file=sys.stderr)
    try:
        return args.func(args)
    except UserError as exc:
        print(f"rm-desktop-cli: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(t("已中断。", "Interrupted."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug or an unforeseen state: one line, never a traceback
        if _is_database_error(exc):
            print(f"rm-desktop-cli: {t('数据库错误', 'database error')}: {getattr(exc, 'orig', exc)}", file=sys.stderr)
            return 1
        logsafe.report_unexpected(type(exc), exc, exc.__traceback__, PROG)
        return 1


if __name__ == "__main__":
    sys.exit(main())
