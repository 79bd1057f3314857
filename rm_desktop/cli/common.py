"""What every CLI command shares: password sources, opening the vault, printing results."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault.paths import resolve_vault_dir

PASSWORD_ENV = "RM_DESKTOP_PASSWORD"
NEW_PASSWORD_ENV = "RM_DESKTOP_NEW_PASSWORD"


def vault_dir(args) -> Path:
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
    value = os.environ.get(env)
    if value:
        vs.check_new_password(value)
        return value
    first = prompt(t("新主密码：", "New master password: "))
    vs.check_new_password(first, prompt(t("再次输入新主密码：", "New master password again: ")))
    return first


def open_vault(args, *, backup: bool = False) -> vs.Vault:
    """Password from RM_DESKTOP_PASSWORD, else the keyring, else a prompt.

    CLI calls do not back up at each unlock (scripts may call it hundreds of times and would
    rotate the GUI's backups away); a pending schema migration is always backed up first.
    """
    root = vault_dir(args)
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return vs.unlock(root, env, backup=backup)
    try:
        return vs.unlock(root, None, backup=backup)
    except vs.NeedPassword as need:
        if need.keyring_notice:
            print(need.keyring_notice, file=sys.stderr)
        return vs.unlock(root, prompt(t("主密码：", "Master password: ")), backup=backup)


def with_vault(args, action):
    """Open the vault, run ``action(vault)``, lock again whatever happens; returns the result."""
    vault = open_vault(args)
    try:
        return action(vault)
    finally:
        vault.lock()


def emit(args, data: Any, text: str | None = None) -> None:
    """JSON with --json, else the human text (or a readable rendering of the data)."""
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
    else:
        print(text if text is not None else data)
