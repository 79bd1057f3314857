"""No lost update (issue 13.2): a save against a version older than the stored one raises
StaleEdit with both values of each differing field and stores nothing; a save at the current
version, or a stale one that would store only what is stored already, goes through. Every kind
of record people edit: clients, holdings, scripts, plans; and the row version is checked in the
UPDATE itself for those and appointments."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from rm_desktop.domain.errors import StaleEdit, UserError
from rm_desktop.services.clients import files as clients
from rm_desktop.services.clients import holdings
from rm_desktop.services.plans import store as plans
from rm_desktop.services.reminders import appointments
from rm_desktop.services.scripts import library as scripts
from rm_desktop.storage.models import Client, Holding
from rm_desktop.storage.models_plans import Plan
from rm_desktop.storage.models_reminders import Appointment
from rm_desktop.storage.models_scripts import ScriptTemplateRow

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def client(vault):
    return clients.create_client(vault, {"name": "王芳", "phone": "13800138000", "occupation": "教师"}, today=TODAY)


def test_a_stale_client_save_names_both_values_and_stores_nothing(vault, client):
    opened = clients.get_client(vault, client.id)  # the form reads version 1
    clients.update_client(vault, client.id, {"occupation": "医生"}, today=TODAY)  # the CLI, meanwhile

    with pytest.raises(StaleEdit) as caught:
        clients.update_client(
            vault, client.id, {"occupation": "律师", "name": "王芳"}, today=TODAY, expected_version=opened.row_version
        )

    error = caught.value
    assert error.conflicts == {"occupation": ("律师", "医生")}  # the name is the same on both sides
    assert (error.version, error.current) == (1, 2)
    assert isinstance(error, UserError) and "occupation" in str(error)
    assert clients.get_client(vault, client.id).occupation == "医生"


def test_a_fresh_save_passes_and_bumps_the_version_once(vault, client):
    saved = clients.update_client(vault, client.id, {"occupation": "律师"}, today=TODAY, expected_version=1)
    assert (saved.occupation, saved.row_version) == ("律师", 2)
    # Tags live in child rows; changing only them still moves the client's version.
    tagged = clients.update_client(vault, client.id, {"tags": "VIP"}, today=TODAY, expected_version=2)
    assert (tagged.tags, tagged.row_version) == (("VIP",), 3)


def test_a_stale_save_that_stores_what_is_stored_goes_through(vault, client):
    clients.update_client(vault, client.id, {"occupation": "医生"}, today=TODAY)
    # Both writers typed the same occupation, and the name and phone are as stored: nothing is lost.
    values = {"occupation": "医生", "name": "王芳", "phone": "13800138000"}
    saved = clients.update_client(vault, client.id, values, today=TODAY, expected_version=1)
    assert (saved.occupation, saved.row_version) == ("医生", 3)


def test_the_base_of_a_record_compares_like_the_stale_check(vault, client):
    """What the form read, in the check's own form: a field only the form changed is no conflict."""
    opened = clients.update_client(vault, client.id, {"tags": "VIP,高净值"}, today=TODAY)
    clients.update_client(vault, client.id, {"occupation": "医生"}, today=TODAY)
    with pytest.raises(StaleEdit) as caught:
        values = {"occupation": "律师", "phone": "13900139000", "tags": "高净值,VIP"}
        clients.update_client(vault, client.id, values, today=TODAY, expected_version=opened.row_version)
    base = clients.stale_base(opened)
    changed_elsewhere = {key for key, (_mine, theirs) in caught.value.conflicts.items() if base[key] != theirs}
    assert set(caught.value.conflicts) == {"occupation", "phone"}  # the same tags in another order are no change
    assert changed_elsewhere == {"occupation"}


def test_a_stale_client_list_field_reports_both_lists(vault, client):
    clients.update_client(vault, client.id, {"phone": "13900139000"}, today=TODAY)
    with pytest.raises(StaleEdit) as caught:
        clients.update_client(vault, client.id, {"phone": "13700137000"}, today=TODAY, expected_version=1)
    assert caught.value.conflicts == {"phone": (["13700137000"], ["13900139000"])}


def test_a_stale_holding_save(vault, client):
    row = holdings.add_holding(vault, client.id, {"product_type": "fund", "name": "稳健一号", "amount": "100000"})
    holdings.update_holding(vault, row.id, {"amount": "200000"})

    with pytest.raises(StaleEdit) as caught:
        holdings.update_holding(
            vault, row.id, {"amount": "150000", "name": "稳健一号"}, expected_version=row.row_version
        )
    assert caught.value.conflicts == {"amount": (Decimal("150000"), Decimal("200000"))}
    assert holdings.list_holdings(vault, client.id)[0].amount == Decimal("200000")

    fresh = holdings.update_holding(vault, row.id, {"amount": "150000"}, expected_version=caught.value.current)
    assert (fresh.amount, fresh.row_version) == (Decimal("150000"), 3)


def test_a_stale_script_save(vault):
    values = {"name": "到期提醒", "category": "follow_up", "channel": "sms", "body": "您好"}
    row = scripts.create_template(vault, values)
    scripts.update_template(vault, row.id, {"body": "您好，产品到期了"})

    with pytest.raises(StaleEdit) as caught:
        scripts.update_template(vault, row.id, {**values, "body": "您好！"}, expected_version=row.row_version)
    assert caught.value.conflicts == {"body": ("您好！", "您好，产品到期了")}
    assert scripts.get_template(vault, row.id).body == "您好，产品到期了"

    fresh = scripts.update_template(vault, row.id, {"body": "您好！"}, expected_version=caught.value.current)
    assert (fresh.body, fresh.row_version) == ("您好！", 3)


def test_a_stale_plan_save(vault, client):
    first = plans.create_plan(vault, client.id, today=TODAY)
    theirs = dataclasses.replace(first.content, title="二〇二六年规划")
    plans.save_revision(vault, first.plan_id, theirs, today=TODAY)

    mine = dataclasses.replace(first.content, title="养老规划")
    with pytest.raises(StaleEdit) as caught:
        plans.save_revision(vault, first.plan_id, mine, today=TODAY, expected_version=first.version)
    assert list(caught.value.conflicts.values()) == [("养老规划", "二〇二六年规划")]
    assert plans.get_plan(vault, first.plan_id).content.title == "二〇二六年规划"

    saved = plans.save_revision(vault, first.plan_id, mine, today=TODAY, expected_version=caught.value.current)
    assert (saved.version, saved.content.title) == (3, "养老规划")


def test_a_status_change_keeps_a_save_made_after_the_editor_opened(vault, client):
    first = plans.create_plan(vault, client.id, today=TODAY)
    plans.save_revision(vault, first.plan_id, dataclasses.replace(first.content, title="新标题"), today=TODAY)
    plans.set_status(vault, first.plan_id, "draft", today=TODAY)  # unchanged: no version
    assert plans.get_plan(vault, first.plan_id).content.title == "新标题"


def _one(vault, model):
    with vault.sessions() as session:
        return session.scalars(select(model)).first().id


@pytest.mark.parametrize("model", [Client, Holding, ScriptTemplateRow, Plan, Appointment])
def test_the_update_itself_checks_the_row_version(vault, client, model):
    """Two sessions that read the same row: the second UPDATE finds its version gone."""
    holdings.add_holding(vault, client.id, {"product_type": "fund", "name": "稳健一号"})
    scripts.create_template(vault, {"name": "问候", "category": "follow_up", "channel": "sms", "body": "您好"})
    plans.create_plan(vault, client.id, today=TODAY)
    appointments.add_appointment(vault, dt.datetime(2026, 3, 11, 10), "面谈", client_id=client.id)
    row_id = _one(vault, model)
    column = "version" if model is Plan else "row_version"
    edit = "title" if model in (Plan, Appointment) else ("body" if model is ScriptTemplateRow else "name")

    with vault.sessions() as late:
        row = late.get(model, row_id)
        before = getattr(row, column)
        late.commit()  # the read ends (the row stays loaded): a held WAL snapshot could not write at all
        with vault.sessions.begin() as early:
            other = early.get(model, row_id)
            setattr(other, edit, "先到")
            if model is Plan:
                other.version += 1  # plans number their versions themselves
        setattr(row, edit, "后到")
        if model is Plan:
            row.version += 1
        with pytest.raises(StaleDataError):
            late.flush()
    with vault.sessions() as session:
        stored = session.get(model, row_id)
        assert (getattr(stored, edit), getattr(stored, column)) == ("先到", before + 1)


def test_an_import_update_moves_the_version_so_an_open_form_is_stale(vault, tmp_path):
    """The import writes with Core UPDATEs (no ORM): it bumps the version itself."""
    from openpyxl import Workbook

    from rm_desktop.services.exchange.importing import preview_import
    from rm_desktop.services.exchange.writing import run_import

    opened = clients.create_client(vault, {"name": "张三", "customer_no": "C001", "occupation": "教师"}, today=TODAY)
    book = Workbook()
    book.active.append(["客户编号", "客户姓名", "职业"])
    book.active.append(["C001", "张三", "工程师"])
    book.save(tmp_path / "list.xlsx")
    assert run_import(vault, preview_import(vault, tmp_path / "list.xlsx", on_duplicate="update")).updated == 1

    assert clients.get_client(vault, opened.id).row_version == opened.row_version + 1
    with pytest.raises(StaleEdit) as caught:
        clients.update_client(
            vault, opened.id, {"occupation": "律师"}, today=TODAY, expected_version=opened.row_version
        )
    assert caught.value.conflicts == {"occupation": ("律师", "工程师")}


def test_the_cli_refuses_a_stale_expect_version_in_one_line(run_cli):
    """The CLI reads and writes in one go; --expect-version lets a script that read a client
    (``client show --json`` gives row_version) be refused when it changed in between."""
    assert run_cli("init")[0] == 0
    assert run_cli("client", "add", "--set", "name=王芳", "--set", "occupation=教师")[0] == 0
    assert run_cli("client", "update", "1", "--set", "occupation=医生")[0] == 0  # now version 2

    code, out, err = run_cli("client", "update", "1", "--set", "occupation=律师", "--expect-version", "1")
    assert code == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "occupation" in err
    code, out, _err = run_cli("client", "update", "1", "--set", "occupation=律师", "--expect-version", "2", "--json")
    assert code == 0 and '"row_version": 3' in out
