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
