"""The export commands' purpose and fields (issue 18.3): one helper each export command calls.

``--purpose P`` (a code, 中文 or English label: handover 客户交接, marketing 营销活动, regulatory
监管报送, client_request 客户本人申请, backup 备份留存, other 其他) with ``--purpose-note TEXT``
(required for other); ``--fields a,b,c`` where the export chooses its columns (the list).

Without ``--purpose`` the kind's natural purpose is registered (services/export_controls/
purposes.DEFAULTS, e.g. an archive is 备份留存, a list 其他 "客户经理本人工作用" with every column)
and the command says so: scripts written before the register keep working, and the register
still says what was assumed. (No question at a terminal: the commands already ask passwords
there, and a purpose typed by number is easier to get wrong than one named in the command.)
"""

from __future__ import annotations

import argparse

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.export_controls.purposes import (
    PURPOSES,
    ExportControl,
    default_control,
    parse_fields,
    parse_purpose,
)


def add_options(parser: argparse.ArgumentParser, *, fields: bool = False) -> None:
    codes = ", ".join(f"{p.code} ({p.zh})" for p in PURPOSES)
    parser.add_argument("--purpose", metavar="P", help=t("导出用途：{}", "export purpose: {}").format(codes))
    parser.add_argument(
        "--purpose-note", metavar="TEXT", help=t("用途说明（用途为 other 时必填）", "purpose note (required for other)")
    )
    if fields:
        parser.add_argument(
            "--fields",
            metavar="a,b,c",
            help=t(
                "导出的客户字段（姓名总是导出；默认为用途所需的最少字段）",
                "client fields to export (the name always; default: the minimum the purpose needs)",
            ),
        )


def control_from(args: argparse.Namespace, kind: str) -> ExportControl:
    """The export's control from the command's options (see the module's docstring)."""
    chosen = parse_fields(getattr(args, "fields", None))
    note = getattr(args, "purpose_note", None)
    text = getattr(args, "purpose", None)
    if text is None:
        if chosen is not None or note:
            raise UserError(
                t("--fields 与 --purpose-note 须与 --purpose 一起使用", "--fields and --purpose-note need --purpose")
            )
        return default_control(kind)
    return ExportControl(parse_purpose(text).code, note, chosen)


def describe(control: ExportControl, register_id: int | None) -> str:
    """The line an export command adds: its purpose and register id."""
    text = t("用途：{}", "purpose: {}").format(control.label())
    return text if register_id is None else text + t("；登记号 {}", "; register no. {}").format(register_id)
