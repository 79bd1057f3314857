"""Events on a temporary vault with a fake clock: invitations (ids, a client-list filter, an
insights segment), the waiting list beyond the capacity, attendance logging exactly one
contact per attendee with its 48-hour follow-up on the worklist, the rendered invitations,
and the event's result."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.events.model import ATTENDED, CONFIRMED, DECLINED, NO_SHOW, EventFields
from rm_desktop.services.clients.contacts import list_contacts
from rm_desktop.services.clients.files import create_client, trash_client
from rm_desktop.services.events import attendance, invites, results, store, undo
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.worklist.build import build_worklist
from tests.services.consent.given import consent_to_all

TODAY = dt.date(2026, 12, 2)
EVENT_AT = dt.datetime(2026, 12, 10, 14, 0)
AFTER = dt.datetime(2026, 12, 10, 17, 0)


def _clients(vault, count, aum="300000", prefix="客户"):
    return [create_client(vault, {"name": f"{prefix}{k}", "aum": aum}, today=TODAY).id for k in range(count)]


def _event(vault, capacity=15):
    return store.add_event(vault, EventFields("12月理财沙龙", EVENT_AT, "网点二楼", capacity, "年末资产配置")).id


def _event_contacts(vault, cid):
    return [c for c in list_contacts(vault, cid) if c.channel == "event"]


def test_event_add_refuses_bad_fields_and_stores_nothing(vault):
    with pytest.raises(ValidationError) as err:
        store.add_event(vault, EventFields("沙龙", EVENT_AT, capacity=0))
    assert err.value.field == "capacity"
    assert store.list_events(vault) == []
    event = store.get_event(vault, _event(vault))
    assert (event.name, event.capacity, event.place, event.invited) == ("12月理财沙龙", 15, "网点二楼", 0)


def test_invite_skips_the_already_invited_and_the_trashed(vault):
    ids = _clients(vault, 4)
    event_id = _event(vault)
    trash_client(vault, ids[3])
    first = invites.invite(vault, event_id, ids[:2], now=AFTER)
    again = invites.invite(vault, event_id, ids, now=AFTER)
    assert first.invited == tuple(ids[:2])
    assert (again.invited, again.already, again.missing) == ((ids[2],), tuple(ids[:2]), (ids[3],))
    assert [i.client_id for i in store.list_invitations(vault, event_id)] == ids[:3]


def test_over_capacity_warns_and_keeps_a_waiting_list(vault):
    ids = _clients(vault, 5)
    event_id = _event(vault, capacity=3)
    result = invites.invite(vault, event_id, ids, now=AFTER)
    assert result.over_capacity and result.invited == tuple(ids[:3]) and result.waitlisted == tuple(ids[3:])
    assert "超出名额 3：2 位列入候补名单" in result.message()
    rows = store.list_invitations(vault, event_id)
    assert [r.waitlisted for r in rows] == [False, False, False, True, True]
    # A decline frees a seat: the first on the waiting list takes it.
    moved = attendance.set_status(vault, event_id, [ids[0]], DECLINED, now=AFTER)
    assert moved.promoted == (ids[3],)
    waiting = {r.client_id for r in store.list_invitations(vault, event_id) if r.waitlisted}
    assert waiting == {ids[4]}


def test_attendance_writes_exactly_one_contact_per_attendee(vault):
    ids = _clients(vault, 3)
    event_id = _event(vault)
    invites.invite(vault, event_id, ids, now=AFTER)
    attendance.set_status(vault, event_id, ids[:2], CONFIRMED, now=AFTER)
    first = attendance.set_status(vault, event_id, ids[:2], ATTENDED, now=AFTER)
    again = attendance.set_status(vault, event_id, ids[:2], ATTENDED, now=AFTER)
    assert (first.contacts_logged, again.contacts_logged, again.unchanged) == (2, 0, tuple(ids[:2]))
    for cid in ids[:2]:
        logged = _event_contacts(vault, cid)
        assert len(logged) == 1
        assert logged[0].at == EVENT_AT and "12月理财沙龙" in logged[0].content
    assert _event_contacts(vault, ids[2]) == []
    # A mis-click corrected: attended → no-show takes its contact back; attended again logs one.
    attendance.set_status(vault, event_id, [ids[1]], NO_SHOW, now=AFTER)
    assert _event_contacts(vault, ids[1]) == []
    attendance.set_status(vault, event_id, [ids[1]], ATTENDED, now=AFTER)
    assert len(_event_contacts(vault, ids[1])) == 1


def test_each_attendee_gets_a_48_hour_follow_up_on_the_worklist(vault):
    ids = _clients(vault, 3)
    event_id = _event(vault)
    invites.invite(vault, event_id, ids, now=AFTER)
    attendance.set_status(vault, event_id, ids[:2], ATTENDED, now=AFTER)
    assert {c.follow_up_date for cid in ids[:2] for c in _event_contacts(vault, cid)} == {dt.date(2026, 12, 12)}
    due = dt.date(2026, 12, 12)
    follow_ups = {i.client_id for i in build_worklist(vault, due).items if i.kind == "follow_up"}
    assert follow_ups == set(ids[:2])


def test_attendance_is_refused_before_the_event_day_and_for_strangers(vault):
    ids = _clients(vault, 2)
    event_id = _event(vault)
    invites.invite(vault, event_id, ids[:1], now=AFTER)
    with pytest.raises(ValidationError) as err:
        attendance.set_status(vault, event_id, ids[:1], ATTENDED, now=dt.datetime(2026, 12, 9, 10))
    assert err.value.field == "status"
    with pytest.raises(UserError, match="未被邀请"):
        attendance.set_status(vault, event_id, ids, ATTENDED, now=AFTER)
    assert _event_contacts(vault, ids[0]) == []  # nothing half-saved


def test_invitees_from_a_filter_and_from_a_segment(vault):
    rich = _clients(vault, 2, aum="2000000", prefix="富")
    _clients(vault, 2, aum="10000", prefix="普")
    query_ids = invites.clients_of_query(vault, ClientQuery(text="富"))
    assert sorted(query_ids) == sorted(rich)
    segment_ids = invites.clients_of_segment(vault, "tier:wealth", TODAY)
    assert sorted(segment_ids) == sorted(rich)
    with pytest.raises(UserError):
        invites.clients_of_segment(vault, "no-such-bar", TODAY)


def test_invitations_are_rendered_for_every_invitee(vault):
    ids = _clients(vault, 3)
    consent_to_all(vault, ids)
    event_id = _event(vault)
    invites.invite(vault, event_id, ids, now=AFTER)
    rendered = invites.render_invitations(vault, event_id, today=TODAY)
    assert [r.client_id for r in rendered] == ids
    assert all("12月理财沙龙" in r.text for r in rendered)
    assert all(r.client_name in r.text or "客户" in r.text for r in rendered)


def test_result_counts_attendees_and_says_when_no_opportunities_are_kept(vault):
    ids = _clients(vault, 3)
    event_id = _event(vault)
    invites.invite(vault, event_id, ids, now=AFTER)
    attendance.set_status(vault, event_id, ids[:2], ATTENDED, now=AFTER)
    attendance.set_status(vault, event_id, ids[2:], NO_SHOW, now=AFTER)
    result = results.event_result(vault, event_id)
    assert (result.attendees, result.event.invited, result.opportunities_opened) == (2, 3, 0)
    assert result.as_json()["statuses"] == {ATTENDED: 2, NO_SHOW: 1}
    assert result.message().startswith("出席 2 位（邀请 3 位）")


def test_undo_takes_back_exactly_an_invitation_batch(vault):
    ids = _clients(vault, 3)
    event_id = _event(vault, capacity=2)
    kept = invites.invite(vault, event_id, ids[:1], now=AFTER)
    batch = invites.invite(vault, event_id, ids, now=AFTER)
    attendance.set_status(vault, event_id, ids[1:2], CONFIRMED, now=AFTER)  # touched since: stays
    assert undo.undo_invite(vault, batch) == 1
    assert [i.client_id for i in store.list_invitations(vault, event_id)] == [*kept.invited, ids[1]]


def test_undo_of_a_status_change_restores_statuses_contacts_and_seats(vault):
    ids = _clients(vault, 3)
    event_id = _event(vault, capacity=2)
    invites.invite(vault, event_id, ids, now=AFTER)
    attended = attendance.set_status(vault, event_id, ids[:1], ATTENDED, now=AFTER)
    assert len(_event_contacts(vault, ids[0])) == 1
    undo.undo_status(vault, attended, now=AFTER)
    assert _event_contacts(vault, ids[0]) == [] and store.list_invitations(vault, event_id)[0].status == "invited"
    declined = attendance.set_status(vault, event_id, ids[1:2], DECLINED, now=AFTER)
    assert declined.promoted == (ids[2],)
    undo.undo_status(vault, declined, now=AFTER)
    rows = {r.client_id: r for r in store.list_invitations(vault, event_id)}
    assert rows[ids[1]].status == "invited" and rows[ids[2]].waitlisted


def test_result_counts_the_opportunities_attendees_opened_from_the_salon(vault):
    from rm_desktop.services.sales import opportunities as opp

    ids = [
        create_client(vault, {"name": f"客户{k}", "risk_grade": "C3", "risk_expires_on": "2027-06-01"}, today=TODAY).id
        for k in range(3)
    ]
    event_id = _event(vault)
    invites.invite(vault, event_id, ids, now=AFTER)
    attendance.set_status(vault, event_id, ids[:2], ATTENDED, now=AFTER)
    fund = {
        "product_type": "fund",
        "product_name": "稳健债基",
        "product_risk": "R2",
        "amount": "20万",
        "source": "沙龙",
    }
    won = opp.add_opportunity(vault, ids[0], fund, today=EVENT_AT.date())
    opp.move_opportunity(vault, won.id, "成交", today=EVENT_AT.date())
    opp.add_opportunity(vault, ids[1], {**fund, "amount": "5万"}, today=EVENT_AT.date())
    opp.add_opportunity(vault, ids[1], {**fund, "source": "walk_in"}, today=EVENT_AT.date())  # not the salon's
    opp.add_opportunity(vault, ids[2], fund, today=EVENT_AT.date())  # not an attendee
    result = results.event_result(vault, event_id)
    assert result.opportunities_known
    assert (result.opportunities_opened, result.won_count, str(result.won_amount)) == (2, 1, "200000.00")
    assert "新增商机 2 个，成交 1 个" in result.message()


def test_a_client_in_the_trash_is_hidden_from_the_event_and_back_at_restore(vault):
    from rm_desktop.services.clients.files import restore_client

    ids = _clients(vault, 2)
    event_id = _event(vault)
    invites.invite(vault, event_id, ids, now=AFTER)
    trash_client(vault, ids[1])
    assert [i.client_id for i in store.list_invitations(vault, event_id)] == ids[:1]
    assert store.get_event(vault, event_id).invited == 1
    restore_client(vault, ids[1])
    assert store.get_event(vault, event_id).invited == 2
