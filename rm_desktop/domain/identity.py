"""Resident ID numbers (居民身份证号码) and gender: normalise, validate, cross-check, mask.

The checksum and the region table come from ``stdnum.cn.ric``; the checks are done here one by
one so that each failure gets its own message (length, characters, birth date, checksum,
province). ``stdnum``'s own ``validate`` is deliberately not used: it also refuses IDs whose
county code was created after the holder's birth year, but people born before their county
existed were issued IDs with the county's code of the day (e.g. Shenzhen's 440301 and anyone
born there before 1983), so that rule would refuse real clients.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.field_values import today
from rm_desktop.domain.textnorm import (
    fold_text,
    lost_digits_message,
    mask_middle,
    remove_spaces,
    spreadsheet_integer,
)
from rm_desktop.i18n import t

GENDERS = ("男", "女")

# Old 15-digit IDs (issued until 1999) hold a 2-digit year; all of them belong to people born
# in the 1900s, which is what GB 11643-1999 assumes when upgrading them to 18 digits.
_OLD_ID_CENTURY = "19"
_EARLIEST_BIRTH = datetime.date(1900, 1, 1)


@dataclass(frozen=True)
class ResidentId:
    number: str  # always the 18-digit form
    birth_date: datetime.date
    gender: str  # '男' or '女'
    region: str  # 6-digit administrative code

    @property
    def region_name(self) -> str:
        """Province and county as far as stdnum's table knows them ('' when unknown)."""
        return region_name(self.region)


def normalize_id_number(raw: str | int | float) -> str:
    """Clean up an ID as typed or read: half-width, no spaces, upper-case X.

    A number (int/float) means the spreadsheet stored the ID as a number: 15-digit old IDs fit
    exactly, but 18-digit ones lose their last digits in a float, so anything that long is
    refused rather than turned into a plausible wrong ID.
    """
    if isinstance(raw, (int, float)):
        digits = spreadsheet_integer(raw, "id_number")
        # 16+ digits cannot come through a float intact; an int that long came from one too.
        if len(digits.lstrip("-")) > 15:
            raise ValidationError("id_number", lost_digits_message(repr(raw)))
        return digits
    if raw.__class__ is str and raw.isascii() and raw.isalnum():
        return raw.upper()  # nothing to fold or drop (an import's usual cell)
    return remove_spaces(fold_text(str(raw))).upper()


def parse_resident_id(raw: str | int | float, field: str = "id_number") -> ResidentId:
    """Validate an ID and return its facts; 15-digit old IDs come back upgraded to 18 digits."""
    try:
        number = normalize_id_number(raw)
    except ValidationError as exc:
        raise ValidationError(field, exc.message) from None
    if not number:
        raise ValidationError(field, t("身份证号为空", "the ID number is empty"))
    if len(number) == 15:
        number = _upgrade_old_id(number, field)
    if len(number) != 18:
        raise ValidationError(
            field,
            t(
                "身份证号应为18位（旧证15位），收到的是{}位", "an ID number has 18 characters (old ones 15); got {}"
            ).format(len(number)),
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            field,
            t("身份证号只能由数字组成，末位可为X", "an ID number holds digits only; the last one may be X"),
        )
    birth = _birth_date(number[6:14], field)
    if number[17] != _ric().calc_check_digit(number):
        raise ValidationError(
            field,
            t(
                "身份证号校验位不符（末位应由前17位算出），请核对是否输错或漏输",
                "the ID number's check digit does not match the first 17 digits: check for a mistyped or swapped digit",
            ),
        )
    if not _province_known(number[:2]):
        raise ValidationError(
            field,
            t(
                "身份证号前两位“{}”不是有效的省级行政区代码", 'the first two digits "{}" are not a valid province code'
            ).format(number[:2]),
        )
    gender = GENDERS[0] if int(number[16]) % 2 else GENDERS[1]
    return ResidentId(number=number, birth_date=birth, gender=gender, region=number[:6])


def _upgrade_old_id(number: str, field: str) -> str:
    if not number.isdigit():
        raise ValidationError(field, t("15位旧身份证号只能由数字组成", "a 15-digit old ID number holds digits only"))
    body = number[:6] + _OLD_ID_CENTURY + number[6:]
    # calc_check_digit expects the full number and ignores its last character.
    return body + _ric().calc_check_digit(body + "0")


def _birth_date(text: str, field: str) -> datetime.date:
    try:
        birth = datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        birth = None
    if birth is None or not _EARLIEST_BIRTH <= birth <= today():
        raise ValidationError(
            field,
            t("身份证号中的出生日期“{}”无效", 'the birth date "{}" inside the ID number is not a valid date').format(
                text
            ),
        )
    return birth


@functools.lru_cache(maxsize=128)
def _province_known(code: str) -> bool:
    # stdnum walks its region table per call (~20 µs); imports check 100k IDs of ~34 provinces.
    return bool(_region_info(code + "0000").get("province"))


@functools.cache
def _ric() -> Any:
    """stdnum's resident-ID module, imported on the first ID checked: stdnum imports pydoc, which
    a command that only masks IDs (client list) never needs (~6 ms, issue 19.2)."""
    from stdnum.cn import ric

    return ric


def _region_info(code: str) -> dict[str, str]:
    from stdnum import numdb  # see _ric

    return {k: v for _part, props in numdb.get("cn/loc").info(code) for k, v in props.items()}


def region_name(code: str) -> str:
    """'天津市 东丽区'-style name of a 6-digit region code: a county renamed over the years is
    shown by its newest name (stdnum lists ``[-1991]东郊区,[1992-]东丽区``, oldest first)."""
    info = _region_info(code)
    return " ".join(part for part in (info.get("province", ""), _newest_name(info.get("county", ""))) if part)


def _newest_name(names: str) -> str:
    """The name of the latest period in stdnum's ``[start-end]name,…`` list: an open end
    (still in use) is newest; among closed ones, the latest end, then the latest start."""
    if not names.startswith("["):
        return names

    def period(entry: str) -> tuple[int, int]:
        years = entry[1:].split("]", 1)[0]
        start, _, end = years.partition("-")
        return (int(end) if end.isdigit() else 10_000, int(start) if start.isdigit() else 0)

    newest = max(names.split(","), key=period)
    return newest.split("]", 1)[-1]


def check_id_matches(info: ResidentId, birth_date: datetime.date | None, gender: str | None) -> list[str]:
    """Messages for what was typed that disagrees with what the ID says ([] when consistent)."""
    problems: list[str] = []
    if birth_date is not None and birth_date != info.birth_date:
        problems.append(
            t("出生日期 {} 与身份证号中的 {} 不一致", "birth date {} differs from {} in the ID number").format(
                birth_date.isoformat(), info.birth_date.isoformat()
            )
        )
    if gender is not None and gender != info.gender:
        problems.append(
            t("性别“{}”与身份证号显示的“{}”不一致", 'gender "{}" differs from "{}" in the ID number').format(
                gender_label(gender), gender_label(info.gender)
            )
        )
    return problems


def mask_id_number(number: str) -> str:
    """'440301198503076849' → '4403**********6849'; never reveals more than half the value."""
    return mask_middle(number, 4, 4)


_GENDER_WORDS = {
    "男": "男",
    "男性": "男",
    "先生": "男",
    "m": "男",
    "male": "男",
    "man": "男",
    "1": "男",
    "女": "女",
    "女性": "女",
    "女士": "女",
    "f": "女",
    "female": "女",
    "woman": "女",
    "2": "女",
}


def normalize_gender(raw: str | int | float | None, field: str = "gender") -> str | None:
    """'男'/'女' from 男/女/M/F/male/female/1/2 (1/2 is the national-standard coding);
    None for an empty value."""
    if raw is None:
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        text = spreadsheet_integer(raw, field)
    else:
        text = remove_spaces(fold_text(str(raw))).lower()
    if not text:
        return None
    try:
        return _GENDER_WORDS[text]
    except KeyError:
        raise ValidationError(
            field, t("无法识别的性别“{}”（应为男或女）", 'unrecognised gender "{}" (expected 男/女, M/F)').format(raw)
        ) from None


def gender_label(gender: str | None) -> str:
    """The stored 男/女 in the UI language (forms, lists, messages); anything else as it is."""
    if gender == "男":
        return t("男", "male")
    if gender == "女":
        return t("女", "female")
    return gender or ""
