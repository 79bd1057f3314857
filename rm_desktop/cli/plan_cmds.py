"""CLI commands for financial plans: ``plan list CLIENT_ID``, ``plan finalise PLAN_ID`` (定稿) and
``plan export PLAN_ID FILE.pdf``."""

from __future__ import annotations

import argparse
from pathlib import Path

from rm_desktop.cli import export_options
from rm_desktop.cli.common import emit, open_vault, record_id
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.clients.files import get_client
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.pdf_export import export_pdf


def cmd_list(args: argparse.Namespace) -> int:
    vault = open_vault(args)
    try:
        get_client(vault, args.client_id)  # a clear error for an unknown client, not an empty list
        summaries = plans.list_plans(vault, args.client_id)
    finally:
        vault.lock()
    lines = [f"{s.id}\t{s.status_label}\tV{s.version}\t{s.updated_at:%Y-%m-%d %H:%M}\t{s.title}" for s in summaries]
    emit(
        args,
        [s.as_dict() for s in summaries],
        "\n".join(lines) if lines else t("该客户还没有理财规划。", "This client has no financial plan yet."),
    )
    return 0


def cmd_finalise(args: argparse.Namespace) -> int:
    """定稿, as the editor's button: refused (exit 1, the problems named) unless every check passes.
    A final plan goes back to 草稿 by changing its content (services/plans/store.py says why)."""
    vault = open_vault(args)
    try:
        done = plans.finalise(vault, args.plan_id)
    finally:
        vault.lock()
    text = (
        t("已定稿：规划 {} 第 {} 版", "Finalised: plan {} version {}")
        if done.changed
        else t("未更改：规划 {} 第 {} 版已是定稿", "Unchanged: plan {} version {} is already final")
    )
    emit(
        args,
        {"plan_id": done.plan_id, "version": done.version, "status": done.status, "changed": done.changed},
        text.format(done.plan_id, done.version),
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.suffix.lower() != ".pdf":
        raise UserError(t("导出文件须以 .pdf 结尾：{}", "The export file must end in .pdf: {}").format(target))
    if not target.parent.is_dir():
        raise UserError(t("文件夹不存在：{}", "The folder does not exist: {}").format(target.parent))
    control = export_options.control_from(args, "plan_pdf")
    vault = open_vault(args)
    try:
        # A character no font can draw is refused (exit 1, the characters named), never a gap.
        done = export_pdf(vault, args.plan_id, target, args.version, control=control)
    finally:
        vault.lock()
    emit(
        args,
        {"plan_id": args.plan_id, "file": str(done.path), "fonts": list(done.fonts)},
        t("规划书已导出：{}\n使用的字体：{}", "Plan document written: {}\nFonts used: {}").format(
            done.path, "; ".join(done.fonts)
        )
        + "\n"
        + export_options.describe(control, done.register_id),
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    plan = sub.add_parser("plan", parents=[common], help=t("理财规划", "financial plans"))
    actions = plan.add_subparsers(dest="plan_command", required=True, metavar="ACTION")
    p = actions.add_parser("list", parents=[common], help=t("列出客户的理财规划", "list a client's plans"))
    p.add_argument("client_id", type=record_id, metavar="CLIENT_ID")
    p.set_defaults(func=cmd_list)
    p = actions.add_parser(
        "finalise",
        parents=[common],
        help=t("定稿：检查全部通过后定为正式规划", "finalise a plan whose checks all pass"),
    )
    p.add_argument("plan_id", type=record_id, metavar="PLAN_ID")
    p.set_defaults(func=cmd_finalise)
    p = actions.add_parser("export", parents=[common], help=t("导出理财规划书 PDF", "export the plan document as PDF"))
    p.add_argument("plan_id", type=record_id, metavar="PLAN_ID")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument(
        "--version", type=record_id, help=t("导出指定版本（默认最新）", "export this version (default: the latest)")
    )
    export_options.add_options(p)
    p.set_defaults(func=cmd_export)
