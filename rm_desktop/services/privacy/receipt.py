"""The deletion receipt (删除回执, issue 18.5): a one-page PDF saying that a deletion or an
anonymisation took place, drawn from its audit entry alone: what was done, when, how many
clients and rows, by which RM at which branch, and the entry's number and hash, so a reader can
find it in the verified log. It never names anyone: the entry it is drawn from holds counts
only, which is also why the file needs no password.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.io.pdf_draw import BLUE, CjkPdf, render_with_chain
from rm_desktop.io.pdf_fonts import FontFile
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.audit import reading
from rm_desktop.services.audit.actions import label
from rm_desktop.services.privacy.records import category_label
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle

DELETIONS = (
    "anonymise", "retention_delete", "retention_records_delete", "trash_auto_empty", "trash_empty",
    "backup_expire", "audit_prune",
)  # fmt: skip
SUBJECT = ("删除回执", "the deletion receipt")


def deletion_entries(vault: VaultHandle, limit: int | None = 200) -> list[reading.AuditEntry]:
    """The deletions and anonymisations in the log, newest first."""
    found = [e for action in DELETIONS for e in reading.entries(vault, action=action, limit=limit, received=False)]
    return sorted(found, key=lambda e: -e.seq)[:limit]


def _entry(vault: VaultHandle, seq: int) -> reading.AuditEntry:
    for entry in deletion_entries(vault, limit=None):
        if entry.seq == seq:
            return entry
    raise UserError(
        t("审计记录 #{} 不是删除或匿名化记录", "audit entry #{} is not a deletion or an anonymisation").format(seq)
    )


def _rows(vault: VaultHandle, entry: reading.AuditEntry, now: dt.datetime) -> list[tuple[str, str]]:
    settings = vault.settings
    return [
        (t("操作", "Action"), label(entry.action)),
        (t("时间（UTC）", "Time (UTC)"), entry.at),
        (t("客户数", "Clients"), str(entry.counts.get("clients", "-"))),
        (t("记录行数", "Rows"), str(entry.counts.get("rows", "-"))),
        *(
            [(t("记录类别", "Records"), t("、", ", ").join(map(category_label, entry.counts["fields"])))]
            if entry.counts.get("fields")
            else []
        ),
        (t("客户经理", "Relationship manager"), str(settings.get("rm_name") or "-")),
        (t("网点", "Branch"), str(settings.get("branch_name") or "-")),
        (t("审计记录序号", "Audit entry"), f"#{entry.seq}"),
        (t("审计记录哈希", "Audit entry hash"), entry.hash),
        (t("回执生成时间", "Receipt made"), now.replace(microsecond=0).isoformat(sep=" ")),
    ]


def receipt_pdf(vault: VaultHandle, seq: int, now: dt.datetime | None = None) -> bytes:
    entry = _entry(vault, seq)
    rows = _rows(vault, entry, now or dt.datetime.now())

    def draw(fonts: list[FontFile]) -> CjkPdf:
        pdf = CjkPdf(fonts, t("删除回执", "Deletion receipt"), str(vault.settings.get("rm_name") or ""))
        pdf.add_page()
        pdf.heading(t("删除回执", "Deletion receipt"), size=16, color=BLUE)
        pdf.multi_cell(
            0,
            6,
            t(
                "本回执证明以下删除或匿名化已在客户经理的加密档案中完成。回执只含数量，不含被删除的数据。",
                "This receipt confirms the deletion or anonymisation below was done in the RM's encrypted "
                "vault. It holds counts only, never the deleted data.",
            ),
            wrapmode=pdf.wrap,
        )
        pdf.ln(3)
        pdf.draw_table((t("项目", "Item"), t("内容", "Value")), (1, 3), frozenset(), rows)
        return pdf

    return render_with_chain(draw, SUBJECT).data


def export_receipt(vault: VaultHandle, seq: int, path: str | Path, now: dt.datetime | None = None) -> dict[str, Any]:
    data = receipt_pdf(vault, seq, now)
    with audit_log.recorded(vault, "deletion_receipt", file=Path(path).name):
        atomic_write_bytes(Path(path), data)
    return {"seq": seq, "file": str(path)}
