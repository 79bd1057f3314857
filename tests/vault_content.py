"""What a vault holds, the audit log's own entries aside, for the tests that a refused or failed
command "changes nothing": since issue 18.1 every command's unlock and lock are entries of the
log, so the database file changes even when nothing the user stored did.

:func:`vault_content` reads every table but the audit log's through the vault key (a raw
connection: no unlock, so no entry of its own) plus the bytes of every other file of the folder.
A database that cannot be read that way (damaged, no key) is taken by its bytes, as before.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from rm_desktop.security.header import VaultHeader
from rm_desktop.storage.keyed import raw_connect

AUDIT_TABLES = ("audit_log", "audit_received")
NOT_DATA = ("locks", "logs")


def _tables(root: Path, key: bytes | bytearray) -> dict[str, str]:
    conn = raw_connect(str(root / "vault.db"), bytearray(key))
    try:
        names = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if name not in AUDIT_TABLES
        ]
        found = {}
        for name in names:
            where = " WHERE name NOT IN ('audit_log', 'audit_received')" if name == "sqlite_sequence" else ""
            rows = conn.execute(f'SELECT * FROM "{name}"{where}').fetchall()  # names from the schema itself
            found[f"table:{name}"] = hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()
        return found
    finally:
        conn.close()


def vault_content(root: Path, *, password: str | None = None, key: bytes | bytearray | None = None) -> dict[str, str]:
    """File name → digest for every file but the database's, table → digest for its tables."""
    found = {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and not path.is_symlink()
        and path.relative_to(root).parts[0] not in NOT_DATA
        and not path.name.startswith("vault.db")
    }
    try:
        if key is None:
            key = VaultHeader.load(root / "vault.header").unwrap(password or "")
        found.update(_tables(root, key))
    except Exception:  # damaged or unreadable: compare its bytes instead
        for path in sorted(root.glob("vault.db*")):
            if path.stat().st_size:
                found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found
