"""Editing the tier table (客户分层): each tier's names, threshold (万元) and contact cadence.

The GUI's tier page and ``settings tiers set`` parse a field with the parsers here and change a
table with :func:`edit_tier`; the whole table is then checked by ``domain.tiers.validate_tiers``
and saved as the ``tiers`` setting, whose write re-tiers every client in the same transaction.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.field_values import text
from rm_desktop.domain.money import WAN, format_amount, parse_amount
from rm_desktop.domain.tiers import DEFAULT_TIERS, Tier, tiers_to_json, validate_tiers
from rm_desktop.i18n import t
from rm_desktop.services.clients.tiers import current_tiers
from rm_desktop.services.settings.profile import SettingsLike

MAX_NAME = 20
MAX_CADENCE = 3650
_NO_CADENCE = {"", "-", "—", "无", "none", "no"}


def parse_name(raw: Any, field: str) -> str:
    value = text(MAX_NAME, required=True)(raw, field)
    return " ".join((value or "").split())


def parse_min_wan(raw: Any, field: str) -> Decimal:
    """A threshold as typed in 万元 (a unit written in the text wins: 300000元), in 元."""
    return parse_amount(str(raw).strip() if isinstance(raw, str) else raw, WAN, field)


def parse_cadence(raw: Any, field: str) -> int | None:
    """Days between contacts, or None (empty, 无, none) for a tier without a cadence."""
    value = "" if raw is None else str(raw).strip()
    if value.casefold() in _NO_CADENCE:
        return None
    try:
        days = int(value)
    except ValueError:
        raise ValidationError(
            field, t("须为天数或“无”：{}", "must be a number of days or none: {}").format(value)
        ) from None
    if not 1 <= days <= MAX_CADENCE:
        raise ValidationError(field, t("须在 1 到 {} 天之间", "must be from 1 to {} days").format(MAX_CADENCE))
    return days


def min_wan_text(tier: Tier) -> str:
    """The threshold as the editor and ``settings tiers show`` write it: in 万元, no needless zeros."""
    text_value = format_amount(tier.min_aum, WAN).replace(",", "")
    return text_value.rstrip("0").rstrip(".") if "." in text_value else text_value


def edit_tier(
    tiers: tuple[Tier, ...],
    code: str,
    *,
    name_zh: Any = None,
    name_en: Any = None,
    min_wan: Any = None,
    cadence: Any = None,
) -> tuple[Tier, ...]:
    """The table with one tier's given fields changed (None: unchanged), checked as a whole."""
    return edit_tiers(tiers, {code: {"name_zh": name_zh, "name_en": name_en, "min_wan": min_wan, "cadence": cadence}})


def edit_tiers(tiers: tuple[Tier, ...], edits: dict[str, dict[str, Any]]) -> tuple[Tier, ...]:
    """Several tiers changed at once (code → field → raw text; None: unchanged), the table
    checked once at the end: raising one threshold above the next is fine if the next rises too."""
    codes = [tier.code for tier in tiers]
    for code in edits:
        if code not in codes:
            raise ValidationError(
                "tiers", t("没有层级“{}”（可选：{}）", "No tier “{}” (one of: {})").format(code, ", ".join(codes))
            )
    edited = tuple(_edited(tier, edits[tier.code]) if tier.code in edits else tier for tier in tiers)
    validate_tiers(edited)
    return edited


def _edited(tier: Tier, raw: dict[str, Any]) -> Tier:
    parsers = {
        "name_zh": ("name_zh", parse_name, t("中文名称", "Chinese name")),
        "name_en": ("name_en", parse_name, t("英文名称", "English name")),
        "min_wan": ("min_aum", parse_min_wan, t("起点（万元）", "From (10k CNY)")),
        "cadence": ("cadence_days", parse_cadence, t("联系周期（天）", "Contact cadence (days)")),
    }
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        if value is not None:
            attribute, parse, label = parsers[key]
            changes[attribute] = parse(value, f"{tier.code} {label}")
    return dataclasses.replace(tier, **changes)


def load(settings: SettingsLike) -> tuple[Tier, ...]:
    return current_tiers(settings)


def save(settings: SettingsLike, tiers: tuple[Tier, ...]) -> tuple[Tier, ...]:
    """Store the table (re-tiering every client) unless it is the one already stored."""
    if tiers != load(settings):
        settings.set("tiers", tiers_to_json(tiers))
    return load(settings)


def reset(settings: SettingsLike) -> tuple[Tier, ...]:
    """Back to the branch plan's defaults (domain/tiers.py)."""
    return save(settings, DEFAULT_TIERS)


def as_json(tiers: tuple[Tier, ...]) -> list[dict[str, Any]]:
    return [{**row, "min_wan": min_wan_text(tier)} for row, tier in zip(tiers_to_json(tiers), tiers, strict=True)]
