"""CLI commands for spreadsheets: ``import``, ``export archive|list`` and ``handover export|import``.

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
from dataclasses import asdict

from rm_desktop.cli.common import check_id, emit, open_vault, prompt, whole_number
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.io.header import mapping_from_json
from rm_desktop.io.office_crypto import is_encrypted_file
from rm_desktop.io.text_files import read_user_text
from rm_desktop.services.exchange import exporting, handover
from rm_desktop.services.exchange.importing import DUPLICATE_POLICIES, ImportPreview, preview_import
from rm_desktop.services.exchange.merge_plan import GROUPS, MergePlan, plan_merge
from rm_desktop.services.exchange.writing import run_import
from rm_desktop.services.search.query import ClientQuery, ClientRow, count_clients, search_clients
from rm_desktop.storage.handle import VaultHandle

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
        password = _password(args, t("文件密码：", "File password: "))
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
        password = _password(args, t("导出文件密码：", "Export file password: "), exporting.check_file_password)
    vault = open_vault(args)
    try:
        counts = exporting.export_archive(vault, args.file, password=password)
    finally:
        vault.lock()
    how = t("已加密", "encrypted") if password is not None else t("未加密：明文文件", "NOT encrypted: a plaintext file")
    emit(
        args,
        {**counts, "encrypted": password is not None},
        t("已导出到 {}（{}）：{}", "exported to {} ({}): {}").format(
            args.file, how, "，".join(f"{k} {v}" for k, v in counts.items() if k != "sha256")
        ),
    )
    return 0


def cmd_export_list(args: argparse.Namespace) -> int:
    query = ClientQuery(text=args.search or "", tiers=tuple(args.tier or ()))
    vault = open_vault(args)
    try:
        count = exporting.export_list(vault, query, args.file)
    finally:
        vault.lock()
    emit(
        args,
        {"clients": count, "file": args.file},
        t("已导出 {} 位客户到 {}", "exported {} clients to {}").format(count, args.file),
    )
    return 0


def _password(args: argparse.Namespace, label: str, new: Callable[..., None] | None = None) -> str:
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


def _client_ids(raw: str) -> list[int]:
    try:
        return [check_id(int(part), "--clients") for part in raw.split(",") if part.strip()]
    except ValueError:
        raise UserError(
            t("--clients 须为逗号分隔的客户编号（数字）", "--clients must be comma-separated client ids")
        ) from None


def _handover_query(args: argparse.Namespace) -> ClientQuery | None:
    """The client list's search and filters (--search, --tier, --tag), None without any."""
    if not (args.search or args.tier or args.tag):
        return None
    if args.all:
        raise UserError(
            t(
                "--all 不能与 --search、--tier、--tag 同时使用",
                "--all cannot be combined with --search, --tier or --tag",
            )
        )
    return ClientQuery(text=args.search or "", tiers=tuple(args.tier or ()), tags=tuple(args.tag or ()))


def _chosen_clients(vault: VaultHandle, args: argparse.Namespace, query: ClientQuery | None) -> list[ClientRow]:
    """Who the handover holds: the query's matches (the client list's own search), among
    --clients when given too; everyone with --all."""
    query = query or ClientQuery()
    rows = search_clients(vault, query, limit=max(count_clients(vault, query), 1))
    if args.clients:
        wanted = set(_client_ids(args.clients))
        rows = [row for row in rows if row.id in wanted]
    return rows


def cmd_handover_export(args: argparse.Namespace) -> int:
    query = _handover_query(args)
    if not (args.all or args.clients or query):
        raise UserError(
            t(
                "请指定移交哪些客户：--all、--clients，或 --search / --tier / --tag",
                "say which clients to hand over: --all, --clients, or --search / --tier / --tag",
            )
        )
    if args.clients:
        _client_ids(args.clients)  # a mistyped list fails before the password is asked
    password = (
        ""
        if args.dry_run
        else _password(args, t("移交文件密码：", "Handover file password: "), handover.check_password)
    )
    vault = open_vault(args)
    try:
        chosen = _chosen_clients(vault, args, query)
        if args.dry_run:
            names = [{"id": row.id, "name": row.name} for row in chosen]
            emit(
                args,
                {"clients": len(names), "chosen": names, "dry_run": True},
                t("将移交 {} 位客户（未写入文件）：{}", "{} clients would be handed over (nothing written): {}").format(
                    len(names), "、".join(row.name for row in chosen)
                ),
            )
            return 0
        receipt = handover.export_handover(vault, args.file, password, [row.id for row in chosen])
    finally:
        vault.lock()
    emit(
        args,
        receipt,
        t(
            "已写入加密移交文件 {}：客户 {}，往来记录 {}，持仓 {}\nSHA-256 {}",
            "wrote the encrypted handover file {}: {} clients, {} contacts, {} holdings\nSHA-256 {}",
        ).format(args.file, receipt["clients"], receipt["contacts"], receipt["holdings"], receipt["sha256"]),
    )
    return 0


def cmd_handover_import(args: argparse.Namespace) -> int:
    receipt = handover.normalise_receipt(args.receipt)  # a mistyped receipt fails before the password
    password = _password(args, t("移交文件密码：", "Handover file password: "))
    vault = open_vault(args)
    try:
        found = handover.preview_handover(vault, args.file, password, receipt)
        plan = plan_merge(vault, found.preview)
        data = {
            **found.counts(),
            "receipt": found.receipt,
            "receipt_check": found.receipt_check,
            "conflicts": found.preview.conflicts(),
            "rejects": found.preview.rejects(),
            "by_client": {group: [asdict(client) for client in plan.group(group)] for group in GROUPS},
            "dry_run": args.dry_run,
        }
        if not args.dry_run:
            data["merged"] = handover.merge_handover(vault, found).as_dict()
    finally:
        vault.lock()
    emit(
        args,
        data,
        t(
            "新客户 {new}，相同 {matching}，有冲突 {conflicting}（保留本机的值），往来记录 {contacts}，持仓 {holdings}",
            "{new} new, {matching} matching, {conflicting} conflicting (your values kept), "
            "{contacts} contacts, {holdings} holdings",
        ).format(**data)
        + "\n"
        + _plan_text(plan)
        + found.receipt_note(),
    )
    return 0


_GROUP_TEXT = {
    "new": ("新客户", "new"),
    "matching": ("相同", "matching"),
    "conflicting": ("有冲突", "conflicting"),
    "skipped": ("跳过", "skipped"),
    "rejected": ("拒绝", "rejected"),
}
_SHOWN = 20  # names per group on the terminal; --json lists every one


def _plan_text(plan: MergePlan) -> str:
    lines = []
    for group in GROUPS:
        clients = plan.group(group)
        if not clients:
            continue
        names = [
            client.name
            + "".join(
                t("（{}：本机“{}”，文件“{}”）", " ({}: yours {!r}, file {!r})").format(c.label, c.in_vault, c.in_file)
                for c in client.differing
            )
            for client in clients[:_SHOWN]
        ]
        more = t(" 等 {} 位", " and {} more").format(len(clients) - _SHOWN) if len(clients) > _SHOWN else ""
        lines.append(t("{}：{}{}", "{}: {}{}").format(t(*_GROUP_TEXT[group]), "、".join(names), more))
    return "".join(line + "\n" for line in lines)


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
    p.set_defaults(func=cmd_export_archive)
    p = commands.add_parser("list", parents=[common], help=t("客户名单（可筛选）", "a client list (filtered)"))
    p.add_argument("file")
    p.add_argument("--search", help=t("搜索文字", "search text"))
    p.add_argument("--tier", action="append", help=t("层级代码（可重复）", "tier code (repeatable)"))
    p.set_defaults(func=cmd_export_list)

    group = sub.add_parser(
        "handover", parents=[common], help=t("客户移交（加密文件）", "client handover (encrypted file)")
    )
    commands = group.add_subparsers(dest="handover_command", required=True, metavar="ACTION")
    p = commands.add_parser("export", parents=[common], help=t("导出加密移交文件", "write an encrypted handover file"))
    p.add_argument("file")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help=t("全部客户", "all clients"))
    which.add_argument("--clients", metavar="ID,...", help=t("客户编号，逗号分隔", "client ids, comma-separated"))
    p.add_argument("--search", help=t("搜索文字（同客户列表的搜索）", "search text (as the client list searches)"))
    p.add_argument("--tier", action="append", help=t("层级代码（可重复）", "tier code (repeatable)"))
    p.add_argument("--tag", action="append", help=t("标签（可重复）", "tag (repeatable)"))
    p.add_argument(
        "--password-env", metavar="VAR", help=t("从该环境变量读取密码", "read the password from this variable")
    )
    p.add_argument(
        "--dry-run", action="store_true", help=t("只列出将移交的客户，不写入", "list the clients only, write nothing")
    )
    p.set_defaults(func=cmd_handover_export)
    p = commands.add_parser(
        "import", parents=[common], help=t("导入移交文件并合并", "import and merge a handover file")
    )
    p.add_argument("file")
    p.add_argument(
        "--password-env", metavar="VAR", help=t("从该环境变量读取密码", "read the password from this variable")
    )
    p.add_argument(
        "--receipt",
        metavar="SHA256",
        help=t("对方提供的回执（64 位十六进制），核对文件是否就是对方导出的", "the sender's receipt (64 hex) to check"),
    )
    p.add_argument("--dry-run", action="store_true", help=t("只预览，不写入", "preview only"))
    p.set_defaults(func=cmd_handover_import)
