"""A bar's clients exported through the client list export (exporting.export_list ``only_ids``)."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import load_workbook

from rm_desktop.services.exchange.exporting import export_list
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.storage.models import Client


def test_only_the_given_clients_are_exported(vault, tmp_path):
    with vault.sessions.begin() as s:
        clients = [Client(name=f"客户{k}", aum=Decimal(1000 * k)) for k in range(1, 6)]
        s.add_all(clients)
        s.flush()
        ids = [c.id for c in clients]
    out = tmp_path / "segment.xlsx"
    assert export_list(vault, ClientQuery(), out, only_ids=[ids[1], ids[3]]) == 2
    names = sorted(row[1] for row in list(load_workbook(out).active.values)[1:])
    assert names == ["客户2", "客户4"]
    assert export_list(vault, ClientQuery(), out, only_ids=[]) == 0
    assert export_list(vault, ClientQuery(), out) == 5
