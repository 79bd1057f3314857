"""The first page read on a bare sqlcipher3 connection (services/search/first_page.py) is the
list's own first page: same rows in the same order, same total, same end cursor, for books with
NULLs, ties and trashed clients, every sort and direction, with and without search text; a
window seeded with it goes on to the same rows as one that read its own."""

from __future__ import annotations

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rm_desktop.domain.errors import VaultLocked
from rm_desktop.security.hardening import secret_from
from rm_desktop.services.search import query as search
from rm_desktop.services.search.first_page import read_first_page
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.search.window import RowWindow
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.storage.keyed import WrongKeyOrDamaged
from tests.conftest import FAST_KDF, PASSWORD, MemoryKeyring
from tests.services.search.test_keyset import COLUMNS, ORDERS, TODAY, _fill, books, queries


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        vault = create_vault(tmp_path_factory.mktemp("first") / "vault", PASSWORD, kdf=FAST_KDF)
    finally:
        keyring.set_keyring(previous)
    yield vault
    vault.lock()


def _raw(vault, query, size):
    return read_first_page(vault.paths.db, vault.key, query, size)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(book=books, query=st.sampled_from(ORDERS).flatmap(lambda order: queries(*order)), size=st.integers(1, 6))
def test_the_raw_first_page_is_the_lists_first_page(shared, book, query, size):
    _fill(shared, book)
    raw = _raw(shared, query, size)
    normal = search.search_page(shared, query, 0, size)
    assert raw == normal  # rows (every column, masked views derive from them), total, end cursor
    seeded = RowWindow(shared, query, page=size, keep=2, first=raw)
    own = RowWindow(shared, query, page=size, keep=2)
    while own.can_grow():
        own.grow()
        seeded.grow()
    assert (seeded.total, seeded.loaded) == (own.total, own.loaded)
    assert [seeded.row(i) for i in range(seeded.loaded)] == [own.row(i) for i in range(own.loaded)]


def test_nulls_ties_and_the_trash_in_a_fixed_book(shared):
    """A fixed book, so the comparison cannot pass on an empty or trivial draw."""
    rows = {**dict.fromkeys(COLUMNS), "name": "张伟", "name_pinyin": "zhangwei"}
    _fill(
        shared,
        [
            (4, {**rows, "aum": None}),
            (2, {**rows, "aum": 100}),
            (7, {**rows, "aum": 100, "deleted_at": "2025-03-02 10:00:00.000000"}),
            (1, {**rows, "aum": None, "name_pinyin": None}),
            (9, {**rows, "aum": 100, "next_follow_up": "2025-03-01"}),
            (3, {**rows, "aum": 5_000_000, "customer_no": True}),
        ],
    )
    for query in (
        ClientQuery(today=TODAY),
        ClientQuery(sort="aum", descending=True, today=TODAY),
        ClientQuery(sort="next_follow_up", today=TODAY),
        ClientQuery(text="张", today=TODAY),
        ClientQuery(trashed=True, sort="deleted_at", descending=True, today=TODAY),
    ):
        raw = _raw(shared, query, 3)
        assert raw == search.search_page(shared, query, 0, 3), query
        assert raw.total == (1 if query.trashed else 5) and len(raw.rows) == min(3, raw.total)
    assert [row.id for row in _raw(shared, ClientQuery(sort="aum", today=TODAY), 5).rows] == [1, 4, 2, 9, 3]


def test_a_wrong_or_wiped_key_reads_nothing(shared):
    with pytest.raises(WrongKeyOrDamaged):
        read_first_page(shared.paths.db, secret_from(bytes(range(32))), ClientQuery(), 5)
    with pytest.raises(VaultLocked):
        read_first_page(shared.paths.db, bytearray(32), ClientQuery(), 5)
