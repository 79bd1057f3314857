"""``client list`` on the bare driver (issue 19.2, services/vault/driver_vault): byte for byte the
output of the full (SQLAlchemy) unlock, text and --json, over a seeded book; the same audit
entries (unlock, the search's count, lock), the chain whole after both; the day's first unlock
and a schema not at the shipped heads go through the full unlock, with the key unwrapped once."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.vault import driver_vault
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

BOOK = (
    (
        "name=张三",
        "phone=138 0013 8000",
        "phone=0755-12345678",
        "id_number=11010519491231002X",
        "aum=50万",
        "tags=VIP,退休客户",
    ),
    ("name=张三丰", "customer_no=C0002", "aum=1200万", "risk_grade=C4"),
    ("name=李张", "phone=13900139000", "aum=3万"),
    ("name=王五", "aum=800万", "tags=VIP"),
    ("name=张小", "phone=13700137000"),
    ("name=张回收",),
)
LISTS = (
    ("client", "list", "--search", "张"),
    ("client", "list", "--search", "张", "--limit", "2"),
    ("client", "list", "--search", "zhang"),
    ("client", "list", "--search", "8000"),
    ("client", "list"),
    ("client", "list", "--sort", "aum", "--desc", "--limit", "3"),
    ("client", "list", "--tag", "VIP"),
    ("client", "list", "--trash"),
    ("client", "list", "--search", "没有这个人"),
)


@pytest.fixture
def book(run_cli):
    assert run_cli("init")[0] == 0
    for sets in BOOK:
        code, out, err = run_cli("client", "add", *(arg for value in sets for arg in ("--set", value)), "--json")
        assert code == 0, err
        last = json.loads(out)["id"]
    assert run_cli("client", "delete", str(last))[0] == 0
    return run_cli


@pytest.fixture
def unlocks(monkeypatch):
    """Which way each command opened the vault: "driver" or "full"."""
    seen: list[str] = []
    real_driver, real_full = driver_vault.open_on_driver, vs.unlock

    def on_driver(*args, **kwargs):
        opened = real_driver(*args, **kwargs)
        seen.append("driver")
        return opened

    def full(*args, **kwargs):
        seen.append("full")
        return real_full(*args, **kwargs)

    monkeypatch.setattr(driver_vault, "open_on_driver", on_driver)
    monkeypatch.setattr(vs, "unlock", full)
    return seen


def _entries(cli) -> list[dict]:
    code, out, err = cli("audit", "list", "--limit", "1000", "--json")
    assert code == 0, err
    return json.loads(out)


def _verified(cli) -> bool:
    code, out, _err = cli("audit", "verify", "--json")
    return code == 0 and json.loads(out)["ok"]


def _shape(entry: dict) -> tuple:
    return entry["action"], entry["object"], entry["counts"]


def test_the_driver_prints_what_the_full_unlock_prints_and_records_the_same(book, unlocks, monkeypatch):
    book("client", "list")  # (the day's first unlock was the init's; this one is not)
    for argv in LISTS:
        for form in ((), ("--json",)):
            before = len(_entries(book))
            unlocks.clear()
            on_driver = book(*argv, *form)
            assert unlocks == ["driver"], argv
            middle = _entries(book)
            with monkeypatch.context() as full_only:
                full_only.setattr(driver_vault, "open_on_driver", _refused)
                unlocks.clear()
                on_full = book(*argv, *form)
                assert unlocks == ["full"], argv
            after = _entries(book)
            assert on_driver == on_full and on_driver[0] == 0, argv
            # Each run: unlock, the search's count (with search text), lock; newest first. Around
            # it, the audit lists' own entries: the earlier one's lock, the later one's unlock.
            mine = [_shape(e) for e in middle[1 : len(middle) - before - 1]]
            theirs = [_shape(e) for e in after[1 : len(after) - len(middle) - 1]]
            assert mine == theirs and mine[-1] == ("unlock", None, {}) and mine[0] == ("lock", None, {}), argv
            assert ("search" in [m[0] for m in mine]) == ("--search" in argv)
    assert _verified(book)


def _refused(root, password, derived=None):
    raise driver_vault.NotOnDriver("the test's full unlock", derived=derived)


def test_the_days_first_unlock_goes_through_the_full_unlock_and_its_housekeeping(book, unlocks, monkeypatch):
    from rm_desktop.services.privacy import housekeeping

    runs: list[dt.date] = []
    real = housekeeping.at_unlock
    monkeypatch.setattr(housekeeping, "at_unlock", lambda v, folders, **kw: runs.append(1) or real(v, folders, **kw))
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    monkeypatch.setattr(audit_log, "utc_now", lambda: tomorrow)
    code, out, _err = book("client", "list", "--search", "张")
    assert code == 0 and "张三" in out and unlocks == ["full"] and runs == [1]
    unlocks.clear()
    assert book("client", "list", "--search", "张") == (code, out, _err) and unlocks == ["driver"]
    assert runs == [1] and _verified(book)


def test_a_schema_not_at_the_heads_goes_through_the_full_unlock(book, unlocks, monkeypatch):
    book("client", "list")
    unlocks.clear()
    from rm_desktop.storage import migrate

    monkeypatch.setattr(migrate, "known_heads", lambda: frozenset({"0099_not_shipped"}))
    upgraded: list[int] = []
    monkeypatch.setattr(migrate, "upgrade", lambda engine, target="heads": upgraded.append(1))
    monkeypatch.setattr(migrate, "needs_upgrade", lambda engine, target="heads": True)
    monkeypatch.setattr(vs, "backup_now", lambda vault, target=None: upgraded.append(0))
    assert book("client", "list")[0] == 0
    assert unlocks == ["full"] and upgraded == [0, 1]  # backed up, then upgraded: the full unlock's steps


def test_a_wrong_password_is_the_same_one_line_and_no_entry(book, unlocks, monkeypatch):
    book("client", "list")
    before = len(_entries(book))
    monkeypatch.setenv("RM_DESKTOP_PASSWORD", "not the password at all")
    code, out, err = book("client", "list", "--search", "张")
    monkeypatch.setattr(driver_vault, "open_on_driver", _refused)
    assert (code, out) == (1, "") and book("client", "list", "--search", "张") == (code, out, err)
    monkeypatch.setenv("RM_DESKTOP_PASSWORD", PASSWORD)
    assert len(_entries(book)) == before + 2  # only this audit list's own unlock and lock


def test_a_database_error_is_the_same_one_line_on_both_paths(book, monkeypatch):
    """A write that cannot take the lock (another writer past the busy timeout): the driver's
    own OperationalError reads as SQLAlchemy's did, "database error: <SQLite's words>", exit 1."""
    import sqlcipher3
    from sqlalchemy.exc import OperationalError

    book("client", "list")
    locked = sqlcipher3.OperationalError("database is locked")

    def driver_refused(*_args, **_kwargs):
        raise locked

    def orm_refused(*_args, **_kwargs):
        raise OperationalError("INSERT INTO audit_log ...", {}, locked)

    with monkeypatch.context() as patched:
        patched.setattr(audit_log, "record_on_driver", driver_refused)
        on_driver = book("client", "list", "--search", "张")
    with monkeypatch.context() as patched:
        patched.setattr(driver_vault, "open_on_driver", _refused)
        patched.setattr(audit_log, "record", orm_refused)
        on_full = book("client", "list", "--search", "张")
    assert on_driver == on_full == (1, "", "rm-desktop-cli: 数据库错误: database is locked\n")
