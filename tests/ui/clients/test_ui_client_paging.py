"""The client list's keyset paging through real widgets: a small page and window, so that a
250-client book is scrolled through many pages with most of them evicted. The rows, the count,
the selection, sorting, search and privacy must be what the un-paged list gives."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from rm_desktop.services.clients import demo
from rm_desktop.services.search import query as search
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.ui.clients.client_table import CLIENT_ID, RAW, ClientTableModel, Col
from rm_desktop.ui.clients.clients_page import ClientListView
from rm_desktop.ui.widgets.privacy import HIDDEN, Privacy

SIZE, PAGE, KEEP = 250, 20, 3


@pytest.fixture
def book(vault):
    demo.fill(vault, SIZE, seed=5)
    return vault


@pytest.fixture
def model(book):
    model = ClientTableModel(Privacy(), page=PAGE, keep=KEEP)
    model.attach(book)
    return model


def scroll_all(model) -> None:
    while model.canFetchMore():
        model.fetchMore()


def ids(model) -> list[int]:
    return [model.index(r, Col.NAME).data(CLIENT_ID) for r in range(model.rowCount())]


def unpaged(book, query) -> list[int]:
    return [row.id for row in search.search_clients(book, query, 0, SIZE + 1)]


def test_scrolled_through_every_row_is_the_unpaged_order_with_a_few_pages_held(qtmodeltester, book, model):
    assert model.rowCount() == PAGE and model.total == SIZE
    scroll_all(model)
    assert model.rowCount() == SIZE and not model.canFetchMore()
    assert model.held_rows() <= KEEP * PAGE  # bounded, after scrolling everything in
    assert ids(model) == unpaged(book, ClientQuery())  # every page read again by its key
    assert list(reversed(ids(model)))[:5] == list(reversed(unpaged(book, ClientQuery())))[:5]
    qtmodeltester.check(model)


@pytest.mark.parametrize("column", [c for c in Col if c not in (Col.PHONE, Col.CONTACT_DUE, Col.GENDER)])
def test_every_sortable_column_pages_like_the_unpaged_sort(book, model, column):
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(column, order)
        if model.query.sort == search.RELEVANCE:
            continue  # not a sortable column: sort() leaves the query alone
        scroll_all(model)
        assert ids(model) == unpaged(book, model.query), (column, order)
        assert model.total == SIZE


def test_search_and_filters_page_and_count(qtbot, book, model):
    row = search.search_clients(book, ClientQuery(), 0, 1)[0]
    for query in (ClientQuery(text=row.name[0]), ClientQuery(risk_grades=("C3",)), ClientQuery(tiers=(row.tier,))):
        model.set_query(query)
        scroll_all(model)
        assert ids(model) == unpaged(book, query)
        assert model.total == search.count_clients(book, query) == model.rowCount()
        assert model.held_rows() <= KEEP * PAGE


def test_selection_across_evicted_pages_reads_the_selected_clients(qtbot, book, model):
    view = ClientListView(model)
    qtbot.addWidget(view)
    view.show()
    scroll_all(model)
    chosen = [3, PAGE + 1, 5 * PAGE + 7, SIZE - 1]  # rows on pages long evicted from the window
    selection, flag = view.table.selectionModel(), QItemSelectionModel.SelectionFlag
    for row in chosen:  # Ctrl+click on each
        selection.select(model.index(row, 0), flag.Select | flag.Rows)
    selection.setCurrentIndex(model.index(chosen[1], 0), flag.NoUpdate)
    expected = unpaged(book, model.query)  # (a view with sorting on sorts by its indicator at once)
    assert view.selected_ids() == [expected[r] for r in chosen]  # the handover picker reads these
    assert view.table.currentIndex().row() == chosen[1]
    assert model.held_rows() <= KEEP * PAGE
    view.refresh_status()
    assert f"{SIZE:,}" in view.status.text()


def test_privacy_hides_amounts_on_every_loaded_row(book, model):
    scroll_all(model)
    first, last = model.index(0, Col.AUM), model.index(SIZE - 1, Col.AUM)
    assert last.data(RAW) is not None and last.data() != HIDDEN
    model.privacy.set_client_present(True)
    assert first.data() == HIDDEN and last.data() == HIDDEN
