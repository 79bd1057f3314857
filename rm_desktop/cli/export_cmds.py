"""``exports list [--kind K] [--limit N] [--json]``: the export register (导出登记), newest first:
when, what kind, why, which fields, how many clients, which file."""

from __future__ import annotations

import argparse

from rm_desktop.cli.common import emit, whole_number, with_vault
from rm_desktop.i18n import t
from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.settings import policy_rules


def cmd_list(args: argparse.Namespace) -> int:
    found = with_vault(args, lambda v: export_register.entries(v, kind=args.kind, limit=args.limit))
    lines = [
        f"#{e.id}  {e.at:%Y-%m-%d %H:%M}Z  {policy_rules.kind_label(e.kind)}  {e.purpose_label()}  "
        + t("{} 位客户", "{} clients").format(e.client_count)
        + f"  {e.file_name}  [{','.join(e.fields)}]"
        for e in found
    ]
    emit(args, [e.as_json() for e in found], "\n".join(lines) or t("没有导出登记", "no exports registered"))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    what = sub.add_parser("exports", help=t("导出登记", "the export register")).add_subparsers(
        dest="exports_cmd", required=True
    )
    p = what.add_parser(
        "list", parents=[common], help=t("列出导出登记（最新在前）", "list registered exports, newest first")
    )
    p.add_argument("--kind", choices=policy_rules.EXPORT_KINDS, help=t("只列此类导出", "only this kind of export"))
    p.add_argument("--limit", type=whole_number(1, 1_000_000), help=t("最多条数", "at most this many"))
    p.set_defaults(func=cmd_list)
