"""CLI commands for scripts (话术): ``template list``, ``template render``, ``template export``,
``template import``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from rm_desktop.cli.common import check_id, emit, open_vault, record_id
from rm_desktop.domain.errors import UserError
from rm_desktop.domain.scripts.model import category_code, channel_code
from rm_desktop.i18n import t
from rm_desktop.services.scripts import library as scripts
from rm_desktop.services.scripts import render as script_render
from rm_desktop.services.scripts import share as script_share


def _code(value: str | None, lookup: Callable[[str], str | None], what_zh: str, what_en: str) -> str | None:
    if value is None:
        return None
    code = lookup(value)
    if code is None:
        raise UserError(t("未知的{}：{}", "Unknown {}: {}").format(t(what_zh, what_en), value))
    return code


def cmd_list(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        records = scripts.list_templates(
            vault,
            category=_code(args.category, category_code, "话术分类", "category"),
            channel=_code(args.channel, channel_code, "渠道", "channel"),
            text=args.search or "",
        )
    finally:
        vault.lock()
    lines = [
        f"{r.id:>4}  {r.category_label}  {r.channel_label}  {r.name}"
        + (t("  [草稿]", "  [draft]") if r.is_draft else "")
        for r in records
    ]
    emit(args, [r.as_dict() for r in records], "\n".join(lines) or t("没有话术。", "No templates."))
    return 0


def _client_id(raw: str) -> int:
    try:
        return record_id(raw)
    except argparse.ArgumentTypeError as exc:
        raise UserError(f"--client: {exc}") from None


def _template_ref(raw: str) -> str:
    """An id is checked as ids are (the name may be anything)."""
    if raw.strip().isdigit():
        check_id(int(raw.strip()), t("话术编号", "template id"))
    return raw


def cmd_render(args: argparse.Namespace) -> int:
    ref, client_id = _template_ref(args.template), _client_id(args.client)  # checked before the vault opens
    vault = open_vault(args)
    try:
        template = scripts.find_template(vault, ref)
        result = script_render.render_for(
            vault, template.id, client_id, product_holding_id=args.holding, festival=args.festival
        )
    finally:
        vault.lock()
    data = {"template_id": template.id, "template": template.name, "channel": template.channel, **result.as_dict()}
    text = result.text
    if result.missing:
        text += "\n" + t("（缺少：{}）", "(missing: {})").format("、".join(result.missing))
    emit(args, data, text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        path = script_share.export_templates(vault, Path(args.file))
    finally:
        vault.lock()
    emit(args, {"exported": str(path)}, t("话术已导出：{}", "Templates exported: {}").format(path))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    templates = script_share.read_templates_file(Path(args.file))  # checked before the vault opens
    vault = open_vault(args)
    try:
        result = script_share.import_templates(vault, templates)
    finally:
        vault.lock()
    emit(args, {"added": result.added, "skipped": result.skipped, "renamed": list(result.renamed)}, result.summary())
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    group = sub.add_parser("template", parents=[common], help=t("话术模板", "script templates"))
    commands = group.add_subparsers(dest="template_command", required=True, metavar="ACTION")
    p = commands.add_parser("list", parents=[common], help=t("列出话术", "list templates"))
    p.add_argument("--category", help=t("分类（代码或名称，如 birthday / 生日祝福）", "category (code or label)"))
    p.add_argument("--channel", help=t("渠道（sms/wechat/phone/email 或 短信/微信…）", "channel (code or label)"))
    p.add_argument("--search", help=t("名称或正文包含的文字", "text in the name or body"))
    p.set_defaults(func=cmd_list)
    p = commands.add_parser("render", parents=[common], help=t("为客户填写话术", "fill a template in for a client"))
    p.add_argument("template", metavar="ID_OR_NAME")
    p.add_argument("--client", required=True, metavar="CLIENT_ID")
    p.add_argument(
        "--holding",
        type=record_id,
        metavar="HOLDING_ID",
        help=t(
            "产品字段取自该持有产品（默认：最近到期的一只）",
            "product fields from this holding (default: the next to mature)",
        ),
    )
    p.add_argument("--festival", help=t("节日名称，如 中秋节", "festival name, e.g. 中秋节"))
    p.set_defaults(func=cmd_render)
    p = commands.add_parser(
        "export", parents=[common], help=t("导出全部话术（.json 或 .xlsx）", "export all templates (.json or .xlsx)")
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_export)
    p = commands.add_parser(
        "import", parents=[common], help=t("导入话术（.json 或表格）", "import templates (.json or a spreadsheet)")
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_import)
