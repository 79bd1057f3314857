"""book_insights hands the previous figures back only while nothing was committed to the vault
since they were read, on the same day and in the same language: a write through the services,
through another connection of the engine, or through another engine on the same file (as
another process would) makes it compute again, and the new figures count the write."""

from __future__ import annotations

import datetime as dt

from rm_desktop.i18n import language, set_language
from rm_desktop.services.insights import figures
from rm_desktop.services.insights._facts import stamp
from rm_desktop.storage.db import open_engine
from tests.services.insights.test_figures import TODAY, add_client, add_holding


def _wealth(found: figures.BookInsights) -> int:
    return next(bar.count for bar in found.tiers if bar.key == "tier:wealth")


def test_unchanged_vault_gives_the_same_figures_back(vault):
    add_client(vault, "王小明", "900000")
    first = figures.book_insights(vault, TODAY)
    assert first.stamp is not None
    again = figures.book_insights(vault, TODAY, first)
    # one connection in a single-threaded test: the pool hands the same one out each time
    assert again is first
    assert figures.book_insights(vault, TODAY + dt.timedelta(days=1), first) is not first  # a new day
    was = language()
    try:
        set_language("en" if was != "en" else "zh_CN")
        assert figures.book_insights(vault, TODAY, first) is not first  # labels in another language
    finally:
        set_language(was)


def test_a_write_through_the_services_is_counted(vault):
    cid = add_client(vault, "王小明", "900000")
    first = figures.book_insights(vault, TODAY)
    add_client(vault, "钱多多", "700000")
    second = figures.book_insights(vault, TODAY, first)
    assert second is not first and (_wealth(first), _wealth(second)) == (1, 2)
    add_holding(vault, cid, "fund")  # a child row: no client count changes, the facts do
    third = figures.book_insights(vault, TODAY, second)
    assert third is not second and third.as_json() != second.as_json()
    assert figures.book_insights(vault, TODAY, third) is third


def test_a_commit_on_another_connection_or_engine_is_counted(vault):
    add_client(vault, "王小明", "900000")
    first = figures.book_insights(vault, TODAY)
    with vault.engine.connect() as held:  # the pool's one connection is taken: the next is another
        held.exec_driver_sql("SELECT 1").all()
        other = figures.book_insights(vault, TODAY, first)
    assert other is not first  # a stamp compares only on its own connection
    current = figures.book_insights(vault, TODAY, other)
    engine = open_engine(str(vault.paths.db), vault.key)  # as another process would write
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE clients SET aum = 100 WHERE name = '王小明'")
    finally:
        engine.dispose()
    after = figures.book_insights(vault, TODAY, current)
    assert after is not current and (_wealth(current), _wealth(after)) == (1, 0)


def test_a_stamp_holds_only_on_its_own_connection(vault):
    with vault.engine.connect() as one, vault.engine.connect() as two:
        a = stamp(one.connection.driver_connection, TODAY)
        b = stamp(two.connection.driver_connection, TODAY)
        assert a.holds(stamp(one.connection.driver_connection, TODAY))
        assert not a.holds(b) and not b.holds(a)
