"""The person's copy of their data (PIPL Art. 45) as an encrypted xlsx and an encrypted PDF.

Both files take the same password, under the handover's rule (the one strength rule with the
IT policy's minimum): the xlsx is ECMA-376 agile AES-256 like a handover, the PDF AES-256 with
that password as its user password (the owner password is random and never shown: nobody
gets more rights than opening, printing and copying). The PDF's metadata is encrypted too, so
the client's name in its title does not show without the password. Both are drawn in memory
and written only when both are ready; the export and its audit entry (client, rows, file
names, never the contents) share one transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from pathlib import Path
from typing import Any

from fpdf.enums import EncryptionMethod, XPos, YPos

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.io.office_crypto import encrypt_xlsx
from rm_desktop.io.pdf_draw import BLUE, BODY_PT, FONT, GREY, CjkPdf, render_with_chain
from rm_desktop.io.pdf_fonts import FontFile
from rm_desktop.io.watermark import stamp_pdf, stamp_workbook
from rm_desktop.io.xlsx_safe import new_book
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.exporting import add_sheet, book_bytes, check_file_password
from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.privacy.person_data import PersonData, Section, collect
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle

SUBJECT = ("本人数据副本", "the personal data copy")
SUMMARY_SHEET = "说明"
# What the copy holds of its client: every stored field (the register's record of it).
PERSON_FIELDS = ("all",)
Marking = tuple[str, str] | None  # the export's (visible, hidden) watermark


def check_password(password: str, again: str | None = None) -> None:
    check_file_password(password, again, t("本人数据文件密码", "the personal data file password"))


def cell_text(value: Any) -> str:
    """A stored value as the copy shows it: amounts in yuan, dates ISO, yes/no, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("是", "yes") if value else t("否", "no")
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _summary(data: PersonData, rm_name: str, now: dt.datetime) -> list[list[str]]:
    rows = [
        [t("客户", "Client"), data.name],
        [t("导出时间", "Exported at"), now.replace(microsecond=0).isoformat(sep=" ")],
        [t("客户经理", "Relationship manager"), rm_name],
        [t("依据", "Basis"), t("个人信息保护法第四十五条：查阅、复制", "PIPL Art. 45: access and copy")],
    ]
    rows += [[s.title, t("{} 条", "{} rows").format(len(s.rows))] for s in data.sections]
    return rows


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "sheet"
    base, k = name, 2
    while name in used:
        name, k = f"{base}{k}", k + 1
    used.add(name)
    return name


def workbook_bytes(data: PersonData, rm_name: str, now: dt.datetime, mark: Marking = None) -> bytes:
    book = new_book()
    pair = (lay.Column(t("项目", "Item"), "item"), lay.Column(t("内容", "Value"), "value", True))
    used = {SUMMARY_SHEET}
    add_sheet(book, SUMMARY_SHEET, pair, _summary(data, rm_name, now))
    for section in data.sections:
        columns = tuple(lay.Column(name, name, True) for name in section.columns)
        rows = [[cell_text(v) for v in row] for row in section.rows]
        add_sheet(book, _sheet_name(section.title, used), columns, rows)
    if mark is not None:  # headers/footers and properties: the summary sheet says the rest
        stamp_workbook(book, *mark, note_sheet=False)
    return book_bytes(book)


class _PersonPdf(CjkPdf):
    def __init__(self, fonts: list[FontFile], title: str, author: str):
        super().__init__(fonts, title, author)
        self.foot = title

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.foot, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, t("第 {} 页 / 共 {} 页", "Page {} of {}").format(self.page_no(), "{nb}"), align="R")


def _draw_section(pdf: CjkPdf, section: Section) -> None:
    pdf.ensure_space(20)
    pdf.heading(f"{section.title} ({len(section.rows)})", size=12)
    for k, row in enumerate(section.rows, 1):
        cells = [(name, cell_text(v)) for name, v in zip(section.columns, row, strict=True) if v not in (None, "")]
        if len(section.rows) > 1:
            pdf.set_font(FONT, size=9)
            pdf.set_text_color(*GREY)
            pdf.cell(0, 5, f"#{k}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
        pdf.draw_table((t("字段", "Field"), t("内容", "Value")), (1, 3), frozenset(), cells)


def pdf_bytes(data: PersonData, password: str, rm_name: str, now: dt.datetime, mark: Marking = None) -> bytes:
    title = t("本人数据副本 - {}", "Personal data copy - {}").format(data.name)

    def draw(fonts: list[FontFile]) -> _PersonPdf:
        pdf = _PersonPdf(fonts, title, rm_name)
        pdf.set_encryption(
            owner_password=secrets.token_urlsafe(24),
            user_password=password,
            encryption_method=EncryptionMethod.AES_256,
            encrypt_metadata=True,
        )
        if mark is not None:
            stamp_pdf(pdf, *mark, font=FONT)
        pdf.add_page()
        pdf.heading(title, size=16, color=BLUE)
        pdf.set_font(FONT, size=BODY_PT)
        pdf.draw_table((t("项目", "Item"), t("内容", "Value")), (1, 3), frozenset(), _summary(data, rm_name, now))
        for section in data.sections:
            _draw_section(pdf, section)
        return pdf

    return render_with_chain(draw, SUBJECT).data


def export_person(
    vault: VaultHandle,
    client_id: int,
    password: str,
    *,
    xlsx: str | Path | None = None,
    pdf: str | Path | None = None,
    now: dt.datetime | None = None,
    control: ExportControl | None = None,
) -> dict[str, Any]:
    """Write the client's copy to ``xlsx`` and/or ``pdf``; returns its rows per table and its
    register id (one register row and one audit entry for the copy, both files named)."""
    if xlsx is None and pdf is None:
        raise UserError(t("请指定 xlsx 或 PDF 文件", "give an xlsx or a PDF file"))
    policy_rules.check_export("person", vault, encrypted=True)
    check_password(password)
    now = now or dt.datetime.now()
    rm_name = str(vault.settings.get("rm_name") or "")
    data = collect(vault, client_id)
    paths = [Path(p) for p in (xlsx, pdf) if p is not None]
    # The register row exists before the bytes (its id is the hidden mark); both files carry
    # the same mark, and a failure anywhere rolls the row and the entry back and removes them.
    written: list[Path] = []
    try:
        with export_register.recorded_export(
            vault, "person", control, "export_person", fields=PERSON_FIELDS, clients=1,
            file=" + ".join(_logged_name(p, data.name) for p in paths),
            object=audit_log.client_object(data.client_id, data.name), rows=data.rows,
        ) as mark:  # fmt: skip
            files: list[tuple[Path, bytes]] = []
            if xlsx is not None:
                book = workbook_bytes(data, rm_name, now, (mark.visible, mark.hidden))
                files.append((Path(xlsx), encrypt_xlsx(book, password)))
            if pdf is not None:
                files.append((Path(pdf), pdf_bytes(data, password, rm_name, now, (mark.visible, mark.hidden))))
            for path, content in files:
                atomic_write_bytes(path, content)
                written.append(path)
    except BaseException:
        for path in written:  # nothing half-written: the first file goes when the second fails
            path.unlink(missing_ok=True)
        raise
    tables = {s.table: len(s.rows) for s in data.sections}
    return {"client_id": client_id, "rows": data.rows, "tables": tables, "register": mark.register_id}


def _logged_name(path: Path, name: str) -> str:
    """The file's name as the log keeps it: the client's name in it masked (the default file is
    named after the client, and an anonymised client's name must not stay in the log)."""
    stem = path.name
    return stem.replace(name, audit_log.mask_name(name)) if len(name) >= 2 else stem
