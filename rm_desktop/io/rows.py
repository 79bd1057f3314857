"""Turn raw sheet rows into checked client values, row by row, with reasons for every refusal.

A value is stored only when it is certainly right: an 18-digit ID that a spreadsheet kept as a
number (its last digits are gone), a checksum that does not add up, a birth date or gender that
contradicts the ID, an unreadable date: each rejects the row with a reason naming the field,
and nothing of that row is imported.

The field rules are the ones the client form and the CLI use (:mod:`rm_desktop.domain.
client_fields`). What only a spreadsheet needs happens first, as a pre-step per field
(:func:`cell_value`): floats that hold integers or codes, Excel date serials, our export's
formula escape; a money unit in the column header (金融资产(万元)) tells the shared amount
parser what a bare number means. The shared parser then decides, so a value imports exactly
as it would be saved in the form, or is refused with the same message.

Totals and signature lines (合计, 制表人 …) and repeated header rows are skipped;
completely empty rows are dropped without a word.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from rm_desktop.domain.client_fields import FIELD_PARSERS, check_identity, parse_aum
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.field_values import required_message
from rm_desktop.domain.identity import normalize_id_number
from rm_desktop.domain.textnorm import spreadsheet_integer
from rm_desktop.i18n import t
from rm_desktop.io.cell_memo import Outcomes, checked
from rm_desktop.io.cells import cell_text, date_or_text
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
_FOOTER_NOISE = re.compile(r"[\s:：]+")
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
    results: list[RowResult] = []
    rows = sheet.rows
    start = header_row_index + 1
    while start < len(rows):
        # Blocks end at the progress marks: progress is asked before the same rows as one by one.
        end = min(len(rows), (start // _PROGRESS_STEP + 1) * _PROGRESS_STEP)
        if progress is not None and start % _PROGRESS_STEP == 0 and progress(start, len(rows)) is False:
            raise Stopped()
        to_fill = []
        for index in range(start, end):
            raw = rows[index]
            first = _first_value(raw)
            if first is None:
                continue  # a completely empty row
            result = RowResult(row_number=index + 1, status=OK, raw=raw)
            skip_reason = plan.skip_reason(raw, first)
            if skip_reason:
                result.status, result.reasons = SKIPPED, [skip_reason]
            else:
                to_fill.append(result)
            results.append(result)
        plan.fill(to_fill)
        for result in to_fill:
            if result.reasons:
                result.status = REJECTED
        start = end
    return results


def _is_empty(cell: object) -> bool:
    return cell is None or (cell.__class__ is str and not cell.strip())


def _first_value(raw: Sequence[object]) -> object:
    # _is_empty inlined: this runs once per row, and the first cell nearly always holds a value
    for cell in raw:
        if cell is not None and not (cell.__class__ is str and not cell.strip()):
            return cell
    return None


def _cell(raw: Sequence[object], col: int) -> object:
    return raw[col] if col < len(raw) else None


_FOOTER_STARTS = frozenset(word[0] for word in FOOTER_WORDS)


class _Plan:
    """What the rows of one sheet go through, prepared once: the mapped columns with their
    normalisers (pre-step, then the shared parser), and for most fields their outcome per
    distinct raw cell (:mod:`cell_memo`). Phones are nearly all distinct and not cached here:
    the phone parser has its own fast path for a mainland mobile in its stored form
    (domain/phones.is_plain_mobile).
    """

    # Nearly always distinct: a cache would only grow (the phone parser memoises its blocks).
    _UNCACHED = ("customer_no", "id_number", "aum", "phone")

    def __init__(self, sheet: Sheet, header_row_index: int, mapping: ColumnMapping):
        self.header_keys = [normalise_header(cell) for cell in sheet.rows[header_row_index]]
        self.columns = list(mapping.columns.values())
        self.name_col = mapping.columns.get("name")
        self.column_of = dict(mapping.columns)
        # Per mapped field, prepared once: (field, column, normaliser, outcome cache or None,
        # is the phone); the ID last, its reasons after the others'.
        self.steps: list[tuple[str, int, Callable[[object], object], Outcomes | None, bool]] = []
        for field_name, col in sorted(mapping.columns.items(), key=lambda item: item[0] == "id_number"):
            normalise = _normaliser(field_name, mapping.unit(field_name), sheet.date1904)
            cache = Outcomes(normalise) if field_name not in self._UNCACHED else None
            self.steps.append((field_name, col, normalise, cache, field_name == "phone"))

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
        if self._ascii_cannot_repeat_header(raw):
            return None
        if all(normalise_header(_cell(raw, col)) == (keys[col] if col < len(keys) else "") for col in self.columns):
            return t("重复的表头行，已跳过", "a repeated header row; skipped")
        return None

    def _ascii_cannot_repeat_header(self, raw: Sequence[object]) -> bool:
        """True when the first mapped cell is ASCII text and its header is not: normalising
        (NFKC of ASCII is ASCII) can never make it the header, so the row is no repeated header
        row (the check per row without normalise_header, for client numbers and the like)."""
        if not self.columns:
            return False
        col = self.columns[0]
        cell = _cell(raw, col)
        key = self.header_keys[col] if col < len(self.header_keys) else ""
        return cell.__class__ is str and cell.isascii() and not key.isascii()

    def fill(self, results: list[RowResult]) -> None:
        """The values and refusals of ``results`` (a block of rows), field by field: a cached
        field's column in one pass over its outcomes (:meth:`Outcomes.column`), the others cell
        by cell. Each row's values and refusals come in the order of the steps, as row by row."""
        if not results:
            return
        columns = list(zip_longest(*[result.raw for result in results]))  # None past a short row
        values = [result.values for result in results]
        errors: list[dict[str, str] | None] = [None] * len(results)
        for field_name, col, normalise, cache, is_phone in self.steps:
            if col >= len(columns):
                continue
            if cache is not None:
                cache.store(field_name, cache.column(columns[col]), values, errors)
                continue
            for row, cell in enumerate(columns[col]):
                if cell is None or (cell.__class__ is str and not cell.strip()):
                    continue
                value = checked(normalise, cell)
                if isinstance(value, ValidationError):
                    row_errors = errors[row]
                    if row_errors is None:
                        row_errors = errors[row] = {}
                    row_errors[field_name] = value.message
                elif is_phone:
                    if isinstance(value, list) and value:  # the first number is matched on; the rest stored with it
                        values[row]["phone"] = value[0]
                        if len(value) > 1:
                            values[row]["other_phones"] = value[1:]
                elif value is not None and value != "" and value != []:
                    values[row][field_name] = value
        for result, row_values, found in zip(results, values, errors, strict=True):
            row_errors = found if found is not None else {}  # field → why, in the order of the reasons
            if "id_number" in row_values:
                check_identity(row_values, _Given(result.raw, self.column_of), row_errors)
            if "name" not in row_values and "name" not in row_errors:
                row_errors["name"] = required_message()
            for field_name, message in row_errors.items():
                result.reasons.append(t("{}：{}", "{}: {}").format(field_label(field_name), message))


class _Given:
    """The fields whose cell holds something, asked only when an ID disagrees with a typed
    birth date or gender (check_identity names the field the user gave)."""

    def __init__(self, raw: Sequence[object], column_of: dict[str, int]):
        self.raw, self.column_of = raw, column_of

    def __contains__(self, field_name: object) -> bool:
        col = self.column_of.get(field_name) if isinstance(field_name, str) else None
        return col is not None and not _is_empty(_cell(self.raw, col))


# ------------------------------------------------------------------- per-field cell pre-steps
# What a spreadsheet cell becomes before the shared parser of its field sees it. Every other
# decision (folding, spaces, lengths, allowed characters, messages) is the shared parser's.

PreStep = Callable[[object, str, bool], object]  # (cell, field, date1904) → text or value


def _text(cell: object) -> str:
    """cell_text, with its commonest case first: a code or number typed as ASCII letters and
    digits only (customer numbers, IDs, phones) has nothing to strip, fold or unescape."""
    if cell.__class__ is str and cell.isascii() and cell.isalnum():
        return cell
    return cell_text(cell)


def _as_text(cell: object, field_name: str, date1904: bool) -> object:
    return _text(cell)


def _as_digits(cell: object, field_name: str, date1904: bool) -> str:
    """A code the spreadsheet stored as a number (customer number, phone, gender 1/2, risk
    grade 3): its digits, or a refusal when a float has lost some or holds a fraction."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return spreadsheet_integer(cell, field_name)
    return _text(cell)


def _as_id_number(cell: object, field_name: str, date1904: bool) -> str:
    """An ID stored as a number: a 15-digit old ID fits, an 18-digit one has lost digits (refused)."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return normalize_id_number(cell)
    return _text(cell)


def _as_date(cell: object, field_name: str, date1904: bool) -> object:
    return date_or_text(cell, field_name, date1904)


def _as_amount(cell: object, field_name: str, date1904: bool) -> object:
    """Numbers as they are: the money parser reads a float through its shortest repr."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return cell
    return cell_text(cell)


def _as_flag(cell: object, field_name: str, date1904: bool) -> object:
    return cell if isinstance(cell, bool) else cell_text(cell)


_PRE_STEPS: dict[str, PreStep] = {
    "customer_no": _as_digits,
    "phone": _as_digits,
    "gender": _as_digits,
    "risk_grade": _as_digits,
    "id_number": _as_id_number,
    "birth_date": _as_date,
    "risk_assessed_on": _as_date,
    "risk_expires_on": _as_date,
    "aum": _as_amount,
    "lunar_birthday": _as_flag,
}


def cell_value(field_name: str, cell: object, date1904: bool = False) -> object:
    """The pre-step of ``field_name`` for one cell: what the field's shared parser
    (domain.client_fields.FIELD_PARSERS) takes; a ValidationError when the cell itself has
    already lost the value (digits gone in a float, a date serial out of range)."""
    return _PRE_STEPS.get(field_name, _as_text)(cell, field_name, date1904)


def _normaliser(field_name: str, unit: str, date1904: bool) -> Callable[[object], object]:
    pre_step = _PRE_STEPS.get(field_name, _as_text)
    parse = functools.partial(parse_aum, unit=unit) if field_name == "aum" else FIELD_PARSERS[field_name]

    def normalise(cell: object) -> object:
        return parse(pre_step(cell, field_name, date1904), field_name)

    return normalise
