"""Audit log retention (issue 18.5): entries older than audit_retention_days are pruned oldest
first in one transaction behind an ``audit_prune`` anchor (the last pruned seq and its hash);
verify starts from it and still names a changed, deleted or reordered row after it, and rows
deleted without an anchor (a forged prune) or a changed anchor are found. Raw SQL through the
vault key, as in test_audit_chain."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.services.audit import chain, log, reading
from rm_desktop.services.privacy import housekeeping
from rm_desktop.storage.keyed import raw_connect

NOW = dt.datetime(2036, 3, 2, 9)


def _fill(vault, days_ago: list[int]):
    """One entry per age (in days before NOW), oldest first."""
    for i, age in enumerate(days_ago):
        log.record_now(vault, "search", counts={"rows": i}, now=NOW - dt.timedelta(days=age))


def _raw(vault, *statements):
    conn = raw_connect(str(vault.paths.db), vault.key)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def _seqs(vault):
    return sorted(e.seq for e in reading.entries(vault, limit=None, received=False))


def test_old_entries_are_pruned_behind_an_anchor_and_the_rest_verifies(vault):
    _fill(vault, [4000, 3900, 3700, 100, 10])  # #1–#3 older than the default ten years
    pruned_hash = reading.entries(vault, limit=None)[2].hash  # #3, the last one to go
    assert housekeeping.prune_audit(vault, NOW) == 3
    assert _seqs(vault) == [4, 5, 6]
    (entry,) = reading.entries(vault, action=chain.PRUNE)
    assert entry.seq == 6 and entry.counts == {"rows": 3, "through": 3, "anchor": pruned_hash}
    result = reading.verify(vault)
    assert result.ok and result.checked == 3 and result.pruned_through == 3
    assert "第 3 条及之前已按保留期限清理" in result.message()
    assert housekeeping.prune_audit(vault, NOW) == 0  # nothing older left: no second entry
    assert len(reading.entries(vault, action=chain.PRUNE)) == 1


def test_a_second_prune_moves_the_anchor_and_the_setting_counts(vault):
    _fill(vault, [4000, 900, 800, 10])
    assert housekeeping.prune_audit(vault, NOW) == 1
    vault.settings.set("audit_retention_days", 365)
    # #2 and #3 go; #4 (ten days old) stops the walk: the anchor (#5) and the change (#6) after it stay.
    assert housekeeping.prune_audit(vault, NOW) == 2
    assert _seqs(vault) == [4, 5, 6, 7]
    assert reading.verify(vault).ok and reading.verify(vault).pruned_through == 3


def test_everything_old_goes_and_the_anchor_alone_verifies(vault):
    _fill(vault, [5000, 4000])
    assert housekeeping.prune_audit(vault, NOW) == 2
    assert _seqs(vault) == [3]
    assert reading.verify(vault).ok and reading.verify(vault).pruned_through == 2


def _pruned(vault):
    _fill(vault, [4000, 3900, 100, 90, 80, 70])
    housekeeping.prune_audit(vault, NOW)
    assert _seqs(vault) == [3, 4, 5, 6, 7] and reading.verify(vault).ok


def test_a_changed_row_after_the_anchor_is_named(vault):
    _pruned(vault)
    _raw(vault, "UPDATE audit_log SET action = 'lock' WHERE seq = 4")
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason) == (4, chain.CHANGED)


def test_a_deleted_row_after_the_anchor_is_named(vault):
    _pruned(vault)
    _raw(vault, "DELETE FROM audit_log WHERE seq = 5")
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason, result.detail) == (6, chain.DELETED, 5)


def test_the_first_row_after_the_anchor_deleted_is_named(vault):
    _pruned(vault)
    _raw(vault, "DELETE FROM audit_log WHERE seq = 3")
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason, result.detail) == (4, chain.DELETED, 3)


def test_rows_swapped_after_the_anchor_are_named(vault):
    _pruned(vault)
    _raw(
        vault,
        "UPDATE audit_log SET seq = -1 WHERE seq = 4",
        "UPDATE audit_log SET seq = 4 WHERE seq = 5",
        "UPDATE audit_log SET seq = 5 WHERE seq = -1",
    )
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason, result.detail) == (4, chain.REORDERED, 5)


def test_old_rows_deleted_without_an_anchor_are_found(vault):
    """A forged prune: the old rows cut off by hand, no audit_prune entry behind them."""
    _fill(vault, [4000, 3900, 100, 90])
    _raw(vault, "DELETE FROM audit_log WHERE seq <= 2")
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason, result.detail) == (3, chain.DELETED, 1)


def test_a_deleted_anchor_entry_is_found(vault):
    _pruned(vault)
    _raw(vault, "DELETE FROM audit_log WHERE action = 'audit_prune'")
    result = reading.verify(vault)
    assert not result.ok and (result.reason, result.detail) == (chain.DELETED, 1)


def test_a_moved_anchor_is_found(vault):
    """The anchor's counts rewritten to hide more deleted rows: its own hash no longer matches."""
    _pruned(vault)
    anchor = reading.entries(vault, action=chain.PRUNE)[0]
    later = reading.entries(vault, limit=None)[-2]  # #4
    counts = f'{{"anchor":"{later.hash}","rows":3,"through":4}}'
    _raw(
        vault,
        f"UPDATE audit_log SET counts = '{counts}' WHERE seq = {anchor.seq}",
        "DELETE FROM audit_log WHERE seq <= 4",
    )
    result = reading.verify(vault)
    assert (result.broken_seq, result.reason) == (anchor.seq, chain.CHANGED)


def test_an_anchor_entry_counts_only_numbers_and_a_hash(vault):
    _fill(vault, [4000, 10])
    housekeeping.prune_audit(vault, NOW)
    (entry,) = reading.entries(vault, action=chain.PRUNE)
    assert set(entry.counts) == {"rows", "through", "anchor"} and entry.object is None


def test_anchor_in_finds_a_pruned_chains_start_among_rows():
    row = (9, "x", chain.PRUNE, None, '{"anchor":"' + "a" * 64 + '","rows":2,"through":2}', "local", "b" * 64, "c")
    assert chain.anchor_in([row]) == chain.Anchor(2, "a" * 64)
    assert chain.anchor_in([]) is None


def _chain(n: int) -> list[chain.Row]:
    rows: list[chain.Row] = []
    prev = chain.GENESIS
    for seq in range(1, n + 1):
        digest = chain.entry_hash(seq, f"2026-01-01T00:00:{seq % 60:02d}.000Z", "search", None, "{}", "local", prev)
        rows.append((seq, f"2026-01-01T00:00:{seq % 60:02d}.000Z", "search", None, "{}", "local", prev, digest))
        prev = digest
    return rows


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 30), st.data())
def test_any_cut_verifies_from_its_anchor_and_only_from_it(n, data):
    """Pure: a chain cut after any k verifies from Anchor(k, hash of k); from no anchor, or an
    anchor one off, the cut is found at its first kept row."""
    rows = _chain(n)
    k = data.draw(st.integers(1, n - 1))
    kept = rows[k:]
    result = chain.verify_rows(kept, lambda _h: None, chain.Anchor(k, rows[k - 1][7]))
    assert result.ok and result.pruned_through == k and result.checked == n - k
    assert chain.verify_rows(kept, lambda _h: None).broken_seq == k + 1
    off = data.draw(st.sampled_from([k - 1, k + 1]))
    if 0 < off < n:
        assert not chain.verify_rows(kept, lambda _h: None, chain.Anchor(off, rows[off - 1][7])).ok


@given(st.text(max_size=80))
def test_anchor_of_reads_anything_without_raising(text):
    found = chain.anchor_of(text)
    assert found is None or isinstance(found, chain.Anchor)


@given(st.integers(1, 10**9), st.text("0123456789abcdef", min_size=64, max_size=64), st.integers(1, 10**6))
def test_an_anchor_survives_the_logs_canonical_counts(through, digest, rows):
    body = log.canonical_counts(chain.Anchor(through, digest).counts(rows))
    assert chain.anchor_of(body) == chain.Anchor(through, digest)
