"""Writing a plan's document as a PDF file: the document model (document.py) rendered by pdf.py.

Kept apart from both so the model never imports its renderer (the renderer imports the model).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rm_desktop.services.plans.document import build_document
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle


def export_pdf(
    vault: VaultHandle, plan_id: int, path: Path, version: int | None = None, *, today: dt.date | None = None
) -> Path:
    """Write the plan document as a PDF (atomically); returns the path."""
    # fpdf2 loads only when a PDF is written, not when the plans page is built.
    from rm_desktop.services.plans.pdf import render_pdf

    document = build_document(vault, plan_id, version, today=today)
    path = Path(path)
    atomic_write_bytes(path, render_pdf(document))
    return path
