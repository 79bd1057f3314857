"""Handover (移交): chosen clients with their whole history in one password-protected .xlsx.

The file is the archive workbook (exporting.archive_book) plus a 汇总 sheet (counts and a
SHA-256 of the content, the receipt both RMs keep), encrypted with ECMA-376 agile AES-256 so
Excel and WPS open it with the password. The plaintext workbook exists only in memory.

The receipt is checked twice on receiving. The digest is recomputed from the sheets as read
(io/sheet_digest gives the same value for values written and read back) and must equal the one
in the 汇总 sheet: a file edited after the export (opened with the password and re-saved) is
refused. The receiver may also give the receipt the sender read out or sent on another channel
(``receipt=``): only then is the file known to be the one that sender exported, since whoever
has the password could rewrite the 汇总 sheet too. A plain (unencrypted) workbook is never taken
as a handover; the ordinary import reads it as a client list. Files written before the digest
had a format (no 回执格式 row) are merged without the check, and say so.

Receiving: decrypt in memory, preview (new, matching and conflicting clients, counts of
contacts and holdings), then merge: the receiver's profile values are kept unless empty
(conflicts are listed), contacts are added unless already there, holdings matched on code + name,
plans added unless the receiver has one with the same content, appointments unless the same
start, title and client exist (see import_children_write).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.io.office_crypto import DamagedFile, encrypt_xlsx
from rm_desktop.io.readers import read_workbook
from rm_desktop.io.sheet_digest import FORMAT, sheets_digest
from rm_desktop.io.watermark import stamp_workbook
from rm_desktop.io.xlsx_safe import discard_book
from rm_desktop.services.exchange import audit_sheets
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.audit_sheets import AUDIT_SHEET, ReceivedLog
from rm_desktop.services.exchange.exporting import (
    add_sheet,
    archive_audit,
    archive_book,
    book_bytes,
    check_file_password,
)
from rm_desktop.services.exchange.handover_counts import LABELS, handover_counts, preview_rows_by_sheet
from rm_desktop.services.exchange.importing import MERGE, ImportPreview, preview_import
from rm_desktop.services.exchange.writing import ImportSummary, run_import
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.export_controls.register import recorded_export
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle

SUMMARY_COLUMNS = (lay.Column("项目", "item"), lay.Column("数值", "value", True))
DIGEST_LABEL, FORMAT_LABEL = "内容SHA-256", "回执格式"
# The sender's latest audit hash at the export (services/audit): its history up to the handover.
AUDIT_LABEL = "审计日志末条哈希"
VAULT_LABEL = "移交方库标识"  # whose chain the 审计日志 sheet's own entries are (services/audit/received)
REGISTER_LABEL = "导出登记号"  # the export register row of this handover (services/export_controls)
RECEIPT_GIVEN, RECEIPT_IN_FILE, RECEIPT_UNCHECKED = "given", "file", "unchecked"


def check_password(password: str, again: str | None = None) -> None:
    """The handover password: the one strength rule for file passwords, named for the handover."""
    check_file_password(password, again, t("移交文件密码", "the handover password"))


def normalise_receipt(text: str | None) -> str | None:
    """The receipt as typed or pasted (spaces, dashes, any case) → 64 lower-case hex, or None
    when empty. Anything else is a UserError: a mistyped receipt must not pass as unchecked."""
    cleaned = "".join(ch for ch in (text or "") if ch not in " -:\t\n").lower()
    if not cleaned:
        return None
    if len(cleaned) != 64 or any(ch not in "0123456789abcdef" for ch in cleaned):
        raise UserError(
            t(
                "回执应为 64 位十六进制字符（0-9、a-f），请核对后重新输入",
                "the receipt is 64 hexadecimal characters (0-9, a-f): check it and type it again",
            )
        )
    return cleaned


def export_handover(
    vault: VaultHandle,
    path: str | Path,
    password: str,
    client_ids: Sequence[int] | None = None,
    progress: Callable[[int, int], Any] | None = None,
    *,
    control: ExportControl | None = None,
) -> dict[str, Any]:
    """Write the encrypted handover file; returns the receipt (counts, sha256 and "register",
    the export register id, also in the 汇总 sheet and the file's hidden mark). ``control`` is
    the purpose (None: 客户交接); every column goes whatever it says: the receiver reads it whole."""
    policy_rules.check_export("handover", vault, encrypted=True)
    check_password(password)
    # The sender's audit log travels inside the digest; its own chain's last hash is the anchor.
    log_sheets, own_id, latest = audit_sheets.export_sheets(vault)
    book, counts = archive_book(vault, client_ids, with_templates=False, progress=progress, extra=log_sheets)
    if not counts[lay.CLIENTS_SHEET]:
        discard_book(book)
        raise UserError(t("没有可移交的客户", "no clients to hand over"))
    receipt: dict[str, Any] = {
        **handover_counts({**counts, AUDIT_SHEET: sum(len(rows) for _, _, rows in log_sheets)}),
        "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "),
        "rm_name": vault.settings.get("rm_name"),
        "sha256": counts["sha256"],
        "format": FORMAT,
        "audit_hash": latest,
        "vault_id": own_id,
    }
    labels = {
        **LABELS,
        "exported_at": "导出时间",
        "rm_name": "移交客户经理",
        "sha256": DIGEST_LABEL,
        "format": FORMAT_LABEL,
        "audit_hash": AUDIT_LABEL,
        "vault_id": VAULT_LABEL,
        "register": REGISTER_LABEL,
    }
    audit = archive_audit(counts, path)
    # The register id exists only inside the register's transaction: the 汇总 sheet (outside the
    # digest) and the hidden mark are written there, before the bytes; a failed write keeps neither.
    with recorded_export(vault, "handover", control, "handover_out", fields=audit.pop("fields"), **audit) as mark:
        receipt["register"] = mark.register_id
        add_sheet(book, lay.SUMMARY_SHEET, SUMMARY_COLUMNS, [[labels[k], str(v)] for k, v in receipt.items()])
        stamp_workbook(book, mark.visible, mark.hidden, note_sheet=False)  # the receipt's digest stays true
        atomic_write_bytes(Path(path), encrypt_xlsx(book_bytes(book), password))
    return receipt


@dataclass
class HandoverPreview:
    preview: ImportPreview
    receipt: dict[str, str]  # the 汇总 sheet, label → value
    digest: str = ""  # recomputed from the sheets as read
    receipt_check: str = RECEIPT_UNCHECKED  # RECEIPT_GIVEN, RECEIPT_IN_FILE or RECEIPT_UNCHECKED
    audit: ReceivedLog = field(default_factory=ReceivedLog)  # the sender's audit log, checked

    def receipt_note(self) -> str:
        """What was checked, for the preview shown before the merge: the receipt, then the
        audit log the file carries (each chain's entries, what is new, its verdict)."""
        if self.receipt_check == RECEIPT_GIVEN:
            line = t("回执已核对：与对方提供的 SHA-256 一致", "receipt checked: matches the SHA-256 you were given")
        elif self.receipt_check == RECEIPT_IN_FILE:
            line = t(
                "内容与文件中的回执一致（未输入对方提供的回执）",
                "the content matches the receipt inside the file (no receipt from the sender was given)",
            )
        else:
            line = t(
                "旧版本的移交文件：回执无法核对", "a handover file from an older version: its receipt cannot be checked"
            )
        return line + "\n" + self.audit.note()

    def counts(self) -> dict[str, int]:
        """The clients by what the merge does, the rejects, and every sheet's rows as counted
        in the sender's receipt and 汇总 (handover_counts)."""
        ok = [row for row in self.preview.rows if row.status == "ok"]
        return {
            "new": sum(1 for r in ok if r.match_id is None),
            "matching": sum(1 for r in ok if r.match_id is not None and not r.conflicts),
            "conflicting": sum(1 for r in ok if r.conflicts),
            "rejected": self.preview.counts()["rejected"],
            **handover_counts(preview_rows_by_sheet(self.preview, self.audit.total)),
        }


def preview_handover(
    vault: VaultHandle,
    path: str | Path,
    password: str,
    receipt: str | None = None,
    progress: Callable[[int, int], Any] | None = None,
) -> HandoverPreview:
    """Decrypt (in memory) and check a handover file, and its receipt: the 汇总 sheet's always,
    ``receipt`` (the sender's SHA-256) when given. A plain workbook, a wrong password, a damaged
    or altered file or a receipt that does not match gives one UserError naming the file; the
    vault is not touched. ``progress`` is the row check's (returning False cancels)."""
    name = Path(path).name
    expected = normalise_receipt(receipt)
    book = read_workbook(path, password)
    if not book.encrypted:
        raise UserError(
            t(
                "“{}”没有加密，不能作为移交文件合并（移交文件总是有密码的）。"
                "如需导入其中的客户，请用“导入”按普通名单导入。",
                '"{}" is not encrypted, so it is not taken as a handover file (those always have a '
                "password). To add its clients, import it as an ordinary list (import).",
            ).format(name)
        )
    if not any(sheet.name == lay.CLIENTS_SHEET for sheet in book.sheets):
        raise UserError(
            t("“{}”不是移交文件（没有“客户”工作表）", '"{}" is not a handover file (no 客户 sheet)').format(name)
        )
    summary = next((s for s in book.sheets if s.name == lay.SUMMARY_SHEET), None)
    stated = {str(row[0]): str(row[1]) for row in (summary.rows[1:] if summary else []) if len(row) >= 2}
    digest = sheets_digest((s.name, s.rows) for s in book.sheets if s.name != lay.SUMMARY_SHEET)
    check = _check_receipt(name, stated, digest, expected)
    audit = audit_sheets.read_audit(book)  # a damaged log refuses the file before the rows are read
    preview = preview_import(
        vault, path, sheet=lay.CLIENTS_SHEET, header_row=0, on_duplicate=MERGE, book=book, progress=progress
    )
    anchor = stated.get(AUDIT_LABEL, "").lower() or None
    audit.check(vault, stated.get(VAULT_LABEL) or None, anchor)
    return HandoverPreview(preview, stated, digest, check, audit)


def _check_receipt(name: str, stated: dict[str, str], digest: str, expected: str | None) -> str:
    checkable = stated.get(FORMAT_LABEL) == FORMAT
    if checkable and stated.get(DIGEST_LABEL, "").lower() != digest:
        raise DamagedFile(
            t(
                "“{}”的内容与其中的回执不符：文件在导出后被改动过。请让对方重新导出移交文件。",
                '"{}" does not match the receipt inside it: the file was changed after the export. '
                "Ask the sender to export the handover again.",
            ).format(name)
        )
    if expected is None:
        return RECEIPT_IN_FILE if checkable else RECEIPT_UNCHECKED
    if not checkable:
        raise UserError(
            t(
                "“{}”是旧版本导出的移交文件，无法核对回执：请让对方用新版本重新导出，或不填回执导入。",
                '"{}" was exported by an older version and its receipt cannot be checked: ask for a new '
                "export, or import it without a receipt.",
            ).format(name)
        )
    if expected != digest:
        raise UserError(
            t(
                "“{}”与您输入的回执不符：这不是对方导出的那个文件，或已被改动。请与对方核对。",
                '"{}" does not match the receipt you gave: it is not the file the sender exported, '
                "or it was changed. Check with the sender.",
            ).format(name)
        )
    return RECEIPT_GIVEN


def merge_handover(vault: VaultHandle, handover: HandoverPreview, progress=None) -> ImportSummary:
    # The sender's latest audit hash (when its file has one) goes into our entry: an anchor a later
    # check of the sender's own log can be held against.
    anchor = handover.receipt.get(AUDIT_LABEL, "").lower()
    extra = {"anchor": anchor} if len(anchor) == 64 and all(c in "0123456789abcdef" for c in anchor) else {}

    def store_log(conn, summary: ImportSummary) -> None:  # the sender's entries, in the merge's transaction
        summary.audit_received = audit_sheets.write_audit(conn, handover.audit, vault)

    return run_import(
        vault, handover.preview, progress=progress, audit_action="handover_in", audit_counts=extra, also=store_log
    )
