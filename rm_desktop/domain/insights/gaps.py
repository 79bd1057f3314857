"""Product gaps under suitability (适当性): the product types a client does not hold that may
be suggested to them.

There is no product catalogue in the vault, only holdings, whose own risk levels vary (a 理财
can be R2 or R3). A *type* is therefore rated by :data:`TYPICAL_RISK`, the risk level a bank
usually gives its everyday product of that type; a gap is offered only when that level is at or
below the client's grade (C3 → R1–R3) and only while the risk assessment is valid: a missing
grade, a missing expiry date or an expired assessment gives no gaps at all (it must be renewed
before anything is suggested). ``other`` has no typical level and is never suggested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rm_desktop.domain.grades import PRODUCT_RISKS, RISK_GRADES

# Product type (domain.choices.PRODUCT_TYPES code) → its typical risk level (R1–R5).
TYPICAL_RISK: dict[str, str] = {
    "deposit": "R1",  # 存款、大额存单
    "bond": "R1",  # 储蓄国债
    "wealth": "R2",  # 稳健型银行理财
    "insurance": "R2",  # 年金、储蓄型保险
    "metal": "R3",  # 积存金、贵金属
    "fund": "R4",  # 权益类公募基金
}


def level(code: str | None) -> int | None:
    """1–5 from a stored grade 'C3' or risk level 'R3' (domain.grades' codes); None otherwise."""
    for scale in (RISK_GRADES, PRODUCT_RISKS):
        if code in scale:
            return scale.index(code) + 1
    return None


def assessment_valid(grade: str | None, expires_on: dt.date | None, today: dt.date) -> bool:
    return level(grade) is not None and expires_on is not None and expires_on >= today


def suitable_types(grade: str | None, expires_on: dt.date | None, today: dt.date) -> tuple[str, ...]:
    """Every product type the client may be offered (R ≤ C, valid assessment), in table order."""
    if not assessment_valid(grade, expires_on, today):
        return ()
    ceiling = level(grade) or 0
    return tuple(kind for kind, risk in TYPICAL_RISK.items() if (level(risk) or 6) <= ceiling)


def product_gaps(
    grade: str | None, expires_on: dt.date | None, held_types: Iterable[str], today: dt.date
) -> tuple[str, ...]:
    """The suitable product types the client does not hold."""
    held = set(held_types)
    return tuple(kind for kind in suitable_types(grade, expires_on, today) if kind not in held)
