"""Refuse a hostile or oversized zip workbook (xlsx, xlsb, ods) before any parser sees it.

The declared ``<dimension>`` of a sheet can lie both ways (LibreOffice 6.4 declares
``A1:AMJ1048576``, a billion cells, for a 4×3 sheet; calamine only uses it to reserve a bounded
vector), so it is never a reason to refuse: the real extent and text volume are measured from
the cells themselves (see :mod:`limits` for why calamine needs this). An xlsx is measured
in two passes: first the byte scan (:mod:`byte_scan`; a part in an unusual form is measured
exactly by expat instead), and only if that bound passes a limit, everything again exactly by
:mod:`xml_scan`, whose numbers decide the refusal.

An xlsb's binary sheets are walked record by record by :mod:`xlsb_scan`; legacy .xls (not a zip)
is measured by :mod:`xls_scan`.
"""

from __future__ import annotations

import zipfile
from array import array
from typing import BinaryIO

from rm_desktop.io import byte_scan, xlsb_scan, xml_scan
from rm_desktop.io.limits import Totals, refuse
from rm_desktop.io.zip_members import check_directory, is_xml, member_chunks, skim_member


def check_zip(fh: BinaryIO, name: str, kind: str) -> None:
    """Refuse a zip package (``kind`` 'xlsx', 'xlsb' or 'ods') that is too big or hostile.

    ``fh`` is a seekable binary file (an open file or a BytesIO of decrypted data).
    """
    try:
        with zipfile.ZipFile(fh) as zf:
            infos = zf.infolist()
            check_directory(infos, name)
            if kind == "xlsx":
                _scan_xlsx(fh, infos, name)
            elif kind == "ods":
                _scan_ods(fh, infos, name)
            else:
                xlsb_scan.scan_xlsb(fh, infos, name)
    except zipfile.BadZipFile:
        raise refuse(
            name, "文件已损坏或不完整（zip 结构无效）", "the file is damaged or incomplete (invalid zip structure)"
        ) from None


class _BoundExceeded(Exception):
    """The quick bound passed a limit: the workbook is measured exactly instead."""


def _scan_xlsx(fh: BinaryIO, infos: list[zipfile.ZipInfo], name: str) -> None:
    try:
        _quick_xlsx(fh, infos, name)
    except _BoundExceeded:
        _exact_xlsx(fh, infos, name)


def _ordered(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    # calamine reads the shared strings first; they must be measured before the sheets.
    return sorted(infos, key=lambda info: not _is_shared_strings(info))


def _is_shared_strings(info: zipfile.ZipInfo) -> bool:
    return info.filename.lower().endswith("sharedstrings.xml")


def _quick_xlsx(fh: BinaryIO, infos: list[zipfile.ZipInfo], name: str) -> None:
    lengths, totals = array("I"), Totals()
    for info in _ordered(infos):
        if _is_shared_strings(info):
            try:
                byte_scan.shared_lengths(member_chunks(fh, info, name), lengths, name)
            except byte_scan.Unusual:
                del lengths[:]
                xml_scan.SharedStringsScan(name, lengths).run(fh, info)
        elif is_xml(info):
            # Every XML part: the workbook's rels may point a sheet anywhere in the package,
            # and parts that are not sheets simply hold no cells.
            try:
                bound = byte_scan.sheet_bound(member_chunks(fh, info, name), lengths)
            except byte_scan.Unusual:
                # Measured exactly on its own: its refusal stands whatever the other parts hold.
                part = Totals()
                xml_scan.SheetScan(name, lengths, part).run(fh, info)
                totals.add(part)
            else:
                totals.add(Totals(bound.cells, bound.text))
            if totals.over():
                raise _BoundExceeded()
        else:
            skim_member(fh, info, name)


def _exact_xlsx(fh: BinaryIO, infos: list[zipfile.ZipInfo], name: str) -> None:
    lengths, totals = array("I"), Totals()
    for info in _ordered(infos):
        if _is_shared_strings(info):
            xml_scan.SharedStringsScan(name, lengths).run(fh, info)
        elif is_xml(info):
            xml_scan.SheetScan(name, lengths, totals).run(fh, info)
        else:
            skim_member(fh, info, name)
    totals.check(name)


def _scan_ods(fh: BinaryIO, infos: list[zipfile.ZipInfo], name: str) -> None:
    totals = Totals()
    for info in infos:
        if info.filename == "content.xml":
            xml_scan.OdsScan(name, totals).run(fh, info)
        else:
            skim_member(fh, info, name)
