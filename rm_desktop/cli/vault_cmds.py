"""CLI commands for the vault itself: init, keyring, passwd, rekey, verify, backup, restore, demo."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rm_desktop.cli.common import (
    PASSWORD_ENV,
    emit,
    new_password,
    open_vault,
    password_from_env_or_prompt,
    prompt,
    vault_dir,
)
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.clients import demo
from rm_desktop.services.plans.store import demo_plans
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import rekeying
from rm_desktop.services.vault.maintenance import forget_key, restore, verify
from rm_desktop.services.vault.paths import VaultPaths, location_warning


def cmd_init(args: argparse.Namespace) -> int:
    root = vault_dir(args)
    warning = location_warning(root)  # a network, mapped or OneDrive folder: said, not refused
    if warning:
        print(warning, file=sys.stderr)
    password = os.environ.get(PASSWORD_ENV) or new_password(env=PASSWORD_ENV)
    # The CLI keeps no key copy unless asked (--remember); the vault is created either way, so a
    # keyring failure is a notice, not an exit code a script would retry on.
    remember = bool(getattr(args, "remember", False))
    vault = vs.create_vault(root, password, remember=remember)
    if vault.notice:
        print(vault.notice, file=sys.stderr)
    emit(
        args,
        {"vault": str(root), "vault_id": vault.header.vault_id, "remembered": remember and not vault.notice},
        t("已创建档案库：{}", "Vault created: {}").format(root),
    )
    vault.lock()
    return 0


def cmd_keyring_remember(args: argparse.Namespace) -> int:
    """Save the key in this PC's keyring; the master password proves the right to."""
    vault = vs.unlock(vault_dir(args), password_from_env_or_prompt(), remember=True, backup=False)
    notice = vault.notice
    vault.lock()
    if notice:
        raise UserError(notice)
    emit(
        args,
        {"remembered": True},
        t(
            "密钥已保存在本机钥匙串中：在本机解锁无需再输入主密码。",
            "The key is saved in this PC's keyring: unlocking on this PC needs no password.",
        ),
    )
    return 0


def cmd_keyring_forget(args: argparse.Namespace) -> int:
    notice = forget_key(vault_dir(args))
    if notice:
        raise UserError(notice)
    emit(
        args,
        {"remembered": False},
        t(
            "本机钥匙串中已没有该档案库的密钥：解锁需要主密码。",
            "This PC's keyring holds no key for the vault: unlocking needs the master password.",
        ),
    )
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        old = password_from_env_or_prompt(t("当前主密码：", "Current master password: "))
        rekeying.change_password(vault, old, new_password())
    finally:
        vault.lock()
    emit(
        args,
        {"changed": True, "rekeyed": True},
        t(
            "主密码已更改，数据库已用新密钥重新加密；此前的备份仍需用旧密码打开。",
            "The master password was changed and the database re-encrypted with a new key; earlier backups "
            "still need the old password.",
        ),
    )
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        rekeying.rekey(vault, password_from_env_or_prompt())
    finally:
        vault.lock()
    emit(args, {"rekeyed": True}, t("数据库已使用新密钥重新加密。", "The database was re-encrypted with a new key."))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        report = verify(vault)
    finally:
        vault.lock()
    text = "\n".join(
        [
            f"integrity_check: {', '.join(report.integrity)}",
            f"cipher_integrity_check: {', '.join(report.cipher_integrity) or 'ok'}",
            f"migration: {report.revision} (head {report.head})",
            t("结果：正常", "Result: OK") if report.ok else t("结果：发现问题", "Result: PROBLEMS FOUND"),
        ]
    )
    emit(args, report.as_dict(), text)
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        path = vs.backup_now(vault, Path(args.file) if args.file else None)
        notice = vault.backup_notice
    finally:
        vault.lock()
    if notice:  # the copy to the second backup folder failed; the backup itself is written
        print(notice, file=sys.stderr)
    emit(args, {"backup": str(path)}, t("备份已写入：{}", "Backup written: {}").format(path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    root = vault_dir(args)
    source = Path(args.file)
    if not source.is_file():
        raise UserError(t("找不到备份文件：{}", "Backup file not found: {}").format(source))
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                t(
                    "恢复会替换当前数据；非交互运行时请加 --yes。",
                    "Restoring replaces the current data; add --yes when not interactive.",
                )
            )
        answer = input(
            t("用 {} 替换 {} 中的数据？[y/N] ", "Replace the data in {} with {}? [y/N] ").format(root, source)
        )
        if answer.strip().lower() not in ("y", "yes", "是"):
            print(t("已取消。", "Cancelled."))
            return 1
    password = os.environ.get(PASSWORD_ENV) or prompt(t("主密码：", "Master password: "))
    restore(root, source, password=password)
    emit(
        args,
        {"restored": str(source), "vault": str(root)},
        t("已从备份恢复：{}", "Restored from backup: {}").format(source),
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    if args.clients < 1:
        raise UserError(t("--clients 必须是正整数。", "--clients must be a positive number."))
    if not VaultPaths(vault_dir(args)).exists():
        cmd_init(args)
    vault = open_vault(args)
    try:
        added = demo.fill(vault, args.clients, seed=args.seed)
        plans_added = demo_plans(vault, share=0.2, seed=args.seed)
    finally:
        vault.lock()
    emit(
        args,
        {"clients_added": added, "plans_added": plans_added},
        t("已添加 {} 位演示客户和 {} 份理财规划。", "Added {} demo clients and {} financial plans.").format(
            added, plans_added
        ),
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help=t("创建新的档案库", "create a new vault"))
    p.add_argument(
        "--remember",
        action="store_true",
        help=t("在本机钥匙串保存密钥（下次无需主密码）", "keep the key in this PC's keyring (no password next time)"),
    )
    p.add_argument("--no-remember", action="store_true", help=argparse.SUPPRESS)  # the default now; old scripts
    p.set_defaults(func=cmd_init)
    group = sub.add_parser(
        "keyring", parents=[common], help=t("本机钥匙串中的密钥", "the key copy in this PC's keyring")
    )
    commands = group.add_subparsers(dest="keyring_command", required=True, metavar="ACTION")
    commands.add_parser(
        "remember",
        parents=[common],
        help=t("在本机保存密钥（需要主密码）", "save the key on this PC (needs the password)"),
    ).set_defaults(func=cmd_keyring_remember)
    commands.add_parser(
        "forget", parents=[common], help=t("删除本机保存的密钥", "remove the key saved on this PC")
    ).set_defaults(func=cmd_keyring_forget)
    sub.add_parser("passwd", parents=[common], help=t("更改主密码", "change the master password")).set_defaults(
        func=cmd_passwd
    )
    sub.add_parser(
        "rekey", parents=[common], help=t("用新密钥重新加密数据库", "re-encrypt the database with a new key")
    ).set_defaults(func=cmd_rekey)
    sub.add_parser(
        "verify", parents=[common], help=t("检查数据库完整性", "check the database's integrity")
    ).set_defaults(func=cmd_verify)
    p = sub.add_parser("backup", parents=[common], help=t("立即备份", "back up now"))
    p.add_argument(
        "file",
        nargs="?",
        help=t("备份文件路径（默认放在档案库的 backups 文件夹）", "backup file (default: the vault's backups folder)"),
    )
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", parents=[common], help=t("从备份恢复", "restore from a backup"))
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help=t("不再确认", "do not ask for confirmation"))
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("demo", parents=[common], help=t("填入演示客户", "fill the vault with demo clients"))
    p.add_argument("--clients", type=int, default=200)
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(func=cmd_demo)
