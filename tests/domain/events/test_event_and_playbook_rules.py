"""The pure rules of events and playbooks: the status flow, seats and the waiting list, the
48-hour follow-up, field checks naming the field, step dates and the built-in playbooks."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.events import model as ev
from rm_desktop.domain.playbooks import builtin as pb
from rm_desktop.domain.playbooks.model import Step, check_playbook, dated_steps

NOON = dt.datetime(2026, 12, 10, 14, 30)


def test_status_flow_allows_the_salon_path_and_refuses_going_back():
    for before, after in [
        (ev.INVITED, ev.CONFIRMED),
        (ev.CONFIRMED, ev.ATTENDED),
        (ev.CONFIRMED, ev.NO_SHOW),
        (ev.INVITED, ev.ATTENDED),
        (ev.ATTENDED, ev.NO_SHOW),
        (ev.ATTENDED, ev.ATTENDED),
    ]:
        ev.check_move(before, after)
    for before, after in [(ev.CONFIRMED, ev.INVITED), (ev.ATTENDED, ev.CONFIRMED), (ev.NO_SHOW, ev.INVITED)]:
        with pytest.raises(ValidationError) as err:
            ev.check_move(before, after)
        assert err.value.field == "status"


def test_status_parses_codes_and_labels():
    assert ev.parse_status("出席") == ev.ATTENDED
    assert ev.parse_status("No-show") == ev.NO_SHOW
    assert ev.parse_status("已确认") == ev.CONFIRMED
    with pytest.raises(ValidationError, match="invited"):
        ev.parse_status("maybe")


def test_seats_split_new_invitees_into_seated_and_waiting():
    assert ev.split_by_seats(15, 0, 10) == (10, 0)
    assert ev.split_by_seats(15, 12, 5) == (3, 2)
    assert ev.split_by_seats(15, 20, 2) == (0, 2)


def test_follow_up_is_48_hours_after_the_event():
    assert ev.follow_up_on(NOON) == dt.date(2026, 12, 12)


def test_event_fields_are_checked_and_name_the_field():
    checked = ev.check_event(ev.EventFields("  12月理财沙龙 ", NOON.replace(second=31), " 网点二楼 ", 15))
    assert (checked.name, checked.place, checked.starts_at.second) == ("12月理财沙龙", "网点二楼", 0)
    for fields, field in [
        (ev.EventFields(" ", NOON), "name"),
        (ev.EventFields("沙龙", NOON, capacity=0), "capacity"),
        (ev.EventFields("沙龙", NOON, capacity=5000), "capacity"),
        (ev.EventFields("沙龙", NOON, place="x" * 201), "place"),
    ]:
        with pytest.raises(ValidationError) as err:
            ev.check_event(fields)
        assert err.value.field == field


def test_builtin_playbooks_follow_the_training_material():
    by_ref = {p.ref: p for p in pb.builtins()}
    assert set(by_ref) == {pb.NEW_CLIENT, pb.MATURITY, pb.COMPLAINT, pb.SALON}
    assert [s.offset for s in by_ref[pb.NEW_CLIENT].steps] == [0, 3, 30]
    assert [s.offset for s in by_ref[pb.MATURITY].steps] == [-30, -7, 1]
    assert [s.offset for s in by_ref[pb.COMPLAINT].steps] == [0, 0, 0, 0, 2]
    assert [s.offset for s in by_ref[pb.SALON].steps][-2:] == [-1, 2]
    for playbook in by_ref.values():  # every built-in passes the rules an RM's copy must pass
        assert check_playbook(playbook.name, playbook.start_label, playbook.steps)[2] == playbook.steps


def test_steps_are_dated_from_the_start_day():
    maturity = pb.builtin(pb.MATURITY)
    assert maturity is not None
    days = [on for on, _step in dated_steps(maturity.steps, dt.date(2026, 12, 31))]
    assert days == [dt.date(2026, 12, 1), dt.date(2026, 12, 24), dt.date(2027, 1, 1)]


def test_playbook_checks_name_the_step_and_rule():
    with pytest.raises(ValidationError) as err:
        check_playbook("我的流程", "开户日", [Step(0, "欢迎", "wechat"), Step(999, "太远", "phone")])
    assert err.value.field == "steps[2].offset"
    with pytest.raises(ValidationError) as err:
        check_playbook("我的流程", "", [Step(0, "欢迎", "pigeon")])
    assert err.value.field == "steps[1].channel"
    with pytest.raises(ValidationError) as err:
        check_playbook("", "", [Step(0, "欢迎", "wechat")])
    assert err.value.field == "name"
    name, _label, steps = check_playbook(" 流程 ", "", [Step(5, " b ", "电话"), Step(-1, "a", "sms")])
    assert (name, [s.title for s in steps], steps[1].channel) == ("流程", ["a", "b"], "phone")
