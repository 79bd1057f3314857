"""Holdings and relationships between clients."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.services.clients import files as clients
from rm_desktop.services.clients import holdings, relationships
from rm_desktop.services.clients.records import ClientNotFound
from rm_desktop.services.clients.values import ClientValidationError


@pytest.fixture
def two(vault):
    return (clients.create_client(vault, {"name": "张伟"}).id, clients.create_client(vault, {"name": "李娜"}).id)


def test_add_update_remove_holding(vault, two):
    cid, _ = two
    held = holdings.add_holding(
        vault,
        cid,
        {
            "product_type": "理财产品",
            "name": "稳享180天",
            "code": "P001",
            "amount": "10万",
            "risk": "R2（中低风险）",
            "start_date": "2025-01-01",
            "maturity_date": "2025-07-01",
        },
    )
    assert (held.product_type, held.amount, held.risk, held.status) == ("wealth", Decimal("100000.00"), "R2", "holding")
    assert held.product_type_label == "理财产品" and held.status_label == "持有中"
    assert held.maturing_within(dt.date(2025, 6, 20), 30) and not held.maturing_within(dt.date(2025, 5, 1), 30)
    changed = holdings.update_holding(vault, held.id, {"status": "已到期"})
    assert changed.status == "matured" and changed.name == "稳享180天"
    assert not changed.maturing_within(dt.date(2025, 6, 20), 30)
    holdings.remove_holding(vault, held.id)
    assert holdings.list_holdings(vault, cid) == []


def test_holding_validation_collects_all_fields(vault, two):
    cid, _ = two
    with pytest.raises(ClientValidationError) as err:
        holdings.add_holding(
            vault,
            cid,
            {
                "product_type": "stamp",
                "amount": "lots",
                "risk": "R9",
                "start_date": "2025-05-01",
                "maturity_date": "2025-04-01",
            },
        )
    assert set(err.value.errors) == {"product_type", "name", "amount", "risk", "maturity_date"}
    with pytest.raises(ClientValidationError) as err:
        holdings.add_holding(
            vault, cid, {"product_type": "fund", "name": "x", "start_date": "2025-05-01", "maturity_date": "2025-04-01"}
        )
    assert list(err.value.errors) == ["maturity_date"]
    assert holdings.list_holdings(vault, cid) == []
    with pytest.raises(ClientNotFound):
        holdings.add_holding(vault, 999, {"product_type": "fund", "name": "x"})


def test_holdings_listed_held_first_by_maturity(vault, two):
    cid, _ = two
    for name, maturity, status in (
        ("C", None, "holding"),
        ("B", "2025-09-01", "holding"),
        ("A", "2025-06-01", "holding"),
        ("D", "2025-01-01", "redeemed"),
    ):
        holdings.add_holding(
            vault, cid, {"product_type": "fund", "name": name, "maturity_date": maturity or "", "status": status}
        )
    assert [h.name for h in holdings.list_holdings(vault, cid)] == ["A", "B", "C", "D"]


@pytest.mark.parametrize(
    "kind, forward, backward",
    [
        ("spouse", "spouse", "spouse"),
        ("parent", "parent", "child"),
        ("子女", "child", "parent"),
        ("colleague", "colleague", "colleague"),
        ("referred_by", "referred_by", "referred"),
    ],
)
def test_relationships_show_both_ways(vault, two, kind, forward, backward):
    a, b = two
    relationships.add_relationship(vault, a, b, kind)
    [seen_from_a] = relationships.list_relationships(vault, a)
    [seen_from_b] = relationships.list_relationships(vault, b)
    assert (seen_from_a.other_name, seen_from_a.kind) == ("李娜", forward)
    assert (seen_from_b.other_name, seen_from_b.kind) == ("张伟", backward)


def test_relationship_is_stored_once(vault, two):
    a, b = two
    view = relationships.add_relationship(vault, a, b, "parent")
    with pytest.raises(UserError, match="已经记录"):
        relationships.add_relationship(vault, b, a, "child")  # the same fact from the other side
    with pytest.raises(ValidationError):
        relationships.add_relationship(vault, a, a, "spouse")
    with pytest.raises(ValidationError, match="kind"):
        relationships.add_relationship(vault, a, b, "cousin")
    relationships.remove_relationship(vault, view.id)
    assert relationships.list_relationships(vault, b) == []


def test_trashed_relative_is_hidden(vault, two):
    a, b = two
    relationships.add_relationship(vault, a, b, "spouse")
    clients.trash_client(vault, b)
    assert relationships.list_relationships(vault, a) == []
    clients.restore_client(vault, b)
    assert [r.other_id for r in relationships.list_relationships(vault, a)] == [b]
