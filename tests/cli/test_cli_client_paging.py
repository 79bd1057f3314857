"""``client list`` reads keyset pages of 1000 (not OFFSET): across page boundaries the output is
the service's one un-paged order, for a sort with ties and one with NULLs, and --limit stops
inside a page."""

from __future__ import annotations

import json

import pytest

from rm_desktop.cli import client_cmds
from rm_desktop.services.clients import demo
from rm_desktop.services.search import query as search
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

SIZE = 2 * client_cmds.PAGE + 150


@pytest.fixture
def book(run_cli, tmp_path):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    demo.fill(vault, SIZE, seed=2)
    with vault.engine.begin() as conn:  # NULLs and ties in the AUM sort
        conn.exec_driver_sql("UPDATE clients SET aum = NULL WHERE id % 7 = 0")
        conn.exec_driver_sql("UPDATE clients SET aum = 1000000 WHERE id % 5 = 0")
    orders = {
        sort: [r.id for r in search.search_clients(vault, ClientQuery(sort=sort, descending=desc), 0, SIZE)]
        for sort, desc in (("aum", True), ("next_follow_up", False))
    }
    vault.lock()
    return run_cli, orders


@pytest.mark.parametrize("sort, flags", [("aum", ["--desc"]), ("next_follow_up", [])])
def test_list_pages_across_boundaries_in_the_unpaged_order(book, sort, flags):
    run_cli, orders = book
    code, out, err = run_cli("client", "list", "--sort", sort, *flags, "--json")
    assert code == 0, err
    assert [row["id"] for row in json.loads(out)] == orders[sort]
    code, out, _ = run_cli("client", "list", "--sort", sort, *flags, "--limit", str(client_cmds.PAGE + 3), "--json")
    assert [row["id"] for row in json.loads(out)] == orders[sort][: client_cmds.PAGE + 3]
