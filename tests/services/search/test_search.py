"""The client list's search: names, pinyin (polyphonic surnames), initials, phone / ID /
customer-number fragments, ranking, filters, sorting and paging."""

from __future__ import annotations

import datetime as dt

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rm_desktop.services.clients import contacts, demo, holdings
from rm_desktop.services.clients import files as clients
from rm_desktop.services.search import query as search
from rm_desktop.services.search.query import ClientQuery, classify
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.storage.models import Client
from tests.conftest import FAST_KDF, PASSWORD, MemoryKeyring

TODAY = dt.date(2025, 3, 10)
NAMES = [
    "单田芳",
    "曾乐",
    "解小东",
    "仇建国",
    "区志华",
    "朴敏",
    "查文",
    "覃海波",
    "张伟",
    "张伟明",
    "王张伟",
    "Amy Wang",
]


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One read-only book for the many look-up cases (a vault per case would take seconds)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        vault = create_vault(tmp_path_factory.mktemp("book") / "vault", PASSWORD, kdf=FAST_KDF)
    finally:
        keyring.set_keyring(previous)
    ids = {name: clients.create_client(vault, {"name": name}).id for name in NAMES}
    clients.update_client(
        vault,
        ids["张伟"],
        {"phone": "13800138000,0755-12345678", "customer_no": "C-0001", "id_number": "11010519491231002X"},
    )
    clients.update_client(vault, ids["查文"], {"phone": "13912348000", "customer_no": "C-0002"})
    yield vault
    vault.lock()


@pytest.fixture
def book(shared):
    return shared


def names(vault, text: str, **kw) -> list[str]:
    query = ClientQuery(text=text, **kw)
    found = [row.name for row in search.search_clients(vault, query, 0, 1000)]
    assert search.count_clients(vault, query) == len(found)
    return found


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("shan", ["单田芳"]),
        ("dan", []),
        ("stf", ["单田芳"]),
        ("shantianfang", ["单田芳"]),
        ("zeng", ["曾乐"]),
        ("ceng", []),
        ("zengyue", ["曾乐"]),
        ("xie", ["解小东"]),
        ("jie", []),
        ("xxd", ["解小东"]),
        ("qiu", ["仇建国"]),
        ("chou", []),
        ("ou", ["区志华"]),
        ("qu", []),
        ("piao", ["朴敏"]),
        ("pu", []),
        ("zhawen", ["查文"]),
        ("cha", []),
        ("qin", ["覃海波"]),
        ("tan", []),
        ("qhb", ["覃海波"]),
    ],
)
def test_polyphonic_surnames_read_as_surnames(book, typed, expected):
    assert names(book, typed) == expected


def test_two_character_name_ranks_exact_then_prefix_then_substring(book):
    assert names(book, "张伟") == ["张伟", "张伟明", "王张伟"]
    ranks = [row.match_rank for row in search.search_clients(book, ClientQuery(text="张伟"))]
    assert ranks == [0, 1, 2]


def test_initials_and_full_pinyin(book):
    # Exact initials first (张伟 zw, 查文 zw), by pinyin; then the prefix match 张伟明 (zwm).
    assert names(book, "zw") == ["张伟", "查文", "张伟明"]
    assert names(book, "ZHANG WEI") == ["张伟", "张伟明"]
    assert names(book, "zhangweim") == ["张伟明"]
    assert names(book, "amy") == ["Amy Wang"]


def test_phone_id_and_customer_number_fragments(book):
    assert names(book, "8000") == ["张伟", "查文"]
    assert names(book, "138 0013") == ["张伟"]
    assert names(book, "0755-1234") == ["张伟"]
    assert names(book, "+86 138 0013 8000") == ["张伟"]
    assert names(book, "1949") == ["张伟"]
    assert names(book, "002x") == ["张伟"]
    assert names(book, "C-0002") == ["查文"]
    assert names(book, "c0001") == ["张伟"]
    assert names(book, "C-0") == ["张伟", "查文"]  # too short for a fragment: customer number prefix
    assert names(book, "123") == []
    exact = search.search_clients(book, ClientQuery(text="13912348000"))
    assert [(row.name, row.match_rank) for row in exact] == [("查文", 0)]


def test_rows_carry_masked_forms_and_raw_values(book):
    [row] = search.search_clients(book, ClientQuery(text="C-0001"))
    assert row.phones == ("13800138000", "0755-12345678") and row.phone_masked == "138****8000"
    assert row.id_number_masked == "1101**********002X" and row.birth_date == dt.date(1949, 12, 31)
    assert row.as_dict()["phone"] == "13800138000,0755-12345678"


def test_empty_search_lists_everyone_and_no_match_is_empty(book):
    assert sorted(names(book, "")) == sorted(NAMES)
    assert names(book, "   ") == names(book, "")
    assert names(book, "不存在的人") == []
    assert names(book, "%") == [] and names(book, "_") == [] and names(book, '"') == []


def test_classify():
    assert classify("zhang wei") == search.TextMatch("pinyin", "zhangwei")
    assert classify("138-0013") == search.TextMatch("fragment", "1380013")
    assert classify("c1") == search.TextMatch("customer_no", "C1")
    assert classify("王a") == search.TextMatch("name", "王a")
    assert classify("  ") is None


@given(st.text(max_size=12) | st.sampled_from(["%", "_", "'", '"', "\\", "%张%", "zw%", "1380_", "' OR 1=1 --"]))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_search_never_raises(book, text):
    query = ClientQuery(text=text)
    page = search.search_page(book, query, 0, 20)
    assert page.total == search.count_clients(book, query) == len(page.rows)
    if classify(text) is None:
        assert len(page.rows) == len(NAMES)  # no usable text: the whole list
    else:
        assert all(row.match_rank in (0, 1, 2) for row in page.rows)


def _contact(vault, cid, days_ago):
    at = dt.datetime.combine(TODAY, dt.time(10)) - dt.timedelta(days=days_ago)
    contacts.add_contact(
        vault, cid, {"at": at, "channel": "phone", "content": "回访"}, now=dt.datetime.combine(TODAY, dt.time(18))
    )


def test_contact_overdue_by_tier_cadence_or_own_cadence(vault):
    made = {}
    for name, values, days_ago in (
        ("甲", {"aum": "30万"}, 40),
        ("乙", {"aum": "30万"}, 10),
        ("丙", {}, None),
        ("丁", {"cadence_days": "7"}, 8),
        ("戊", {"aum": "30万"}, None),
        ("己", {"aum": "30万", "cadence_days": "60"}, 40),
        ("庚", {"aum": "30万"}, None),
    ):
        made[name] = clients.create_client(vault, {"name": name, **values}).id
        if days_ago is not None:
            _contact(vault, made[name], days_ago)
    # Never contacted: due one cadence (30 days for this tier) after being added. 戊 was added
    # 40 days before TODAY, 庚 a minute before it: only 戊 is overdue (issue 14.11).
    added = {"戊": dt.datetime.combine(TODAY, dt.time(9)) - dt.timedelta(days=40)}
    added["庚"] = dt.datetime.combine(TODAY, dt.time(9)) - dt.timedelta(minutes=1)
    with vault.sessions.begin() as session:
        for name, at in added.items():
            session.get(Client, made[name]).created_at = at
    assert sorted(names(vault, "", overdue=True, today=TODAY)) == sorted(["甲", "丁", "戊"])
    row = search.search_clients(vault, ClientQuery(text="甲", today=TODAY))[0]
    assert row.contact_due == TODAY - dt.timedelta(days=10) and row.contact_overdue(TODAY)
    for name, overdue in (("戊", True), ("庚", False)):  # the list row and the client file agree
        row = search.search_clients(vault, ClientQuery(text=name, today=TODAY))[0]
        assert row.contact_due == added[name].date() + dt.timedelta(days=30)
        assert row.contact_overdue(TODAY) is overdue
        assert clients.get_client(vault, made[name]).contact_overdue(TODAY) is overdue


def test_filters_tier_risk_tag_maturing_and_trash(vault):
    a = clients.create_client(vault, {"name": "甲", "aum": "600万", "risk_grade": "C4", "tags": "VIP"}).id
    b = clients.create_client(vault, {"name": "乙", "aum": "60万", "risk_grade": "C2", "tags": "VIP,代发工资"}).id
    c = clients.create_client(vault, {"name": "丙", "risk_grade": "C2"}).id
    for cid, days, status in ((a, 10, "holding"), (b, 40, "holding"), (c, 5, "matured"), (c, -1, "holding")):
        holdings.add_holding(
            vault,
            cid,
            {
                "product_type": "wealth",
                "name": "理财",
                "status": status,
                "maturity_date": TODAY + dt.timedelta(days=days),
            },
        )
    assert sorted(names(vault, "", tiers=("private", "wealth"))) == ["乙", "甲"]
    assert sorted(names(vault, "", risk_grades=("C2",))) == ["丙", "乙"]
    assert names(vault, "", tags=("代发工资",)) == ["乙"]
    assert names(vault, "", maturing_within_days=30, today=TODAY) == ["甲"]
    assert sorted(names(vault, "", maturing_within_days=45, today=TODAY)) == ["乙", "甲"]
    assert names(vault, "yi", tags=("VIP",)) == ["乙"]  # text and filters together
    clients.trash_client(vault, a)
    assert names(vault, "", tags=("VIP",)) == ["乙"]
    assert names(vault, "", trashed=True) == ["甲"]


def test_sorting_and_paging(vault):
    for name, aum in (("王五", "1"), ("李四", "300万"), ("张三", None), ("赵六", "20万")):
        clients.create_client(vault, {"name": name, **({"aum": aum} if aum else {})})
    assert names(vault, "") == ["李四", "王五", "张三", "赵六"]  # by pinyin: lisi wangwu zhangsan zhaoliu
    assert names(vault, "", sort="aum", descending=True) == ["李四", "赵六", "王五", "张三"]
    assert names(vault, "", sort="tier") == ["张三", "王五", "赵六", "李四"]
    everyone = names(vault, "", sort="name")
    pages = [row.name for offset in (0, 2, 4) for row in search.search_clients(vault, ClientQuery(), offset, 2)]
    assert pages == everyone
    first = search.search_page(vault, ClientQuery(), 0, 2)
    assert first.total == 4 and [r.name for r in first.rows] == everyone[:2]
    assert search.search_page(vault, ClientQuery(text="li"), 5, 2).total == 1  # past the end: still counted
    with pytest.raises(ValueError):
        search.search_clients(vault, ClientQuery(sort="colour"))


def test_next_follow_up_sort(vault):
    for name, follow_up in (("甲", 9), ("乙", 3), ("丙", None)):
        cid = clients.create_client(vault, {"name": name}).id
        values = {"channel": "sms", "content": "x", "at": dt.datetime.combine(TODAY, dt.time(9))}
        if follow_up:
            values["follow_up_date"] = TODAY + dt.timedelta(days=follow_up)
        contacts.add_contact(vault, cid, values, now=dt.datetime.combine(TODAY, dt.time(18)))
    assert names(vault, "", sort="next_follow_up") == ["乙", "甲", "丙"]  # no follow-up: last
    assert names(vault, "", sort="next_follow_up", descending=True) == ["甲", "乙", "丙"]


def test_demo_book_is_searchable(vault):
    demo.fill(vault, 300, seed=3)
    with vault.engine.connect() as conn:
        name, initials, phone = conn.exec_driver_sql(
            "SELECT c.name, c.name_initials, p.number FROM clients c JOIN client_phones p ON p.client_id = c.id"
            " WHERE c.id = 17"
        ).one()
    assert 17 in [row.id for row in search.search_clients(vault, ClientQuery(text=name), 0, 300)]
    assert 17 in [row.id for row in search.search_clients(vault, ClientQuery(text=initials.split()[0]), 0, 300)]
    assert [row.id for row in search.search_clients(vault, ClientQuery(text=phone))] == [17]
    assert search.count_clients(vault, ClientQuery()) == 300
