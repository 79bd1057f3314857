"""Contact history with revisions and follow-ups, and drafts that survive a crash."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest

from rm_desktop.services.clients import contacts, drafts
from rm_desktop.services.clients import files as clients
from rm_desktop.services.clients.values import ClientValidationError
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD

NOW = dt.datetime(2025, 3, 10, 16, 0)


@pytest.fixture
def cid(vault):
    return clients.create_client(vault, {"name": "张伟"}).id


def _add(vault, cid, at, **extra):
    return contacts.add_contact(vault, cid, {"at": at, "channel": "phone", "content": f"通话 {at}", **extra}, now=NOW)


def test_add_list_newest_first_and_client_summary(vault, cid):
    first = _add(vault, cid, "2025-03-01T10:00", follow_up_date="2025-03-20")
    second = _add(vault, cid, "2025-03-05T15:30", follow_up_date="2025-03-12")
    _add(vault, cid, "2025-02-01T09:00")  # entered late: an older contact
    assert [c.id for c in contacts.list_contacts(vault, cid)][:2] == [second.id, first.id]
    record = clients.get_client(vault, cid)
    assert record.last_contact_at == dt.datetime(2025, 3, 5, 15, 30)
    assert record.next_follow_up == dt.date(2025, 3, 12)
    contacts.set_follow_up_done(vault, second.id)
    assert clients.get_client(vault, cid).next_follow_up == dt.date(2025, 3, 20)
    contacts.set_follow_up_done(vault, first.id)
    assert clients.get_client(vault, cid).next_follow_up is None
    contacts.set_follow_up_done(vault, first.id, done=False)
    assert clients.get_client(vault, cid).next_follow_up == dt.date(2025, 3, 20)


def test_defaults_and_channel_labels(vault, cid):
    record = contacts.add_contact(vault, cid, {"channel": "网点面谈", "content": "讲解新发理财"}, now=NOW)
    assert record.at == NOW and record.channel == "meeting" and record.channel_label == "网点面谈"
    assert not record.follow_up_done and record.revisions == 0


def test_edit_keeps_the_earlier_text(vault, cid):
    record = _add(vault, cid, "2025-03-01T10:00", outcome="未接通")
    contacts.edit_contact(vault, record.id, {"outcome": "已接通，约周五面谈", "at": "2025-03-01T11:00"}, now=NOW)
    edited = contacts.edit_contact(vault, record.id, {"content": "电话回访"}, now=NOW)
    assert edited.revisions == 2 and edited.content == "电话回访" and edited.outcome == "已接通，约周五面谈"
    history = contacts.contact_revisions(vault, record.id)
    assert [h.fields["outcome"] for h in history] == ["未接通", "已接通，约周五面谈"]
    assert history[0].fields["at"] == "2025-03-01T10:00:00" and history[0].fields["content"] == "通话 2025-03-01T10:00"
    assert clients.get_client(vault, cid).last_contact_at == dt.datetime(2025, 3, 1, 11, 0)
    unchanged = contacts.edit_contact(vault, record.id, {"content": "电话回访"}, now=NOW)
    assert unchanged.revisions == 2  # nothing changed: no new revision


def test_contact_validation(vault, cid):
    with pytest.raises(ClientValidationError) as err:
        contacts.add_contact(vault, cid, {"channel": "telegram", "at": "2025-03-11T09:00"}, now=NOW)
    assert set(err.value.errors) == {"channel", "content", "at"}
    with pytest.raises(ClientValidationError) as err:
        contacts.add_contact(
            vault, cid, {"channel": "sms", "content": "x", "at": "2025-03-05", "follow_up_date": "2025-03-01"}, now=NOW
        )
    assert list(err.value.errors) == ["follow_up_date"]
    with pytest.raises(ClientValidationError) as err:
        contacts.edit_contact(vault, _add(vault, cid, "2025-03-01").id, {"content": ""}, now=NOW)
    assert list(err.value.errors) == ["content"]
    assert len(contacts.list_contacts(vault, cid)) == 1


def test_drafts_round_trip(vault, cid):
    draft_id = drafts.save_draft(vault, "contact", cid, {"channel": "visit", "content": "客户提到"})
    again = drafts.save_draft(
        vault,
        "contact",
        cid,
        {"channel": "visit", "content": "客户提到孩子留学", "day": dt.date(2025, 3, 10)},
        draft_id=draft_id,
    )
    assert again == draft_id
    new_client = drafts.save_draft(vault, "client", None, {"name": "王"})
    found = drafts.load_drafts(vault, "contact")
    assert [(d.id, d.client_id, d.payload) for d in found] == [
        (draft_id, cid, {"channel": "visit", "content": "客户提到孩子留学", "day": "2025-03-10"})
    ]
    assert {d.id for d in drafts.load_drafts(vault)} == {draft_id, new_client}
    drafts.discard_draft(vault, draft_id)
    drafts.discard_draft(vault, draft_id)  # twice is fine
    assert [d.id for d in drafts.load_drafts(vault)] == [new_client]


def test_draft_survives_a_crash(vault, vault_dir, cid):
    """The autosave runs in another process that then dies at once (no lock, no checkpoint, no
    connection closed); unlocking again finds the draft."""
    script = textwrap.dedent(f"""
        import os
        from rm_desktop.services.clients import drafts
        from rm_desktop.services.vault import lifecycle as vs
        v = vs.unlock({str(vault_dir)!r}, {PASSWORD!r}, remember=False, backup=False)
        drafts.save_draft(v, "contact", {cid}, {{"content": "面谈中记下的要点"}})
        os._exit(3)
    """)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert (vault_dir / "vault.db-wal").exists()  # the commit is only in the write-ahead log
    vault.lock()
    again = vs.unlock(vault_dir, PASSWORD, backup=False)
    try:
        [draft] = drafts.load_drafts(again)
        assert draft.payload == {"content": "面谈中记下的要点"} and draft.client_id == cid
    finally:
        again.lock()
