"""What every CLI command shares: password sources, opening the vault, printing results."""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.field_values import parse_date_text
from rm_desktop.i18n import t

if TYPE_CHECKING:
    from rm_desktop.services.vault.driver_vault import DriverVault
    from rm_desktop.services.vault.lifecycle import Vault

# The services (SQLAlchemy, Alembic, keyring...) are imported by the functions that use them,
# not here: every command imports this module, and `--version` or `--help` must not pay for them.

T = TypeVar("T")
PASSWORD_ENV = "RM_DESKTOP_PASSWORD"
NEW_PASSWORD_ENV = "RM_DESKTOP_NEW_PASSWORD"
MAX_ID = 2**63 - 1  # SQLite's INTEGER: a larger id overflowed in the driver with a traceback
MAX_DAYS_AHEAD = 36_600  # a window of days: 100 years (10**12 days overflowed the date)
# Dates a CLI argument may name. A window of days past 9999-12-31 overflowed, and an expansion
# of a daily rule between far-apart dates ran for minutes; a bank's book lives between these.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)


class CliParser(argparse.ArgumentParser):
    """argparse reporting a bad argument as the CLI reports every user error: one line on
    stderr and exit 1 (argparse's own is the usage text and exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(
            1, t("{}：{}（帮助：{} --help）\n", "{}: {} (help: {} --help)\n").format(self.prog, message, self.prog)
        )


def _refuse(text: str, zh: str, en: str) -> NoReturn:
    raise argparse.ArgumentTypeError(t(zh, en).format(text))


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer from ``low`` to ``high``, else one clear line."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:  # also the 4300-digit limit of int()
            _refuse(text[:40], "须为整数：{}", "must be a whole number: {}")
        if not low <= value <= high:
            _refuse(
                text[:40],
                f"须在 {low} 到 {high} 之间：{{}}",
                f"must be from {low} to {high}: {{}}",
            )
        return value

    return parse


record_id = whole_number(1, MAX_ID)


def check_id(value: int, field: str) -> int:
    """``value`` as a record id, or a UserError naming ``field``."""
    if not 1 <= value <= MAX_ID:
        raise UserError(
            t("{}：编号须在 1 到 {} 之间：{}", "{}: an id must be from 1 to {}: {}").format(field, MAX_ID, value)
        )
    return value


def _in_range(value: dt.date, text: str) -> None:
    if not FIRST_DAY <= value <= LAST_DAY:
        _refuse(
            text[:40],
            f"日期须在 {FIRST_DAY} 到 {LAST_DAY} 之间：{{}}",
            f"the date must be from {FIRST_DAY} to {LAST_DAY}: {{}}",
        )


def day(text: str) -> dt.date:
    """An argparse type: a date between FIRST_DAY and LAST_DAY, read by the one date parser."""
    try:
        value = parse_date_text(text, "")
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    _in_range(value, text)
    return value


def moment(text: str) -> dt.datetime:
    """An argparse type: a date-time between FIRST_DAY and LAST_DAY (the appointments' parser)."""
    from rm_desktop.services.reminders.appointments import parse_when

    try:
        value = parse_when(text, "")
    except UserError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    _in_range(value.date(), text)
    return value


def vault_dir(args: argparse.Namespace) -> Path:
    from rm_desktop.services.vault.paths import resolve_vault_dir

    return resolve_vault_dir(args.vault)


def prompt(label: str) -> str:
    try:
        return getpass.getpass(label)
    except (EOFError, OSError):
        raise UserError(
            t(
                "无法读取密码：请在终端中运行，或设置环境变量 {}。",
                "Cannot read a password: run in a terminal or set {}.",
            ).format(PASSWORD_ENV)
        ) from None


def password_from_env_or_prompt(label: str | None = None) -> str:
    value = os.environ.get(PASSWORD_ENV)
    return value if value else prompt(label or t("主密码：", "Master password: "))


def new_password(env: str = NEW_PASSWORD_ENV) -> str:
    """From ``env`` when set, else prompted twice."""
    from rm_desktop.services.vault import lifecycle as vs

    value = os.environ.get(env)
    if value:
        vs.check_new_password(value)
        return value
    first = prompt(t("新主密码：", "New master password: "))
    vs.check_new_password(first, prompt(t("再次输入新主密码：", "New master password again: ")))
    return first


def open_vault(args: argparse.Namespace, *, backup: bool = False) -> Vault:
    """Password from RM_DESKTOP_PASSWORD, else the keyring, else a prompt.

    CLI calls do not back up at each unlock (scripts may call it hundreds of times and would
    rotate the GUI's backups away); a pending schema migration is always backed up first.
    A password unlock leaves the keyring as it is (``remember=None``): only ``init --remember``
    and ``keyring remember|forget`` change it, so a script never re-enables "remember on this PC".
    """
    from rm_desktop.cli import early_key
    from rm_desktop.services.vault import lifecycle as vs

    root = vault_dir(args)
    env = os.environ.get(PASSWORD_ENV)
    if env:
        early = early_key.take(root, env)
        derived = early.for_header if early is not None else None
        try:
            return vs.unlock(root, env, remember=None, backup=backup, derived=derived)
        finally:
            if early is not None:
                early.discard()  # (an unlock refused before it took the key)
    try:
        return vs.unlock(root, None, backup=backup)
    except vs.NeedPassword as need:
        if need.keyring_notice:
            print(need.keyring_notice, file=sys.stderr)
        password = prompt(t("主密码：", "Master password: "))
        try:
            return vs.unlock(root, password, remember=None, backup=backup)
        finally:
            # The prompt's str is this function's alone: its characters go once the key is
            # derived (security/hardening.scrub refuses if anything else still holds it).
            from rm_desktop.security.hardening import scrub

            scrub(password)


def open_on_driver(args: argparse.Namespace) -> Vault | DriverVault:
    """:func:`open_vault` for a command that only reads and records (``client list``): with the
    password in RM_DESKTOP_PASSWORD, the vault on the bare driver (services/vault/driver_vault);
    the full unlock when that one needs it (a schema upgrade, the day's housekeeping), with the
    key already unwrapped, or without the password in the environment (the keyring, a prompt)."""
    env = os.environ.get(PASSWORD_ENV)
    if not env:
        return open_vault(args)
    from rm_desktop.cli import early_key
    from rm_desktop.services.vault import driver_vault

    root = vault_dir(args)
    early = early_key.take(root, env)
    try:
        try:
            return driver_vault.open_on_driver(root, env, early.for_header if early is not None else None)
        except driver_vault.NotOnDriver as full:
            from rm_desktop.services.vault import lifecycle as vs

            try:
                return vs.unlock(root, env, remember=None, backup=False, derived=full.key_for)
            finally:
                full.discard()
    finally:
        if early is not None:
            early.discard()  # (an unlock refused before it took the key)


def with_vault(args: argparse.Namespace, action: Callable[[Vault], T]) -> T:
    """Open the vault, run ``action(vault)``, lock again whatever happens; returns the result."""
    vault = open_vault(args)
    try:
        return action(vault)
    finally:
        vault.lock()


def configure_streams() -> None:
    """Text output never fails on a character the console's code page lacks.

    Redirected on a Chinese Windows (``> out.txt``, ``> nul``, a pipe), stdout is encoded in
    cp936 (GBK), which has no 䶮, 𠮷 or emoji: printing one raised UnicodeEncodeError after the
    command's work was committed, and a script that saw exit code 1 ran it again. Such characters
    now print as backslash escapes; JSON output is escaped itself (:func:`json_text`).
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _encodes_all_text(stream: Any) -> bool:
    try:
        return codecs.lookup(stream.encoding).name.startswith("utf-")
    except (AttributeError, LookupError, TypeError):  # no stream, no encoding, an unknown one
        return False


def json_text(data: Any, stream: Any = None) -> str:
    """``data`` as JSON for ``stream`` (stdout): readable Chinese when the stream is UTF-8 (a
    Windows console, Linux), else ``\\uXXXX`` escapes, so the JSON is valid in any code page."""
    readable = _encodes_all_text(sys.stdout if stream is None else stream)
    return json.dumps(data, ensure_ascii=not readable, indent=1, default=str)


def emit(args: argparse.Namespace, data: Any, text: str | None = None) -> None:
    """JSON with --json, else the human text (or a readable rendering of the data)."""
    if getattr(args, "json", False):
        sys.stdout.write(json_text(data) + "\n")
    else:
        print(text if text is not None else data)


def report_snoozed(args: argparse.Namespace, key: str, until: dt.date) -> None:
    """What ``reminder snooze`` and ``worklist snooze`` say: one shape of JSON and text for both."""
    text = t("已推迟到 {}：{}", "Snoozed until {}: {}").format(until.isoformat(), key)
    emit(args, {"key": key, "snoozed_until": until.isoformat()}, text)


def report_dismissed(args: argparse.Namespace, key: str, reason: str) -> None:
    emit(args, {"key": key, "dismissed": True, "reason": reason}, t("已忽略：{}", "Dismissed: {}").format(key))
