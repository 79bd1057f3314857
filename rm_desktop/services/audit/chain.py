"""The hash chain: the canonical form of an entry, its SHA-256, and the walk that finds the
first broken entry (changed, deleted, reordered or inserted). Pure: rows in, verdict out, so
the vault's own chain and each sender's received chain are checked by the same code.

Canonical form: the seven fields joined by U+001F (unit separator), as UTF-8:
``seq, at, action, object ("" when none), counts (canonical JSON), origin, prev_hash``.
No field can hold U+001F: ``record`` refuses control characters and JSON escapes them.
The first entry's ``prev_hash`` is GENESIS (64 zeros).

What a chain cannot show by itself: entries cut off at the end, or a chain rewritten from the
start by someone holding the vault key. The latest hash written into each handover receipt
(and offered to the report exports) is the outside anchor for those.

Pruning (issue 18.5, audit_retention_days): the oldest entries, through seq K, are deleted in
the transaction that appends an ``audit_prune`` entry whose counts hold K (``through``) and
K's hash (``anchor``). The walk then starts from that anchor instead of GENESIS: the first
entry kept must be K + 1 chained to K's hash. The anchor is itself an entry of the chain, so
changing it breaks the chain; rows deleted without one (a forged prune) are still found.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rm_desktop.i18n import t

GENESIS = "0" * 64
SEP = "\x1f"

# A stored row, in column order: seq, at, action, object, counts, origin, prev_hash, hash.
Row = tuple[int, str, str, "str | None", str, str, str, str]

CHANGED, DELETED, REORDERED, INSERTED = "changed", "deleted", "reordered", "inserted"
PRUNE = "audit_prune"  # the action of the entry that anchors a pruned chain


@dataclass(frozen=True)
class Anchor:
    """Where a pruned chain starts: entries through ``through`` were deleted, ``hash`` was its."""

    through: int
    hash: str

    def counts(self, rows: int) -> dict[str, object]:
        return {"rows": rows, "through": self.through, "anchor": self.hash}


def anchor_in(rows: Iterable[Row]) -> Anchor | None:
    """The anchor of the latest ``audit_prune`` entry among ``rows`` (a chain read from a file:
    a handover's sender may have pruned); None when there is none."""
    found = None
    for row in rows:
        if row[2] == PRUNE:
            found = anchor_of(row[4]) or found
    return found


def anchor_of(counts: str) -> Anchor | None:
    """The anchor an ``audit_prune`` entry's counts JSON names; None when it names none."""
    try:
        found = json.loads(counts)
        return Anchor(int(found["through"]), str(found["anchor"]))
    except (ValueError, KeyError, TypeError):
        return None


def entry_hash(seq: int, at: str, action: str, obj: str | None, counts: str, origin: str, prev_hash: str) -> str:
    text = SEP.join((str(seq), at, action, obj or "", counts, origin, prev_hash))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class VerifyResult:
    checked: int  # entries read
    broken_seq: int | None = None  # the first broken entry, None when the chain is whole
    reason: str | None = None  # CHANGED, DELETED, REORDERED or INSERTED
    detail: int | None = None  # deleted: the first missing seq; reordered/inserted: where it belongs
    latest_hash: str = GENESIS
    pruned_through: int = 0  # the chain starts after this seq (its anchor's), 0 when never pruned

    @property
    def ok(self) -> bool:
        return self.broken_seq is None

    def message(self) -> str:
        if self.ok and self.pruned_through:
            return t(
                "完整：{} 条记录（第 {} 条及之前已按保留期限清理），链条无断点",
                "intact: {} entries (#{} and earlier pruned past retention), the chain is unbroken",
            ).format(self.checked, self.pruned_through)
        if self.ok:
            return t("完整：{} 条记录，链条无断点", "intact: {} entries, the chain is unbroken").format(self.checked)
        seq = self.broken_seq
        if self.reason == DELETED:
            return t(
                "第 {} 条之前的记录被删除（缺少第 {}–{} 条）", "entries before #{} were deleted (#{}–#{} are missing)"
            ).format(seq, self.detail, (seq or 1) - 1)
        if self.reason == REORDERED:
            return t("第 {} 条的位置被调换（它原本是第 {} 条）", "entry #{} was moved (it was #{})").format(
                seq, self.detail
            )
        if self.reason == INSERTED:
            return t("第 {} 条是插入的记录", "entry #{} was inserted").format(seq)
        return t("第 {} 条记录被改动过", "entry #{} was changed").format(seq)


def verify_rows(
    rows: Iterable[Row], find_seq_of_hash: Callable[[str], int | None], anchor: Anchor | None = None
) -> VerifyResult:
    """Walk ``rows`` (ascending seq) and stop at the first broken entry. ``find_seq_of_hash``
    (asked only once something is broken) says which seq holds a given hash, to tell a moved
    entry from a changed one. ``anchor``: a pruned chain's start (the rows after it)."""
    result = _walk(rows, find_seq_of_hash, anchor or Anchor(0, GENESIS))
    if anchor is None or not result.ok:
        return result
    return VerifyResult(result.checked, latest_hash=result.latest_hash, pruned_through=anchor.through)


def _walk(rows: Iterable[Row], find_seq_of_hash: Callable[[str], int | None], start: Anchor) -> VerifyResult:
    expected_seq, expected_prev, checked = start.through + 1, start.hash, 0
    sha256, join = hashlib.sha256, SEP.join  # entry_hash inlined: the loop runs once per entry
    for seq, at, action, obj, counts, origin, prev_hash, stored in rows:
        checked += 1
        if sha256(join((str(seq), at, action, obj or "", counts, origin, prev_hash)).encode()).hexdigest() != stored:
            return _misplaced(seq, (at, action, obj, counts, origin, prev_hash, stored), find_seq_of_hash, checked)
        if seq < expected_seq:
            return VerifyResult(checked, seq, INSERTED, None, expected_prev)
        if seq > expected_seq:
            return VerifyResult(checked, seq, DELETED, expected_seq, expected_prev)
        if prev_hash != expected_prev:
            # Self-consistent but chained to another entry: it was put here.
            return VerifyResult(checked, seq, INSERTED, None, expected_prev)
        expected_seq, expected_prev = seq + 1, stored
    return VerifyResult(checked, latest_hash=expected_prev)


def _misplaced(seq: int, rest: tuple, find_seq_of_hash: Callable[[str], int | None], checked: int) -> VerifyResult:
    """A row whose hash does not match its place. Its hash covers the seq it was written at: if
    that seq is found (near here, or just after the entry its prev_hash names), the row was moved;
    when that place is earlier, the entries between were inserted. Otherwise it was changed."""
    at, action, obj, counts, origin, prev_hash, stored = rest
    before = 0 if prev_hash == GENESIS else find_seq_of_hash(prev_hash)
    near = range(max(1, seq - _NEAR), seq + _NEAR + 1)
    for home in ([before + 1] if before is not None else []) + list(near):
        if home != seq and entry_hash(home, at, action, obj, counts, origin, prev_hash) == stored:
            if home > seq:
                return VerifyResult(checked, seq, REORDERED, home)
            return VerifyResult(checked, home, INSERTED, None)
    return VerifyResult(checked, seq, CHANGED)


_NEAR = 64  # seqs tried either side of a broken row (only once the chain is broken)
