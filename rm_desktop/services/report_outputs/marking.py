"""A report file's export controls (issue 18.1, 18.3): what the register records of it, the
audit chain's latest hash it carries, and the watermark put into a workbook.

The report drawers stay vault-free: a caller with a vault (the 报告 page, the report commands)
passes it and the export is registered (``recorded_export("report", …)`` in each export
function); without one (a preview, the drawers' own tests) nothing is registered.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty

from rm_desktop.domain.reports import Report
from rm_desktop.i18n import t
from rm_desktop.io.watermark import stamp_workbook
from rm_desktop.services.audit import reading
from rm_desktop.services.export_controls.marks import Mark
from rm_desktop.storage.handle import VaultHandle

ACTION = "export_report"
CHAIN_PROPERTY = "RM-Desktop-Audit-Chain"
# What a report holds of clients: counts only, or the RM's own copy's named lines too.
NAMED_FIELDS = ("name", "report_lines")


def clients_of(reports: Sequence[Report]) -> int:
    """How many clients the reports name (0 for counts-only ones)."""
    named = {
        d.client_id or d.name
        for r in reports
        for s in r.sections
        for line in s.lines
        for d in line.details
        if d.client_id or d.name
    }
    return len(named)


def register_args(reports: Sequence[Report], path: str | Path) -> dict[str, Any]:
    """The register row's fields, client count and file for ``recorded_export``."""
    clients = clients_of(reports)
    return {"fields": NAMED_FIELDS if clients else (), "clients": clients, "file": Path(path).name}


def chain_hash(vault: VaultHandle | None) -> str | None:
    """The audit log's latest hash before the export (read before its own entry is written)."""
    return None if vault is None else reading.latest_hash(vault)


def chain_line(full_hash: str | None) -> str:
    return "" if full_hash is None else t("审计链 …{}", "audit chain …{}").format(full_hash[:12])


@contextlib.contextmanager
def unregistered() -> Iterator[Mark | None]:
    yield None


def pair(mark: Mark | None) -> tuple[str, str] | None:
    return None if mark is None else (mark.visible, mark.hidden)


def stamp_book(book: Workbook, mark: Mark | None, full_hash: str | None) -> None:
    """The watermark in every sheet's header and footer and the properties, and the audit hash
    as a property (the sheets stay the report's own: no 导出说明 sheet)."""
    if mark is None:
        return
    stamp_workbook(book, f"{mark.visible} · {chain_line(full_hash)}", mark.hidden, note_sheet=False)
    custom: Any = book.custom_doc_props  # type: ignore[attr-defined]  # openpyxl 3.1; the stubs predate it
    custom.append(StringProperty(name=CHAIN_PROPERTY, value=full_hash or ""))
