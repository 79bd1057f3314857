"""The scripts library against a real encrypted vault: seeding, editing and resetting shipped
scripts, drafts, rendering for clients (fallbacks, markers, holdings), bulk, logging a contact."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.scripts import builtin as builtin_module
from rm_desktop.domain.scripts.builtin import builtin_scripts
from rm_desktop.domain.scripts.model import ScriptTemplate
from rm_desktop.domain.scripts.placeholders import EventInfo
from rm_desktop.domain.scripts.template import ProblemKind
from rm_desktop.services.clients import contacts, holdings
from rm_desktop.services.clients import files as clients
from rm_desktop.services.scripts import library as scripts
from rm_desktop.services.scripts import render as script_render
from rm_desktop.storage.models_scripts import ScriptTemplateRow
from tests.services.consent.given import consent_to_all

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def book(vault):
    vault.settings.set("rm_name", "张敏")
    vault.settings.set("rm_phone", "138 0013 8000")
    vault.settings.set("branch_name", "城西支行")
    wang = clients.create_client(
        vault,
        {
            "name": "欧阳明",
            "gender": "男",
            "birth_date": "1980-11-22",
            "phone": "13800138000",
            "customer_no": "C001",
            "aum": "3200000",
        },
    )
    li = clients.create_client(vault, {"name": "李华"})  # no gender, no phone, no holdings
    consent_to_all(vault, [wang.id, li.id])
    return vault, wang.id, li.id


def _user(vault, body: str, **extra) -> scripts.TemplateRecord:
    return scripts.create_template(
        vault,
        {
            "name": extra.get("name", "测试"),
            "category": extra.get("category", "birthday"),
            "channel": extra.get("channel", "sms"),
            "body": body,
        },
    )


# -- seeding -----------------------------------------------------------------------------------


def test_seeding_is_idempotent_and_complete(vault):
    shipped = builtin_scripts()
    assert scripts.ensure_builtins(vault) == len(shipped)
    assert scripts.ensure_builtins(vault) == 0
    listed = scripts.list_templates(vault)
    assert sorted(r.builtin_id for r in listed) == sorted(s.builtin_id for s in shipped)
    assert all(not r.is_draft and not r.edited for r in listed)
    # Listed by category order: every birthday script comes before the first festival one.
    categories = [r.category for r in listed]
    assert categories.index("festival") > max(i for i, c in enumerate(categories) if c == "birthday")


def test_reading_a_seeded_library_writes_nothing(vault):
    scripts.ensure_builtins(vault)
    _user(vault, "{称谓}您好，{未知字段}")  # a draft: its problems are checked by the seeding too
    statements: list[str] = []
    commits: list[object] = []
    record = lambda _conn, _cursor, statement, *_rest: statements.append(statement.split()[0].upper())  # noqa: E731
    count_commit = lambda conn: commits.append(conn)  # noqa: E731
    event.listen(vault.engine, "before_cursor_execute", record)
    event.listen(vault.engine, "commit", count_commit)
    try:
        listed = scripts.list_templates(vault)
        scripts.list_templates(vault, category="birthday", text="生日")
        scripts.find_template(vault, listed[0].name)
        scripts.suggest_template(vault, "birthday", channel="sms")
        assert scripts.ensure_builtins(vault) == 0
    finally:
        event.remove(vault.engine, "before_cursor_execute", record)
        event.remove(vault.engine, "commit", count_commit)
    assert "SELECT" in statements
    assert not set(statements) & {"INSERT", "UPDATE", "DELETE", "REPLACE"}
    assert commits == []  # read-only sessions only: each ends in a rollback


def test_a_new_vault_is_seeded_by_its_first_listing(vault):
    assert {r.builtin_id for r in scripts.list_templates(vault)} == {s.builtin_id for s in builtin_scripts()}
    assert scripts.ensure_builtins(vault) == 0


def test_a_script_shipped_later_appears_and_edits_survive(vault, monkeypatch):
    scripts.ensure_builtins(vault)
    first = scripts.list_templates(vault)[0]
    scripts.update_template(vault, first.id, {"body": "我改过的{姓名}"})
    newer = builtin_scripts() + (
        ScriptTemplate("新春拜年", "festival", "sms", "{称谓|您好}新年快乐", "festival_new_99"),
    )
    monkeypatch.setattr(scripts, "builtin_scripts", lambda: newer)
    assert scripts.ensure_builtins(vault) == 1
    assert scripts.get_template(vault, first.id).body == "我改过的{姓名}"
    assert [r.name for r in scripts.list_templates(vault) if r.builtin_id == "festival_new_99"] == ["新春拜年"]


def test_unedited_builtin_follows_new_wording_edited_does_not(vault, monkeypatch):
    scripts.ensure_builtins(vault)
    a, b = builtin_scripts()[:2]
    row_b = next(r for r in scripts.list_templates(vault) if r.builtin_id == b.builtin_id)
    scripts.update_template(vault, row_b.id, {"name": "我的版本"})
    revised = tuple(
        ScriptTemplate(s.name, s.category, s.channel, s.body + "（新版）", s.builtin_id) for s in builtin_scripts()
    )
    monkeypatch.setattr(scripts, "builtin_scripts", lambda: revised)
    by_builtin = {r.builtin_id: r for r in scripts.list_templates(vault)}
    assert by_builtin[a.builtin_id].body == a.body + "（新版）"
    assert by_builtin[b.builtin_id].name == "我的版本" and by_builtin[b.builtin_id].body == b.body


def test_edit_and_reset_builtin(vault):
    scripts.ensure_builtins(vault)
    original = builtin_scripts()[0]
    record = next(r for r in scripts.list_templates(vault) if r.builtin_id == original.builtin_id)
    edited = scripts.update_template(vault, record.id, {"body": "{称谓}，生日快乐！", "channel": "wechat"})
    assert edited.edited and edited.body == "{称谓}，生日快乐！" and edited.channel == "wechat"
    reset = scripts.reset_builtin(vault, record.id)
    assert (reset.name, reset.channel, reset.body, reset.edited) == (
        original.name,
        original.channel,
        original.body,
        False,
    )
    # Editing back to the shipped wording is not an edit.
    scripts.update_template(vault, record.id, {"body": "x"})
    assert not scripts.update_template(vault, record.id, {"body": original.body}).edited


def test_reset_refuses_a_user_template(vault):
    record = _user(vault, "{姓名}")
    with pytest.raises(UserError, match="不是内置话术"):
        scripts.reset_builtin(vault, record.id)


def test_deleted_builtin_stays_deleted_and_restores(vault):
    scripts.ensure_builtins(vault)
    record = scripts.list_templates(vault)[0]
    scripts.delete_template(vault, record.id)
    assert scripts.ensure_builtins(vault) == 0
    assert record.id not in {r.id for r in scripts.list_templates(vault)}
    assert [r.id for r in scripts.list_templates(vault, trashed=True)] == [record.id]
    with pytest.raises(UserError, match="回收站"):
        scripts.update_template(vault, record.id, {"body": "x"})
    assert not scripts.restore_template(vault, record.id).in_trash


# -- drafts and validation ---------------------------------------------------------------------------


def test_unbalanced_and_unknown_are_saved_as_draft_with_problems(vault):
    record = _user(vault, "{称谓}您好，{客户爱好}的活动在{活动时间")
    assert record.is_draft
    kinds = [p.kind for p in record.problems]
    assert kinds == [ProblemKind.UNKNOWN_FIELD, ProblemKind.UNBALANCED_OPEN]
    assert "客户爱好" in record.problems[0].message
    again = scripts.get_template(vault, record.id)
    assert again.problems == record.problems and again.is_draft
    fixed = scripts.update_template(vault, record.id, {"body": "{称谓}您好，{活动名称}在{活动时间}"})
    assert not fixed.is_draft and fixed.problems == ()
    assert scripts.update_template(vault, record.id, {}, draft=True).is_draft  # kept as a draft on request


def test_suggestion_skips_drafts_and_prefers_own_and_channel(vault):
    scripts.ensure_builtins(vault)
    assert scripts.suggest_for_reminder_kind("maturity") == "maturity"
    assert scripts.suggest_for_reminder_kind("cadence") == "follow_up"
    assert scripts.suggest_for_reminder_kind("appointment") is None
    shipped = scripts.suggest_template(vault, "maturity")
    assert shipped is not None and shipped.is_builtin
    _user(vault, "{姓名}{坏", name="草稿", category="maturity")
    own = _user(vault, "{称谓|您好}，产品快到期了", name="我的到期", category="maturity", channel="wechat")
    assert scripts.suggest_template(vault, "maturity").id == own.id
    assert scripts.suggest_template(vault, "maturity", channel="phone").channel == "phone"


@pytest.mark.parametrize(
    "values, field",
    [
        ({"name": "", "category": "birthday", "channel": "sms", "body": "x"}, "name"),
        ({"name": "a", "category": "生日", "channel": "sms", "body": "x"}, "category"),
        ({"name": "a", "category": "birthday", "channel": "fax", "body": "x"}, "channel"),
        ({"name": "a", "category": "birthday", "channel": "sms", "body": "  "}, "body"),
    ],
)
def test_bad_fields_are_refused_naming_the_field(vault, values, field):
    with pytest.raises(ValidationError) as info:
        scripts.create_template(vault, values)
    assert info.value.field == field
    with vault.sessions() as session:
        assert session.query(ScriptTemplateRow).count() == 0


def test_labels_are_accepted_for_category_and_channel(vault):
    record = scripts.create_template(vault, {"name": "a", "category": "生日祝福", "channel": "微信", "body": "x"})
    assert (record.category, record.channel) == ("birthday", "wechat")


def test_find_by_name_or_id(vault):
    scripts.ensure_builtins(vault)
    name = builtin_scripts()[0].name
    found = scripts.find_template(vault, name)
    assert scripts.find_template(vault, str(found.id)) == found
    _user(vault, "x", name=name)
    with pytest.raises(UserError, match="多个"):
        scripts.find_template(vault, name)
    with pytest.raises(scripts.TemplateNotFound):
        scripts.find_template(vault, "没有这个")


def test_search_text_matches_name_and_body(vault):
    _user(vault, "理财沙龙邀请函正文", name="甲")
    _user(vault, "别的", name="乙沙龙")
    names = {r.name for r in scripts.list_templates(vault, text="沙龙")}
    assert {"甲", "乙沙龙"} <= names


# -- rendering ----------------------------------------------------------------------------------------


def test_context_from_client_settings_and_next_maturity(book):
    vault, wang, _li = book
    holdings.add_holding(
        vault, wang, {"product_type": "wealth", "name": "稳享90天", "amount": "500000", "maturity_date": "2026-12-01"}
    )
    later = holdings.add_holding(
        vault, wang, {"product_type": "deposit", "name": "大额存单", "amount": "1000000", "maturity_date": "2027-03-01"}
    )
    context = script_render.context_for(vault, wang, today=TODAY)
    assert context["称谓"] == "欧阳先生" and context["年龄"] == "45" and context["客户经理"] == "张敏"
    assert (context["产品名称"], context["金额"], context["到期日"]) == ("稳享90天", "50万元", "2026年12月1日")
    chosen = script_render.context_for(vault, wang, product_holding_id=later.id, today=TODAY)
    assert chosen["产品名称"] == "大额存单" and chosen["金额"] == "100万元"
    vault.settings.set("amount_unit", "元")
    assert script_render.context_for(vault, wang, product_holding_id=later.id, today=TODAY)["金额"] == "1,000,000元"


def test_holding_of_another_client_is_refused(book):
    vault, wang, li = book
    other = holdings.add_holding(vault, li, {"product_type": "fund", "name": "基金"})
    with pytest.raises(UserError):
        script_render.context_for(vault, wang, product_holding_id=other.id, today=TODAY)


def test_missing_fields_use_fallback_or_visible_marker(book):
    vault, _wang, li = book
    template = _user(vault, "尊敬的{称谓|客户}：您的{产品名称}将于{到期日}到期。{节日|}")
    result = script_render.render_for(vault, template.id, li, today=TODAY)
    assert result.text == "尊敬的客户：您的【产品名称?】将于【到期日?】到期。"
    assert result.missing == ("产品名称", "到期日") and not result.complete


def test_lunar_birthday_is_written_as_lunar_date(vault):
    client = clients.create_client(
        vault, {"name": "王芳", "gender": "女", "birth_date": "1970-09-08", "lunar_birthday": "true"}
    )
    assert script_render.context_for(vault, client.id, today=TODAY)["生日"].startswith("农历")


def test_render_a_broken_template_never_crashes(book):
    vault, wang, _li = book
    template = _user(vault, "}{姓名}{{字面}}{未知字段}{")
    result = script_render.render_for(vault, template.id, wang, today=TODAY)
    assert result.text == "}欧阳明{字面}【未知字段?】{" and len(result.problems) == 3


def test_preview_without_client_uses_examples_and_event(book):
    vault, wang, _li = book
    assert script_render.preview(vault, "{姓名}，{客户经理}", today=TODAY).text == "欧阳明，张敏"
    event = EventInfo("理财沙龙", dt.datetime(2026, 12, 5, 14, 30), "三楼贵宾厅")
    text = script_render.preview(vault, "{活动名称}{活动时间}{活动地点}", wang, event=event, today=TODAY).text
    assert text == "理财沙龙2026年12月5日（星期六）14:30三楼贵宾厅"


def test_sms_segments_are_reported(book):
    vault, wang, _li = book
    short = script_render.preview(vault, "字" * 70, wang, today=TODAY)
    long = script_render.preview(vault, "字" * 71, wang, today=TODAY)
    assert (short.segments, long.segments) == (1, 2)


def test_upcoming_festival(vault):
    assert script_render.upcoming_festival(dt.date(2026, 9, 10)) == "中秋节"  # 2026-09-25
    assert script_render.upcoming_festival(dt.date(2026, 12, 20)) == "元旦"
    assert script_render.upcoming_festival(dt.date(2026, 7, 1), within_days=10) is None


def test_bulk_render_keeps_order_skips_trash_and_unknown(book):
    vault, wang, li = book
    trashed = clients.create_client(vault, {"name": "赵雷"})
    clients.trash_client(vault, trashed.id)
    template = _user(vault, "{称谓|您好}，{产品名称|近期产品}")
    holdings.add_holding(vault, wang, {"product_type": "wealth", "name": "稳享90天", "maturity_date": "2026-12-01"})
    calls = []
    rows = script_render.bulk_render(
        vault,
        template.id,
        [li, 999_999, trashed.id, wang, li],
        today=TODAY,
        progress=lambda done, total: calls.append((done, total)) or True,
    )
    assert [(r.client_id, r.text) for r in rows] == [(li, "您好，近期产品"), (wang, "欧阳先生，稳享90天")]
    assert rows[1].phone == "13800138000" and rows[1].customer_no == "C001" and rows[1].segments == 1
    assert calls == [(4, 4)]


def test_bulk_render_stops_when_cancelled(vault, monkeypatch):
    ids = [clients.create_client(vault, {"name": f"客户{i}"}).id for i in range(3)]
    consent_to_all(vault, ids)
    template = _user(vault, "{姓名}")
    monkeypatch.setattr(script_render, "CHUNK", 1)
    rows = script_render.bulk_render(vault, template.id, ids, today=TODAY, progress=lambda done, total: False)
    assert [r.client_name for r in rows] == ["客户0"]


# -- logging a contact --------------------------------------------------------------------------------


def test_confirm_sent_logs_a_contact_with_the_text(book):
    vault, wang, _li = book
    scripts.ensure_builtins(vault)
    template = scripts.suggest_template(vault, "birthday", channel="wechat")
    rendered = script_render.render_for(vault, template.id, wang, today=TODAY)
    record = script_render.confirm_sent(vault, template.id, wang, rendered.text, now=dt.datetime(2026, 11, 20, 9, 30))
    history = contacts.list_contacts(vault, wang)
    assert [(c.id, c.channel, c.purpose, c.content) for c in history] == [
        (record.id, "wechat", "生日问候", rendered.text)
    ]
    assert clients.get_client(vault, wang).last_contact_at == dt.datetime(2026, 11, 20, 9, 30)


def test_confirm_sent_email_is_logged_and_channel_can_be_chosen(book):
    vault, wang, _li = book
    template = _user(vault, "主题：你好\n{姓名}", channel="email")
    assert script_render.confirm_sent(vault, template.id, wang, "x").channel == "email"
    assert script_render.confirm_sent(vault, template.id, wang, "x", channel="visit").channel == "visit"
    with pytest.raises(UserError, match="fax"):
        script_render.confirm_sent(vault, template.id, wang, "x", channel="fax")
    assert [c.channel for c in contacts.list_contacts(vault, wang)] == ["visit", "email"]


def test_builtin_module_cache_is_untouched():
    # The monkeypatched seeding tests must not leak into the shipped list.
    assert all(s.builtin_id != "festival_new_99" for s in builtin_module.builtin_scripts())


def test_query_client_ids_and_confirm_many(vault, monkeypatch):
    from rm_desktop.services.search.query import ClientQuery

    ids = [clients.create_client(vault, {"name": f"客户{i}"}).id for i in range(5)]
    assert sorted(script_render.query_client_ids(vault, ClientQuery())) == ids
    assert len(script_render.query_client_ids(vault, ClientQuery(), limit=3)) == 3
    assert script_render.query_client_ids(vault, ClientQuery(text="客户4")) == [ids[4]]
    template = _user(vault, "{姓名}好")
    logged = script_render.confirm_many(vault, template.id, [(ids[0], "客户0好"), (ids[1], "客户1好")])
    assert logged == ids[:2] and [c.content for c in contacts.list_contacts(vault, ids[1])] == ["客户1好"]
