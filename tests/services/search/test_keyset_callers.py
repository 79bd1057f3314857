"""Issue 19: the whole-list readers outside the client list page by keyset, not OFFSET
(services/search/query.py's contract): the list export (pages of 5000) and the scripts' and
events' "clients of a filter" (pages of 1000) give the un-paged order's rows, in that order,
and none of their statements skips rows by an OFFSET."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import event

from rm_desktop.services.clients import demo
from rm_desktop.services.exchange.exporting import export_list
from rm_desktop.services.scripts.render import query_client_ids
from rm_desktop.services.search.query import ClientQuery, search_clients

TODAY = dt.date(2025, 3, 10)
BOOK = 5_300  # more than one page of the export (5000) and five of the scripts' reader (1000)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    import keyring

    from rm_desktop.services.vault.lifecycle import create_vault
    from tests.conftest import FAST_KDF, PASSWORD, MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        vault = create_vault(tmp_path_factory.mktemp("keyset_callers") / "vault", PASSWORD, kdf=FAST_KDF)
    finally:
        keyring.set_keyring(previous)
    demo.fill(vault, BOOK)
    yield vault
    vault.lock()


@pytest.fixture
def offsets(big):
    """The OFFSET value of every statement run on the vault (the ? after "OFFSET")."""
    seen: list[int] = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        marker = statement.upper().rfind("OFFSET ?")
        if marker >= 0:
            seen.append(parameters[statement[:marker].count("?")])

    event.listen(big.engine, "before_cursor_execute", record)
    yield seen
    event.remove(big.engine, "before_cursor_execute", record)


QUERIES = [
    ClientQuery(today=TODAY),  # relevance → name_pinyin, id
    ClientQuery(sort="aum", descending=True, today=TODAY),
    ClientQuery(sort="birth_date", today=TODAY),  # NULLs first, many ties
]


@pytest.mark.parametrize("query", QUERIES)
def test_query_client_ids_is_the_unpaged_order_read_by_keyset(big, offsets, query):
    whole = [row.id for row in search_clients(big, query, 0, BOOK + 1)]
    assert len(whole) > 1000
    offsets.clear()
    assert query_client_ids(big, query, BOOK + 1) == whole
    assert query_client_ids(big, query, 2_500) == whole[:2_500]
    assert offsets and set(offsets) == {0}  # every page read after its cursor, none skipped into


def test_export_list_writes_the_unpaged_order_read_by_keyset(big, offsets, tmp_path):
    query = ClientQuery(sort="aum", descending=True, today=TODAY)
    whole = search_clients(big, query, 0, BOOK + 1)
    assert len(whole) == BOOK
    offsets.clear()
    told: list[int] = []
    path = tmp_path / "list.xlsx"
    assert export_list(big, query, path, progress=lambda done, _total: told.append(done)) == BOOK
    assert offsets and set(offsets) == {0}
    assert told == [5_000, BOOK]
    sheet = load_workbook(path, read_only=True).worksheets[0]
    written = [tuple(row[:2]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert written == [(row.customer_no, row.name) for row in whole]
