"""Vault benchmark: bulk insert through the store vs bare sqlcipher3 without a key; unlock paths.

Run: python benchmarks/bench_vault.py [--clients N]
Goals (issue 2): store insert <= 1.25x the bare unkeyed driver; keyring unlock vs password unlock
is reported (the password path pays Argon2id on purpose).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

import sqlcipher3
from _common import best_of, timed, use_memory_keyring
from sqlalchemy.schema import CreateIndex, CreateTable

from rm_desktop.services.clients import demo
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.storage import bulk
from rm_desktop.storage.models import Client

PASSWORD = "benchmark password"


def _plain(value):
    """What the bare driver gets: values already in SQLite's own types."""
    if isinstance(value, Decimal):
        return int(value * 100)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return value


def bare_insert(path: Path, rows: list[dict]) -> None:
    conn = sqlcipher3.connect(str(path))  # no key: plain SQLite file
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    # The same schema, indexes included: both sides maintain the same B-trees.
    conn.execute(str(CreateTable(Client.__table__).compile(dialect=_dialect())))
    for index in Client.__table__.indexes:
        conn.execute(str(CreateIndex(index).compile(dialect=_dialect())))
    columns = list(rows[0])
    sql = f"INSERT INTO clients ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    with conn:
        conn.executemany(sql, [tuple(_plain(r[c]) for c in columns) for r in rows])
    conn.close()


def _dialect():
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect()


def store_insert(vault, rows: list[dict]) -> None:
    with vault.engine.begin() as conn:
        bulk.insert_rows(conn, Client, rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=100_000)
    args = parser.parse_args()
    use_memory_keyring()
    rows = demo.generate(args.clients)["clients"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # Alternate the two a few times and keep each one's best: the machine is shared and noisy.
        bare, store = [], []
        for i in range(3):
            bare.append(timed(bare_insert, tmp / f"bare{i}.db", rows)[0])
            vault = vs.create_vault(tmp / f"store{i}", PASSWORD)  # creation (Argon2id) not timed
            store.append(timed(store_insert, vault, rows)[0])
            vault.lock()
        print(f"bulk insert of {args.clients:,} clients")
        print(f"  bare sqlcipher3, no key : {min(bare):7.3f} s")
        print(f"  store, encrypted        : {min(store):7.3f} s")
        print(f"  ratio store / bare      : {min(store) / min(bare):7.2f}x   (goal <= 1.25x)")

        root = tmp / "store0"
        keyring_open = best_of(5, lambda: vs.unlock(root, None, backup=False).lock())
        password_open = best_of(5, lambda: vs.unlock(root, PASSWORD, backup=False).lock())
        print("unlock (no backup)")
        print(f"  with the keyring key    : {keyring_open * 1000:7.1f} ms")
        print(f"  with the password       : {password_open * 1000:7.1f} ms (Argon2id 64 MiB, t=3)")
        print(f"  ratio password / keyring: {password_open / keyring_open:7.2f}x")
        backup = best_of(3, lambda: _backup(root))
        print(f"backup of the {args.clients:,}-client vault: {backup:.3f} s")


def _backup(root: Path) -> None:
    vault = vs.unlock(root, None, backup=False)
    try:
        vs.backup_now(vault)
    finally:
        vault.lock()


if __name__ == "__main__":
    main()
