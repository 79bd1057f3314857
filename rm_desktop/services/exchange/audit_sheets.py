"""The handover's 审计日志 sheet (issue 18.1: the log survives handover): the sender's audit
entries, written by the handover export and stored by the receiver as received entries.

One row per entry with the column that says whose chain it is (来源库: the sender's vault id for
its own entries, the original sender's for those it received itself; services/audit/received
says why both travel) and the entry's stored fields, hashes included, so the receiver checks each
chain as its owner wrote it. The sheet is inside the receipt's digest like every other sheet. The
entries hold what the log holds (masked names, codes, counts): no ID number, phone or note.

Reading: a row not in the shape a vault writes refuses the whole file with one line naming the
file, the row and the field (the vault is not touched: this runs in the preview); a well-formed
row that does not fit its chain is stored and the chain flagged in the preview.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.i18n import t
from rm_desktop.io.readers import Workbook
from rm_desktop.services.audit import received
from rm_desktop.services.audit.actions import label
from rm_desktop.services.audit.chain import GENESIS, Row
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.children import _sheet_rows
from rm_desktop.storage.handle import VaultHandle

AUDIT_SHEET = "审计日志"
Column = lay.Column
AUDIT_COLUMNS = (
    Column("来源库", "chain", True),
    Column("序号", "seq"),
    Column("时间(UTC)", "at", True),
    Column("操作代码", "action"),
    Column("操作", "label"),  # for a person reading the file; not read back
    Column("对象", "object"),
    Column("计数", "counts", True),
    Column("来源", "origin"),
    Column("前一哈希", "prev_hash", True),
    Column("哈希", "hash", True),
)
_READ = ("chain", "seq", "at", "action", "object", "counts", "origin", "prev_hash", "hash")
SHEET_ROWS = 1_000_000  # a sheet holds at most 1,048,575 rows under its header: more go on 审计日志2, …

Sheet = tuple[str, tuple[Column, ...], list[list[Any]]]


def export_sheets(vault: VaultHandle) -> tuple[list[Sheet], str, str]:
    """The 审计日志 sheet(s), the sender's vault id and the latest hash of its own chain as
    written (the 汇总's 审计日志末条哈希: the anchor the receiver holds the chain's end against)."""
    own = received.vault_id(vault)
    rows: list[list[Any]] = []
    latest = GENESIS
    for chain, (seq, at, action, obj, counts, origin, prev, digest) in received.carried(vault):
        rows.append([chain, seq, at, action, label(action), obj, counts, origin, prev, digest])
        if chain == own:
            latest = digest
    names = [AUDIT_SHEET + (str(n + 1) if n else "") for n in range(max(1, -(-len(rows) // SHEET_ROWS)))]
    sheets: list[Sheet] = [
        (name, AUDIT_COLUMNS, rows[n * SHEET_ROWS : (n + 1) * SHEET_ROWS]) for n, name in enumerate(names)
    ]
    return sheets, own, latest


def sheet_names(book: Workbook) -> list[str]:
    """The book's 审计日志 sheets in order: 审计日志, then 审计日志2, 审计日志3 …"""
    ranked = []
    for sheet in book.sheets:
        rest = sheet.name[len(AUDIT_SHEET) :] if sheet.name.startswith(AUDIT_SHEET) else None
        if rest is not None and (rest == "" or rest.isdigit()):
            ranked.append((int(rest or 1), sheet.name))
    return [name for _, name in sorted(ranked)]


@dataclass
class ReceivedLog:
    """The audit entries a handover file carries, by chain, and (after ``check``) each chain
    against the receiving vault."""

    chains: dict[str, list[Row]] = field(default_factory=dict)
    checks: list[received.ChainCheck] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.chains.values())

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def check(self, vault: VaultHandle, sender: str | None, anchor: str | None) -> ReceivedLog:
        self.checks = received.check_chains(vault, self.chains, sender, anchor)
        return self

    def note(self) -> str:
        """The preview's lines on the log: each chain's entries, what is new, its verdict."""
        if not self.checks:
            return t("文件中没有审计日志", "the file carries no audit log")
        head = t("审计日志：{} 条", "audit log: {} entries").format(self.total)
        if not self.ok:
            head += t(
                "（有记录未通过校验，仍会保存并标明）", " (some fail their check: stored all the same, and flagged)"
            )
        return "\n".join([head, *(check.message() for check in self.checks)])

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {
                "sender": c.sender,
                "entries": c.entries,
                "new": c.new,
                "differing": c.differing,
                "ok": c.ok,
                "broken_seq": c.result.broken_seq,
                "reason": c.result.reason,
                "cut": c.cut,
                "own": c.own,
            }
            for c in self.checks
        ]


def read_audit(book: Workbook) -> ReceivedLog:
    """The 审计日志 sheet(s) of a handover file; a file without one carries no entries."""
    found: dict[str, list[Row]] = defaultdict(list)
    for name in sheet_names(book):
        sheet = next(s for s in book.sheets if s.name == name)
        missing = [c.header for c in AUDIT_COLUMNS if c.key in _READ and c.header not in _header(sheet.rows)]
        if sheet.rows and missing:
            raise _refused(book.name, name, 1, missing[0], t("缺少这一列", "the column is missing"))
        for number, cells in _sheet_rows(book, name, AUDIT_COLUMNS):
            try:
                chain, row = received.parse_entry(cells)
            except ValidationError as exc:
                header = next((c.header for c in AUDIT_COLUMNS if c.key == exc.field), exc.field)
                raise _refused(book.name, name, number, header, exc.message) from None
            found[chain].append(row)
    return ReceivedLog(dict(found))


def _header(rows: list[list[object]]) -> set[str]:
    return {str(cell).strip() for cell in rows[0] if cell is not None} if rows else set()


def _refused(file: str, sheet: str, row: int, column: str, reason: str) -> UserError:
    return UserError(
        t(
            "“{}”的“{}”工作表第 {} 行，{}：{}。文件中的审计日志已损坏，未导入任何内容；请让对方重新导出移交文件。",
            '"{}", sheet {}, row {}, {}: {}. The audit log in the file is damaged and nothing was '
            "imported: ask the sender to export the handover again.",
        ).format(file, sheet, row, column, reason)
    )


def write_audit(conn, log: ReceivedLog, vault: VaultHandle) -> int:
    """Store the file's entries as received ones, in the merge's transaction; how many were new."""
    return received.store(conn, log.chains, received.vault_id(vault))
