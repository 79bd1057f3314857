"""CLI commands for a person's data (issue 18.5, 18.6): ``privacy export ID --xlsx F --pdf F``
(the person's copy, encrypted; password from RM_DESKTOP_FILE_PASSWORD or --password-env, else
asked twice), ``privacy retention`` (clients past retention; ``--records`` the contacts, plans and
complaints past theirs, ``--purge-records [--client ID]... --yes`` deletes them),
``privacy anonymise ID... --yes``,
``privacy delete ID... --yes`` and ``privacy receipt FILE [--seq N]`` (the deletion receipt PDF)."""

from __future__ import annotations

import argparse
import datetime as dt
import os

from rm_desktop.cli import export_options
from rm_desktop.cli.common import day, emit, record_id, with_vault
from rm_desktop.cli.exchange_cmds import file_password
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.privacy import erasure, person_export, receipt, records, retention
from rm_desktop.storage.handle import VaultHandle

FILE_PASSWORD_ENV = "RM_DESKTOP_FILE_PASSWORD"


def cmd_export(args: argparse.Namespace) -> int:
    if not args.xlsx and not args.pdf:
        raise UserError(t("请用 --xlsx 或 --pdf 指定文件", "give a file with --xlsx or --pdf"))
    if not args.password_env and os.environ.get(FILE_PASSWORD_ENV):
        args.password_env = FILE_PASSWORD_ENV
    password = file_password(
        args, t("本人数据文件密码：", "Personal data file password: "), person_export.check_password
    )
    control = export_options.control_from(args, "person")
    done = with_vault(
        args,
        lambda v: person_export.export_person(
            v, args.client_id, password, xlsx=args.xlsx, pdf=args.pdf, control=control
        ),
    )
    files = " ".join(str(f) for f in (args.xlsx, args.pdf) if f)
    emit(
        args,
        done,
        t("已导出 {} 条记录到 {}（已加密）", "{} rows exported to {} (encrypted)").format(done["rows"], files)
        + "\n"
        + export_options.describe(control, done["register"]),
    )
    return 0


def _why(why: str) -> str:
    return {retention.LOST: t("已流失", "lost"), retention.TRASH: t("回收站", "in the trash")}[why]


def cmd_retention(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    if args.purge_records:
        return _purge_records(args, today)
    if args.records:
        return _records(args, today)
    found, due = with_vault(args, lambda v: (retention.past_retention(v, today), records.records_due(v, today)))
    data = [
        {"id": p.client_id, "ended_on": p.ended_on.isoformat(), "why": p.why, "due_on": p.due_on.isoformat()}
        for p in found
    ]
    lines = [f"#{p.client_id}  {p.name}  {_why(p.why)} {p.ended_on}  → {p.due_on}" for p in found]
    lines = lines or [t("没有超过保留期限的客户", "no client is past retention")]
    if due:  # the JSON stays the clients' list; the records have their own (--records)
        lines.append(
            t(
                "另有 {} 位客户的记录超过保留期限：privacy retention --records",
                "{} more clients have records past retention: privacy retention --records",
            ).format(len(due))
        )
    emit(args, data, "\n".join(lines))
    return 0


def _records(args: argparse.Namespace, today: dt.date) -> int:
    """The records past their own period (records.records_due), counts per client."""
    found = with_vault(args, lambda v: records.records_due(v, today))
    lines = [
        f"#{r.client_id}  {r.name}  {_why(r.why)} {r.ended_on}  "
        + " · ".join(f"{records.category_label(c)} {n}" for c, n in r.counts.items())
        + f"  → {min(r.due_on.values())}"
        for r in found
    ]
    if lines:
        lines.append(
            t("删除：privacy retention --purge-records --yes", "to delete: privacy retention --purge-records --yes")
        )
    emit(
        args,
        [r.as_json() for r in found],
        "\n".join(lines) or t("没有超过保留期限的记录", "no records are past retention"),
    )
    return 0


def _purge_records(args: argparse.Namespace, today: dt.date) -> int:
    _confirmed(args)
    done = with_vault(args, lambda v: records.purge(v, today, args.client or None))
    text = t(
        "已删除 {} 位客户的 {} 条记录（往来记录 {}、理财规划 {}、投诉 {}），审计记录 #{}",
        "{} clients' {} records deleted (contacts {}, plans {}, complaints {}); audit entry #{}",
    ).format(done["clients"], done["rows"], done["contacts"], done["plans"], done["complaints"], done["seq"])
    emit(args, done, text)
    return 0


def _confirmed(args: argparse.Namespace) -> None:
    if not args.yes:
        raise UserError(t("此操作不可撤销：请加 --yes 确认", "this cannot be undone: add --yes to confirm"))


def cmd_anonymise(args: argparse.Namespace) -> int:
    _confirmed(args)
    done = with_vault(args, lambda v: erasure.anonymise(v, args.client_ids, dt.date.today()))
    emit(args, done, t("已匿名化 {} 位客户", "{} clients anonymised").format(done["clients"]))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    _confirmed(args)
    done = with_vault(args, lambda v: erasure.delete_clients(v, args.client_ids, dt.date.today()))
    emit(args, done, t("已删除 {} 位客户", "{} clients deleted").format(done["clients"]))
    return 0


def cmd_receipt(args: argparse.Namespace) -> int:
    def write(vault: VaultHandle) -> dict:
        seq = args.seq
        if seq is None:
            latest = receipt.deletion_entries(vault, limit=1)
            if not latest:
                raise UserError(t("还没有删除或匿名化记录", "no deletion or anonymisation yet"))
            seq = latest[0].seq
        return receipt.export_receipt(vault, seq, args.file)

    done = with_vault(args, write)
    emit(args, done, t("删除回执（审计记录 #{}）已保存到 {}", "deletion receipt (audit entry #{}) saved to {}").format(
        done["seq"], args.file
    ))  # fmt: skip
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    what = sub.add_parser("privacy", help=t("本人数据、保留期限、匿名化", "personal data, retention, anonymisation"))
    cmds = what.add_subparsers(dest="privacy_cmd", required=True)
    p = cmds.add_parser("export", parents=[common], help=t("导出客户本人数据（加密）", "export a client's own data"))
    p.add_argument("client_id", type=record_id, metavar="ID")
    p.add_argument("--xlsx", metavar="FILE")
    p.add_argument("--pdf", metavar="FILE")
    p.add_argument(
        "--password-env", metavar="VAR", help=t("从该环境变量读取密码", "read the password from this variable")
    )
    export_options.add_options(p)
    p.set_defaults(func=cmd_export)

    p = cmds.add_parser(
        "retention", parents=[common], help=t("超过保留期限的客户和记录", "clients and records past retention")
    )
    p.add_argument("--today", type=day, metavar="DATE", help=t("按该日计算", "count from this day"))
    p.add_argument(
        "--records",
        action="store_true",
        help=t("列出超过保留期限的往来记录、规划和投诉", "list the contacts, plans and complaints past retention"),
    )
    p.add_argument(
        "--purge-records",
        action="store_true",
        help=t("删除超过保留期限的记录（不可撤销）", "delete the records past retention (cannot be undone)"),
    )
    p.add_argument(
        "--client",
        type=record_id,
        action="append",
        metavar="ID",
        help=t("只删除该客户的记录（可重复）", "only this client's records (repeatable)"),
    )
    p.add_argument("--yes", action="store_true", help=t("确认", "confirm"))
    p.set_defaults(func=cmd_retention)

    for name, func, text in (
        ("anonymise", cmd_anonymise, t("匿名化客户（不可撤销）", "anonymise clients (cannot be undone)")),
        ("delete", cmd_delete, t("彻底删除客户（不可撤销）", "delete clients for good (cannot be undone)")),
    ):
        p = cmds.add_parser(name, parents=[common], help=text)
        p.add_argument("client_ids", type=record_id, nargs="+", metavar="ID")
        p.add_argument("--yes", action="store_true", help=t("确认", "confirm"))
        p.set_defaults(func=func)

    p = cmds.add_parser("receipt", parents=[common], help=t("保存删除回执 PDF", "save a deletion receipt PDF"))
    p.add_argument("--seq", type=int, help=t("审计记录序号（默认最近一次）", "the audit entry (default: the latest)"))
    p.add_argument("file")
    p.set_defaults(func=cmd_receipt)
