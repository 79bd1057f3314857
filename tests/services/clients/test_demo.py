"""The demo book is realistic: valid resident IDs and mobiles, birth dates and genders that agree."""

from __future__ import annotations

from collections import Counter

from rm_desktop.domain.identity import parse_resident_id
from rm_desktop.domain.phones import normalize_phone
from rm_desktop.services.clients import demo


def test_demo_identities_are_valid_and_consistent():
    book = demo.generate(300, seed=5)
    for row in book["clients"]:
        info = parse_resident_id(row["id_number"])
        assert info.birth_date == row["birth_date"] and info.gender == row["gender"]
    for phone in book["phones"]:
        assert normalize_phone(phone["number"]) == phone["number"]


def test_demo_spreads_clients_over_the_tiers():
    tiers = Counter(row["tier"] for row in demo.generate(2000, seed=5)["clients"])
    assert len(tiers) >= 4
    assert tiers.most_common(1)[0][1] < 2000 * 0.9  # not everyone in one tier


def test_demo_clients_joined_before_their_first_holding_and_contact_over_past_months():
    import datetime as dt

    today = dt.date(2026, 12, 2)
    book = demo.generate(2000, today=today)
    first: dict[int, dt.datetime] = {}
    for holding in book["holdings"]:
        at = dt.datetime.combine(holding["start_date"], dt.time(9, 0))
        first[holding["client_id"]] = min(at, first.get(holding["client_id"], at))
    for contact in book["contacts"]:
        first[contact["client_id"]] = min(contact["at"], first.get(contact["client_id"], contact["at"]))
        assert 9 <= contact["at"].hour <= 16  # office hours, not 04:00
    months = Counter(c["created_at"].strftime("%Y-%m") for c in book["clients"])
    assert all(c["created_at"] <= first.get(c["id"], c["created_at"]) for c in book["clients"])
    assert months[today.strftime("%Y-%m")] < 100  # not the whole book created on the demo's day
    assert all(months[f"2026-{m:02d}"] > 0 for m in range(6, 12))  # some new clients in each recent month
