"""CLI commands for the vault itself: init, keyring, passwd, rekey, verify, backup, restore, demo."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rm_desktop.cli.common import (
    MAX_ID,
    PASSWORD_ENV,
    emit,
    new_password,
    open_vault,
    password_from_env_or_prompt,
    prompt,
    vault_dir,
    whole_number,
)
from rm_desktop.domain.errors import Cancelled, UserError
from rm_desktop.i18n import t
from rm_desktop.services.vault import integrity
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault.maintenance import RestorePlan, forget_key, restore, verify
from rm_desktop.services.vault.paths import VaultPaths, location_warning
from rm_desktop.storage.backups import DamagedVault

# Demo clients one command may add: a large book is ~20 000 clients; 10**12 would never end.
MAX_DEMO_CLIENTS = 200_000


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


def _refuse_if_open_elsewhere(args: argparse.Namespace) -> None:
    """A re-key needs the vault to itself: said before the unlock, which would already write
    (its audit entry) to a vault the window holds. The re-key takes the lock again itself."""
    from rm_desktop.storage import vault_lock

    root = vault_dir(args)
    if not VaultPaths(root).header.exists():
        return  # no vault here: the unlock says so
    with vault_lock.exclusive(root):
        pass


def cmd_passwd(args: argparse.Namespace) -> int:
    from rm_desktop.services.vault import rekeying

    _refuse_if_open_elsewhere(args)
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
    from rm_desktop.services.vault import rekeying

    _refuse_if_open_elsewhere(args)
    vault = open_vault(args)
    try:
        rekeying.rekey(vault, password_from_env_or_prompt())
    finally:
        vault.lock()
    emit(args, {"rekeyed": True}, t("数据库已使用新密钥重新加密。", "The database was re-encrypted with a new key."))
    return 0


def _restore_hint(root: Path) -> str:
    """One sentence naming the command that brings the latest backup back (or that there is none)."""
    latest = integrity.latest_backup(VaultPaths(root))
    if latest is None:
        return t("没有可恢复的备份。", "There is no backup to restore.")
    return t(
        '可从最新备份恢复：rm-desktop-cli restore "{}"', 'Restore the latest backup: rm-desktop-cli restore "{}"'
    ).format(latest)


def cmd_verify(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        report = verify(vault)
    finally:
        vault.lock()
    result = t("结果：正常", "Result: OK") if report.ok else t("结果：发现问题", "Result: PROBLEMS FOUND")
    if not report.ok:
        result += " " + _restore_hint(vault.paths.root)
    text = "\n".join(
        [
            f"integrity_check: {', '.join(report.integrity)}",
            f"cipher_integrity_check: {', '.join(report.cipher_integrity) or 'ok'}",
            f"migration: {report.revision} (head {report.head})",
            result,
        ]
    )
    emit(args, report.as_dict(), text)
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        path = vs.backup_now(vault, Path(args.file) if args.file else None)
        notice = vault.backup_notice
    except DamagedVault as exc:  # nothing written, the old backups kept: say which one helps
        raise UserError(f"{exc} {_restore_hint(vault.paths.root)}") from None
    finally:
        vault.lock()
    if notice:  # the copy to the second backup folder failed; the backup itself is written
        print(notice, file=sys.stderr)
    emit(args, {"backup": str(path)}, t("备份已写入：{}", "Backup written: {}").format(path))
    return 0


def _confirm_restore(args: argparse.Namespace, root: Path, plan: RestorePlan) -> bool:
    """The plan first; then --yes, else a y/N question (refused without a terminal, naming the plan)."""
    if args.yes:
        if not args.json:
            print("\n".join(plan.lines()))
        return True
    if not sys.stdin.isatty():
        raise UserError(
            " ".join(plan.lines())
            + " "
            + t(
                "恢复会替换当前数据；非交互运行时请加 --yes。",
                "Restoring replaces the current data; add --yes when not interactive.",
            )
        )
    print("\n".join(plan.lines()))
    question = (
        t("这是另一个档案库的备份，仍要恢复？[y/N] ", "This is another vault's backup; restore it all the same? [y/N] ")
        if plan.other_vault
        else t("用此备份替换 {} 中的数据？[y/N] ", "Replace the data in {} with this backup? [y/N] ").format(root)
    )
    return input(question).strip().lower() in ("y", "yes", "是")


def cmd_restore(args: argparse.Namespace) -> int:
    root = vault_dir(args)
    source = Path(args.file)
    if not source.is_file():
        raise UserError(t("找不到备份文件：{}", "Backup file not found: {}").format(source))
    # The password first: the plan (the backup's clients, the password afterwards) needs the key.
    password = os.environ.get(PASSWORD_ENV) or prompt(t("主密码：", "Master password: "))
    try:
        plan = restore(root, source, password=password, confirm=lambda p: _confirm_restore(args, root, p))
    except Cancelled:
        print(t("已取消，档案库未做任何改动。", "Cancelled; the vault was not changed."))
        return 1
    emit(
        args,
        {
            "restored": str(source),
            "vault": str(root),
            "backup_made": plan.made.isoformat(),
            "backup_clients": plan.backup_clients,
            "backup_vault_id": plan.backup_vault_id,
            "replaced_clients": plan.current_clients,
            "other_vault": plan.other_vault,
            "password_afterwards": "current" if plan.keeps_password else "backup",
        },
        t("已从备份恢复：{}", "Restored from backup: {}").format(source),
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    # The demo book's generators (pinyin, plans) load only for this command, not for verify or backup.
    from rm_desktop.services.clients import demo
    from rm_desktop.services.plans.store import demo_plans

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
    p.add_argument("--clients", type=whole_number(1, MAX_DEMO_CLIENTS), default=200)
    p.add_argument("--seed", type=whole_number(0, MAX_ID), default=7)
    p.set_defaults(func=cmd_demo)
