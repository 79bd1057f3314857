"""One parser per field of an opportunity and of a referral: the form, the CLI, the archive
import all go through these (services/sales names them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rm_desktop.domain.choices import PRODUCT_TYPES
from rm_desktop.domain.client_fields import choice
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.field_values import optional, parse_date, text
from rm_desktop.domain.grades import normalize_product_risk
from rm_desktop.domain.money import YUAN, parse_amount
from rm_desktop.i18n import t

from .model import REFERRER_ROLES, SOURCES, STAGES


def parse_positive_amount(raw: Any, field: str) -> Decimal:
    """An amount in 元 above 0 (a 商机 of nothing is a typo); 万 / 万元 in the text count."""
    value = parse_amount(raw, YUAN, field, allow_negative=True)
    if value <= 0:
        raise ValidationError(field, t("金额必须大于 0：{}", "the amount must be above 0: {}").format(raw))
    return value


OPPORTUNITY_FIELDS = {
    "product_type": choice(PRODUCT_TYPES),
    "product_name": text(200, required=True),
    "product_code": text(40),
    "product_risk": optional(normalize_product_risk),
    "amount": parse_positive_amount,
    "expected_close": parse_date,
    "stage": choice(STAGES),
    "source": optional(choice(SOURCES)),
    "next_step": text(500),
    "next_step_on": parse_date,
    "notes": text(2000),
}
REQUIRED_OPPORTUNITY = ("product_type", "product_name", "amount")

REFERRAL_FIELDS = {
    "referrer_client_id": optional(lambda raw, field: _client_id(raw, field)),
    "referrer_role": optional(choice(REFERRER_ROLES)),
    "referrer_name": text(100),
    "referred_on": parse_date,
    "note": text(500),
}


def _client_id(raw: Any, field: str) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise ValidationError(field, t("应为客户编号（数字）：{}", "a client id (a number): {}").format(raw)) from None
    if value < 1:
        raise ValidationError(field, t("应为客户编号（数字）：{}", "a client id (a number): {}").format(raw))
    return value


def check_referrer(values: dict[str, Any]) -> None:
    """A referral names a client, or a colleague by role and name: exactly one of the two."""
    by_client = values.get("referrer_client_id") is not None
    by_staff = values.get("referrer_role") is not None or values.get("referrer_name") is not None
    if by_client == by_staff:
        raise ValidationError(
            "referrer",
            t(
                "推荐人须是一位客户，或一位同事（岗位和姓名），二选一",
                "the referrer is either a client or a colleague (role and name), one of the two",
            ),
        )
    if by_staff and (values.get("referrer_role") is None or values.get("referrer_name") is None):
        missing = "referrer_role" if values.get("referrer_role") is None else "referrer_name"
        raise ValidationError(missing, t("同事推荐须有岗位和姓名", "a colleague's referral needs a role and a name"))
