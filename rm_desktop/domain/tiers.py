"""Client tiers (客户分层) by financial assets (AUM), who maintains each and how often.

The defaults are the branch plan's table (see shared domain notes); banks differ in thresholds,
names and cadences, so the tiers are stored as a setting (``tiers_to_json``/``tiers_from_json``)
and every consumer takes the tuple it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

_FIELD = "tiers"


@dataclass(frozen=True)
class Tier:
    code: str
    name_zh: str
    name_en: str
    min_aum: Decimal  # 元, inclusive
    responsible_zh: str
    responsible_en: str
    cadence_days: int | None  # minimum contact cadence; None = no cadence

    def name(self) -> str:
        return t(self.name_zh, self.name_en)

    def responsible(self) -> str:
        return t(self.responsible_zh, self.responsible_en)


_MONTHLY = 30

DEFAULT_TIERS: tuple[Tier, ...] = (
    Tier("basic", "基础客户", "Basic", Decimal(0), "无专人维护", "No assigned staff", None),
    Tier(
        "standard",
        "普通客户",
        "Standard",
        Decimal(1_000),  # 0.1万
        "高柜柜员",
        "Counter teller",
        None,
    ),
    Tier(
        "potential",
        "潜力客户",
        "Potential",
        Decimal(50_000),  # 5万
        "低柜/贵宾柜员",
        "VIP teller",
        None,
    ),
    Tier(
        "priority",
        "理财客户",
        "Priority",
        Decimal(200_000),  # 20万
        "客户经理、大堂经理",
        "RM and lobby manager",
        _MONTHLY,
    ),
    Tier(
        "wealth",
        "财富客户",
        "Wealth",
        Decimal(500_000),  # 50万
        "客户经理、客户经理主管",
        "RM and RM supervisor",
        _MONTHLY,
    ),
    Tier(
        "private",
        "私行客户",
        "Private",
        Decimal(3_000_000),  # 300万
        "网点经理、客户经理主管",
        "Branch manager and RM supervisor",
        _MONTHLY,
    ),
)


def tier_for(aum: Decimal | None, tiers: tuple[Tier, ...] = DEFAULT_TIERS) -> Tier:
    """The highest tier whose threshold ``aum`` reaches; no assets (None) is the lowest tier."""
    found = tiers[0]
    if aum is None:
        return found
    for tier in tiers:
        if aum >= tier.min_aum:
            found = tier
        else:
            break
    return found


def validate_tiers(tiers: tuple[Tier, ...]) -> None:
    """Refuse a tier table that would leave clients without a tier or be ambiguous."""
    if not tiers:
        raise ValidationError(_FIELD, t("至少需要一个客户层级", "at least one tier is needed"))
    if tiers[0].min_aum != 0:
        raise ValidationError(
            _FIELD,
            t(
                "最低层级的起点必须是 0 元，否则部分客户没有层级",
                "the lowest tier must start at 0 so that every client has a tier",
            ),
        )
    seen: set[str] = set()
    for previous, tier in zip((None, *tiers), tiers, strict=False):
        if not tier.code.strip() or not tier.name_zh.strip() or not tier.name_en.strip():
            raise ValidationError(_FIELD, t("层级代码和名称不能为空", "tier codes and names cannot be empty"))
        if tier.code in seen:
            raise ValidationError(_FIELD, t("层级代码重复：{}", "duplicate tier code: {}").format(tier.code))
        seen.add(tier.code)
        if previous is not None and tier.min_aum <= previous.min_aum:
            raise ValidationError(
                _FIELD,
                t("层级起点必须逐级升高：{} 不高于 {}", "tier thresholds must rise: {} is not above {}").format(
                    tier.code, previous.code
                ),
            )
        if tier.cadence_days is not None and tier.cadence_days <= 0:
            raise ValidationError(
                _FIELD,
                t("{} 的联系周期必须是正数天", "the contact cadence of {} must be a positive number of days").format(
                    tier.code
                ),
            )


def tiers_to_json(tiers: tuple[Tier, ...]) -> list[dict]:
    """JSON-ready dicts; amounts as strings so no float ever touches them."""
    return [
        {
            "code": tier.code,
            "name_zh": tier.name_zh,
            "name_en": tier.name_en,
            "min_aum": str(tier.min_aum),
            "responsible_zh": tier.responsible_zh,
            "responsible_en": tier.responsible_en,
            "cadence_days": tier.cadence_days,
        }
        for tier in tiers
    ]


def tiers_from_json(data: list[dict]) -> tuple[Tier, ...]:
    """Tiers from a stored setting; ValidationError for a malformed or inconsistent table."""
    if not isinstance(data, list):
        raise ValidationError(_FIELD, t("层级设置格式不对", "the tier setting is malformed"))
    tiers = tuple(_tier_from_dict(item, index) for index, item in enumerate(data, start=1))
    validate_tiers(tiers)
    return tiers


def _tier_from_dict(item: object, index: int) -> Tier:
    def bad(what: str) -> ValidationError:
        return ValidationError(_FIELD, t("第{}个层级的{}不对", "tier {}: bad {}").format(index, what))

    if not isinstance(item, dict):
        raise bad(t("格式", "format"))
    texts = {}
    for key in ("code", "name_zh", "name_en", "responsible_zh", "responsible_en"):
        value = item.get(key, "")
        if not isinstance(value, str):
            raise bad(key)
        texts[key] = value
    raw_min = item.get("min_aum")
    if isinstance(raw_min, (bool, float)) or not isinstance(raw_min, (str, int)):
        raise bad("min_aum")
    try:
        min_aum = Decimal(raw_min)
    except InvalidOperation:
        raise bad("min_aum") from None
    if not min_aum.is_finite() or min_aum < 0:
        raise bad("min_aum")
    cadence = item.get("cadence_days")
    if cadence is not None and (isinstance(cadence, bool) or not isinstance(cadence, int)):
        raise bad("cadence_days")
    return Tier(min_aum=min_aum, cadence_days=cadence, **texts)
