"""Writing a plan's document as a PDF file: the document model (document.py) rendered by pdf.py.

Kept apart from both so the model never imports its renderer (the renderer imports the model).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.plans.document import build_document
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle


@dataclass(frozen=True)
class PdfExport:
    path: Path
    fonts: tuple[str, ...]  # the fonts that drew the text, "Family (file)", the CJK font first


def export_pdf(
    vault: VaultHandle, plan_id: int, path: Path, version: int | None = None, *, today: dt.date | None = None
) -> PdfExport:
    """Write the plan document as a PDF (atomically); the path and the fonts used.

    A character no font can draw is refused (pdf.MissingGlyphs, a UserError): nothing is written."""
    # fpdf2 loads only when a PDF is written, not when the plans page is built.
    from rm_desktop.services.plans.pdf import render_pdf

    policy_rules.check_export("plan_pdf", vault)

    document = build_document(vault, plan_id, version, today=today)
    path = Path(path)
    rendered = render_pdf(document)
    with audit_log.recorded(vault, "export_plan_pdf", object=f"plan:{int(plan_id)}", clients=1, file=path.name):
        atomic_write_bytes(path, rendered.data)
    return PdfExport(path, rendered.fonts)
