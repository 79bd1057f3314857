"""CLI for the RM's profile and the vault's settings.

    profile show [--json]                                      name, branch, phone, title
    profile set [--name N] [--branch B] [--phone P] [--title T]  "" clears a field
    settings tiers show [--json]                               the tier table (客户分层)
    settings tiers set CODE [--name-zh N] [--name-en N] [--min-wan X] [--cadence-days D|none]
    settings tiers reset                                       the branch plan's defaults
    settings show [--json]                                     every plain setting, (IT policy) marked
    settings set KEY VALUE                                     one plain setting; refused if the policy fixes it
    policy show [--json]                                       the IT policy file in effect and its keys

Each value goes through the field's one parser (services/settings/profile, tier_table), as the
first-run dialog and the 设置 pages do; a tier change re-tiers every client.
"""

from __future__ import annotations

import argparse
from typing import Any

from rm_desktop.cli.common import emit, with_vault
from rm_desktop.domain.errors import UserError
from rm_desktop.domain.tiers import Tier
from rm_desktop.i18n import t
from rm_desktop.security import policy as it_policy
from rm_desktop.services.settings import policy_rules, profile, tier_table
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


def tiers_text(tiers: tuple[Tier, ...]) -> str:
    head = t(
        "代码\t名称\t起点（万元）\t联系周期（天）\t负责", "code\tname\tfrom (10k CNY)\tcadence (days)\tresponsible"
    )
    rows = [
        "\t".join(
            (
                tier.code,
                tier.name(),
                tier_table.min_wan_text(tier),
                str(tier.cadence_days) if tier.cadence_days else "—",
                tier.responsible(),
            )
        )
        for tier in tiers
    ]
    return "\n".join([head, *rows])


def cmd_tiers_show(args: argparse.Namespace) -> int:
    tiers = with_vault(args, lambda vault: tier_table.load(vault.settings))
    emit(args, tier_table.as_json(tiers), tiers_text(tiers))
    return 0


def cmd_tiers_set(args: argparse.Namespace) -> int:
    changes = {"name_zh": args.name_zh, "name_en": args.name_en, "min_wan": args.min_wan, "cadence": args.cadence_days}
    if all(value is None for value in changes.values()):
        raise UserError(
            t("请至少给出一项：{}", "Give at least one of: {}").format("--name-zh --name-en --min-wan --cadence-days")
        )

    def edit(vault: VaultHandle) -> tuple[Tier, ...]:
        return tier_table.save(
            vault.settings, tier_table.edit_tier(tier_table.load(vault.settings), args.code, **changes)
        )

    tiers = with_vault(args, edit)
    emit(args, tier_table.as_json(tiers), tiers_text(tiers))
    return 0


def cmd_tiers_reset(args: argparse.Namespace) -> int:
    tiers = with_vault(args, lambda vault: tier_table.reset(vault.settings))
    emit(args, tier_table.as_json(tiers), tiers_text(tiers))
    return 0


def _plain_settings() -> dict[str, Any]:
    from rm_desktop.services.settings.registry import REGISTRY

    return {key: d for key, d in REGISTRY.items() if d.normalize is None}  # structured: their own commands


def cmd_settings_show(args: argparse.Namespace) -> int:
    values = with_vault(args, lambda vault: {key: vault.settings.get(key) for key in _plain_settings()})
    fixed = {key: fix.note() for key in values if (fix := policy_rules.fix_of(key)) is not None}
    lines = [f"{key}\t{value}" + (f"\t（{fixed[key]}）" if key in fixed else "") for key, value in values.items()]
    emit(args, {"settings": values, "fixed_by_policy": fixed}, "\n".join(lines))
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    if args.key not in _plain_settings():
        raise UserError(
            t("没有这个设置项：{}（见 settings show）", "no such setting: {} (see settings show)").format(args.key)
        )
    value = with_vault(args, lambda vault: vault.settings.set(args.key, args.value))
    emit(args, {args.key: value}, f"{args.key}\t{value}")
    return 0


def cmd_policy_show(args: argparse.Namespace) -> int:
    found = policy_rules.current()
    rows = policy_rules.describe()
    data = {
        "file": str(found.path) if found.path else None,
        "problem": found.problem_text(),
        "values": dict(found.values),
    }
    if not found.active:
        text = t(
            "没有 IT 策略（{} 不存在）：各项设置由您决定", "no IT policy ({} does not exist): every setting is yours"
        ).format(it_policy.default_path())
    else:
        head = t("IT 策略文件：{}", "IT policy file: {}").format(found.path)
        text = "\n".join(
            [head, *([found.problem_text() or ""] if found.problem else []), *(f"{k}\t{v}" for k, v in rows)]
        )
    emit(args, data, text)
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

    group = sub.add_parser("settings", parents=[common], help=t("档案库设置", "vault settings"))
    areas = group.add_subparsers(dest="settings_area", required=True, metavar="AREA")
    tiers = areas.add_parser("tiers", parents=[common], help=t("客户分层标准", "client tiers"))
    commands = tiers.add_subparsers(dest="tiers_command", required=True, metavar="ACTION")
    p = commands.add_parser("show", parents=[common], help=t("显示分层标准", "show the tier table"))
    p.set_defaults(func=cmd_tiers_show)
    p = commands.add_parser(
        "set", parents=[common], help=t("修改一个层级（并重新分层）", "change one tier (and re-tier clients)")
    )
    p.add_argument("code", metavar="CODE", help=t("层级代码，如 priority", "tier code, e.g. priority"))
    p.add_argument("--name-zh", metavar="TEXT", help=t("中文名称", "Chinese name"))
    p.add_argument("--name-en", metavar="TEXT", help=t("英文名称", "English name"))
    p.add_argument("--min-wan", metavar="X", help=t("起点（万元）", "threshold in 10k CNY"))
    p.add_argument(
        "--cadence-days", metavar="D", help=t("联系周期（天），none 表示不设", "contact cadence in days, or none")
    )
    p.set_defaults(func=cmd_tiers_set)
    p = commands.add_parser("reset", parents=[common], help=t("恢复默认分层标准", "back to the default tiers"))
    p.set_defaults(func=cmd_tiers_reset)
    p = areas.add_parser("show", parents=[common], help=t("显示各项设置", "show the settings"))
    p.set_defaults(func=cmd_settings_show)
    p = areas.add_parser("set", parents=[common], help=t("修改一项设置", "change one setting"))
    p.add_argument("key", metavar="KEY", help=t("设置项，见 settings show", "the setting, see settings show"))
    p.add_argument("value", metavar="VALUE")
    p.set_defaults(func=cmd_settings_set)

    group = sub.add_parser("policy", parents=[common], help=t("IT 策略（只读）", "the IT policy (read-only)"))
    commands = group.add_subparsers(dest="policy_command", required=True, metavar="ACTION")
    p = commands.add_parser("show", parents=[common], help=t("显示生效的策略文件及各项", "show the policy in effect"))
    p.set_defaults(func=cmd_policy_show)
