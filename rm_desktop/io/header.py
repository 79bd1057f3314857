"""Find the header row of a client list and map its columns to the import's fields.

Branch exports put a title ("XX支行客户清单") and a date line above the header, and every system
names its columns differently, so the header is found by score (how many cells are known column
titles) among the first rows, and titles are matched after normalising width, spaces and
brackets. A unit written in an amount header ("金融资产(万元)") decides what a bare number means.

The user may correct the mapping; the correction is kept as a :class:`Mapping` (header text →
field) saved as JSON, so the next file with the same headers imports the same way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.money import WAN, YUAN
from rm_desktop.i18n import t

# Field → (Chinese label, English label); the order is the order shown to the user.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "customer_no": ("客户编号", "customer no."),
    "name": ("姓名", "name"),
    "gender": ("性别", "gender"),
    "birth_date": ("出生日期", "birth date"),
    "id_type": ("证件类型", "ID type"),
    "id_number": ("证件号码", "ID number"),
    "phone": ("手机号码", "phone"),
    "address": ("地址", "address"),
    "occupation": ("职业", "occupation"),
    "employer": ("工作单位", "employer"),
    "risk_grade": ("风险等级", "risk grade"),
    "aum": ("金融资产", "financial assets"),
    "tags": ("标签", "tags"),
    "notes": ("备注", "notes"),
}
FIELDS = tuple(FIELD_LABELS)
# Fields whose column header may carry a money unit.
MONEY_FIELDS = ("aum",)

# Known column titles, compared after normalise_header() and unit removal. Within a field the
# earlier alias wins when a sheet has two matching columns (手机号码 before 联系电话).
ALIASES: dict[str, tuple[str, ...]] = {
    "customer_no": (
        "客户编号",
        "客户号",
        "客户编码",
        "客户号码",
        "核心客户号",
        "客户id",
        "customerno",
        "customernumber",
        "customerid",
        "clientno",
        "customer_no",
    ),
    "name": ("客户姓名", "姓名", "客户名称", "客户名", "户名", "name", "customername", "clientname", "fullname"),
    "gender": ("性别", "gender", "sex"),
    "birth_date": ("出生日期", "生日", "出生年月日", "birthday", "birthdate", "dateofbirth", "dob"),
    "id_type": ("证件类型", "证件种类", "idtype"),
    "id_number": ("证件号码", "身份证号", "身份证号码", "证件号", "身份证", "idnumber", "idno", "idcard", "idcardno"),
    "phone": (
        "手机号码",
        "手机号",
        "手机",
        "移动电话",
        "联系电话",
        "电话",
        "电话号码",
        "联系方式",
        "mobile",
        "mobilephone",
        "phone",
        "phonenumber",
        "tel",
    ),
    "address": ("地址", "联系地址", "家庭地址", "通讯地址", "住址", "居住地址", "address"),
    "occupation": ("职业", "职业类型", "occupation", "job"),
    "employer": ("工作单位", "单位", "单位名称", "工作单位名称", "所在单位", "employer", "company"),
    "risk_grade": (
        "风险等级",
        "风险评级",
        "风险承受能力",
        "客户风险等级",
        "风险承受等级",
        "风险偏好",
        "riskgrade",
        "risklevel",
        "riskprofile",
    ),
    "aum": (
        "金融资产",
        "资产余额",
        "aum",
        "日均资产",
        "金融资产余额",
        "月日均资产",
        "季日均资产",
        "资产",
        "总资产",
        "aum余额",
        "assets",
    ),
    "tags": ("标签", "客户标签", "tags", "tag"),
    "notes": ("备注", "备注信息", "说明", "notes", "note", "remarks", "remark"),
}

# Bracketed or trailing unit in a header: "(万元)", "（单位：元）", "/万元", "万元".
_UNIT_WORDS = {
    "元": YUAN,
    "人民币元": YUAN,
    "rmb": YUAN,
    "cny": YUAN,
    "yuan": YUAN,
    "万元": WAN,
    "万": WAN,
    "人民币万元": WAN,
    "万元人民币": WAN,
    "10k": WAN,
    "wan": WAN,
}
_BRACKETED = re.compile(r"[(\[](?:单位[:：]?)?([^()\[\]]*)[)\]]$")
_TRAILING_UNIT = re.compile(r"(?:/|单位[:：]?)?(万元|元)$")
_DECORATION = re.compile(r"[\s*_:：#.·\-]+")
_MIN_SCORE = 2
HEADER_SCAN_ROWS = 30


def normalise_header(text: object) -> str:
    """Comparable form of a header cell: NFKC (full-width brackets, letters), lower case, no
    spaces, newlines, underscores, colons or required-field stars."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    folded = folded.replace("【", "[").replace("】", "]")
    return _DECORATION.sub("", folded)


def split_unit(header: str) -> tuple[str, str | None]:
    """('金融资产', '万元') from a normalised '金融资产(万元)'; (header, None) without a unit."""
    bracketed = _BRACKETED.search(header)
    if bracketed and bracketed.group(1) in _UNIT_WORDS:
        return header[: bracketed.start()], _UNIT_WORDS[bracketed.group(1)]
    if bracketed:  # "(人民币)" or a note: drop it for matching, no unit
        return header[: bracketed.start()], None
    trailing = _TRAILING_UNIT.search(header)
    if trailing and trailing.start() > 0:
        return header[: trailing.start()], _UNIT_WORDS[trailing.group(1)]
    return header, None


def _alias_index() -> dict[str, tuple[str, int]]:
    """Normalised alias → (field, rank within the field)."""
    index: dict[str, tuple[str, int]] = {}
    for field_name, aliases in ALIASES.items():
        for rank, alias in enumerate(aliases):
            index.setdefault(normalise_header(alias), (field_name, rank))
    return index


_ALIAS_INDEX = _alias_index()


def match_header(cell: object) -> tuple[str, int, str | None] | None:
    """(field, alias rank, unit) for a known column title, else None."""
    base, unit = split_unit(normalise_header(cell))
    found = _ALIAS_INDEX.get(base)
    if found is None:
        return None
    field_name, rank = found
    return field_name, rank, unit if field_name in MONEY_FIELDS else None


def find_header_row(rows: Sequence[Sequence[object]], max_rows: int = HEADER_SCAN_ROWS) -> int:
    """0-based index of the header among the first ``max_rows`` rows: the row matching the most
    distinct fields (the first such row on a tie). UserError if none matches two fields."""
    best, best_score = -1, 0
    for index, row in enumerate(rows[:max_rows]):
        score = len({m[0] for m in map(match_header, row) if m is not None})
        if score > best_score:
            best, best_score = index, score
    if best_score < _MIN_SCORE:
        raise UserError(
            t(
                "在前{}行中找不到表头（至少要认出两列，如“姓名”“证件号码”）；请在导入时手动指定各列",
                "no header row found in the first {} rows (at least two known column titles such as "
                "姓名/Name and 证件号码/ID number are needed): map the columns by hand",
            ).format(max_rows)
        )
    return best


@dataclass
class ColumnMapping:
    """Where each field is in one sheet: field → 0-based column, and money units by field."""

    columns: dict[str, int] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)

    def unit(self, field_name: str) -> str:
        return self.units.get(field_name, YUAN)


@dataclass
class Mapping:
    """A user's saved column choices, keyed by normalised header text so that they apply to
    any file with the same headers. ``columns`` header → field, or "" to ignore the column;
    ``units`` field → 元/万元 for a column whose header names no unit (a unit written in
    the header always wins)."""

    columns: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)


def map_columns(header_row: Sequence[object], saved: Mapping | None = None) -> ColumnMapping:
    """Map a header row: the saved mapping first, then the built-in aliases for the rest
    (a field the saved mapping placed is not placed again by an alias)."""
    result = ColumnMapping()
    keys = [normalise_header(cell) for cell in header_row]
    chosen = saved.columns if saved is not None else {}
    for col, key in enumerate(keys):
        field_name = chosen.get(key)
        if field_name and field_name not in result.columns:
            result.columns[field_name] = col
            unit = split_unit(key)[1]
            if unit and field_name in MONEY_FIELDS:
                result.units[field_name] = unit
    by_saved = set(result.columns)
    ranks: dict[str, int] = {}
    for col, key in enumerate(keys):
        matched = match_header(key) if key and key not in chosen else None
        if matched is None or matched[0] in by_saved:
            continue
        field_name, rank, unit = matched
        if rank < ranks.get(field_name, len(ALIASES[field_name])):
            result.columns[field_name], ranks[field_name] = col, rank
            result.units.pop(field_name, None)
            if unit:
                result.units[field_name] = unit
    # A saved unit fills in only where the header itself names none: a header that says 元
    # must never be read as 万元 because an earlier file's mapping said so.
    for field_name, unit in saved.units.items() if saved is not None else ():
        placed = result.columns.get(field_name)
        if placed is not None and split_unit(keys[placed])[1] is None:
            result.units[field_name] = unit
    return result


def mapping_for_headers(header_row: Sequence[object], columns: ColumnMapping) -> Mapping:
    """The :class:`Mapping` to save after the user adjusted ``columns`` for ``header_row``:
    every non-empty header is recorded, unmapped ones as ignored."""
    by_column = {col: f for f, col in columns.columns.items()}
    saved = Mapping()
    for field_name, unit in columns.units.items():
        col = columns.columns.get(field_name)
        # A unit the header itself names (资产（万元）) is read from the header again next time.
        if col is not None and col < len(header_row) and split_unit(normalise_header(header_row[col]))[1] is None:
            saved.units[field_name] = unit
    for col, cell in enumerate(header_row):
        key = normalise_header(cell)
        if key:
            saved.columns.setdefault(key, by_column.get(col, ""))
    return saved


def mapping_to_json(mapping: Mapping) -> str:
    return json.dumps(
        {"version": 1, "columns": mapping.columns, "units": mapping.units}, ensure_ascii=False, indent=2, sort_keys=True
    )


def mapping_from_json(text: str) -> Mapping:
    """Parse a saved mapping; UserError on anything but a valid one (it is user-editable)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UserError(
            t("列映射文件不是有效的 JSON：{}", "the column mapping file is not valid JSON: {}").format(exc)
        ) from None
    columns = data.get("columns") if isinstance(data, dict) else None
    units = data.get("units", {}) if isinstance(data, dict) else None
    if not isinstance(columns, dict) or not isinstance(units, dict):
        raise UserError(t("列映射文件缺少 columns/units", "the column mapping file lacks columns/units"))
    for header, field_name in columns.items():
        if not isinstance(field_name, str) or (field_name and field_name not in FIELDS):
            raise UserError(
                t(
                    "列映射文件中“{}”对应的字段“{}”未知", 'unknown field "{1}" for "{0}" in the column mapping file'
                ).format(header, field_name)
            )
    for field_name, unit in units.items():
        if field_name not in MONEY_FIELDS or unit not in (YUAN, WAN):
            raise UserError(
                t("列映射文件中的单位设置无效：{} = {}", "invalid unit in the column mapping file: {} = {}").format(
                    field_name, unit
                )
            )
    return Mapping(columns={normalise_header(h): f for h, f in columns.items()}, units=dict(units))


def field_label(field_name: str) -> str:
    """The field's name for messages, in the current language."""
    zh, en = FIELD_LABELS.get(field_name, (field_name, field_name))
    return t(zh, en)
