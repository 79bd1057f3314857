"""CLI for the RM's profile and the vault's settings.

    profile show [--json]                                      name, branch, phone, title
    profile set [--name N] [--branch B] [--phone P] [--title T]  "" clears a field

Each value goes through the field's one parser (services/settings/profile), as the first-run
dialog and 设置 › 个人信息 do.
"""

from __future__ import annotations

import argparse

from rm_desktop.cli.common import emit, with_vault
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.settings import profile
from rm_desktop.storage.handle import VaultHandle


def profile_text(found: profile.RmProfile) -> str:
    values = found.as_settings()
    lines = [f"{field.label()}: {values[field.key] or '—'}" for field in profile.FIELDS]
    if found.missing:
        lines.append(
            t(
                "未填写：{}（话术中的这些字段会标为【…?】）",
                "Not filled in: {} (scripts mark these fields as 【…?】)",
            ).format("、".join(found.missing))
        )
    return "\n".join(lines)


def cmd_profile_show(args: argparse.Namespace) -> int:
    found = with_vault(args, lambda vault: profile.load(vault.settings))
    emit(args, found.as_json(), profile_text(found))
    return 0


def cmd_profile_set(args: argparse.Namespace) -> int:
    given = {f.key: getattr(args, f.option) for f in profile.FIELDS if getattr(args, f.option) is not None}
    if not given:
        raise UserError(
            t("请至少给出一项：{}", "Give at least one of: {}").format(
                " ".join(f"--{f.option}" for f in profile.FIELDS)
            )
        )
    profile.check(given)  # a refusal before the vault is even opened

    def save(vault: VaultHandle) -> profile.RmProfile:
        return profile.save(vault.settings, given)

    found = with_vault(args, save)
    emit(args, found.as_json(), profile_text(found))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    group = sub.add_parser(
        "profile",
        parents=[common],
        help=t("您的个人信息（话术、规划书中的客户经理）", "your profile (the RM in scripts and plans)"),
    )
    commands = group.add_subparsers(dest="profile_command", required=True, metavar="ACTION")
    p = commands.add_parser("show", parents=[common], help=t("显示个人信息", "show the profile"))
    p.set_defaults(func=cmd_profile_show)
    p = commands.add_parser("set", parents=[common], help=t("修改个人信息", "change the profile"))
    for field in profile.FIELDS:
        p.add_argument(
            f"--{field.option}",
            metavar="TEXT",
            help=t("{}（空字符串清除）", '{} ("" clears it)').format(field.label()),
        )
    p.set_defaults(func=cmd_profile_set)
