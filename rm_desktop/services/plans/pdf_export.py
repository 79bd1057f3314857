"""Writing a plan's document as a PDF file: the document model (document.py) rendered by pdf.py.

Kept apart from both so the model never imports its renderer (the renderer imports the model).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.plans.document import build_document
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle

# What a plan document shows of its client: the name and the plan (the register's field codes).
PLAN_FIELDS = ("name", "plan")


@dataclass(frozen=True)
class PdfExport:
    path: Path
    fonts: tuple[str, ...]  # the fonts that drew the text, "Family (file)", the CJK font first
    register_id: int | None = None  # its export register row


def export_pdf(
    vault: VaultHandle,
    plan_id: int,
    path: Path,
    version: int | None = None,
    *,
    today: dt.date | None = None,
    control: ExportControl | None = None,
) -> PdfExport:
    """Write the plan document as a PDF (atomically); the path and the fonts used.

    A character no font can draw is refused (pdf.MissingGlyphs, a UserError): nothing is written."""
    # fpdf2 loads only when a PDF is written, not when the plans page is built.
    from rm_desktop.services.plans.pdf import render_pdf

    policy_rules.check_export("plan_pdf", vault)

    document = build_document(vault, plan_id, version, today=today)
    path = Path(path)
    # Registered, watermarked (footer, diagonal mark, register id in the keywords) and audited
    # in one transaction: a refused character or a failed write leaves no register row.
    with export_register.recorded_export(
        vault, "plan_pdf", control, "export_plan_pdf", fields=PLAN_FIELDS, clients=1, file=path.name,
        object=f"plan:{int(plan_id)}",
    ) as mark:  # fmt: skip
        rendered = render_pdf(document, (mark.visible, mark.hidden))
        atomic_write_bytes(path, rendered.data)
    return PdfExport(path, rendered.fonts, mark.register_id)
