"""CLI commands for spreadsheets: ``import`` and ``export archive|list``; ``file_password`` is how
every file password is given, the handover's too (``handover export|import``: handover_cmds.py).

``export archive`` writes an encrypted workbook: the password comes from ``--password-env VAR`` or
is asked twice; ``--plain`` is the explicit choice of a plaintext file (what the command wrote
before, so a script keeps working by adding the flag). ``import`` asks for (or reads from
``--password-env``) the password of an encrypted file.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from rm_desktop.cli import export_options
from rm_desktop.cli.common import emit, open_vault, prompt, whole_number
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.io.header import mapping_from_json
from rm_desktop.io.office_crypto import is_encrypted_file
from rm_desktop.io.text_files import read_user_text
from rm_desktop.services.exchange import exporting
from rm_desktop.services.exchange.importing import DUPLICATE_POLICIES, ImportPreview, preview_import
from rm_desktop.services.exchange.writing import run_import
from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.settings import policy_rules

MAX_HEADER_ROW = 1_048_576  # Excel's last row


def _summary_text(data: dict) -> str:
    lines = [
        t(
            "读取 {read} 行：新增 {imported}，更新 {updated}，跳过 {skipped}，拒绝 {rejected}",
            "read {read} rows: {imported} imported, {updated} updated, {skipped} skipped, {rejected} rejected",
        ).format(**data)
    ]
    lines += [
        t("  第 {row} 行（{sheet}）：{reason}", "  row {row} ({sheet}): {reason}").format(**r) for r in data["rejects"]
    ]
    return "\n".join(lines)


def _dry_run_data(preview: ImportPreview) -> dict:
    counts = preview.counts()
    return {
        "read": counts["read"],
        "imported": counts["new"],
        "updated": counts["update"],
        "skipped": counts["skipped"] + counts["duplicate_skip"],
        "rejected": counts["rejected"],
        "holdings": counts["holdings"],
        "contacts": counts["contacts"],
        "plans": counts["plans"],
        "appointments": counts["appointments"],
        "rejects": preview.rejects(),
        "conflicts": preview.conflicts(),
        "dry_run": True,
    }


def cmd_import(args: argparse.Namespace) -> int:
    mapping = None
    if args.mapping:  # saved by any Windows tool: UTF-8 with or without BOM, UTF-16, GBK
        mapping = mapping_from_json(read_user_text(args.mapping))
    password = None
    if args.password_env or is_encrypted_file(args.file):
        password = file_password(args, t("文件密码：", "File password: "))
    vault = open_vault(args)
    try:
        preview = preview_import(
            vault,
            args.file,
            sheet=args.sheet,
            header_row=args.header_row - 1 if args.header_row else None,
            mapping=mapping,
            password=password,
            on_duplicate=args.on_duplicate,
        )
        data = _dry_run_data(preview) if args.dry_run else {**run_import(vault, preview).as_dict(), "dry_run": False}
    finally:
        vault.lock()
    emit(args, data, _summary_text(data))
    return 0


def cmd_export_archive(args: argparse.Namespace) -> int:
    policy_rules.check_export("archive", encrypted=not args.plain)  # refused before a password is asked
    control = export_options.control_from(args, "archive")
    password = None
    if not args.plain:
        if not args.password_env and not sys.stdin.isatty():  # a script: say which flag, not "no terminal"
            raise UserError(
                t(
                    "全部档案导出为加密文件：请用 --password-env 变量名 提供密码，或用 --plain 明确导出明文文件",
                    "the archive is exported encrypted: give its password with --password-env VAR, "
                    "or choose a plaintext file with --plain",
                )
            )
        password = file_password(args, t("导出文件密码：", "Export file password: "), exporting.check_file_password)
    vault = open_vault(args)
    try:
        counts = exporting.export_archive(vault, args.file, password=password, control=control)
    finally:
        vault.lock()
    how = t("已加密", "encrypted") if password is not None else t("未加密：明文文件", "NOT encrypted: a plaintext file")
    emit(
        args,
        {**counts, "encrypted": password is not None},
        t("已导出到 {}（{}）：{}", "exported to {} ({}): {}").format(
            args.file, how, "，".join(f"{k} {v}" for k, v in counts.items() if k not in ("sha256", "register"))
        )
        + "\n"
        + export_options.describe(control, counts["register"]),  # type: ignore[arg-type]
    )
    return 0


def cmd_export_list(args: argparse.Namespace) -> int:
    query = ClientQuery(text=args.search or "", tiers=tuple(args.tier or ()))
    control = export_options.control_from(args, "list")
    vault = open_vault(args)
    try:
        count = exporting.export_list(vault, query, args.file, control=control)
        entry = export_register.entries(vault, kind="list", limit=1)[0]
    finally:
        vault.lock()
    emit(
        args,
        {
            "clients": count,
            "file": args.file,
            "purpose": control.purpose,
            "fields": list(entry.fields),
            "register": entry.id,
        },
        t("已导出 {} 位客户到 {}", "exported {} clients to {}").format(count, args.file)
        + "\n"
        + export_options.describe(control, entry.id),
    )
    return 0


def file_password(args: argparse.Namespace, label: str, new: Callable[..., None] | None = None) -> str:
    """From ``--password-env``, else prompted. ``new`` (a new file's password) checks it by the
    strength rule before the vault is opened; a prompted one is asked twice."""
    if args.password_env:
        value = os.environ.get(args.password_env)
        if not value:
            raise UserError(t("环境变量 {} 未设置", "environment variable {} is not set").format(args.password_env))
        if new is not None:
            new(value)
        return value
    if not sys.stdin.isatty():  # getpass would fall back to reading stdin with a warning
        raise UserError(
            t(
                "无法询问密码（没有终端）：请用 --password-env 变量名 提供",
                "no terminal to ask for the password in: give it with --password-env VAR",
            )
        )
    first = prompt(label)
    if new is not None:
        new(first, prompt(t("再次输入：", "Again: ")))
    return first


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common], help=t("从表格导入客户", "import clients from a spreadsheet"))
    p.add_argument("file")
    p.add_argument("--sheet", help=t("工作表名称（隐藏的工作表须指定）", "sheet name (needed for a hidden sheet)"))
    p.add_argument(
        "--header-row",
        type=whole_number(1, MAX_HEADER_ROW),
        metavar="N",
        help=t("表头所在行（从 1 起）", "header row (1-based)"),
    )
    p.add_argument("--mapping", metavar="FILE", help=t("列映射 JSON 文件", "column mapping JSON file"))
    p.add_argument(
        "--on-duplicate",
        choices=DUPLICATE_POLICIES,
        default="update",
        help=t("重复客户：更新/合并/跳过/新增", "duplicates: update, merge, skip or new"),
    )
    p.add_argument("--dry-run", action="store_true", help=t("只检查，不写入", "check only, store nothing"))
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help=t(
            "加密文件的密码从该环境变量读取（否则询问）", "an encrypted file's password from this variable (else asked)"
        ),
    )
    p.set_defaults(func=cmd_import)

    group = sub.add_parser("export", parents=[common], help=t("导出表格", "export a spreadsheet"))
    commands = group.add_subparsers(dest="export_command", required=True, metavar="WHAT")
    p = commands.add_parser("archive", parents=[common], help=t("全部档案（客户、持仓、往来记录…）", "the whole book"))
    p.add_argument("file")
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--password-env",
        metavar="VAR",
        help=t(
            "加密密码从该环境变量读取（否则询问两次）", "the encryption password from this variable (else asked twice)"
        ),
    )
    how.add_argument(
        "--plain",
        action="store_true",
        help=t("不加密，写成明文文件（任何人都能读取）", "write a plaintext file, not encrypted (anyone can read it)"),
    )
    export_options.add_options(p)
    p.set_defaults(func=cmd_export_archive)
    p = commands.add_parser("list", parents=[common], help=t("客户名单（可筛选）", "a client list (filtered)"))
    p.add_argument("file")
    p.add_argument("--search", help=t("搜索文字", "search text"))
    p.add_argument("--tier", action="append", help=t("层级代码（可重复）", "tier code (repeatable)"))
    export_options.add_options(p, fields=True)
    p.set_defaults(func=cmd_export_list)
