"""Report outputs (issue 17.3, 17.4): a :class:`~rm_desktop.domain.reports.Report` as counts-only
text, PDF, xlsx, and the supervisor's encrypted bundle and summary workbook. Qt-free and
vault-free: it draws the Report it is given (services/reports builds them).

``__all__`` names the modules other packages may import (tests/architecture/test_layers.py):
``text.counts_text``; ``pdf.render_pdf``, ``pdf.export_pdf``; ``workbook.export_xlsx``;
``bundle.export_bundle``, ``bundle.read_bundle``, ``bundle.ReportBundle``;
``summary.collect_summary``; ``exchange`` (the bundle's JSON back to Report values). The same
functions may be imported from the package itself; they load on first use, so fpdf2 and openpyxl
are not imported with a page that only shows a report."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rm_desktop.services.report_outputs.bundle import ReportBundle as ReportBundle
    from rm_desktop.services.report_outputs.bundle import export_bundle as export_bundle
    from rm_desktop.services.report_outputs.bundle import read_bundle as read_bundle
    from rm_desktop.services.report_outputs.pdf import export_pdf as export_pdf
    from rm_desktop.services.report_outputs.pdf import render_pdf as render_pdf
    from rm_desktop.services.report_outputs.summary import collect_summary as collect_summary
    from rm_desktop.services.report_outputs.text import counts_text as counts_text
    from rm_desktop.services.report_outputs.workbook import export_xlsx as export_xlsx

__all__ = ["bundle", "exchange", "figures", "pdf", "summary", "text", "workbook"]

_HOME = {
    "counts_text": "text",
    "render_pdf": "pdf",
    "export_pdf": "pdf",
    "export_xlsx": "workbook",
    "export_bundle": "bundle",
    "read_bundle": "bundle",
    "ReportBundle": "bundle",
    "collect_summary": "summary",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
