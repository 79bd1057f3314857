"""Print preview and printing of the plan document (理财规划书).

The content comes from services.plan_document (the same blocks the PDF is drawn from), laid out
here as a QTextDocument: the chart and the goal progress bars are images painted with QPainter
(plan_chart.py), so the printout matches the PDF without the GUI having to render a PDF
(QtPdf is not part of PySide6-Essentials).
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import QCoreApplication, QMarginsF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

from rm_desktop.services.plans.document import AllocationChart, Disclaimer, Heading, Paragraph, PlanDocument, Table
from rm_desktop.ui.plans.plan_chart import allocation_image
from rm_desktop.ui.widgets.screen_fit import fit_to_screen

BLUE = "#1f4e79"


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def _progress_image(share: Decimal) -> QImage:
    image = QImage(QSize(80, 10), QImage.Format.Format_ARGB32)
    image.fill(QColor("#e4e4e4"))
    painter = QPainter(image)
    painter.fillRect(0, 0, int(80 * min(float(share), 1.0)), 10, QColor("#2e8b57"))
    painter.end()
    return image


class _Builder:
    def __init__(self, document: QTextDocument):
        self.document = document
        self.images = 0

    def image(self, image: QImage) -> str:
        self.images += 1
        name = f"plan-image-{self.images}"
        self.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        return name

    def table(self, block: Table) -> str:
        cells = "".join(
            f'<th align="{"right" if k in block.right else "left"}" bgcolor="#deeaf6">{_text(h)}</th>'
            for k, h in enumerate(block.headers)
        )
        rows = [f"<tr>{cells}</tr>"]
        for r, row in enumerate(block.rows):
            parts = []
            for k, value in enumerate(row):
                content = _text(value)
                if k == len(row) - 1 and r in block.progress:
                    content = f'<img src="{self.image(_progress_image(block.progress[r]))}"> {content}'
                parts.append(f'<td align="{"right" if k in block.right else "left"}">{content}</td>')
            rows.append("<tr>" + "".join(parts) + "</tr>")
        note = f'<p align="right" style="color:#777; font-size:8pt;">{_text(block.note)}</p>' if block.note else ""
        return (
            note
            + '<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-color:#bbbbbb;">'
            + "".join(rows)
            + "</table><br>"
        )

    def chart(self, block: AllocationChart) -> str:
        font = QFont(self.document.defaultFont())
        font.setPointSizeF(9)
        rows = [(label, target, current) for label, target, current in block.rows]
        image = allocation_image(rows, block.target_label, block.current_label, QSize(1200, 520), font)
        return f'<p align="center"><img src="{self.image(image)}" width="600" height="260"></p>'

    def html(self, doc: PlanDocument) -> str:
        parts = [
            f'<h1 align="center" style="color:{BLUE};">{_text(doc.title)}</h1>',
            f'<p align="center" style="color:#777;">{_text(doc.plan_title)}</p>',
            '<table width="100%" cellpadding="3" bgcolor="#deeaf6">',
        ]
        parts += [
            f'<tr><td width="25%" style="color:#555;">{_text(k)}</td><td>{_text(v)}</td></tr>'
            for k, v in doc.header_lines()
        ]
        parts.append("</table>")
        for block in doc.blocks:
            if isinstance(block, Heading):
                tag, color = ("h2", BLUE) if block.level == 1 else ("h3", "#000")
                parts.append(f'<{tag} style="color:{color};">{_text(block.text)}</{tag}>')
            elif isinstance(block, Paragraph):
                parts.append(f"<p>{_text(block.text)}</p>")
            elif isinstance(block, Table):
                parts.append(self.table(block))
            elif isinstance(block, AllocationChart):
                parts.append(self.chart(block))
            elif isinstance(block, Disclaimer):
                parts.append(
                    '<table width="100%" border="1" cellpadding="8" cellspacing="0" bgcolor="#fdf3e7" '
                    'style="border-color:#e67e22;"><tr><td>'
                    f'<p style="color:#aa3c14; font-weight:600; font-size:12pt;">{_text(block.title)}</p>'
                    f'<p style="color:#aa3c14; font-weight:600;">{_text(block.headline)}</p>'
                    f"<p>{_text(block.text)}</p></td></tr></table><br>"
                )
        return "".join(parts)


def text_document(doc: PlanDocument) -> QTextDocument:
    """The plan document laid out for printing."""
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setHtml(_Builder(document).html(doc))
    return document


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


class PlanPreviewDialog(QPrintPreviewDialog):
    """The print preview; it owns its printer and laid-out document (the dialog does not take
    ownership of the printer, and a printer collected by Python while shown crashes Qt)."""

    def __init__(self, doc: PlanDocument, parent=None):
        # not "printer": that would hide QPrintPreviewDialog.printer()
        self.own_printer = _printer()
        super().__init__(self.own_printer, parent)
        self.document = text_document(doc)
        self.setWindowTitle(QCoreApplication.translate("PlanPrint", "打印预览 - {}").format(doc.title))
        fit_to_screen(self, 900, 1000)
        self.paintRequested.connect(self.document.print_)


def print_preview(parent, doc: PlanDocument) -> PlanPreviewDialog:
    """Open the print preview (its toolbar prints); returns the dialog (window-modal, not blocking)."""
    dialog = PlanPreviewDialog(doc, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def print_document(parent, doc: PlanDocument) -> bool:
    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    text_document(doc).print_(printer)
    return True


def page_count(doc: PlanDocument, page: QSizeF | None = None) -> int:
    """Pages the printed document takes (A4 in points by default)."""
    document = text_document(doc)
    document.setPageSize(page or QSizeF(595, 842))
    return document.pageCount()
