"""CLI commands for the encrypted client handover: ``handover export`` (the clients chosen by id,
by the client list's search and filters, or all) and ``handover import`` (the merge, by client
name, said before or as it is written)."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from rm_desktop.cli import export_options
from rm_desktop.cli.common import check_id, emit, open_vault
from rm_desktop.cli.exchange_cmds import file_password
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.exchange import handover
from rm_desktop.services.exchange.merge_plan import GROUPS, MergePlan, plan_merge
from rm_desktop.services.search.query import ClientQuery, ClientRow, count_clients, search_clients
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.handle import VaultHandle


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
    control = export_options.control_from(args, "handover")  # a bad purpose too
    if not args.dry_run:
        policy_rules.check_export("handover", encrypted=True)  # a forbidding IT policy, before the password
    password = (
        ""
        if args.dry_run
        else file_password(args, t("移交文件密码：", "Handover file password: "), handover.check_password)
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
        receipt = handover.export_handover(vault, args.file, password, [row.id for row in chosen], control=control)
    finally:
        vault.lock()
    emit(
        args,
        receipt,
        t(
            "已写入加密移交文件 {}：客户 {}，往来记录 {}，持仓 {}\nSHA-256 {}",
            "wrote the encrypted handover file {}: {} clients, {} contacts, {} holdings\nSHA-256 {}",
        ).format(args.file, receipt["clients"], receipt["contacts"], receipt["holdings"], receipt["sha256"])
        + "\n"
        + export_options.describe(control, receipt["register"]),
    )
    return 0


def cmd_handover_import(args: argparse.Namespace) -> int:
    receipt = handover.normalise_receipt(args.receipt)  # a mistyped receipt fails before the password
    password = file_password(args, t("移交文件密码：", "Handover file password: "))
    vault = open_vault(args)
    try:
        found = handover.preview_handover(vault, args.file, password, receipt)
        plan = plan_merge(vault, found.preview)
        data = {
            **found.counts(),
            "receipt": found.receipt,
            "receipt_check": found.receipt_check,
            "audit": found.audit.as_json(),  # each chain the file carries: new entries, its verdict
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
    export_options.add_options(p)
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
