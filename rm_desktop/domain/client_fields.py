"""The rules of every client profile field, in one place: the GUI form and the CLI (through
services/clients) and the spreadsheet import, the archive and the handover (through io/rows
and services/exchange) all parse a field with the parser here, so a value is stored the same
way, or refused with the same message, wherever it was entered.

Each parser takes ``(raw, field)``: a form's text, a CLI ``--set`` value, or what the import's
cell pre-step made of a spreadsheet cell (text; a date for a date cell; a number for an
amount), and returns the stored value (None when empty) or raises ``ValidationError``.
:func:`check_identity` and :func:`check_dates` are the checks across fields; the checks that
need the database (unique customer number, existing referrer) stay in services/clients/files.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rm_desktop.domain.choices import CHANNELS, ID_TYPES, ChoiceSet
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.field_values import (
    Parser,
    integer,
    is_before,
    is_empty,
    optional,
    parse_bool,
    parse_date,
    required_message,
    split_list,
    text,
    today,
    too_long_message,
)
from rm_desktop.domain.grades import normalize_risk_grade
from rm_desktop.domain.identity import check_id_matches, normalize_gender, parse_resident_id
from rm_desktop.domain.money import YUAN, parse_amount
from rm_desktop.domain.phones import is_plain_mobile, normalize_phone
from rm_desktop.domain.textnorm import fold_text, lost_digits_message, remove_spaces
from rm_desktop.i18n import t

RESIDENT_ID = "resident_id"
EARLIEST_BIRTH = dt.date(1900, 1, 1)
MAX_NAME, MAX_TAG, MAX_CUSTOMER_NO = 100, 40, 40  # the column widths of clients / client_tags

_CJK = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Between Chinese characters a space is never part of a name: lists pad two-character names to
# line up with three-character ones ('张  三'), and people type '王 小明' by mistake. It is
# dropped, so every entry point stores '王小明' and search and duplicate matching find it;
# the middle dot of minority and foreign names (阿依古丽·买买提) counts as part of the name.
_NAME_JOINED = re.compile(rf"(?<=[{_CJK}·・]) (?=[{_CJK}·・])")
# In tags a space next to a Chinese character separates two tags ('高净值 退休', as branch
# lists write them); between other words it is part of the tag ('high net worth', 'Top 100').
_TAG_SPACE = re.compile(rf"(?<=[{_CJK}]) | (?=[{_CJK}])")
_CUSTOMER_NO = re.compile(r"[0-9A-Z_\-/.]+")
_OTHER_ID = re.compile(r"[0-9A-Z()\-]{4,40}")
# "1.10105E+17": a CSV that Excel saved from an ID it held as a number; the digits are gone.
_SCIENTIFIC = re.compile(r"\d(\.\d+)?E\+?\d+")


@dataclass(frozen=True)
class ImportantDateValue:
    label: str
    date: dt.date
    lunar: bool = False


def choice(choices: ChoiceSet) -> Parser:
    return optional(choices.parse)


def _collapse(raw: Any) -> str:
    """Folded (full-width → half-width, invisible characters gone) with every run of
    whitespace (the ideographic space too) turned into one space."""
    return " ".join(fold_text("" if raw is None else str(raw)).split())


def parse_name(raw: Any, field: str) -> str:
    """One space between words, none between Chinese characters; required, at most 100.
    A "name" without a single letter (123, a dash) is refused everywhere: in a list it is a
    shifted column, in the form a slip, and a client called 123 cannot be found again."""
    value = _NAME_JOINED.sub("", _collapse(raw))
    if not value:
        raise ValidationError(field, required_message())
    if len(value) > MAX_NAME:
        raise ValidationError(field, too_long_message(MAX_NAME, len(value)))
    if not any(ch.isalpha() for ch in value):
        raise ValidationError(field, t("“{}”不是姓名（没有文字）", '"{}" is not a name (no letters)').format(value))
    return value


def _compact(raw: Any) -> str:
    """Folded, without any whitespace, upper-cased (normalised once more: dropping a space can
    let two characters compose, and the stored value must read back as itself)."""
    if raw.__class__ is str and raw.isascii() and raw.isalnum():
        return raw.upper()  # nothing to fold, drop or compose: the import's common case, at C speed
    if is_empty(raw):
        return ""
    value = remove_spaces(fold_text(str(raw))).upper()
    return value if value.isascii() else unicodedata.normalize("NFKC", value)


def parse_customer_no(raw: Any, field: str) -> str | None:
    """Letters, digits and - _ / . only, at most 40; spaces dropped and letters upper-cased, so
    'c 001' from a list and 'C001' typed in the form are the same client."""
    value = _compact(raw)
    if not value:
        return None
    if len(value) > MAX_CUSTOMER_NO or not _CUSTOMER_NO.fullmatch(value):
        raise ValidationError(
            field,
            t(
                "客户号只能包含字母、数字和 - _ / .，最多40位",
                "a customer number holds letters, digits and - _ / . (at most 40)",
            ),
        )
    return value


def parse_id_number(raw: Any, field: str) -> str | None:
    """Folded, without spaces, upper-cased; checked against its ID type in :func:`check_identity`."""
    value = _compact(raw)
    if _SCIENTIFIC.fullmatch(value):
        raise ValidationError(field, lost_digits_message(value))
    return value or None


def parse_phones(raw: Any, field: str) -> list[str]:
    """Every number of a text (separated by , ， ; ； 、 or new lines) in its stored form, once each."""
    if is_plain_mobile(raw):
        return [raw]  # one number, already in its stored form (an import's usual cell)
    numbers: list[str] = []
    items = split_list(raw)
    for position, item in enumerate(items, start=1):
        try:
            numbers.append(normalize_phone(item, field))
        except ValidationError as exc:
            where = (
                t("第{}个号码“{}”：", 'number {} "{}": ').format(position, item) if len(items) > 1 else f"“{item}”："
            )
            raise ValidationError(field, where + exc.message) from None
    return list(dict.fromkeys(numbers))


def parse_tags(raw: Any, field: str) -> list[str]:
    """Tags separated by , ， ; ； 、 new lines, or a space next to a Chinese character; folded,
    inner spaces collapsed, in order, once each; at most 40 characters (the stored width: a
    longer tag could be imported but the client could then not be saved with its own tags)."""
    tags: list[str] = []
    for item in split_list(raw):
        tags += [tag for tag in _TAG_SPACE.split(_collapse(item)) if tag]
    for tag in tags:
        if len(tag) > MAX_TAG:
            raise ValidationError(field, t("标签最多40个字：“{}”", 'a tag has at most 40 characters: "{}"').format(tag))
    return list(dict.fromkeys(tags))


def parse_birth_date(raw: Any, field: str) -> dt.date | None:
    value = parse_date(raw, field)
    if value is not None and not EARLIEST_BIRTH <= value <= today():
        raise ValidationError(
            field,
            t("出生日期 {} 不合理（应在1900年至今天之间）", "the birth date {} is implausible (1900 to today)").format(
                value.isoformat()
            ),
        )
    return value


def parse_aum(raw: Any, field: str, unit: str = YUAN) -> Decimal | None:
    """元, exact to the cent; ``unit`` is what a bare number means (the import reads it from the
    column header, 金融资产(万元)); a unit written with the number (50万) wins."""
    return None if is_empty(raw) else parse_amount(raw, unit, field)


_DND_RANGE = re.compile(r"(\d{1,2}):(\d{2})\s*(?:-|~|至|到)\s*(\d{1,2}):(\d{2})")


def parse_dnd_hours(raw: Any, field: str) -> str | None:
    """Do-not-disturb ranges such as ``22:00-08:00`` (several separated by commas), normalised."""
    ranges = []
    for item in split_list(fold_text(str(raw)) if not is_empty(raw) else ""):
        match = _DND_RANGE.fullmatch(item)
        if not match or not all(int(h) <= 24 and int(m) < 60 for h, m in (match.groups()[:2], match.groups()[2:])):
            raise ValidationError(
                field,
                t("免打扰时段应写成 22:00-08:00：“{}”", 'do-not-disturb hours look like 22:00-08:00: "{}"').format(
                    item
                ),
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        ranges.append(f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}")
    return ",".join(ranges) or None


def parse_important_dates(raw: Any, field: str) -> list[ImportantDateValue]:
    """From the GUI a list of ImportantDateValue/dicts; from the CLI ``label:date[:lunar]``
    items separated by ';' (e.g. ``结婚纪念日:2010-10-01;生日:1980-08-15:农历``)."""
    if is_empty(raw):
        return []
    items = raw if isinstance(raw, (list, tuple)) else [p for p in re.split(r"[;；\n]+", str(raw)) if p.strip()]
    found = []
    for item in items:
        if isinstance(item, ImportantDateValue):
            found.append(item)
            continue
        if isinstance(item, dict):
            label, day, lunar = item.get("label"), item.get("date"), item.get("lunar", False)
        else:
            parts = [p.strip() for p in fold_text(str(item)).split(":")]
            if len(parts) not in (2, 3):
                raise ValidationError(
                    field,
                    t(
                        "重要日期应写成 名称:日期[:农历]：“{}”", 'an important date looks like label:date[:lunar]: "{}"'
                    ).format(item),
                )
            label, day, lunar = parts[0], parts[1], parts[2] if len(parts) == 3 else False
        label = text(60, required=True)(label, field)
        when = parse_date(day, field)
        if when is None:
            raise ValidationError(field, t("“{}”缺少日期", '"{}" has no date').format(label))
        found.append(ImportantDateValue(label, when, parse_bool(lunar, field)))
    return found


# Field → parser; the CLI and import field names. Labels are the services' (services/clients/fields).
FIELD_PARSERS: dict[str, Parser] = {
    "customer_no": parse_customer_no,
    "name": parse_name,
    "gender": optional(normalize_gender),
    "birth_date": parse_birth_date,
    "lunar_birthday": parse_bool,
    "id_type": choice(ID_TYPES),
    "id_number": parse_id_number,
    "phone": parse_phones,
    "address": text(200),
    "occupation": text(100),
    "employer": text(200),
    "income_band": text(40),
    "life_stage": text(40),
    "family": text(1000),
    "interests": text(1000),
    "preferred_channel": choice(CHANNELS),
    "dnd_hours": parse_dnd_hours,
    "risk_grade": optional(normalize_risk_grade),
    "risk_assessed_on": parse_date,
    "risk_expires_on": parse_date,
    "aum": parse_aum,
    "responsible_role": text(40),
    "tags": parse_tags,
    "referrer_client_id": integer(1, 2**62),
    "referrer_staff": text(100),
    "salutation": text(40),
    "cadence_days": integer(1, 3650),
    "notes": text(5000),
    "important_dates": parse_important_dates,
}


def check_identity(values: dict[str, Any], given: Container[str], errors: dict[str, str]) -> None:
    """Check the ID number for its type and, for a resident ID, fill an empty birth date and
    gender from it; a typed value that disagrees is an error naming both. ``values`` is the
    profile after the save (stored values merged with the given ones, or one import row) and
    is updated in place; a mismatch is reported on the given field, or on id_number when only
    the ID was given. Fields already in ``errors`` are not compared."""
    number = values.get("id_number")
    if number is None:
        return
    if values.get("id_type") is None:
        values["id_type"] = RESIDENT_ID  # the ID of nearly every client
    if values["id_type"] != RESIDENT_ID:
        if not _OTHER_ID.fullmatch(number):
            errors["id_number"] = t("证件号码应为4–40位字母或数字", "an ID number has 4–40 letters or digits")
        return
    try:
        info = parse_resident_id(number, "id_number")
    except ValidationError as exc:
        errors["id_number"] = exc.message
        return
    values["id_number"] = info.number
    for key, fact, typed in (
        ("birth_date", info.birth_date, values.get("birth_date")),
        ("gender", info.gender, values.get("gender")),
    ):
        if key in errors or typed == fact:
            continue
        if typed is None:
            values[key] = fact
            continue
        problems = check_id_matches(info, typed if key == "birth_date" else None, typed if key == "gender" else None)
        if problems:
            errors[key if key in given else "id_number"] = problems[0]


def check_dates(values: dict[str, Any], errors: dict[str, str]) -> None:
    if "risk_expires_on" not in errors and is_before(values.get("risk_expires_on"), values.get("risk_assessed_on")):
        errors["risk_expires_on"] = t("测评到期日早于测评日期", "the expiry date is before the assessment date")
