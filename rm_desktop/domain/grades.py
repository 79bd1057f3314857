"""Risk grades: the client's risk tolerance (C1–C5) and a product's risk level (R1–R5).

Suitability rules in Chinese banks match the two scales (a C3 client may buy up to R3). Banks
write them many ways: "C3", "c3", "3", "C3-平衡型", "平衡型", "R4（中高风险）", "PR4", "中高";
all of them come down to one code here. When a text carries both a code and a name, the code
wins: names differ between banks (进取型 is C4 at some, C5 at others), codes do not.
"""

from __future__ import annotations

import re

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.textnorm import fold_text, remove_spaces, spreadsheet_integer
from rm_desktop.i18n import t

RISK_GRADES = ("C1", "C2", "C3", "C4", "C5")
PRODUCT_RISKS = ("R1", "R2", "R3", "R4", "R5")

# Level (1–5) by name, after upper-casing and dropping the words stripped below.
_CLIENT_NAMES = {
    "保守": 1,
    "谨慎": 1,
    "CONSERVATIVE": 1,
    "稳健": 2,
    "PRUDENT": 2,
    "MODERATELYCONSERVATIVE": 2,
    "平衡": 3,
    "BALANCED": 3,
    "MODERATE": 3,
    "成长": 4,
    "GROWTH": 4,
    "MODERATELYAGGRESSIVE": 4,
    "进取": 5,
    "激进": 5,
    "AGGRESSIVE": 5,
}
_PRODUCT_NAMES = {
    "低": 1,
    "LOW": 1,
    "中低": 2,
    "较低": 2,
    "MEDIUMLOW": 2,
    "LOWMEDIUM": 2,
    "中": 3,
    "中等": 3,
    "MEDIUM": 3,
    "中高": 4,
    "较高": 4,
    "MEDIUMHIGH": 4,
    "高": 5,
    "HIGH": 5,
}
_CLIENT_NOISE = re.compile(r"[\s\-_()（）【】\[\]]|型|投资者|INVESTOR|客户")
_PRODUCT_NOISE = re.compile(r"[\s\-_()（）【】\[\]]|风险|等级|级|产品|RISK")


def normalize_risk_grade(raw: str | int | float, field: str = "risk_grade") -> str:
    """'C1'…'C5' from C3, c3, 3, C3-平衡型, 平衡型, balanced …"""
    return _normalize(raw, field, "C", r"C", _CLIENT_NAMES, _CLIENT_NOISE, t("客户风险等级", "client risk grade"))


def normalize_product_risk(raw: str | int | float, field: str = "product_risk") -> str:
    """'R1'…'R5' from R3, PR3, 3, R3（中风险）, 中风险, 中, medium …"""
    return _normalize(raw, field, "R", r"P?R", _PRODUCT_NAMES, _PRODUCT_NOISE, t("产品风险等级", "product risk level"))


def _normalize(
    raw: str | int | float,
    field: str,
    letter: str,
    code_pattern: str,
    names: dict[str, int],
    noise: re.Pattern[str],
    what: str,
) -> str:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        text = spreadsheet_integer(raw, field)
    else:
        text = remove_spaces(fold_text(str(raw))).upper()
    level = _level_from_code(text, code_pattern)
    if level is None:
        level = names.get(noise.sub("", text))
    if level is None:
        raise ValidationError(
            field,
            t("无法识别的{}“{}”（应为{}1–{}5）", 'unrecognised {} "{}" (expected {}1–{}5)').format(
                what, raw, letter, letter
            ),
        )
    return f"{letter}{level}"


def _level_from_code(text: str, code_pattern: str) -> int | None:
    """1–5 from a bare digit or a code at the start of the text or standing apart from letters
    (so 'R3' in '中风险(R3)' counts, but not the R of 'RISK3')."""
    if re.fullmatch(r"[1-5]", text):
        return int(text)
    match = re.search(rf"(?<![A-Z]){code_pattern}([1-5])(?!\d)", text)
    return int(match.group(1)) if match else None
