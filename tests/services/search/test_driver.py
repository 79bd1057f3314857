"""The search on the DB-API cursor (services/search/driver.OnDriver) gives what SQLAlchemy's path
gave: the same pages, totals and cursors; one BEGIN only where a page reads more than one
statement; SQLAlchemy's errors; nothing once the vault is locked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from rm_desktop.domain.errors import VaultLocked
from rm_desktop.services.clients import demo
from rm_desktop.services.search import query as search
from rm_desktop.services.search.driver import OnDriver
from rm_desktop.services.search.query import ClientQuery

TODAY = dt.date(2025, 3, 10)
QUERIES = [
    ClientQuery(today=TODAY),
    ClientQuery(text="z", today=TODAY),
    ClientQuery(text="zh", today=TODAY),
    ClientQuery(text="张", today=TODAY),
    ClientQuery(text="c0", today=TODAY),
    ClientQuery(text="1380", today=TODAY),
    ClientQuery(text="c00", today=TODAY),
    ClientQuery(text="nobody-like-this", today=TODAY),
    ClientQuery(sort="aum", descending=True, today=TODAY),
    ClientQuery(sort="birth_date", overdue=True, today=TODAY),
    ClientQuery(text="l", tiers=("potential", "priority", "wealth"), risk_grades=("C2", "C3", "C4"), today=TODAY),
]


@pytest.fixture
def book(vault):
    demo.fill(vault, 400, seed=11)
    return vault


def _pages(vault, query: ClientQuery) -> list:
    first = search.search_page(vault, query, 0, 30)
    second = search.search_page(vault, query, 0, 30, with_total=False, after=first.end) if first.end else None
    return [first, second, search.search_page(vault, query, 5, 7), search.count_clients(vault, query)]


@pytest.mark.parametrize("query", QUERIES)
def test_pages_are_those_of_the_sqlalchemy_path(book, monkeypatch, query):
    on_driver = _pages(book, query)
    monkeypatch.setattr(search, "OnDriver", lambda conn, one_snapshot=True: conn)  # as before driver.py
    assert on_driver == _pages(book, query)
    assert on_driver[0].rows or query.text == "nobody-like-this"


def test_begin_only_where_a_page_reads_two_statements(book):
    statements: list[str] = []
    record = lambda _c, _cur, statement, *_rest: statements.append(statement.split()[0].upper())  # noqa: E731
    event.listen(book.engine, "before_cursor_execute", record)
    try:
        search.search_page(book, ClientQuery(text="zh", today=TODAY), 0, 30)  # one statement, its total in it
        assert "BEGIN" not in statements and statements.count("SELECT") == 2  # the tier table and the page
        statements.clear()
        search.search_page(book, ClientQuery(today=TODAY), 0, 30)  # the page, then its count
        assert statements[0] == "BEGIN" and statements.count("SELECT") == 3
    finally:
        event.remove(book.engine, "before_cursor_execute", record)


def test_errors_are_sqlalchemys_and_a_lock_refuses(vault):
    with vault.engine.connect() as conn:
        driver = OnDriver(conn)
        assert conn.in_transaction()
        with pytest.raises(OperationalError):
            driver.exec_driver_sql("SELECT * FROM no_such_table")
    conn = vault.engine.connect()
    driver = OnDriver(conn, one_snapshot=False)
    assert not conn.in_transaction()
    assert driver.exec_driver_sql("SELECT count(*) FROM clients").scalar_one() == 0
    vault.lock()
    with pytest.raises(VaultLocked):
        driver.exec_driver_sql("SELECT count(*) FROM clients")
