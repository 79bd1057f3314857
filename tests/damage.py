"""Damage as a disk gives it: bytes overwritten in a database file (SQLCipher's page HMACs then
fail for those pages), and a fingerprint of a vault's files to show that a refused operation
changed nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path


def damage_pages(path: Path, start: float = 0.25, end: float = 0.75) -> None:
    """Overwrite the bytes from ``start`` to ``end`` (shares of the file's size) with 0xAA. The
    default hits the middle, where a migrated vault keeps schema pages too: it no longer opens.
    The tail (e.g. 0.85-0.95) holds the rows written last, after the schema: it opens, and
    reading those rows fails."""
    size = path.stat().st_size
    first, last = int(size * start), int(size * end)
    with open(path, "r+b") as handle:
        handle.seek(first)
        handle.write(b"\xaa" * (last - first))


def fingerprint(root: Path) -> dict[str, str]:
    """Every file under ``root`` but the lock files, by content."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "locks" not in path.parts
    }
