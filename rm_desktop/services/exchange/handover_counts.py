"""What a handover holds, counted once: the receipt the export returns, the 汇总 sheet in the file
and the receiver's preview all read their figures through :func:`handover_counts`, so the three
agree on every sheet (clients to the audit log) and a sheet added later is counted everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.audit_sheets import AUDIT_SHEET
from rm_desktop.services.exchange.complaint_sheets import COMPLAINTS_SHEET
from rm_desktop.services.exchange.consent_sheets import CONSENTS_SHEET
from rm_desktop.services.exchange.event_sheets import EVENTS_SHEET, INVITATIONS_SHEET, RUNS_SHEET
from rm_desktop.services.exchange.importing import ImportPreview
from rm_desktop.services.exchange.sales_sheets import OPPORTUNITIES_SHEET, REFERRALS_SHEET

# key (also the preview's Children list of that sheet, clients and audit aside), sheet, 汇总 label
COUNTED = (
    ("clients", lay.CLIENTS_SHEET, "客户数"),
    ("contacts", lay.CONTACTS_SHEET, "往来记录数"),
    ("holdings", lay.HOLDINGS_SHEET, "持仓数"),
    ("plans", lay.PLANS_SHEET, "理财规划数"),
    ("relations", lay.RELATIONS_SHEET, "客户关系数"),
    ("appointments", lay.APPOINTMENTS_SHEET, "约见数"),
    ("opportunities", OPPORTUNITIES_SHEET, "商机数"),
    ("referrals", REFERRALS_SHEET, "推荐数"),
    ("complaints", COMPLAINTS_SHEET, "投诉数"),
    ("events", EVENTS_SHEET, "活动数"),
    ("invitations", INVITATIONS_SHEET, "活动邀请数"),
    ("playbook_runs", RUNS_SHEET, "工作流程数"),
    ("consents", CONSENTS_SHEET, "同意记录数"),
    ("audit_entries", AUDIT_SHEET, "审计日志条数"),
)
LABELS = {key: label for key, _sheet, label in COUNTED}


def handover_counts(rows_by_sheet: Mapping[str, Any]) -> dict[str, int]:
    """Rows by sheet name → the handover's counts by key (a sheet the file lacks counts 0)."""
    return {key: int(rows_by_sheet.get(sheet) or 0) for key, sheet, _label in COUNTED}


def preview_rows_by_sheet(preview: ImportPreview, audit_entries: int) -> dict[str, int]:
    """What the receiver read from each sheet: the accepted client rows, each child sheet's
    accepted rows and the audit log's entries."""
    by_sheet = {sheet: len(getattr(preview.children, key)) for key, sheet, _label in COUNTED[1:-1]}
    by_sheet[lay.CLIENTS_SHEET] = sum(1 for row in preview.rows if row.status == "ok")
    by_sheet[AUDIT_SHEET] = audit_entries
    return by_sheet
