"""Creating and updating client files in a real encrypted vault; tiers; the trash."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.tiers import DEFAULT_TIERS, tiers_to_json
from rm_desktop.services.clients import contacts, holdings, relationships
from rm_desktop.services.clients import files as clients
from rm_desktop.services.clients.drafts import load_drafts, save_draft
from rm_desktop.services.clients.records import ClientNotFound
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.services.search import query as search
from rm_desktop.storage.models import (
    AumSnapshot,
    Client,
    ClientKey,
    ClientPhone,
    ClientTag,
    Contact,
    ContactRevision,
    Holding,
    Relationship,
)

ID_1949_F = "11010519491231002X"
TODAY = dt.date(2025, 3, 10)


def _count(vault, model) -> int:
    with vault.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_create_full_profile(vault):
    record = clients.create_client(
        vault,
        {
            "customer_no": " c-0001 ",
            "name": "单田芳",
            "lunar_birthday": "true",
            "id_number": ID_1949_F,
            "phone": "138 0013 8000, 0755-12345678",
            "address": "深圳市南山区",
            "occupation": "教师",
            "preferred_channel": "微信",
            "dnd_hours": "22:00-08:00",
            "risk_grade": "C3",
            "risk_assessed_on": "2024-05-01",
            "risk_expires_on": "2025-05-01",
            "aum": "50万",
            "tags": "VIP,退休客户",
            "cadence_days": "14",
            "important_dates": "结婚纪念日:1975-10-01",
            "notes": "喜欢下午联系",
        },
        today=TODAY,
    )
    assert record.customer_no == "C-0001"
    assert (record.birth_date, record.gender, record.id_type) == (dt.date(1949, 12, 31), "女", "resident_id")
    assert record.phones == ("13800138000", "0755-12345678")
    assert record.phones_masked == ("138****8000", "0755-****5678")
    assert record.id_number_masked == "1101**********002X"
    assert record.aum == Decimal("500000.00") and record.tier == "wealth" and record.tier_name == "财富客户"
    assert record.tags == ("VIP", "退休客户") and record.lunar_birthday
    assert record.preferred_channel == "wechat" and record.preferred_channel_label == "微信"
    assert (record.name_pinyin, record.name_initials) == ("shantianfang", "stf")
    assert clients.aum_history(vault, record.id) == [(TODAY, Decimal("500000.00"))]
    data = record.as_dict()
    assert data["phone"] == "13800138000,0755-12345678" and data["aum"] == "500000.00"
    assert data["id_number"] == ID_1949_F and data["birth_date"] == "1949-12-31"
    assert clients.get_client(vault, record.id) == record


def test_every_refused_field_is_named_and_nothing_is_stored(vault):
    with pytest.raises(ClientValidationError) as err:
        clients.create_client(
            vault,
            {
                "name": "王小明",
                "gender": "男",
                "id_number": "110105194912310021",
                "phone": "13800138000,999",
                "aum": "-5",
                "cadence_days": "0",
                "risk_grade": "C7",
                "nickname": "明",
            },
        )
    assert set(err.value.errors) == {"id_number", "phone", "aum", "cadence_days", "risk_grade", "nickname"}
    assert str(err.value).count("\n") == 0 and "phone:" in str(err.value)
    assert _count(vault, Client) == 0 and _count(vault, ClientPhone) == 0


def test_name_is_required_and_cannot_be_cleared(vault):
    with pytest.raises(ClientValidationError) as err:
        clients.create_client(vault, {"phone": "13800138000"})
    assert list(err.value.errors) == ["name"]
    record = clients.create_client(vault, {"name": "王小明"})
    with pytest.raises(ClientValidationError) as err:
        clients.update_client(vault, record.id, {"name": " "})
    assert list(err.value.errors) == ["name"]


def test_id_mismatch_with_typed_birth_date_and_gender(vault):
    with pytest.raises(ClientValidationError) as err:
        clients.create_client(
            vault, {"name": "王小明", "id_number": ID_1949_F, "birth_date": "1949-12-30", "gender": "男"}
        )
    assert set(err.value.errors) == {"birth_date", "gender"}
    assert "1949-12-30" in err.value.errors["birth_date"] and "1949-12-31" in err.value.errors["birth_date"]
    assert _count(vault, Client) == 0


def test_update_changes_only_given_fields_and_checks_the_new_id(vault):
    record = clients.create_client(
        vault, {"name": "王小明", "birth_date": "1950-01-01", "phone": "13800138000", "occupation": "教师"}
    )
    with pytest.raises(ClientValidationError) as err:
        clients.update_client(vault, record.id, {"id_number": ID_1949_F})
    assert list(err.value.errors) == ["id_number"] and "1950-01-01" in err.value.errors["id_number"]
    updated = clients.update_client(vault, record.id, {"occupation": "", "phone": "13900139000"})
    assert (
        updated.occupation is None and updated.phones == ("13900139000",) and updated.birth_date == dt.date(1950, 1, 1)
    )
    assert search.search_clients(vault, search.ClientQuery(text="0139"))[0].id == record.id
    assert search.search_clients(vault, search.ClientQuery(text="0138")) == []


def test_customer_number_is_unique(vault):
    first = clients.create_client(vault, {"name": "甲", "customer_no": "C1"})
    other = clients.create_client(vault, {"name": "乙"})
    with pytest.raises(ClientValidationError) as err:
        clients.update_client(vault, other.id, {"customer_no": "c1"})
    assert "甲" in err.value.errors["customer_no"] and str(first.id) in err.value.errors["customer_no"]
    assert clients.update_client(vault, first.id, {"customer_no": "C1", "notes": "x"}).customer_no == "C1"


def test_customer_number_race_is_still_a_field_error(vault, monkeypatch):
    clients.create_client(vault, {"name": "甲", "customer_no": "C1"})
    monkeypatch.setattr(clients, "_check_customer_no", lambda *args: None)  # the other save not yet visible
    with pytest.raises(ClientValidationError) as err:
        clients.create_client(vault, {"name": "乙", "customer_no": "C1"})
    assert list(err.value.errors) == ["customer_no"] and "C1" in err.value.errors["customer_no"]
    assert _count(vault, Client) == 1


def test_referrer_must_exist_and_not_be_self(vault):
    first = clients.create_client(vault, {"name": "甲"})
    with pytest.raises(ClientValidationError) as err:
        clients.update_client(vault, first.id, {"referrer_client_id": str(first.id)})
    assert "referrer_client_id" in err.value.errors
    with pytest.raises(ClientValidationError):
        clients.create_client(vault, {"name": "乙", "referrer_client_id": "999"})
    second = clients.create_client(vault, {"name": "乙", "referrer_client_id": str(first.id)})
    assert second.referrer_name == "甲"


def test_aum_changes_add_dated_snapshots_and_retier(vault):
    record = clients.create_client(vault, {"name": "甲", "aum": "10000"}, today=TODAY)
    assert record.tier == "standard"
    clients.update_client(vault, record.id, {"aum": "30万"}, today=TODAY)  # same day: corrects the figure
    updated = clients.update_client(vault, record.id, {"aum": "400万"}, today=TODAY + dt.timedelta(days=1))
    clients.update_client(vault, record.id, {"notes": "no AUM change"}, today=TODAY + dt.timedelta(days=2))
    assert updated.tier == "private"
    assert clients.aum_history(vault, record.id) == [
        (TODAY, Decimal("300000.00")),
        (TODAY + dt.timedelta(days=1), Decimal("4000000.00")),
    ]


def test_changing_the_tier_setting_retiers_every_client(vault):
    rich = clients.create_client(vault, {"name": "甲", "aum": "100万"})
    poor = clients.create_client(vault, {"name": "乙"})
    table = tiers_to_json(DEFAULT_TIERS)
    table[4]["min_aum"] = "2000000"  # wealth now starts at 200万
    vault.settings.set("tiers", table)
    assert clients.get_client(vault, rich.id).tier == "priority"
    assert clients.get_client(vault, poor.id).tier == "basic"
    assert vault.settings.get("tiers")[4]["min_aum"] == "2000000"
    with pytest.raises(UserError):
        vault.settings.set("tiers", table[::-1])
    assert clients.get_client(vault, rich.id).tier == "priority"


def test_trash_restore_and_purge(vault):
    record = clients.create_client(vault, {"name": "甲", "phone": "13800138000", "tags": "VIP"})
    other = clients.create_client(vault, {"name": "乙", "referrer_client_id": str(record.id)})
    holdings.add_holding(vault, record.id, {"product_type": "deposit", "name": "定期"})
    contact = contacts.add_contact(vault, record.id, {"channel": "phone", "content": "问候"})
    contacts.edit_contact(vault, contact.id, {"content": "问候，已约面谈"})
    relationships.add_relationship(vault, record.id, other.id, "spouse")
    save_draft(vault, "contact", record.id, {"content": "未完"})

    clients.trash_client(vault, record.id, now=dt.datetime(2025, 3, 1, 9))
    assert search.count_clients(vault, search.ClientQuery()) == 1
    assert [row.id for row in search.list_trash(vault)] == [record.id]
    assert clients.get_client(vault, record.id).in_trash
    with pytest.raises(UserError, match="回收站"):
        clients.update_client(vault, record.id, {"notes": "x"})
    clients.restore_client(vault, record.id)
    assert search.count_clients(vault, search.ClientQuery()) == 2 and search.list_trash(vault) == []

    with pytest.raises(UserError, match="回收站"):
        clients.purge_client(vault, record.id)  # only from the trash
    clients.trash_client(vault, record.id)
    clients.purge_client(vault, record.id)
    with pytest.raises(ClientNotFound):
        clients.get_client(vault, record.id)
    for model in (ClientPhone, ClientTag, Holding, Contact, ContactRevision, Relationship, AumSnapshot):
        assert _count(vault, model) == 0, model
    with vault.sessions() as s:
        assert s.scalar(select(func.count()).where(ClientKey.client_id == record.id)) == 0
    assert load_drafts(vault) == []
    assert clients.get_client(vault, other.id).referrer_client_id is None
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_missing_client(vault):
    with pytest.raises(ClientNotFound, match="42"):
        clients.update_client(vault, 42, {"name": "x"})
    with pytest.raises(ClientNotFound):
        clients.trash_client(vault, 42)
