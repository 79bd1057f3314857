"""Scripts in and out of files: templates as JSON or xlsx (to share between RMs), and a bulk
rendering as the xlsx the bank's SMS platform takes.

Files are written atomically and safely (``io/xlsx_safe``: every string a text cell, no
formulas, phones and customer numbers as text). An import is checked whole before anything is
stored: the first bad row is refused with its row number and field, and nothing is added.
A template equal to one already in the library (same name, category, channel and body) is
skipped; one with a used name but other content is added under a new name ("名称 (2)").
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.scripts.model import ScriptTemplate, category_label, channel_label
from rm_desktop.domain.scripts.share import MAX_NAME_LENGTH, template_from_dict, templates_from_json, templates_to_json
from rm_desktop.i18n import t
from rm_desktop.io.header import normalise_header
from rm_desktop.io.readers import read_workbook_bytes
from rm_desktop.io.text_files import decode_user_text, read_user_bytes
from rm_desktop.io.xlsx_look import write_table
from rm_desktop.io.xlsx_safe import book_bytes, new_book, unescape_text
from rm_desktop.services.scripts.library import add_templates, list_templates
from rm_desktop.services.scripts.render import RenderedScript
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle

BULK_HEADERS = ("客户号", "姓名", "手机", "短信内容", "条数")
TEMPLATE_HEADERS = ("name", "category", "channel", "body")
# Header spellings accepted on import (after normalise_header): the English keys and Chinese words.
_HEADER_ALIASES = {
    "name": ("name", "名称", "话术名称", "模板名称", "标题"),
    "category": ("category", "分类", "类别", "话术分类"),
    "channel": ("channel", "渠道", "发送渠道"),
    "body": ("body", "正文", "内容", "话术内容", "模板内容"),
}
_HEADER_SCAN_ROWS = 10


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped: int  # identical to a template already in the library
    renamed: tuple[str, ...]  # new names given to templates whose name was taken

    def summary(self) -> str:
        text = t("导入 {} 条话术，跳过 {} 条相同的", "Imported {} templates, skipped {} identical ones").format(
            self.added, self.skipped
        )
        if self.renamed:
            text += t("；重名改为：{}", "; renamed: {}").format("、".join(self.renamed))
        return text


# -- bulk rendering for the SMS platform ------------------------------------------------------------


def _workbook_bytes(
    title: str, header: Sequence[str], rows: Iterable[Sequence[object]], text_columns: Sequence[int]
) -> bytes:
    book = new_book()  # sheets in memory: no plaintext temp file
    write_table(book.create_sheet(title), list(header), list(rows), text_columns)
    return book_bytes(book)


def bulk_xlsx_bytes(rows: Iterable[RenderedScript]) -> bytes:
    """客户号, 姓名, 手机, 短信内容, 条数: one line per client, phone and number as text."""
    lines = ([r.customer_no or "", r.client_name, r.phone or "", r.text, r.segments] for r in rows)
    return _workbook_bytes(t("短信", "SMS"), BULK_HEADERS, lines, text_columns=(0, 2))


def export_bulk_xlsx(rows: Iterable[RenderedScript], path: str | Path) -> Path:
    path = Path(path)
    _write(path, bulk_xlsx_bytes(rows))
    return path


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise UserError(
            t("无法写入文件 {}：{}", "Cannot write the file {}: {}").format(path, exc.strerror or exc)
        ) from None


# -- templates out ----------------------------------------------------------------------------------


def _chosen(vault: VaultHandle, ids: Iterable[int] | None) -> list[ScriptTemplate]:
    records = list_templates(vault)
    if ids is not None:
        wanted = set(ids)
        records = [r for r in records if r.id in wanted]
    return [r.as_template() for r in records]


def templates_json(vault: VaultHandle, ids: Iterable[int] | None = None) -> str:
    """The library (or the given templates) in the JSON exchange form."""
    return templates_to_json(_chosen(vault, ids))


def templates_xlsx_bytes(vault: VaultHandle, ids: Iterable[int] | None = None) -> bytes:
    """One template a row: name, category, channel (labels, which import reads back), body."""
    lines = (
        [tpl.name, category_label(tpl.category), channel_label(tpl.channel), tpl.body] for tpl in _chosen(vault, ids)
    )
    return _workbook_bytes(t("话术", "Scripts"), TEMPLATE_HEADERS, lines, ())


def export_templates(vault: VaultHandle, path: str | Path, ids: Iterable[int] | None = None) -> Path:
    """Write JSON or xlsx, chosen by the file's extension (.json, else xlsx)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        _write(path, templates_json(vault, ids).encode("utf-8"))
    else:
        _write(path, templates_xlsx_bytes(vault, ids))
    return path


# -- templates in -----------------------------------------------------------------------------------


def _header_columns(row: Sequence[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for col, cell in enumerate(row):
        key = normalise_header(cell).lower() if cell is not None else ""
        for field, aliases in _HEADER_ALIASES.items():
            if key in aliases and field not in found:
                found[field] = col
    return found


def _cell_text(row: Sequence[object], col: int) -> str | None:
    value = row[col] if col < len(row) else None
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unescape_text(str(value))


def templates_from_xlsx(data: bytes, name: str) -> list[ScriptTemplate]:
    """Templates from the first sheet with a name/category/channel/body header (English keys
    or 名称/分类/渠道/正文) in its first rows. ValidationError names the Excel row and field."""
    book = read_workbook_bytes(data, name)
    for sheet in book.sheets:
        for index, row in enumerate(sheet.rows[:_HEADER_SCAN_ROWS]):
            columns = _header_columns(row)
            if len(columns) == len(_HEADER_ALIASES):
                return _rows_to_templates(sheet.rows[index + 1 :], index + 2, columns)
    raise ValidationError(
        "header",
        t(
            "{}：找不到表头（需要 name/名称、category/分类、channel/渠道、body/正文 四列）",
            "{}: no header row (needs name, category, channel and body columns)",
        ).format(name),
    )


def _rows_to_templates(rows: list[list[object]], first_row: int, columns: dict[str, int]) -> list[ScriptTemplate]:
    templates = []
    for number, row in enumerate(rows, start=first_row):
        item = {field: _cell_text(row, col) for field, col in columns.items()}
        if not any(value and value.strip() for value in item.values()):
            continue  # blank lines between blocks are common in hand-kept sheets
        try:
            templates.append(template_from_dict(item))
        except ValidationError as exc:
            raise ValidationError(
                exc.field, t("第{}行：", "Row {}: ").format(number) + exc.message, row=number
            ) from None
    return templates


def read_templates_file(path: str | Path) -> list[ScriptTemplate]:
    """JSON (by content: a file starting with ``[``) or any spreadsheet the app reads."""
    path = Path(path)
    data = read_user_bytes(path)
    if path.suffix.lower() == ".json" or _json_start(data):
        # Saved by any Windows tool: UTF-8 with or without BOM, UTF-16 (PowerShell 5.1's >), GBK.
        return templates_from_json(decode_user_text(data, path.name))
    return templates_from_xlsx(data, path.name)


def _json_start(data: bytes) -> bool:
    """Whether the file is a JSON list by its content: ``[`` after a BOM and blanks."""
    head = data[:64]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "ignore").lstrip().startswith("[")
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def import_templates(vault: VaultHandle, templates: Iterable[ScriptTemplate]) -> ImportResult:
    """Add the templates as the RM's own (never as shipped ones); see the module docstring."""
    templates = list(templates)
    existing = list_templates(vault)
    have = {(r.name, r.category, r.channel, r.body) for r in existing}
    names = {r.name for r in existing}
    fresh: list[ScriptTemplate] = []
    renamed: list[str] = []
    for tpl in templates:
        if (tpl.name, tpl.category, tpl.channel, tpl.body) in have:
            continue
        name = _free_name(tpl.name, names)
        if name != tpl.name:
            renamed.append(name)
        fresh.append(ScriptTemplate(name, tpl.category, tpl.channel, tpl.body))
        have.add((tpl.name, tpl.category, tpl.channel, tpl.body))
        names.add(name)
    add_templates(vault, fresh)
    return ImportResult(len(fresh), len(templates) - len(fresh), tuple(renamed))


def import_templates_file(vault: VaultHandle, path: str | Path) -> ImportResult:
    return import_templates(vault, read_templates_file(path))


def _free_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[: MAX_NAME_LENGTH - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1
