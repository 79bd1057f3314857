"""Entries received with a handover (issue 18.1: "the log survives handover"): what a sender's
file carries, how each row is checked, how the chains it holds compare with what this vault
already keeps, and storing them in ``audit_received`` inside the merge's transaction.

A handover carries the sender's own entries under its vault id (the header's uuid) and the
entries it received itself, each under its own sender: a client handed on twice (A → B → C)
reaches C with A's history too, and every chain is checked by its own hashes, whoever forwarded
it. Received entries never join this vault's chain (``audit_log``: its seq and hashes are
untouched); entries under this vault's own id (its history coming back) are not stored again.

A row is taken only in the shape a vault writes it (codes, UTC stamps, 64-hex hashes, counts as
a JSON object) and with nothing shaped like an ID number or a mobile in it: a file edited to
carry client data in its log is refused, not stored. A well-formed row whose hash does not fit
is stored all the same and its chain is flagged (the evidence is kept, not thrown away).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t
from rm_desktop.services.audit.chain import GENESIS, Row, VerifyResult, anchor_in, verify_rows
from rm_desktop.services.audit.log import _CONTROL, _DIGITS, _HASH, is_code
from rm_desktop.services.audit.reading import _COLUMNS, AuditEntry, _entry, utc_stamp
from rm_desktop.storage.handle import VaultHandle

_VAULT_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]{0,63}$")
_ORIGIN = re.compile(r"^[a-z][a-z0-9_.:-]{0,79}$")
_STAMP = re.compile(r"^[0-9][0-9T:.+\- Z]{0,31}$")
_MAX_COUNTS = 4000  # characters: an entry's counts are a few codes, numbers and a file name


def vault_id(vault: VaultHandle) -> str:
    """This vault's stable id: the uuid in its header (kept by password changes and re-keys)."""
    found = getattr(getattr(vault, "header", None), "vault_id", None)
    if not found:
        raise ValueError("the vault has no header id")
    return str(found)


def carried(vault: VaultHandle) -> Iterator[tuple[str, Row]]:
    """What a handover carries, as (chain id, row): this vault's own entries under its id, then
    those it received, each under its sender, in seq order."""
    own = vault_id(vault)
    with vault.engine.connect() as conn:
        for row in conn.exec_driver_sql(f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq"):
            yield own, tuple(row)
        for sender, *rest in conn.exec_driver_sql(
            f"SELECT sender, {_COLUMNS} FROM audit_received WHERE sender != ? ORDER BY sender, seq", (own,)
        ):
            yield sender, tuple(rest)


# -- one row, checked -------------------------------------------------------------------------


def _bad(field: str, zh: str, en: str) -> ValidationError:
    return ValidationError(field, t(zh, en))


def _text(cells: Mapping[str, object], key: str, pattern: re.Pattern[str], zh: str, en: str) -> str:
    value = cells.get(key)
    if not isinstance(value, str) or not pattern.match(value):
        raise _bad(key, zh, en)
    return value


def _no_identity(key: str, value: str) -> None:
    if _DIGITS.search(value):
        raise _bad(key, "含有像证件号码或手机号码的数字", "holds digits shaped like an ID number or a mobile")


def _counts(value: object) -> str:
    if not isinstance(value, str) or len(value) > _MAX_COUNTS:
        raise _bad("counts", "应为 JSON 对象", "must be a JSON object")
    try:
        parsed = json.loads(value)
    except ValueError:
        raise _bad("counts", "不是有效的 JSON", "is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise _bad("counts", "应为 JSON 对象", "must be a JSON object")
    for key, item in parsed.items():
        if key == "anchor":  # another log's latest hash: hex, which may hold any digit run
            if not isinstance(item, str) or not _HASH.match(item):
                raise _bad("counts", "anchor 应为 64 位十六进制", "anchor must be 64 hexadecimal characters")
            continue
        for leaf in item if isinstance(item, list) else [item]:
            if isinstance(leaf, (dict, list)):
                raise _bad("counts", "只能有数字、代码和文件名", "may hold only numbers, codes and a file name")
            _no_identity("counts", str(leaf))
    return value


def parse_entry(cells: Mapping[str, object]) -> tuple[str, Row]:
    """One carried row (cells by key: chain, seq, at, action, object, counts, origin, prev_hash,
    hash) → (chain id, row); ValidationError naming the field when it is not what a vault writes."""
    chain = _text(cells, "chain", _VAULT_ID, "不是有效的保险库标识", "is not a vault id")
    seq = cells.get("seq")
    if isinstance(seq, str) and seq.isdigit():
        seq = int(seq)
    if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq < 2**62:
        raise _bad("seq", "应为正整数", "must be a positive whole number")
    at = _text(cells, "at", _STAMP, "不是时间（UTC）", "is not a UTC time")
    _no_identity("at", at)
    action = cells.get("action")
    if not isinstance(action, str) or not is_code(action):
        raise _bad("action", "不是操作代码", "is not an action code")
    obj = cells.get("object")
    if obj in (None, ""):
        obj = None
    elif not isinstance(obj, str) or len(obj) > 120 or _CONTROL.search(obj) or ":" not in obj:
        raise _bad("object", "应为“类型:编号”，最多 120 个字", 'must be "kind:id", at most 120 characters')
    else:
        _no_identity("object", obj)
    counts = _counts(cells.get("counts"))
    origin = _text(cells, "origin", _ORIGIN, "不是来源代码", "is not an origin code")
    prev = _text(cells, "prev_hash", _HASH, "应为 64 位十六进制", "must be 64 hexadecimal characters")
    digest = _text(cells, "hash", _HASH, "应为 64 位十六进制", "must be 64 hexadecimal characters")
    return chain, (seq, at, action, obj, counts, origin, prev, digest)


# -- the chains a file holds, against this vault ----------------------------------------------


@dataclass(frozen=True)
class ChainCheck:
    sender: str
    entries: int  # in the file
    new: int = 0  # not held yet: what the merge stores
    differing: int = 0  # a seq already held with another hash (the held entry is kept)
    result: VerifyResult = field(default_factory=lambda: VerifyResult(0))  # the file's entries as the sender's chain
    cut: bool = False  # the sender's own chain does not end at the latest hash its 汇总 names
    own: bool = False  # this vault's own entries come back: not stored again

    @property
    def ok(self) -> bool:
        return self.result.ok and not self.differing and not self.cut

    def message(self) -> str:
        who = self.sender[:8]
        if self.own:
            return t(
                "本机自己的 {} 条审计记录随文件返回，不重复保存",
                "{} of this vault's own entries came back: not stored again",
            ).format(self.entries)
        parts = [
            t("接收自 {}：{} 条，新增 {} 条；{}", "received from {}: {} entries, {} new; {}").format(
                who, self.entries, self.new, self.result.message()
            )
        ]
        if self.cut:
            parts.append(
                t(
                    "末尾的记录被删去（与汇总中的末条哈希不符）",
                    "entries were cut off at the end (not the 汇总's latest hash)",
                )
            )
        if self.differing:
            parts.append(
                t(
                    "{} 条与已收到的同号记录不同（保留已有的）",
                    "{} differ from entries already received (those are kept)",
                ).format(self.differing)
            )
        return t("；", "; ").join(parts)


def check_chains(
    vault: VaultHandle, chains: Mapping[str, Sequence[Row]], sender: str | None = None, anchor: str | None = None
) -> list[ChainCheck]:
    """Each chain of a file against this vault: new, already held, differing; its own verdict.
    ``sender`` and ``anchor`` (the file's 汇总: the sender's id and latest hash) check that the
    sender's own chain was not cut short."""
    own = vault_id(vault)
    found: list[ChainCheck] = []
    names = sorted(set(chains) | ({sender} if sender and anchor else set()))
    with vault.engine.connect() as conn:
        for name in names:
            rows = sorted(chains.get(name, ()), key=lambda row: row[0])
            by_hash = {row[7]: row[0] for row in rows}
            result = verify_rows(rows, by_hash.get, anchor_in(rows))  # a sender may have pruned its log
            cut = name == sender and anchor is not None and (rows[-1][7] if rows else GENESIS) != anchor
            if name == own:
                found.append(ChainCheck(name, len(rows), result=result, cut=cut, own=True))
                continue
            held: dict[int, str] = dict(
                conn.exec_driver_sql("SELECT seq, hash FROM audit_received WHERE sender = ?", (name,)).all()
            )
            new = sum(1 for row in rows if row[0] not in held)
            differing = sum(1 for row in rows if row[0] in held and held[row[0]] != row[7])
            found.append(ChainCheck(name, len(rows), new, differing, result, cut))
    return found


def store(conn: Connection, chains: Mapping[str, Sequence[Row]], own: str) -> int:
    """Store the chains' entries not held yet (same sender and seq: kept as held), on the
    merge's connection; returns how many were added."""
    rows = [(name, *row) for name, entries in chains.items() if name != own for row in entries]
    if not rows:
        return 0
    count = "SELECT count(*) FROM audit_received"
    before = int(conn.exec_driver_sql(count).scalar() or 0)
    conn.exec_driver_sql(
        f"INSERT OR IGNORE INTO audit_received (sender, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return int(conn.exec_driver_sql(count).scalar() or 0) - before


def entries_from(
    vault: VaultHandle,
    sender: str | None = None,
    *,
    since: Any = None,
    action: str | None = None,
    client: int | None = None,
    limit: int | None = 1000,
) -> list[AuditEntry]:
    """Received entries only (one sender's, or every sender's), newest first, with the filters
    of reading.entries: the 审计日志 dialog's 来源 filter."""
    where: list[str] = ["1 = 1"]
    params: dict[str, Any] = {}
    for cond, key, value in (
        ("sender = :sender", "sender", sender),
        ("at >= :since", "since", None if since is None else utc_stamp(since)),
        ("action = :action", "action", action),
        ("(object = :client OR object LIKE :client || ' %')", "client", None if client is None else f"client:{client}"),
    ):
        if value is not None:
            where.append(cond)
            params[key] = value
    bound = "" if limit is None else f" LIMIT {int(limit)}"
    sql = f"SELECT {_COLUMNS}, sender FROM audit_received WHERE {' AND '.join(where)} ORDER BY at DESC, seq DESC{bound}"
    with vault.engine.connect() as conn:
        return [_entry(row) for row in conn.execute(text(sql), params).all()]
