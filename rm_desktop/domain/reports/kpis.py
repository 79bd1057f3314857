"""The weekly and monthly KPIs (周报 / 月报): their stable keys, labels and units, and the one
parser of the targets setting (``report_targets``: KPI key → target figure).

Targets are written as ``contacts=300, new_clients_aum=200万, tier_coverage.wealth=90%`` on the
CLI or as a JSON object; a share is 0..1 (or a percentage), an amount any money text
(domain/money), a count a whole number. Negatives and unknown keys are refused with a message
naming the key. The stored form maps each key to its figure as text (JSON has no decimals).

A plain key is the month's target; ``week.<key>`` is the week's (300 contacts a month is not a
week's target). A share or hours target is no sum over the days, so a plain one holds for the
week too unless the week has its own (:func:`targets_for`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.money import parse_amount
from rm_desktop.domain.reports.model import AMOUNT, COUNT, HOURS, SHARE
from rm_desktop.i18n import t

FIELD = "report_targets"
MAX_FIGURE = Decimal(10) ** 12
TIER_COVERAGE = "tier_coverage"  # "tier_coverage.<tier code>": one KPI per tier with a cadence
WEEK_PREFIX = "week."  # "week.contacts": the week's own target


@dataclass(frozen=True)
class KpiDef:
    key: str
    zh: str
    en: str
    unit: str

    def label(self) -> str:
        return t(self.zh, self.en)


KPIS: tuple[KpiDef, ...] = (
    KpiDef("contacts", "联系客户次数", "Contacts made", COUNT),
    KpiDef("contacts_per_working_day", "每工作日联系次数", "Contacts per working day", COUNT),
    KpiDef("new_clients", "新增客户数", "New clients", COUNT),
    KpiDef("new_clients_aum", "新增客户资产", "New clients' AUM", AMOUNT),
    KpiDef("aum_change", "客户资产变动", "Book AUM change", AMOUNT),
    KpiDef("pipeline_opened", "新增商机数", "Opportunities opened", COUNT),
    KpiDef("pipeline_opened_amount", "新增商机金额", "Opportunities opened (amount)", AMOUNT),
    KpiDef("pipeline_won", "成交商机数", "Opportunities won", COUNT),
    KpiDef("pipeline_won_amount", "成交金额", "Amount won", AMOUNT),
    KpiDef("retention", "到期承接率", "Maturity retention rate", SHARE),
    KpiDef("referrals", "收到推荐数", "Referrals received", COUNT),
    KpiDef("complaints", "投诉数", "Complaints", COUNT),
    KpiDef("complaint_hours", "投诉平均处理时长", "Average complaint handling", HOURS),
)
BY_KEY = {kpi.key: kpi for kpi in KPIS}


def coverage_key(tier_code: str) -> str:
    return f"{TIER_COVERAGE}.{tier_code}"


def week_key(key: str) -> str:
    return WEEK_PREFIX + key


def unit_of(key: str) -> str | None:
    """The unit of a KPI key (a tier coverage key of any tier code is a share); a week's key
    (``week.<key>``) has its KPI's unit."""
    key = key.removeprefix(WEEK_PREFIX)
    if key.startswith(TIER_COVERAGE + ".") and len(key) > len(TIER_COVERAGE) + 1:
        return SHARE
    found = BY_KEY.get(key)
    return found.unit if found else None


def _figure(key: str, unit: str, raw: object) -> Decimal:
    where = f"{FIELD}.{key}"
    if unit == AMOUNT:
        try:
            return parse_amount(raw if isinstance(raw, (int, Decimal, str)) else str(raw), field=where)
        except ValidationError as exc:
            raise ValidationError(where, exc.message) from None
    text = str(raw).strip().replace("％", "%")
    percent = text.endswith("%")
    try:
        value = Decimal(text.rstrip("%").strip())
    except InvalidOperation:
        raise ValidationError(where, t("不是数字：{}", "not a number: {}").format(raw)) from None
    if not value.is_finite():
        raise ValidationError(where, t("不是数字：{}", "not a number: {}").format(raw))
    if value < 0:
        raise ValidationError(where, t("目标不能为负数：{}", "a target cannot be negative: {}").format(raw))
    if value >= MAX_FIGURE:  # a typo; it also keeps quantize() within Decimal's precision
        raise ValidationError(where, t("目标大得不合理：{}", "the target is implausibly large: {}").format(raw))
    if unit == SHARE:
        value = value / 100 if percent or value > 1 else value
        if value > 1:
            raise ValidationError(
                where, t("比例应在 0 到 100% 之间：{}", "a share is between 0 and 100%: {}").format(raw)
            )
        return value.quantize(Decimal("0.0001"))
    if percent:
        raise ValidationError(where, t("此项不是比例：{}", "this target is not a share: {}").format(raw))
    if unit == COUNT and key != "contacts_per_working_day" and value != value.to_integral_value():
        raise ValidationError(where, t("应为整数：{}", "a whole number is expected: {}").format(raw))
    return (
        value.quantize(Decimal("0.1"))
        if unit == HOURS or value != value.to_integral_value()
        else value.quantize(Decimal(1))
    )


def target_pairs(value: object) -> Mapping[str, object]:
    if isinstance(value, Mapping):
        return value
    text = str(value or "").strip()
    found: dict[str, object] = {}
    for part in re.split(r"[,，;；\n]+", text):
        if not part.strip():
            continue
        key, sep, figure = part.partition("=")
        if not sep:
            raise ValidationError(FIELD, t("应写成 指标=目标：{}", "expected KPI=target: {}").format(part.strip()))
        found[key.strip()] = figure.strip()
    return found


def parse_targets(value: object) -> dict[str, Decimal]:
    """KPI key → target; ValidationError naming the key for an unknown key, a negative or a
    figure that is not of the KPI's unit. An empty value is no targets."""
    found: dict[str, Decimal] = {}
    for key, raw in target_pairs(value).items():
        unit = unit_of(str(key))
        if unit is None:
            raise ValidationError(
                FIELD,
                t(
                    "没有这个指标：{}（可选：{}，或 {}.<分层代码>）", "no such KPI: {} (one of: {}, or {}.<tier code>)"
                ).format(key, " / ".join(BY_KEY), TIER_COVERAGE),
            )
        if raw is None or str(raw).strip() == "":
            continue  # "contacts=" clears that target
        found[str(key)] = _figure(str(key), unit, raw)
    return found


def targets_for(kind: str, targets: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """The targets a report of ``kind`` ("week" or "month") is measured against: a month the
    plain keys; a week its ``week.`` keys, then the plain shares and hours it has none of."""
    plain = {key: value for key, value in targets.items() if not key.startswith(WEEK_PREFIX)}
    if kind != "week":
        return plain
    found = {key: value for key, value in plain.items() if unit_of(key) in (SHARE, HOURS)}
    found.update(
        (key.removeprefix(WEEK_PREFIX), value) for key, value in targets.items() if key.startswith(WEEK_PREFIX)
    )
    return found


def normalize_targets(value: object) -> dict[str, str]:
    """The stored form (the settings registry's ``normalize``): figures as text."""
    return {key: str(figure) for key, figure in parse_targets(value).items()}
