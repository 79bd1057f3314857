"""A client's complaints on the client file's timeline (services/timeline's provider
contract): the receipt, each handling step done and the close, each at its own time, all of
kind ``complaint`` with the complaint's id as ``ref``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from rm_desktop.i18n import t
from rm_desktop.services.complaints.records import load_records
from rm_desktop.services.timeline.model import TimelineEntry
from rm_desktop.storage.models_complaints import ComplaintRow

KIND = "complaint"


def complaint_entries(session: Session, client_id: int) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for c in load_records(session, ComplaintRow.client_id == client_id):
        head = f"{c.type_label} · {c.category_label} · {c.severity_label}"
        entries.append(TimelineEntry(c.received_at, KIND, head, c.description, c.id))
        for step in c.steps:
            title = t("{}处理 · {}", "{} handling · {}").format(c.type_label, step.label)
            entries.append(TimelineEntry(step.done_at, KIND, title, step.note or "", c.id))
        if c.closed_at is not None:
            title = t("{}结案 · 满意度 {}/5", "{} closed · satisfaction {}/5").format(c.type_label, c.satisfaction)
            entries.append(TimelineEntry(c.closed_at, KIND, title, c.outcome or "", c.id))
    return entries
