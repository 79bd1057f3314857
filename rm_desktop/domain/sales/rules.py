"""The rules of an opportunity's life: which moves are allowed, the suitability check at 成交,
and the expected close date against the creation day.

Stage skips are allowed (意向 → 成交 directly: a client may decide on the spot), but every way
into 成交 runs :func:`suitability_refusal`. A closed opportunity (成交 / 未成交) does not move
again: reopening would leave a holding behind or rewrite the history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.grades import normalize_product_risk, normalize_risk_grade
from rm_desktop.i18n import t

from .model import CLOSED_STAGES, STAGES

# Rule codes (JSON, tests) of the suitability refusals.
NO_ASSESSMENT = "no_assessment"
EXPIRED = "assessment_expired"
UNSUITABLE = "unsuitable"
NO_PRODUCT_RISK = "no_product_risk"


@dataclass(frozen=True)
class Refusal:
    """Why 成交 was stopped: ``rule`` (a code above) and the one-line message naming it.
    ``waivable``: the client's written acknowledgement lets the sale go ahead (kept in history)."""

    rule: str
    message: str
    waivable: bool

    def error(self) -> ValidationError:
        return ValidationError("stage", self.message)


def check_move(current: str, target: str) -> None:
    if current in CLOSED_STAGES:
        raise ValidationError(
            "stage",
            t("商机已{}，不能再改阶段", "the opportunity is already {}; its stage cannot change").format(
                STAGES.label(current)
            ),
        )
    if current == target:
        raise ValidationError(
            "stage", t("商机已在“{}”阶段", 'the opportunity is already at "{}"').format(STAGES.label(current))
        )


def suitability_refusal(
    product_risk: str | None, risk_grade: str | None, expires_on: dt.date | None, today: dt.date
) -> Refusal | None:
    """None when a product of ``product_risk`` may be sold to a client of ``risk_grade`` whose
    assessment runs to ``expires_on``; else the first rule that stops it. A product may be sold
    up to the client's own level (C3 → R1–R3). A client never assessed cannot be waived: there
    is nothing for the client to acknowledge against."""
    if not product_risk:
        return Refusal(
            NO_PRODUCT_RISK,
            t("成交前须填写产品风险等级（R1–R5）", "the product's risk level (R1–R5) is required before 成交"),
            False,
        )
    if not risk_grade:
        return Refusal(
            NO_ASSESSMENT,
            t(
                "客户没有风险测评，不能成交：请先做风险测评",
                "the client has no risk assessment: assess the client before 成交",
            ),
            False,
        )
    product = int(normalize_product_risk(product_risk)[1])
    client = int(normalize_risk_grade(risk_grade)[1])
    if expires_on is not None and expires_on < today:
        return Refusal(
            EXPIRED,
            t(
                "风险测评已于 {} 过期：请重新测评，或记录客户的书面确认",
                "the risk assessment expired on {}: reassess, or record the client's written acknowledgement",
            ).format(expires_on.isoformat()),
            True,
        )
    if product > client:
        return Refusal(
            UNSUITABLE,
            t(
                "适当性不匹配：产品 R{} 高于客户 C{}（客户可购买至 R{}）；或记录客户的书面确认",
                "not suitable: product R{} is above client C{} (the client may buy up to R{}); "
                "or record the client's written acknowledgement",
            ).format(product, client, client),
            True,
        )
    return None


def check_close_date(expected_close: dt.date | None, created_on: dt.date) -> None:
    if expected_close is not None and expected_close < created_on:
        raise ValidationError(
            "expected_close",
            t("预计成交日 {} 早于商机创建日 {}", "the expected close date {} is before the creation date {}").format(
                expected_close.isoformat(), created_on.isoformat()
            ),
        )
