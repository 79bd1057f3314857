"""Import preview: read a client list, check every row, and decide what each accepted row does.

Nothing is written here (except the saved column mapping): :func:`preview_import` returns an
:class:`ImportPreview` the GUI shows and the user may adjust (sheet, header row, mapping,
per-row decisions); :mod:`import_write` then stores it in one transaction.

Duplicates are matched against the vault on customer number, then ID number, then name +
phone (the order of how certain a match is). ``on_duplicate`` says what a matched row does:
"update" (imported non-empty values overwrite), "merge" (only empty fields are filled;
differing values are listed as conflicts, the receiver's value is kept), "skip" or "new".
An archive written by :mod:`exporting` is recognised by its sheets and imported with its
holdings, contacts and relationships (see :mod:`import_children`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rm_desktop.domain.client_fields import check_dates
from rm_desktop.domain.errors import UserError, ValidationError, import_cancelled
from rm_desktop.i18n import t
from rm_desktop.io import header as hdr
from rm_desktop.io.readers import Sheet, Workbook, read_workbook
from rm_desktop.io.rows import OK, REJECTED, SKIPPED, RowResult, Stopped, cell_value, normalise_rows
from rm_desktop.services.batch import gc_paused
from rm_desktop.services.clients.fields import PARSERS
from rm_desktop.services.exchange import children as import_children
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange import matching as import_match
from rm_desktop.storage.handle import VaultHandle

DUPLICATE_POLICIES = ("update", "merge", "skip", "new")
Progress = Callable[[int, int], "bool | None"]
NEW, UPDATE, MERGE, SKIP = "new", "update", "merge", "skip"
MAPPINGS_SETTING = "import_mappings"
# Reasons about the archive's own columns name the column as the file shows it.
_EXTRA_HEADERS = {column.key: column.header for column in lay.EXTRA_CLIENT_COLUMNS + lay.CLIENT_COLUMNS[:1]}


@dataclass
class PreviewRow:
    result: RowResult
    decision: str = ""  # NEW / UPDATE / MERGE / SKIP for accepted rows, "" otherwise
    match_id: int | None = None
    match_by: str | None = None  # "customer_no" | "id_number" | "name_phone"
    extras: dict[str, Any] = field(default_factory=dict)  # archive-only client fields
    archive_id: int | None = None
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)  # (field, kept, incoming)
    fills: list[tuple[str, Any]] = field(default_factory=list)  # (field, incoming): empty in the vault

    @property
    def status(self) -> str:
        return self.result.status


@dataclass
class ImportPreview:
    file_name: str
    sheet_names: list[str]
    hidden_sheets: list[str]
    sheet: str
    header_row: int  # 0-based index into the sheet's rows
    header: list[object]
    columns: hdr.ColumnMapping
    on_duplicate: str
    rows: list[PreviewRow]
    children: import_children.Children = field(default_factory=import_children.Children)
    is_archive: bool = False

    def counts(self) -> dict[str, int]:
        found = Counter(row.status for row in self.rows)
        decided = Counter(row.decision for row in self.rows if row.status == OK)
        return {
            "read": len(self.rows),
            "ok": found[OK],
            "rejected": found[REJECTED] + len(self.children.rejected),
            "skipped": found[SKIPPED],
            "new": decided[NEW],
            "update": decided[UPDATE] + decided[MERGE],
            "duplicate_skip": decided[SKIP],
            "holdings": len(self.children.holdings),
            "contacts": len(self.children.contacts),
            "plans": len(self.children.plans),
            "appointments": len(self.children.appointments),
        }

    def rejects(self) -> list[dict[str, Any]]:
        """Every refusal as {sheet, row, field, reason} (child sheets included)."""
        found = [
            {"sheet": self.sheet, "row": row.result.row_number, "field": reason_field(reason), "reason": reason}
            for row in self.rows
            if row.status == REJECTED
            for reason in row.result.reasons
        ]
        found += [
            {"sheet": sheet, "row": number, "field": reason_field(reason), "reason": reason}
            for sheet, number, reasons in self.children.rejected
            for reason in reasons
        ]
        return found

    def conflicts(self) -> list[dict[str, Any]]:
        return [
            {"row": row.result.row_number, "client_id": row.match_id, "field": name, "kept": kept, "incoming": incoming}
            for row in self.rows
            for name, kept, incoming in row.conflicts
        ]


def reason_field(reason: str) -> str:
    """The field a row reason names (reasons start with the field's label, or for the archive's
    own columns with the column header), else ""."""
    for name, (zh, en) in hdr.FIELD_LABELS.items():
        if reason.startswith((zh + "：", en + ": ")):
            return name
    for name, header in _EXTRA_HEADERS.items():
        if reason.startswith((header + "：", header + ": ")):
            return name
    return ""


@gc_paused()  # millions of cells and row objects alive until it returns: see services/batch
def preview_import(
    vault: VaultHandle,
    path: str | Path,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: hdr.Mapping | hdr.ColumnMapping | None = None,
    password: str | None = None,
    on_duplicate: str = UPDATE,
    book: Workbook | None = None,
    progress: Progress | None = None,
) -> ImportPreview:
    """Read ``path`` (or the already-read ``book``) and check every row; ``header_row`` is
    0-based. A :class:`hdr.Mapping` adjusts the automatic column mapping, a
    :class:`hdr.ColumnMapping` replaces it; without one a mapping saved for these headers is used.
    ``progress(done, total)`` returning False cancels with :class:`~rm_desktop.domain.errors.Cancelled`."""
    if on_duplicate not in DUPLICATE_POLICIES:
        raise UserError(
            t("重复客户的处理方式只能是：{}", "on-duplicate must be one of: {}").format(" / ".join(DUPLICATE_POLICIES))
        )
    book = book or read_workbook(path, password)
    chosen = _choose_sheet(book, sheet)
    is_archive = chosen.name == lay.CLIENTS_SHEET and _has_archive_key(chosen)
    index = header_row if header_row is not None else hdr.find_header_row(chosen.rows)
    if not 0 <= index < len(chosen.rows):
        raise UserError(
            t("表头行 {} 超出了工作表的范围（共 {} 行）", "header row {} is outside the sheet ({} rows)").format(
                index + 1, len(chosen.rows)
            )
        )
    header = list(chosen.rows[index])
    if isinstance(mapping, hdr.ColumnMapping):
        columns = mapping
    else:
        columns = hdr.map_columns(header, mapping if mapping is not None else saved_mapping(vault, header))
    if "name" not in columns.columns:
        raise UserError(
            t("没有找到“姓名”列，请在列映射中指定", "no name column found: choose it in the column mapping")
        )
    try:
        rows = [PreviewRow(result) for result in normalise_rows(chosen, index, columns, progress)]
    except Stopped:
        raise import_cancelled() from None
    extra_columns = lay.column_index(header, lay.EXTRA_CLIENT_COLUMNS + (lay.CLIENT_COLUMNS[0],))
    for row in rows:
        # Without the archive's columns only the check across dates is left, and it needs an expiry.
        if extra_columns or "risk_expires_on" in row.result.values:
            _finish_values(row, extra_columns, chosen.date1904)
    preview = ImportPreview(
        file_name=book.name,
        sheet_names=[s.name for s in book.sheets],
        hidden_sheets=[s.name for s in book.sheets if s.hidden],
        sheet=chosen.name,
        header_row=index,
        header=header,
        columns=columns,
        on_duplicate=on_duplicate,
        rows=rows,
        is_archive=is_archive,
    )
    if is_archive:
        # Imported here: a plain client list (the common import) has no child sheets to read.
        from rm_desktop.services.exchange import complaint_sheets, consent_sheets, event_sheets, sales_sheets

        preview.children = import_children.read_children(book)
        sales_sheets.read_sales(book, preview.children)
        complaint_sheets.read_complaints(book, preview.children)
        event_sheets.read_events(book, preview.children)
        consent_sheets.read_consents(book, preview.children)
    import_match.decide(vault, preview.rows, on_duplicate)
    return preview


def _choose_sheet(book: Workbook, name: str | None) -> Sheet:
    if name is not None:
        for sheet in book.sheets:
            if sheet.name == name:
                return sheet
        raise UserError(t("“{}”中没有名为“{}”的工作表", '"{}" has no sheet named "{}"').format(book.name, name))
    filled = [sheet for sheet in book.sheets if _has_values(sheet)]
    visible = [sheet for sheet in filled if not sheet.hidden]
    for sheet in visible:  # our own archive first, then the first sheet that has a header
        if sheet.name == lay.CLIENTS_SHEET and _has_archive_key(sheet):
            return sheet
    for sheet in visible:
        try:
            hdr.find_header_row(sheet.rows)
            return sheet
        except UserError:
            continue
    if not filled:
        raise UserError(t("“{}”是空的：没有任何单元格有内容", '"{}" is empty: no cell holds a value').format(book.name))
    if not visible:
        raise UserError(
            t(
                "“{}”中只有隐藏的工作表有内容（{}），请手动选择工作表",
                '"{}" holds data only in hidden sheets ({}): choose one by name',
            ).format(book.name, "、".join(sheet.name for sheet in filled))
        )
    return visible[0]


def _has_values(sheet: Sheet) -> bool:
    """Whether any cell holds something (a sheet of formatted blanks counts as empty)."""
    return any(
        cell is not None and not (isinstance(cell, str) and not cell.strip()) for row in sheet.rows for cell in row
    )


def _has_archive_key(sheet: Sheet) -> bool:
    return bool(sheet.rows) and lay.ARCHIVE_KEY in [str(c).strip() for c in sheet.rows[0] if c is not None]


def _finish_values(row: PreviewRow, extra_columns: dict[str, int], date1904: bool) -> None:
    """The archive-only columns through the cell pre-step and the client parsers (the rules the
    form uses), then the check across dates the form makes (expiry not before assessment)."""
    result = row.result
    if result.status != OK:
        return
    errors: dict[str, str] = {}
    for key, col in extra_columns.items():
        cell = result.raw[col] if col < len(result.raw) else None
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        try:
            if key == "archive_id":
                # a date or other cell becomes text, so int() says ValueError (a reason), not TypeError
                row.archive_id = int(cell if isinstance(cell, (int, float, str)) else str(cell))
            elif key == "other_phones":
                row.extras["phones"] = PARSERS["phone"](cell_value("phone", cell, date1904), "phone")
            else:
                row.extras[key] = PARSERS[key](cell_value(key, cell, date1904), key)
        except ValidationError as exc:
            errors[key] = exc.message
        except ValueError as exc:
            errors[key] = str(exc)
    check_dates({**result.values, **row.extras} if row.extras else result.values, errors)  # reads only
    for key, message in errors.items():
        result.reasons.append(t("{}：{}", "{}: {}").format(_EXTRA_HEADERS.get(key, key), message))
    if result.reasons:
        result.status = REJECTED


# ------------------------------------------------------------------------- saved mappings


def header_signature(header: list[object]) -> str:
    return "|".join(hdr.normalise_header(cell) for cell in header)


def saved_mapping(vault: VaultHandle, header: list[object]) -> hdr.Mapping | None:
    stored = (vault.settings.get(MAPPINGS_SETTING) or {}).get(header_signature(header))
    return hdr.mapping_from_json(stored) if stored else None


def save_mapping(vault: VaultHandle, header: list[object], columns: hdr.ColumnMapping) -> None:
    """Remember the user's column choices for files with these headers."""
    stored = dict(vault.settings.get(MAPPINGS_SETTING) or {})
    stored[header_signature(header)] = hdr.mapping_to_json(hdr.mapping_for_headers(header, columns))
    vault.settings.set(MAPPINGS_SETTING, stored)


def row_values_for_display(row: PreviewRow) -> dict[str, Any]:
    """The row's values as text for tables and reject files."""
    shown = {}
    for key, value in {**row.result.values, **row.extras}.items():
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, (list, tuple)):
            value = "，".join(map(str, value))
        shown[key] = value
    return shown
