"""Handover (移交): chosen clients with their whole history in one password-protected .xlsx.

The file is the archive workbook (exporting.archive_book) plus a 汇总 sheet (counts and a
SHA-256 of the content, the receipt both RMs keep), encrypted with ECMA-376 agile AES-256 so
Excel and WPS open it with the password. The plaintext workbook exists only in memory.

Receiving: decrypt in memory, preview (new, matching and conflicting clients, counts of
contacts and holdings), then merge: the receiver's profile values are kept unless empty
(conflicts are listed), contacts are added unless already there, holdings matched on code + name,
plans added unless the receiver has one with the same content, appointments unless the same
start, title and client exist (see import_children_write).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.io.office_crypto import encrypt_xlsx
from rm_desktop.io.readers import read_workbook
from rm_desktop.io.xlsx_safe import discard_book
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.exporting import add_sheet, archive_book, book_bytes
from rm_desktop.services.exchange.importing import MERGE, ImportPreview, preview_import
from rm_desktop.services.exchange.writing import ImportSummary, run_import
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle

SUMMARY_COLUMNS = (lay.Column("项目", "item"), lay.Column("数值", "value", True))
MIN_PASSWORD = 6


def check_password(password: str, again: str | None = None) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise UserError(
            t("移交文件密码至少 {} 位", "the handover password needs at least {} characters").format(MIN_PASSWORD)
        )
    if again is not None and again != password:
        raise UserError(t("两次输入的密码不一致", "the two passwords differ"))


def export_handover(
    vault: VaultHandle,
    path: str | Path,
    password: str,
    client_ids: Sequence[int] | None = None,
    progress: Callable[[int, int], Any] | None = None,
) -> dict[str, Any]:
    """Write the encrypted handover file; returns the receipt (counts and sha256)."""
    check_password(password)
    book, counts = archive_book(vault, client_ids, with_templates=False, progress=progress)
    if not counts[lay.CLIENTS_SHEET]:
        discard_book(book)
        raise UserError(t("没有可移交的客户", "no clients to hand over"))
    receipt = {
        "clients": counts[lay.CLIENTS_SHEET],
        "contacts": counts[lay.CONTACTS_SHEET],
        "holdings": counts[lay.HOLDINGS_SHEET],
        "plans": counts[lay.PLANS_SHEET],
        "relations": counts[lay.RELATIONS_SHEET],
        "appointments": counts[lay.APPOINTMENTS_SHEET],
        "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "),
        "rm_name": vault.settings.get("rm_name"),
        "sha256": counts["sha256"],
    }
    labels = {
        "clients": "客户数",
        "contacts": "往来记录数",
        "holdings": "持仓数",
        "plans": "理财规划数",
        "relations": "客户关系数",
        "appointments": "约见数",
        "exported_at": "导出时间",
        "rm_name": "移交客户经理",
        "sha256": "内容SHA-256",
    }
    add_sheet(book, lay.SUMMARY_SHEET, SUMMARY_COLUMNS, [[labels[k], str(v)] for k, v in receipt.items()])
    atomic_write_bytes(Path(path), encrypt_xlsx(book_bytes(book), password))
    return receipt


@dataclass
class HandoverPreview:
    preview: ImportPreview
    receipt: dict[str, str]

    def counts(self) -> dict[str, int]:
        ok = [row for row in self.preview.rows if row.status == "ok"]
        counts = self.preview.counts()
        return {
            "new": sum(1 for r in ok if r.match_id is None),
            "matching": sum(1 for r in ok if r.match_id is not None and not r.conflicts),
            "conflicting": sum(1 for r in ok if r.conflicts),
            "rejected": counts["rejected"],
            "contacts": counts["contacts"],
            "holdings": counts["holdings"],
            "plans": counts["plans"],
            "appointments": counts["appointments"],
        }


def preview_handover(vault: VaultHandle, path: str | Path, password: str) -> HandoverPreview:
    """Decrypt (in memory) and check a handover file. A wrong password or a damaged file gives
    one UserError naming the file; the vault is not touched."""
    book = read_workbook(path, password)
    if not any(sheet.name == lay.CLIENTS_SHEET for sheet in book.sheets):
        raise UserError(
            t("“{}”不是移交文件（没有“客户”工作表）", '"{}" is not a handover file (no 客户 sheet)').format(
                Path(path).name
            )
        )
    summary = next((s for s in book.sheets if s.name == lay.SUMMARY_SHEET), None)
    receipt = {str(row[0]): str(row[1]) for row in (summary.rows[1:] if summary else []) if len(row) >= 2}
    preview = preview_import(vault, path, sheet=lay.CLIENTS_SHEET, header_row=0, on_duplicate=MERGE, book=book)
    return HandoverPreview(preview, receipt)


def merge_handover(vault: VaultHandle, handover: HandoverPreview, progress=None) -> ImportSummary:
    return run_import(vault, handover.preview, progress=progress)
