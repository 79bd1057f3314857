"""One spreadsheet cell as text or as a date, whatever the reader handed over.

Readers keep cells raw (calamine: floats for integers, datetimes for date-formatted cells;
CSV and HTML: text), so the same value arrives as 1985-03-07, 31113.0, 19850307 or "1985年3月7日".
"""

from __future__ import annotations

import datetime
import math
import re

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.field_values import parse_date_text
from rm_desktop.i18n import t
from rm_desktop.io.formula_escape import unescape_text

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def cell_text(cell: object) -> str:
    """A cell as text: numbers without a spurious '.0', dates as ISO, our export escape undone."""
    if isinstance(cell, bool):
        return t("是", "yes") if cell else t("否", "no")
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
        return str(int(cell))
    if isinstance(cell, (datetime.date, datetime.time)):
        return cell.isoformat()
    return _INVISIBLE.sub("", unescape_text(str(cell))).strip()


# ------------------------------------------------------------------------------------ dates

# Excel's 1900 system counts 1900-01-01 as day 1 and, copying Lotus 1-2-3, has a day 60 for
# the non-existent 1900-02-29; from day 61 on, day n is 1899-12-30 + n.
_EPOCH_1900 = datetime.date(1899, 12, 30)
_EPOCH_1904 = datetime.date(1904, 1, 1)
_FAKE_LEAP_DAY = 60
_MAX_SERIAL = 2958465  # 9999-12-31
_DAYS_1900_TO_1904 = 1462
# Numbers this size are 8-digit dates (19850307), not serials (serial 10,000,000 is year 29278).
_YYYYMMDD_MIN, _YYYYMMDD_MAX = 10_000_101, 99_991_231


def excel_serial_to_date(serial: float, date1904: bool = False, field_name: str = "birth_date") -> datetime.date:
    """The day of an Excel date serial (a time-of-day fraction is dropped)."""
    first, last = (0, _MAX_SERIAL - _DAYS_1900_TO_1904) if date1904 else (1, _MAX_SERIAL)
    if not math.isfinite(serial) or not first <= serial < last + 1:
        raise ValidationError(field_name, t("不是有效的日期序号：{}", "not a valid date serial: {}").format(serial))
    day = int(serial)
    if date1904:
        return _EPOCH_1904 + datetime.timedelta(days=day)
    if day == _FAKE_LEAP_DAY:
        raise ValidationError(
            field_name, t("1900年2月29日不存在（Excel 的历史错误）", "1900-02-29 does not exist (an old Excel bug)")
        )
    return _EPOCH_1900 + datetime.timedelta(days=day + (1 if day < _FAKE_LEAP_DAY else 0))


def date_or_text(cell: object, field_name: str = "birth_date", date1904: bool = False) -> datetime.date | str:
    """The import's pre-step for a date field: a datetime/date cell, an Excel serial or an
    8-digit number (19850307) as its date; any other cell as text, for the shared date parser
    (domain.field_values) to read or refuse as it does for the forms."""
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if _YYYYMMDD_MIN <= cell <= _YYYYMMDD_MAX and float(cell).is_integer():
            return str(int(cell))  # 19850307 typed as a number
        return excel_serial_to_date(float(cell), date1904, field_name)
    return cell_text(cell)  # a time of day (08:30:00) is text here, and refused as a date


def parse_date(cell: object, field_name: str = "birth_date", date1904: bool = False) -> datetime.date:
    """A date from a datetime/date cell, an Excel serial, an 8-digit number (19850307) or text:
    1985/03/07, 1985-3-7, 19850307, 1985年3月7日, 1985.03.07 (a trailing time is allowed).
    Day-first or two-digit-year forms are refused: they are ambiguous."""
    value = date_or_text(cell, field_name, date1904)
    return value if isinstance(value, datetime.date) else parse_date_text(value, field_name)
