"""The size limits every imported file must keep, and the messages that refuse it.

calamine materialises a sheet as a dense rectangle of 32-byte cells spanning the first to the
last cell that holds a value, and clones a shared string into every cell that refers to it. A
few kilobytes of zip can therefore ask for hundreds of gigabytes (two cells at A1 and
XFD1048576, or one long shared string referenced by every cell), and a failed Rust allocation
aborts the whole process instead of raising. So the zip formats are measured before parsing
(:mod:`zip_scan`), and the text formats count their cells as they read.

Every refusal is a :class:`UserError` naming the file. The limits are read as module attributes
at call time, so tests can lower them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

MiB = 1024 * 1024
MAX_FILE_BYTES = 100 * MiB
MAX_ZIP_MEMBERS = 2000
MAX_UNCOMPRESSED_BYTES = 512 * MiB
# Sheet XML compresses 10-30x; deflate tops out near 1030x. Small members (a repetitive
# styles.xml) may exceed any ratio harmlessly, so only members past RATIO_MIN_BYTES count.
MAX_COMPRESSION_RATIO = 200
RATIO_MIN_BYTES = 1 * MiB
# Measured: 1 M cells of a realistic client list peak at ~130 MB while read; 3 M cells keep
# reading plus normalising well under 1 GB.
MAX_CELLS = 3_000_000
# Characters of cell text (shared strings counted once per referencing cell).
MAX_TEXT_BYTES = 128 * MiB
# Columns of one row in a text file: Excel's own limit (XFD). A client list has a few dozen; a
# line of 200 000 fields is not a list, and its header would only be "not found" later.
MAX_COLUMNS = 16_384
# Characters of one CSV field: the csv module's own default limit (128 KB), said as such.
MAX_FIELD_CHARS = 128 * 1024


def refuse(name: str, zh: str, en: str) -> UserError:
    """A UserError 'cannot import <file>: <reason>'; ``zh``/``en`` are the reason texts."""
    return UserError(t("无法导入“{}”：", 'Cannot import "{}": ').format(name) + t(zh, en))


def unknown_format(name: str) -> UserError:
    return refuse(
        name,
        "无法识别的文件格式或文件已损坏（支持 xlsx、xls、xlsb、ods、csv 及网页导出的表格）",
        "unknown or damaged file (supported: xlsx, xls, xlsb, ods, csv and web-page tables)",
    )


def mb(size: int) -> str:
    return f"{size / MiB:.0f} MB"


def check_file_size(size: int, name: str) -> None:
    if size > MAX_FILE_BYTES:
        raise refuse(
            name,
            f"文件过大（{mb(size)}，上限 {mb(MAX_FILE_BYTES)}）",
            f"the file is too large ({mb(size)}; the limit is {mb(MAX_FILE_BYTES)})",
        )


def check_cell_count(cells: int, name: str) -> None:
    """Refuse a workbook holding more than MAX_CELLS cells (also used by the text readers)."""
    if cells > MAX_CELLS:
        raise refuse(
            name,
            f"表格过大（约 {cells:,} 个单元格，上限 {MAX_CELLS:,}），请拆分后分批导入",
            f"the sheet is too large (about {cells:,} cells; the limit is {MAX_CELLS:,}): split it and import "
            "the parts one by one",
        )


def check_text_bytes(size: int, name: str) -> None:
    if size > MAX_TEXT_BYTES:
        raise refuse(
            name,
            f"表格中的文字总量过大（约 {mb(size)}，上限 {mb(MAX_TEXT_BYTES)}）",
            f"the sheets hold too much text (about {mb(size)}; the limit is {mb(MAX_TEXT_BYTES)})",
        )


def bomb(name: str) -> UserError:
    return refuse(
        name,
        "文件压缩比异常（疑似“压缩炸弹”），已拒绝",
        "the file's compression ratio is abnormal (a suspected zip bomb)",
    )


def hostile_xml(name: str) -> UserError:
    return refuse(
        name,
        "文件含有 XML 实体声明（DOCTYPE/ENTITY），可能是恶意文件，已拒绝",
        "the file declares XML entities (DOCTYPE/ENTITY), a known attack; refused",
    )


@dataclass
class Totals:
    """Running measure over all sheets of a workbook (all sheets are read into memory)."""

    cells: int = 0
    text: int = 0

    def over(self) -> bool:
        return self.cells > MAX_CELLS or self.text > MAX_TEXT_BYTES

    def add(self, other: Totals) -> None:
        self.cells += other.cells
        self.text += other.text

    def check(self, name: str) -> None:
        """Refuse ``name`` if the cells or the text are over their limit."""
        check_cell_count(self.cells, name)
        check_text_bytes(self.text, name)


def column_number(letters: str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27 (case-insensitive)."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ord(ch) - 64)
    return number
