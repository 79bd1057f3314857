"""Writing and reading the audit log.

``record`` appends one entry on the caller's own session or connection, inside the transaction
of the action it records: committed with it, rolled back with it. Actions that have no
transaction (unlock, lock, search, copy, print) use ``record_now`` (a short one of its own);
those that write a file use ``recorded`` (the entry's transaction wraps the file write, so a
failed write leaves no entry). ``seq`` is max + 1 read inside that write transaction, which
begins with BEGIN IMMEDIATE (storage/db), so two processes never take the same number.

What may go in: a client as ``client_object(id, name)`` ("client:12 张*"), a setting as
"setting:<key>"; counts of clients and rows, field codes, a kind code, a reveal's reason code and
its free-text reason (no run of 6+ digits), and a file's base name
(ID-number- and mobile-shaped digits masked: a file named after one does not put it in the log).
Anything else is refused (ValueError: a programming error, not the user's).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Protocol

from rm_desktop.services.audit.chain import GENESIS, entry_hash

if TYPE_CHECKING:  # SQLAlchemy is imported by the writer that uses it: record_on_driver needs none
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from rm_desktop.storage.handle import VaultHandle

LOCAL = "local"
RECEIVED_PREFIX = "received:"
_CODE = re.compile(r"^[a-z][a-z0-9_.]{0,39}$")
# What an ID number or a mobile looks like in a file name (dates and times are left alone).
_DIGITS = re.compile(r"(?<!\d)(?:\d{17}[\dXx]|\d{15}|1\d{10})(?![\dXx])")
_LONG_DIGITS = re.compile(r"\d{6,}")
_HASH = re.compile(r"^[0-9a-f]{64}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# register: the export register row an export entry belongs to; through: a prune's last seq (chain.Anchor)
_INTS = ("clients", "rows", "register", "through")


def mask_name(name: str | None) -> str:
    """A client's name as the log shows it: the first character, the rest as * (at most 3)."""
    name = _CONTROL.sub("", (name or "").strip())
    return (name[:1] or "*") + "*" * min(max(len(name) - 1, 1), 3)


def client_object(client_id: int, name: str | None) -> str:
    return f"client:{int(client_id)} {mask_name(name)}"


def safe_file_name(path: str | PurePath) -> str:
    """A file's base name, at most 80 characters, with anything shaped like an ID number or a
    mobile (a file named after a client) masked."""
    name = PurePath(str(path)).name
    return _DIGITS.sub(lambda m: "#" * len(m.group()), _CONTROL.sub("", name))[:80]


def is_code(text: str) -> bool:
    return bool(_CODE.match(text))


def canonical_counts(counts: dict[str, Any] | None) -> str:
    clean: dict[str, Any] = {}
    for key, value in (counts or {}).items():
        if key in _INTS:
            clean[key] = int(value)
        elif key == "fields":
            fields = sorted({str(f) for f in value})
            if not all(_CODE.match(f) for f in fields):
                raise ValueError(f"audit fields must be codes: {fields!r}")
            clean[key] = fields
        elif key == "kind":
            if not _CODE.match(str(value)):
                raise ValueError(f"audit kind must be a code: {value!r}")
            clean[key] = str(value)
        elif key == "file":
            clean[key] = safe_file_name(value)
        elif key == "reason":  # a reveal's reason code (services/reveals)
            if not _CODE.match(str(value)):
                raise ValueError(f"audit reason must be a code: {value!r}")
            clean[key] = str(value)
        elif key == "note":  # a reveal's 其他 reason in the RM's words: no ID- or phone-sized digit run
            note = _CONTROL.sub(" ", str(value)).strip()[:200]
            if _LONG_DIGITS.search(note):
                raise ValueError("audit note may not hold a run of 6+ digits")
            clean[key] = note
        elif key == "anchor":  # another log's latest hash (a handover's sender): 64 hex, nothing else
            if not _HASH.match(str(value)):
                raise ValueError(f"audit anchor must be a SHA-256: {value!r}")
            clean[key] = str(value)
        else:
            raise ValueError(f"audit counts may not hold {key!r}")
    return json.dumps(clean, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _check_object(obj: str | None) -> str | None:
    if obj is None:
        return None
    kind, _, rest = obj.partition(":")
    if kind not in ("client", "setting", "plan") or not rest or _CONTROL.search(obj) or len(obj) > 120:
        raise ValueError(f"audit object must be client:/setting:/plan:<id>: {obj!r}")
    return obj


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(now: dt.datetime | None) -> str:
    moment = (now or utc_now()).astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# The latest entry (the new one chains to it) and the insert: the same SQL for both writers.
_LAST = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
_INSERT = (
    "INSERT INTO audit_log (seq, at, action, object, counts, origin, prev_hash, hash) "
    "VALUES (:seq, :at, :action, :object, :counts, :origin, :prev, :hash)"
)


def new_entry(
    last: tuple[int, str] | None,
    action: str,
    *,
    object: str | None = None,
    counts: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The entry to append after ``last`` (the latest entry's seq and hash, None for an empty
    log): its fields and hash, checked, as the parameters of the insert. The one maker of an
    entry, whatever the connection it is written on (:func:`record`, :func:`record_on_driver`)."""
    from rm_desktop.services.audit.actions import ACTIONS

    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    seq, prev = (1, GENESIS) if last is None else (last[0] + 1, last[1])
    at, obj, body = _stamp(now), _check_object(object), canonical_counts(counts)
    digest = entry_hash(seq, at, action, obj, body, LOCAL, prev)
    return {
        "seq": seq,
        "at": at,
        "action": action,
        "object": obj,
        "counts": body,
        "origin": LOCAL,
        "prev": prev,
        "hash": digest,
    }


def record(
    session_or_conn: Session | Connection,
    action: str,
    *,
    object: str | None = None,
    counts: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Append one entry in the caller's transaction; returns its seq."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    conn = session_or_conn.connection() if isinstance(session_or_conn, Session) else session_or_conn
    found = conn.execute(text(_LAST)).first()
    entry = new_entry(None if found is None else (found[0], found[1]), action, object=object, counts=counts, now=now)
    conn.execute(text(_INSERT), entry)
    return int(entry["seq"])


def record_on_driver(
    dbapi_conn: Any,
    action: str,
    *,
    object: str | None = None,
    counts: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
) -> int:
    """:func:`record` on a bare sqlcipher3 connection, in the caller's transaction (which it
    began with BEGIN IMMEDIATE, as storage/db's writers do); returns its seq."""
    found = dbapi_conn.execute(_LAST).fetchone()
    entry = new_entry(None if found is None else (found[0], found[1]), action, object=object, counts=counts, now=now)
    dbapi_conn.execute(_INSERT, entry)
    return int(entry["seq"])


def record_raw(dbapi_conn: Any, action: str, *, counts: dict[str, Any] | None = None) -> bool:
    """``record`` on a bare sqlcipher3 connection (a restore's database before it is swapped in,
    committed with it); False when that database predates the audit log (an old backup: its
    log starts at the next unlock, after the upgrade)."""
    if dbapi_conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").fetchone() is None:
        return False
    record_on_driver(dbapi_conn, action, counts=counts)
    return True


class OnDriver(Protocol):
    """A vault on the bare driver (services/vault/driver_vault): its write transactions."""

    def write_on_driver(self) -> AbstractContextManager[Any]: ...


def record_now(vault: VaultHandle | OnDriver, action: str, **kwargs: Any) -> int:
    """``record`` in a short write transaction of its own (an action that has none); on a vault
    opened on the bare driver (services/vault/driver_vault), in its ``write_on_driver``."""
    if not hasattr(vault, "sessions"):
        with vault.write_on_driver() as conn:
            return record_on_driver(conn, action, **kwargs)
    with vault.sessions.begin() as session:
        return record(session, action, **kwargs)


@dataclass
class Pending:
    """What ``recorded`` writes when its block ends; the block may fill ``counts`` in."""

    object: str | None = None
    counts: dict[str, Any] = field(default_factory=dict)


@contextlib.contextmanager
def recorded(vault: VaultHandle, action: str, *, object: str | None = None, **counts: Any) -> Iterator[Pending]:
    """Run a file-writing block and its entry in one write transaction: an exception in the block
    rolls the entry back with it."""
    pending = Pending(object, dict(counts))
    with vault.sessions.begin() as session:
        yield pending
        record(session, action, object=pending.object, counts=pending.counts)
