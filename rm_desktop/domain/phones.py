"""Phone numbers: one stored form per number, masking for display, carrier as an extra fact.

Stored forms: mainland mobiles as 11 digits (``13800138000``), mainland fixed lines as area code,
dash, local number (``0755-12345678``), other countries in E.164 (``+85291234567``). Validation
is ``phonenumbers``' (region CN), so new mobile prefixes arrive with library updates.
"""

from __future__ import annotations

import re
from typing import Any

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.textnorm import fold_text, mask_middle, spreadsheet_integer
from rm_desktop.i18n import language, t

_CN = 86
# phonenumbers (~40 ms with its metadata) is imported where a number is parsed: the client
# list's masks need none of it, so the start-up does not load it (issue 19.1).
_lib: Any = None
_personal_types: frozenset[int] = frozenset()


def _phonenumbers() -> Any:
    """The phonenumbers module, imported at the first number parsed (then one global look-up)."""
    global _lib, _personal_types
    if _lib is None:
        import phonenumbers

        kinds = phonenumbers.PhoneNumberType
        # 400/800 service numbers, premium lines etc. are not a person's phone.
        _personal_types = frozenset((kinds.MOBILE, kinds.FIXED_LINE, kinds.FIXED_LINE_OR_MOBILE))
        _lib = phonenumbers
    return _lib


_SEPARATORS = re.compile(r"[\s\-()./]+")
# The 7-digit blocks (号段, e.g. 1380013) of numbers already found to be mainland mobiles.
# libphonenumber's CN mobile patterns never look past the 7th digit (tests/domain/test_phones.py
# checks that against the installed metadata), so every number of such a block is one too.
_MOBILE_BLOCKS: set[str] = set()
_MAX_MOBILE_BLOCKS = 200_000  # a bound on the memo (China has far fewer mobile blocks in use)
_cn_gates: tuple[re.Pattern[str], re.Pattern[str]] | None = None


def is_plain_mobile(text: object) -> bool:
    """True when ``text`` is already the stored form of a mainland mobile (11 ASCII digits
    that libphonenumber types as MOBILE): :func:`normalize_phone` returns it unchanged.

    The common case of an import, about 7 µs instead of a full parse (about 40 µs): such a
    text has nothing to fold or strip, no country code, and no international or national
    prefix for libphonenumber to take off (both gates are checked against the metadata, and a
    text that opens with one goes the full way), so the parse would give country code 86 and
    the text itself as the national number; only the number's type is left to ask."""
    if not (text.__class__ is str and len(text) == 11 and text[0] == "1" and text.isascii() and text.isdigit()):
        return False
    block = text[:7]
    if block in _MOBILE_BLOCKS:
        return True
    phonenumbers = _phonenumbers()
    idd, national_prefix = _cn_gates or _prefix_gates()
    if idd.match(text) or national_prefix.match(text):
        return False
    number = phonenumbers.PhoneNumber(country_code=_CN, national_number=int(text))
    if phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE:
        return False
    if len(_MOBILE_BLOCKS) >= _MAX_MOBILE_BLOCKS:
        _MOBILE_BLOCKS.clear()
    _MOBILE_BLOCKS.add(block)
    return True


def _prefix_gates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """CN's international prefix and national prefix for parsing, as libphonenumber matches them
    (at the start of the digits)."""
    global _cn_gates
    metadata = _phonenumbers().PhoneMetadata.metadata_for_region("CN")
    _cn_gates = (re.compile(metadata.international_prefix), re.compile(metadata.national_prefix_for_parsing))
    return _cn_gates


def normalize_phone(raw: str | int | float, field: str = "phone") -> str:
    """The stored form of a phone number, or ValidationError saying why it is refused."""
    if is_plain_mobile(raw):
        return raw  # type: ignore[return-value]  # a str, is_plain_mobile says
    return parsed_phone(raw, field)


def parsed_phone(raw: str | int | float, field: str = "phone") -> str:
    """:func:`normalize_phone` the whole way, through libphonenumber's parse and validation
    (what the fast path of :func:`is_plain_mobile` must agree with)."""
    phonenumbers = _phonenumbers()
    if isinstance(raw, (int, float)):
        # A spreadsheet number: digits are exact below 2**53, but a fixed line's leading 0 is
        # gone; phonenumbers accepts a CN national number without its trunk 0, so that is fine.
        text = spreadsheet_integer(raw, field)
    else:
        text = fold_text(str(raw))
    if not text:
        raise ValidationError(field, t("电话号码为空", "the phone number is empty"))
    compact = _SEPARATORS.sub("", text)
    if not re.fullmatch(r"\+?\d+", compact):
        raise ValidationError(
            field,
            t(
                "电话号码只能包含数字（可带+、空格、-、括号）",
                "a phone number holds digits only (with optional +, spaces, dashes, brackets)",
            ),
        )
    try:
        number = phonenumbers.parse(compact, "CN")
    except phonenumbers.NumberParseException:
        raise ValidationError(field, _invalid_reason(compact)) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(field, _invalid_reason(compact))
    if number.country_code != _CN:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    kind = phonenumbers.number_type(number)  # ~30 µs: once, not per question asked of it
    if kind not in _personal_types:
        raise ValidationError(
            field,
            t(
                "{} 是400/800等服务号码，不是个人电话", "{} is a service number (400/800 …), not a personal phone"
            ).format(compact),
        )
    national = str(number.national_number)
    if kind == phonenumbers.PhoneNumberType.MOBILE:
        return national
    area = phonenumbers.length_of_geographical_area_code(number)
    return f"0{national[:area]}-{national[area:]}" if area else "0" + national


def _invalid_reason(compact: str) -> str:
    """The most specific reason we can give for a number phonenumbers refuses."""
    digits = compact.lstrip("+")
    if compact.startswith("+") and not digits.startswith("86"):
        return t("不是有效的境外电话号码", "not a valid international phone number")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) > 11:
        digits = digits[2:]
    if len(digits) < 7:
        return t("电话号码太短（{}位）", "the phone number is too short ({} digits)").format(len(digits))
    if len(digits) <= 8:
        return t(
            "号码位数不足：手机号为11位，固定电话请加区号（如 0755-12345678）",
            "too few digits: a mobile has 11, a fixed line needs its area code (e.g. 0755-12345678)",
        )
    if digits.startswith("1"):
        if len(digits) != 11:
            return t("手机号应为11位，收到的是{}位", "a mobile number has 11 digits; got {}").format(len(digits))
        return t("不是有效的中国大陆手机号段", "not a valid mainland China mobile prefix")
    return t("不是有效的中国电话号码", "not a valid Chinese phone number")


def mask_phone(number: str) -> str:
    """'13800138000' → '138****8000'; '0755-12345678' → '0755-****5678'; others keep their
    country code and last 4 where that reveals no more than half."""
    if len(number) == 11 and number.isdigit() and number.startswith("1"):
        return number[:3] + "****" + number[-4:]
    if "-" in number:
        area, _, local = number.partition("-")
        return f"{area}-{mask_middle(local, 0, 4, max_shown_ratio=0.6)}"
    if number.startswith("+"):
        phonenumbers = _phonenumbers()
        try:
            head = 1 + len(str(phonenumbers.parse(number).country_code))
        except phonenumbers.NumberParseException:
            head = 1
        return mask_middle(number, head, 4, max_shown_ratio=0.7)
    return mask_middle(number, 0, 4)


def phone_carrier(number: str) -> str | None:
    """Carrier of a mobile number by its original prefix (中国移动 …), in the UI language.

    Only a hint: numbers ported to another carrier keep their prefix."""
    phonenumbers = _phonenumbers()
    from phonenumbers import carrier  # its prefix tables cost ~65 ms: loaded when a file is shown

    try:
        parsed = phonenumbers.parse(number, "CN")
    except phonenumbers.NumberParseException:
        return None
    lang = "en" if language() == "en" else "zh"
    return carrier.name_for_number(parsed, lang) or None
