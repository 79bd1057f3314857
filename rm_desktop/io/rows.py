"""Turn raw sheet rows into checked client values, row by row, with reasons for every refusal.

A value is stored only when it is certainly right: an 18-digit ID that a spreadsheet kept as a
number (its last digits are gone), a checksum that does not add up, a birth date or gender that
contradicts the ID, an unreadable date: each rejects the row with a reason naming the field,
and nothing of that row is imported. The field rules themselves live in the domain modules
(identity, phones, money, grades) and cell text and dates in :mod:`cells`; this module applies
them to the mapped cells of each row.

Totals and signature lines (合计, 制表人 …) and repeated header rows are skipped;
completely empty rows are dropped without a word.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.grades import normalize_risk_grade
from rm_desktop.domain.identity import (
    check_id_matches,
    normalize_gender,
    normalize_id_number,
    parse_resident_id,
)
from rm_desktop.domain.money import parse_amount
from rm_desktop.domain.phones import normalize_phone
from rm_desktop.domain.textnorm import fold_text, lost_digits_message, spreadsheet_integer
from rm_desktop.i18n import t
from rm_desktop.io.cells import cell_text, parse_date
from rm_desktop.io.header import ColumnMapping, field_label, normalise_header
from rm_desktop.io.readers import Sheet

OK, REJECTED, SKIPPED = "ok", "rejected", "skipped"
FOOTER_WORDS = (
    "合计",
    "总计",
    "小计",
    "共计",
    "制表人",
    "制表",
    "审核",
    "复核",
    "负责人",
    "打印日期",
    "打印时间",
    "打印人",
    "经办人",
    "填表人",
    "统计日期",
)
_TAG_SEPARATORS = re.compile(r"[,，;；、\s]+")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_FOOTER_NOISE = re.compile(r"[\s:：]+")
# ID types whose numbers are not mainland resident IDs (no GB 11643 checksum to verify).
_OTHER_ID_TYPES = (
    "护照",
    "passport",
    "港澳",
    "台湾",
    "台胞",
    "通行证",
    "军官",
    "士兵",
    "警官",
    "外国",
    "永久居留",
    "回乡证",
)
_RESIDENT_SHAPE = re.compile(r"\d{15}|\d{17}[\dX]")
_SCIENTIFIC = re.compile(r"\d(\.\d+)?[eE]\+?\d+")
_MOBILE_FORM = re.compile(r"1[0-9]{10}")
_HASHABLE = (str, int, float, datetime.date, datetime.time)  # what readers put in cells
_PROGRESS_STEP = 2000


@dataclass
class RowResult:
    row_number: int  # 1-based, as Excel shows it
    status: str  # OK, REJECTED or SKIPPED
    values: dict[str, object] = field(default_factory=dict)  # str / date / Decimal 元 / list[str]
    reasons: list[str] = field(default_factory=list)
    raw: list[object] = field(default_factory=list)


class Stopped(Exception):
    """``progress`` returned False: the caller cancelled the check."""


def normalise_rows(
    sheet: Sheet,
    header_row_index: int,
    mapping: ColumnMapping,
    progress: Callable[[int, int], bool | None] | None = None,
) -> list[RowResult]:
    """Every non-empty row below the header as a RowResult. Never raises on cell contents;
    :class:`Stopped` when ``progress(done, total)`` (called every few thousand rows) says False."""
    plan = _Plan(sheet, header_row_index, mapping)
    results = []
    rows = sheet.rows
    for index in range(header_row_index + 1, len(rows)):
        if progress is not None and index % _PROGRESS_STEP == 0 and progress(index, len(rows)) is False:
            raise Stopped()
        raw = rows[index]
        first = _first_value(raw)
        if first is None:
            continue  # a completely empty row
        result = RowResult(row_number=index + 1, status=OK, raw=raw)
        skip_reason = plan.skip_reason(raw, first)
        if skip_reason:
            result.status, result.reasons = SKIPPED, [skip_reason]
        else:
            plan.fill(result, raw)
            if result.reasons:
                result.status = REJECTED
        results.append(result)
    return results


def _is_empty(cell: object) -> bool:
    return cell is None or (cell.__class__ is str and not cell.strip())


def _first_value(raw: Sequence[object]) -> object:
    return next((cell for cell in raw if not _is_empty(cell)), None)


def _cell(raw: Sequence[object], col: int) -> object:
    return raw[col] if col < len(raw) else None


_FOOTER_STARTS = frozenset(word[0] for word in FOOTER_WORDS)
_MISSING = object()


class _Plan:
    """What the rows of one sheet go through, prepared once: the mapped columns with their
    normalisers, and each field's normalised value (or refusal) per distinct raw cell.

    Client lists repeat most values (gender, ID type, occupation, branch address, tags), and the
    normalisers are pure for a given unit and date system, so each distinct cell is checked once.
    Phones are nearly all distinct: a mobile in its exact 11-digit form is still checked in
    full, but once one number of a 7-digit block (号段, e.g. 1380013) has been accepted as a
    mobile the others of that block are too: libphonenumber's mainland mobile patterns never
    look past the 7th digit (tests/test_io_rows.py checks that against the installed metadata).
    """

    # Nearly always distinct: a cache would only grow (phones have their block set instead).
    _UNCACHED = ("customer_no", "aum", "phone")

    def __init__(self, sheet: Sheet, header_row_index: int, mapping: ColumnMapping):
        self.header_keys = [normalise_header(cell) for cell in sheet.rows[header_row_index]]
        self.columns = list(mapping.columns.values())
        self.name_col = mapping.columns.get("name")
        self.id_col = mapping.columns.get("id_number")
        self.mobile_blocks: set[str] = set()
        # (field, column, normaliser, cache or None); the ID is checked last, against the others.
        self.steps: list[tuple[str, int, Callable[[object], object], dict | None]] = []
        for field_name, col in mapping.columns.items():
            if field_name == "id_number":
                continue
            if field_name == "phone":
                normalise = self._phone
            else:
                normalise = functools.partial(
                    _NORMALISERS[field_name], unit=mapping.unit(field_name), date1904=sheet.date1904
                )
            cache = None if field_name in self._UNCACHED else {}
            self.steps.append((field_name, col, normalise, cache))

    def skip_reason(self, raw: Sequence[object], first: object) -> str | None:
        name = _cell(raw, self.name_col) if self.name_col is not None else None
        for cell in (first, name):
            if (
                isinstance(cell, str)
                and cell.lstrip(" \t:：")[:1] in _FOOTER_STARTS
                and _FOOTER_NOISE.sub("", cell).startswith(FOOTER_WORDS)
            ):
                return t("合计或签名行，已跳过", "a totals or signature line; skipped")
        if all(_is_empty(_cell(raw, col)) for col in self.columns):
            return t("已映射的列中没有内容，已跳过", "nothing in the mapped columns; skipped")
        keys = self.header_keys
        if all(normalise_header(_cell(raw, col)) == (keys[col] if col < len(keys) else "") for col in self.columns):
            return t("重复的表头行，已跳过", "a repeated header row; skipped")
        return None

    def fill(self, result: RowResult, raw: Sequence[object]) -> None:
        values = result.values
        failed: set[str] = set()

        def refuse(field_name: str, message: str) -> None:
            failed.add(field_name)
            result.reasons.append(t("{}：{}", "{}: {}").format(field_label(field_name), message))

        width = len(raw)
        for field_name, col, normalise, cache in self.steps:
            cell = raw[col] if col < width else None
            if _is_empty(cell):
                continue
            try:
                if cache is None or not isinstance(cell, _HASHABLE):
                    value = normalise(cell)
                else:  # inlined: this runs once per mapped cell
                    value = cache.get((cell.__class__, cell), _MISSING)  # the type too: 1 == 1.0
                    if value is _MISSING:
                        value = self._remember(cache, normalise, cell)
                    if isinstance(value, ValidationError):
                        raise ValidationError(value.field, value.message)
                    if value.__class__ is list:
                        value = list(value)  # rows must not share a tag list
            except ValidationError as exc:
                refuse(field_name, exc.message)
                continue
            if value is not None and value != "" and value != []:
                values[field_name] = value
        if self.id_col is not None:
            _fill_id(_cell(raw, self.id_col), values, refuse)
        if "name" not in values and "name" not in failed:
            refuse("name", t("姓名为空", "the name is empty"))

    @staticmethod
    def _remember(cache: dict, normalise: Callable[[object], object], cell: object) -> object:
        try:
            found = normalise(cell)
        except ValidationError as exc:
            found = exc
        cache[(cell.__class__, cell)] = found
        return found

    def _phone(self, cell: object) -> str:
        given = _number_or_text(cell)
        exact = isinstance(given, str) and _MOBILE_FORM.fullmatch(given) is not None
        if exact and given[:7] in self.mobile_blocks:
            return given
        number = normalize_phone(given)
        if exact and number == given:
            self.mobile_blocks.add(given[:7])
        return number


def _fill_id(cell: object, values: dict[str, object], refuse: Callable[[str, str], None]) -> None:
    """Resident IDs are checked in full and give birth date and gender where those are empty;
    a birth date or gender that contradicts the ID rejects the row (one of them is wrong)."""
    if _is_empty(cell):
        return
    if isinstance(cell, str) and _SCIENTIFIC.fullmatch(cell.strip()):
        # "1.10105E+17": a CSV saved by Excel from an ID it held as a number.
        refuse("id_number", lost_digits_message(cell.strip()))
        return
    id_type = str(values.get("id_type", ""))
    try:
        number = normalize_id_number(cell)  # refuses an 18-digit ID stored as a number
        kind = _resident_type(id_type)
        resident = kind if kind is not None else _RESIDENT_SHAPE.fullmatch(number) is not None
        if not resident:
            values["id_number"] = number
            return
        info = parse_resident_id(number)
    except ValidationError as exc:
        refuse("id_number", exc.message)
        return
    values["id_number"] = info.number
    for problem in check_id_matches(info, values.get("birth_date"), values.get("gender")):
        refuse("id_number", problem)
    values.setdefault("birth_date", info.birth_date)
    values.setdefault("gender", info.gender)


@functools.lru_cache(maxsize=256)
def _resident_type(id_type: str) -> bool | None:
    """True: a mainland resident ID type (or none given); False: another document; None: an
    unknown type, decided by the number's shape."""
    lowered = id_type.lower()
    if any(word in lowered for word in _OTHER_ID_TYPES):
        return False
    return True if not lowered or "身份证" in lowered else None


# ---------------------------------------------------------------------- per-field normalisers


def clean_name(cell: object) -> str:
    """Trimmed name with whitespace collapsed; spaces between Chinese characters (lists pad
    two-character names to line up: '张  三') are removed, others become one space.
    A "name" without a single letter (a number, a dash) is a shifted column, not a name."""
    text = _SPACE_BETWEEN_CJK.sub("", re.sub(r"\s+", " ", cell_text(cell)))
    if text and not any(ch.isalpha() for ch in text):
        raise ValidationError("name", t("“{}”不是姓名（没有文字）", '"{}" is not a name (no letters)').format(text))
    return text


def split_tags(cell: object) -> list[str]:
    """Tags split on , ， ; ； 、 and spaces, in order, without duplicates."""
    return list(dict.fromkeys(tag for tag in _TAG_SEPARATORS.split(cell_text(cell)) if tag))


def _customer_no(cell: object) -> str:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return spreadsheet_integer(cell, "customer_no")  # refuses digits lost in a float
    return fold_text(cell_text(cell))


def _birth_date(cell: object, date1904: bool) -> datetime.date:
    value = parse_date(cell, "birth_date", date1904)
    if not datetime.date(1900, 1, 1) <= value <= datetime.date.today():
        raise ValidationError(
            "birth_date",
            t("出生日期 {} 不合理（应在1900年至今天之间）", "the birth date {} is implausible (1900 to today)").format(
                value.isoformat()
            ),
        )
    return value


def _number_or_text(cell: object) -> object:
    """Numbers go to the domain normalisers as they are (they know how spreadsheets store
    them); anything else as cleaned text."""
    return cell if isinstance(cell, (int, float)) else cell_text(cell)


Normaliser = Callable[..., object]  # (cell, unit=, date1904=)
_NORMALISERS: dict[str, Normaliser] = {
    "customer_no": lambda c, unit, date1904: _customer_no(c),
    "name": lambda c, unit, date1904: clean_name(c),
    "gender": lambda c, unit, date1904: normalize_gender(_number_or_text(c)),
    "birth_date": lambda c, unit, date1904: _birth_date(c, date1904),
    "id_type": lambda c, unit, date1904: cell_text(c),
    "address": lambda c, unit, date1904: cell_text(c),
    "occupation": lambda c, unit, date1904: cell_text(c),
    "employer": lambda c, unit, date1904: cell_text(c),
    "risk_grade": lambda c, unit, date1904: normalize_risk_grade(_number_or_text(c)),
    "aum": lambda c, unit, date1904: parse_amount(_number_or_text(c), unit=unit),
    "tags": lambda c, unit, date1904: split_tags(c),
    "notes": lambda c, unit, date1904: cell_text(c),
}
