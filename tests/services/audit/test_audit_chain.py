"""The hash chain: an intact log verifies; one row changed, deleted, swapped or inserted with
raw SQL through the vault key is found and named (its seq and why)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.services.audit import chain, log, reading
from rm_desktop.storage.keyed import raw_connect


def _fill(vault, n=6):
    for i in range(n):
        log.record_now(vault, "search", counts={"rows": i})
    return reading.latest_seq(vault)


def _raw(vault, *statements):
    conn = raw_connect(str(vault.paths.db), vault.key)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def test_an_untouched_log_is_whole(vault):
    _fill(vault)
    result = reading.verify(vault)
    assert result.ok and result.checked == 6 and result.latest_hash == reading.latest_hash(vault)
    assert result.message().startswith("完整")


def test_an_empty_log_is_whole(vault):
    result = reading.verify(vault)
    assert result.ok and result.checked == 0 and reading.latest_hash(vault) == chain.GENESIS


@pytest.mark.parametrize("column, value", [("action", "'lock'"), ("counts", "'{\"rows\":99}'"), ("at", "'2020-01-01'")])
def test_a_changed_row_is_named(vault, column, value):
    _fill(vault)
    _raw(vault, f"UPDATE audit_log SET {column} = {value} WHERE seq = 4")
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason) == (4, chain.CHANGED)
    assert "第 4 条" in result.message()


def test_a_deleted_row_is_named(vault):
    _fill(vault)
    _raw(vault, "DELETE FROM audit_log WHERE seq = 3")
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason, result.detail) == (4, chain.DELETED, 3)


def test_the_first_row_deleted_is_named(vault):
    _fill(vault)
    _raw(vault, "DELETE FROM audit_log WHERE seq = 1")
    assert (reading.verify(vault).broken_seq, reading.verify(vault).reason) == (2, chain.DELETED)


def test_two_rows_swapped_by_seq_are_named(vault):
    _fill(vault)
    _raw(
        vault,
        "UPDATE audit_log SET seq = -1 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = -1",
    )
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason, result.detail) == (2, chain.REORDERED, 3)


def test_two_rows_swapped_by_content_are_named(vault):
    _fill(vault)
    cols = "at, action, object, counts, origin, prev_hash, hash"
    _raw(
        vault,
        "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE seq IN (4, 5)",
        f"UPDATE audit_log SET ({cols}) = (SELECT {cols} FROM t WHERE t.seq = 9 - audit_log.seq) WHERE seq IN (4, 5)",
    )
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason) == (4, chain.REORDERED)


def test_an_inserted_row_is_named(vault):
    _fill(vault)
    # A well-formed entry slotted in: the later rows shifted up, the new one chained to #3.
    conn = raw_connect(str(vault.paths.db), vault.key)
    prev = conn.execute("SELECT hash FROM audit_log WHERE seq = 3").fetchone()[0]
    digest = chain.entry_hash(4, "2026-01-01T00:00:00.000Z", "lock", None, "{}", "local", prev)
    for seq in (6, 5, 4):
        conn.execute("UPDATE audit_log SET seq = seq + 1 WHERE seq = ?", (seq,))
    conn.execute(
        "INSERT INTO audit_log VALUES (4, '2026-01-01T00:00:00.000Z', 'lock', NULL, '{}', 'local', ?, ?)",
        (prev, digest),
    )
    conn.commit()
    conn.close()
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason) == (4, chain.INSERTED)


def test_a_row_before_the_first_is_inserted(vault):
    _fill(vault, 3)
    digest = chain.entry_hash(0, "x", "lock", None, "{}", "local", chain.GENESIS)
    _raw(vault, f"INSERT INTO audit_log VALUES (0, 'x', 'lock', NULL, '{{}}', 'local', '{chain.GENESIS}', '{digest}')")
    assert (reading.verify(vault).broken_seq, reading.verify(vault).reason) == (0, chain.INSERTED)


_ROW = st.tuples(st.sampled_from(["search", "copy", "lock"]), st.integers(0, 10**6))


@settings(max_examples=60, deadline=None)
@given(st.lists(_ROW, min_size=2, max_size=12), st.data())
def test_any_single_field_change_breaks_the_chain_at_that_row(rows, data):
    """Pure: a chain built by entry_hash verifies; changing any one field of any one row is found
    at that row (or, for prev_hash, there too)."""
    built, prev = [], chain.GENESIS
    for seq, (action, n) in enumerate(rows, start=1):
        counts = f'{{"rows":{n}}}'
        digest = chain.entry_hash(seq, f"t{seq}", action, None, counts, "local", prev)
        built.append((seq, f"t{seq}", action, None, counts, "local", prev, digest))
        prev = digest
    assert chain.verify_rows(built, lambda h: None).ok
    index = data.draw(st.integers(0, len(built) - 1))
    field = data.draw(st.integers(1, 7))
    row = list(built[index])
    row[field] = (row[field] or "") + "x"
    broken = [*built[:index], tuple(row), *built[index + 1 :]]
    result = chain.verify_rows(broken, lambda h: None)
    assert not result.ok and result.broken_seq == index + 1


def test_received_entries_are_kept_apart_and_checked_as_their_senders_chain(vault):
    _fill(vault, 2)
    rows, prev = [], chain.GENESIS
    for seq in (1, 2, 3):
        digest = chain.entry_hash(seq, f"2026-01-0{seq}T00:00:00.000Z", "search", None, "{}", "local", prev)
        rows.append(("sender-a", seq, f"2026-01-0{seq}T00:00:00.000Z", "search", None, "{}", "local", prev, digest))
        prev = digest
    conn = raw_connect(str(vault.paths.db), vault.key)
    conn.executemany("INSERT INTO audit_received VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    assert reading.verify(vault).ok and reading.verify(vault).checked == 2  # not part of this vault's chain
    assert reading.verify_received(vault)["sender-a"].ok
    origins = {e.origin for e in reading.entries(vault, limit=None)}
    assert origins == {"local", "received:sender-a"}
    _raw(vault, "UPDATE audit_received SET action = 'lock' WHERE seq = 2")
    broken = reading.verify_received(vault)["sender-a"]
    assert (broken.broken_seq, broken.reason) == (2, chain.CHANGED)


def test_a_rewritten_row_chained_to_another_entry_is_named(vault):
    """A row replaced by a well-formed entry (its own hash right) that follows #2, not #3: the
    link to the entry before it is what gives it away."""
    _fill(vault)
    conn = raw_connect(str(vault.paths.db), vault.key)
    prev = conn.execute("SELECT hash FROM audit_log WHERE seq = 2").fetchone()[0]
    digest = chain.entry_hash(4, "2026-01-01T00:00:00.000Z", "lock", None, "{}", "local", prev)
    conn.execute(
        "UPDATE audit_log SET at = '2026-01-01T00:00:00.000Z', action = 'lock', object = NULL, counts = '{}', "
        "prev_hash = ?, hash = ? WHERE seq = 4",
        (prev, digest),
    )
    conn.commit()
    conn.close()
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason) == (4, chain.INSERTED)


def test_a_client_filter_reads_this_vaults_entries_only(vault):
    """A received client:1 is the sender's client 1: not ours, so not in our client's history."""
    ours = reading.entries(vault, client=1, limit=None)
    at = "2026-01-01T00:00:00.000Z"
    digest = chain.entry_hash(1, at, "reveal", "client:1 王*", "{}", "local", chain.GENESIS)
    conn = raw_connect(str(vault.paths.db), vault.key)
    conn.execute(
        "INSERT INTO audit_received VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ("sender-a", 1, at, "reveal", "client:1 王*", "{}", "local", chain.GENESIS, digest),
    )
    conn.commit()
    conn.close()
    assert reading.entries(vault, client=1, limit=None) == ours
    assert any(e.origin == "received:sender-a" for e in reading.entries(vault, limit=None))
