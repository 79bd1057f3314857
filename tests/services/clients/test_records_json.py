"""records.jsonable, the client file's and the client list's JSON form of a field: every kind of
value it meets, the important dates among them (client_fields is imported by jsonable only when
such a value comes, issue 19.1; the output is the same as before that)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rm_desktop.domain.client_fields import ImportantDateValue
from rm_desktop.services.clients import records, tiers


def test_every_kind_of_field_value_as_json():
    day = dt.date(2024, 2, 29)
    assert records.jsonable(day) == "2024-02-29"
    assert records.jsonable(dt.datetime(2024, 2, 29, 8, 5)) == "2024-02-29T08:05:00"
    assert records.jsonable(dt.date.min) is None  # due since ever
    assert records.jsonable(Decimal("1234.50")) == "1234.50"
    assert records.jsonable(ImportantDateValue("生日", day, lunar=True)) == {
        "label": "生日",
        "date": "2024-02-29",
        "lunar": True,
    }
    assert records.jsonable((ImportantDateValue("纪念日", day), "VIP")) == [
        {"label": "纪念日", "date": "2024-02-29", "lunar": False},
        "VIP",
    ]
    for plain in (None, "张三", 3, 2.5, True, {"a": 1}):
        assert records.jsonable(plain) == plain


def test_records_keeps_the_tier_rules_it_always_named():
    """tier_by_code and contact_due live in services/clients/tiers now; records still names them
    (services/scripts and the client file import them from there)."""
    assert records.tier_by_code is tiers.tier_by_code
    assert records.contact_due is tiers.contact_due
