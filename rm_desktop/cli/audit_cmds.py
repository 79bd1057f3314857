"""CLI commands for the audit log (审计日志): ``audit list`` (filters, --origin local / received /
a sender's vault id, --json), ``audit verify`` (this vault's chain and each received one: exit 0
"完整", exit 1 naming the first broken entry) and ``audit export FILE`` (encrypted;
password from RM_DESKTOP_FILE_PASSWORD or --password-env, else prompted twice)."""

from __future__ import annotations

import argparse
import os
import sys

from rm_desktop.cli import export_options
from rm_desktop.cli.common import day, emit, record_id, with_vault
from rm_desktop.cli.exchange_cmds import file_password
from rm_desktop.i18n import t
from rm_desktop.services.audit import export, reading, received
from rm_desktop.services.audit.actions import ACTIONS, check_action, counts_line, label
from rm_desktop.services.audit.chain import VerifyResult
from rm_desktop.storage.handle import VaultHandle

FILE_PASSWORD_ENV = "RM_DESKTOP_FILE_PASSWORD"


def cmd_list(args: argparse.Namespace) -> int:
    action = check_action(args.action) if args.action else None
    where = {"since": args.since, "action": action, "client": args.client, "limit": args.limit}

    def listed(vault: VaultHandle) -> list[reading.AuditEntry]:
        if args.origin in (None, "local"):  # local: this vault's own chain only
            # --client is this vault's id; a received entry names the sender's: only with --origin
            return reading.entries(vault, **where, received=args.origin is None and args.client is None)
        return received.entries_from(vault, None if args.origin == "received" else args.origin, **where)

    found = with_vault(args, listed)
    lines = [
        f"#{e.seq}  {e.at}  {label(e.action)}  {e.object or '-'}  {counts_line(e.counts)}"
        + ("" if e.origin == "local" else f"  [{e.origin}]")
        for e in found
    ]
    emit(args, [e.as_json() for e in found], "\n".join(lines) or t("没有审计记录", "no audit entries"))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    def check(vault: VaultHandle) -> tuple[VerifyResult, dict[str, VerifyResult]]:
        return reading.verify(vault), reading.verify_received(vault)

    mine, received = with_vault(args, check)
    data = {
        "ok": mine.ok and all(r.ok for r in received.values()),
        "checked": mine.checked,
        "broken_seq": mine.broken_seq,
        "reason": mine.reason,
        "latest_hash": mine.latest_hash,
        "received": {s: {"ok": r.ok, "broken_seq": r.broken_seq, "reason": r.reason} for s, r in received.items()},
    }
    lines = [mine.message()] + [
        t("接收自 {}：{}", "received from {}: {}").format(s, r.message()) for s, r in received.items()
    ]
    emit(args, data, "\n".join(lines))
    if not data["ok"]:
        if not args.json:
            print(t("审计日志校验失败", "the audit log failed its check"), file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if not args.password_env and os.environ.get(FILE_PASSWORD_ENV):
        args.password_env = FILE_PASSWORD_ENV
    password = file_password(args, t("审计日志文件密码：", "Audit log file password: "), export.check_password)
    control = export_options.control_from(args, "audit")
    done = with_vault(args, lambda v: export.export_log(v, args.file, password, control=control))
    emit(
        args,
        done,
        t("已导出 {} 条审计记录到 {}（已加密）", "{} audit entries exported to {} (encrypted)").format(
            done["entries"], args.file
        )
        + "\n"
        + export_options.describe(control, done["register"]),
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    what = sub.add_parser("audit", help=t("审计日志", "the audit log")).add_subparsers(dest="audit_cmd", required=True)
    p = what.add_parser(
        "list", parents=[common], help=t("列出审计记录（最新在前）", "list audit entries, newest first")
    )
    p.add_argument("--since", type=day, metavar="DATE", help=t("自该日起（含）", "from this day on"))
    p.add_argument("--action", help=", ".join(ACTIONS))
    p.add_argument("--client", type=record_id, metavar="ID", help=t("只看该客户", "only this client"))
    p.add_argument("--limit", type=int, default=1000, help=t("最多条数", "at most this many"))
    p.add_argument(
        "--origin",
        metavar="local|received|VAULT_ID",
        help=t("本机的，接收的，或某个移交方的（库标识）", "this vault's, received ones, or one sender's (vault id)"),
    )
    p.set_defaults(func=cmd_list)

    p = what.add_parser("verify", parents=[common], help=t("校验哈希链", "check the hash chain"))
    p.set_defaults(func=cmd_verify)

    p = what.add_parser("export", parents=[common], help=t("导出加密的审计日志", "export the audit log, encrypted"))
    p.add_argument("file")
    p.add_argument(
        "--password-env", metavar="VAR", help=t("从该环境变量读取密码", "read the password from this variable")
    )
    export_options.add_options(p)
    p.set_defaults(func=cmd_export)
