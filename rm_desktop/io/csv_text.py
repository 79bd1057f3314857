"""CSV and tab-separated text: decode the bytes, guess the delimiter, split into rows.

Chinese branch systems export GBK/GB18030 at least as often as UTF-8, and Excel's "Unicode
text" is UTF-16 with tabs. Decoding order: BOM, strict UTF-8, strict GB18030, then
charset-normalizer restricted to utf_8/gb18030/big5 (left free it labelled a GBK sample Korean).
Strict GB18030 also accepts most Big5 byte sequences (from Taiwan or Hong Kong colleagues), which
then read as rare characters and kana (陳大文 → め﹎); such text is read as Big5 when that
decodes, since a client list in simplified Chinese is nearly all GB2312 characters.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator

from rm_desktop.domain.errors import UserError
from rm_desktop.io import limits
from rm_desktop.io.limits import check_cell_count, refuse

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CANDIDATES = ["utf_8", "gb18030", "big5"]
# Full-width comma: typed in Chinese input mode; only chosen when no ASCII delimiter is used.
DELIMITERS = (",", "\t", ";", "，")
_SNIFF_LINES = 50
# Control characters other than tab/CR/LF/FF: text with these is binary, not a CSV.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode_text(data: bytes, name: str) -> str:
    """The text of ``data``; UserError naming ``name`` if it is not text in a known encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding), name)
            except UnicodeDecodeError:
                raise _not_text(name) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(_gbk_posing_as_utf8(text, data) or text, name)
    _refuse_mixed_encodings(data, name)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_like_big5(text, data):
            return _checked(text, name)
        return _checked(data.decode("big5"), name)
    # charset_normalizer (~10 ms of imports) only for text that is none of the encodings above.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise _not_text(name)
    return _checked(str(best), name)


# Below this share of GB2312 hanzi among the non-ASCII letters, GB18030 text is suspect.
_MIN_GB2312_SHARE = 0.8
_MIN_LETTERS = 4


def _converts(convert: Callable[[str], object], codec: str) -> bool:
    """Whether ``convert(codec)`` (a str's encode or a bytes' decode) succeeds strictly."""
    try:
        convert(codec)
    except UnicodeError:
        return False
    return True


def _looks_like_big5(text: str, data: bytes) -> bool:
    """Big5 bytes read as GB18030: few common simplified hanzi, and the bytes are valid Big5."""
    letters = [ch for ch in text if not ch.isascii() and ch.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return False
    common = sum(1 for ch in letters if _common_hanzi(ch))
    return common < _MIN_GB2312_SHARE * len(letters) and _converts(data.decode, "big5")


def _gbk_posing_as_utf8(text: str, data: bytes) -> str | None:
    """The GB18030 reading of ``data`` when its UTF-8 reading has only two-byte characters that
    are not Latin letters (Cyrillic, Greek, symbols ...) and its GB18030 reading only common hanzi.

    Chinese in UTF-8 takes three bytes a character, so a "UTF-8" list whose every non-ASCII
    character is two-byte Cyrillic, Greek or a symbol is GBK that happens to be valid UTF-8: 业
    is D2 B5 in GBK, which UTF-8 reads as ҵ. Text whose non-ASCII characters are all Latin
    letters (José, Müller, pinyin with tone marks) keeps its UTF-8 reading: it is ambiguous by
    nature, and a list in UTF-8 is the likelier.
    """
    others = [ch for ch in text if not ch.isascii()]
    if not others or any(ch >= "\u0800" for ch in others) or all(_latin_letter(ch) for ch in others):
        return None
    try:
        gbk = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if all(_common_hanzi(ch) for ch in gbk if not ch.isascii()):
        return gbk
    return None


def latin_utf8_reading(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 whose non-ASCII characters are all Latin letters: such
    bytes read as UTF-8 whatever else they could be (see :func:`_gbk_posing_as_utf8`)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    others = [ch for ch in text if not ch.isascii()]
    return bool(others) and all(_latin_letter(ch) for ch in others)


def _latin_letter(ch: str) -> bool:
    return "\u00c0" <= ch <= "\u024f" and ch.isalpha()


def _common_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and _converts(ch.encode, "gb2312")


# UTF-8 lines needed before a file that is not UTF-8 as a whole counts as mixed: GBK bytes can
# pass as UTF-8 by chance (the famous 联通), but hardly as several common hanzi in a row.
_MIN_MIXED_CHARS = 4


def _refuse_mixed_encodings(data: bytes, name: str) -> None:
    """Refuse a file whose lines are partly UTF-8 and partly another encoding (rows appended by
    a second tool). Read as one encoding, half of it would be garbage, and the import would only
    say that the header is not found."""
    utf8_line = other_line = 0
    utf8_chars = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
            continue
        hanzi = [ch for ch in decoded if not ch.isascii()]
        if all(_converts(ch.encode, "gb2312") for ch in hanzi):
            utf8_line = utf8_line or number
            utf8_chars += len(hanzi)
    if utf8_line and other_line and utf8_chars >= _MIN_MIXED_CHARS:
        raise refuse(
            name,
            f"文件混用了多种编码（第 {utf8_line} 行是 UTF-8，第 {other_line} 行不是），请在 Excel/WPS 中统一另存为 UTF-8 后再导入",
            f"the file mixes text encodings (line {utf8_line} is UTF-8, line {other_line} is not): save it "
            "again as UTF-8 in Excel/WPS and import that",
        )


def _checked(text: str, name: str) -> str:
    if _CONTROL.search(text):
        raise _not_text(name)
    return text


def _not_text(name: str) -> UserError:
    return refuse(
        name, "不是可识别的表格或文本文件（编码无法识别）", "not a spreadsheet or text file in a known encoding"
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently (ties: list order).

    Scored on quote-aware splits of the first lines: among the lines giving the most common
    number (> 1) of fields, the non-empty fields are counted, so a delimiter that only appears
    inside values (a ";" in a note) scores below the one that separates them. Lines above the
    header (a title) may differ.
    """
    sample = "\n".join(text.splitlines()[:_SNIFF_LINES])
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        except csv.Error:  # e.g. a field past the size limit: the read itself names it
            continue
        if not rows:
            continue
        widths = [len(row) for row in rows]
        common = max(set(widths), key=widths.count)
        if common < 2:
            continue
        score = sum(1 for row in rows if len(row) == common for cell in row if cell.strip())
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _lines(text: str) -> Iterator[str]:
    """Lines with their endings, lazily: no second copy of a large text (csv joins the lines
    of a quoted field itself)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end + 1
        yield text[start:end]
        start = end


def _records(text: str, delimiter: str, name: str) -> Iterator[list[str]]:
    """csv records of ``text``, each at most MAX_COLUMNS wide; a field past MAX_FIELD_CHARS or
    any other csv error is one message naming the line."""
    reader = csv.reader(_lines(text), delimiter=delimiter)
    csv.field_size_limit(limits.MAX_FIELD_CHARS)
    try:
        for record in reader:
            if len(record) > limits.MAX_COLUMNS:
                raise refuse(
                    name,
                    f"第 {reader.line_num} 行有 {len(record):,} 列（上限 {limits.MAX_COLUMNS:,}），这不是客户名单",
                    f"line {reader.line_num} has {len(record):,} columns (the limit is {limits.MAX_COLUMNS:,}); "
                    "this is not a client list",
                )
            yield record
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise refuse(
                name,
                f"第 {reader.line_num} 行附近有一个单元格超过 {limits.MAX_FIELD_CHARS // 1024} KB 文字"
                "（可能缺少一个结束引号）",
                f"a cell near line {reader.line_num} holds more than {limits.MAX_FIELD_CHARS // 1024} KB of text "
                "(perhaps a closing quote is missing)",
            ) from None
        raise refuse(
            name, f"CSV 格式错误（第 {reader.line_num} 行：{exc}）", f"malformed CSV (line {reader.line_num}: {exc})"
        ) from None


def read_csv_rows(data: bytes, name: str) -> list[list[object]]:
    """Rows of the text file ``data``: cells are str, empty cells None, trailing empties cut."""
    text = decode_text(data, name)
    if "\n" not in text:  # classic Mac line ends
        text = text.replace("\r", "\n")
    delimiter = sniff_delimiter(text)
    # Upper bound of the cells before parsing: a line of a million commas is one csv record.
    check_cell_count(text.count(delimiter) + text.count("\n") + 1, name)
    rows: list[list[object]] = []
    for record in _records(text, delimiter, name):
        row: list[object] = [cell if cell.strip() else None for cell in record]
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    return rows
