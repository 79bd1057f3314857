"""The RM's profile (设置 › 个人信息) against a real vault: one parser per field on every write,
and the scripts' RM merge fields read from it, in a client's script and in the example preview."""

from __future__ import annotations

import datetime as dt

import pytest

from rm_desktop.domain.errors import ValidationError
from rm_desktop.services.clients import files as clients
from rm_desktop.services.scripts import render as script_render
from rm_desktop.services.settings import profile

TODAY = dt.date(2026, 11, 20)
BODY = "{称谓|您好}，我是{网点}{客户经理职务}{客户经理}，电话{客户经理电话}。"


def test_save_and_load_through_the_one_parser_per_field(vault):
    saved = profile.save(
        vault.settings,
        {"rm_name": " 张 敏 ", "branch_name": " 城西\t支行 ", "rm_phone": "138-0013-8000", "rm_title": "理财经理"},
    )
    assert saved == profile.RmProfile("张敏", "城西 支行", "13800138000", "理财经理")
    assert profile.load(vault.settings) == saved
    assert saved.missing == [] and saved.signature() == "张敏（理财经理）"
    assert profile.RmProfile(name="张敏").missing == ["网点", "电话", "职务"]


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("rm_phone", "4008-123-456", "服务号码"),
        ("rm_phone", "12345", "电话"),
        ("rm_name", "123", "不是姓名"),
        ("branch_name", "网" * 61, "最多 60 个字"),
    ],
)
def test_a_bad_value_is_refused_by_every_writer_and_nothing_is_written(vault, key, raw, message):
    profile.save(vault.settings, {"rm_name": "张敏", "rm_phone": "13800138000"})
    with pytest.raises(ValidationError) as direct:  # the registry (any writer) uses the same parser
        vault.settings.set(key, raw)
    assert message in str(direct.value)
    with pytest.raises(ValidationError) as checked:  # all checked before one is written
        profile.save(vault.settings, {"rm_title": "理财经理", key: raw})
    assert message in str(checked.value) and str(checked.value).startswith(profile.BY_KEY[key].label())
    assert profile.load(vault.settings) == profile.RmProfile("张敏", "", "13800138000", "")


def test_a_client_script_takes_the_rm_fields_from_the_profile(vault):
    client = clients.create_client(vault, {"name": "欧阳明", "gender": "男"})
    empty = script_render.preview(vault, BODY, client.id, today=TODAY)
    assert empty.missing == ("网点", "客户经理职务", "客户经理", "客户经理电话")
    assert "【网点?】" in empty.text
    profile.save(
        vault.settings,
        {"rm_name": "张敏", "branch_name": "城西支行", "rm_phone": "13800138000", "rm_title": "理财经理"},
    )
    full = script_render.preview(vault, BODY, client.id, today=TODAY)
    assert full.complete, full.missing
    assert full.text == "欧阳先生，我是城西支行理财经理张敏，电话13800138000。"


def test_the_example_preview_shows_the_real_profile_not_examples(vault):
    """Before a client is chosen the other fields show examples, but the RM's own are never
    made up: a fresh vault's preview marks them as the copied text would."""
    sample = script_render.preview(vault, BODY, None, today=TODAY)
    assert sample.missing == ("网点", "客户经理职务", "客户经理", "客户经理电话")
    assert sample.text.startswith("欧阳先生，我是【网点?】")
    profile.save(vault.settings, {"rm_name": "李静", "branch_name": "城东支行"})
    sample = script_render.preview(vault, BODY, None, today=TODAY)
    assert "城东支行" in sample.text and "李静" in sample.text and "城西支行" not in sample.text
    assert sample.missing == ("客户经理职务", "客户经理电话")


def test_the_plan_document_names_the_rm_from_the_profile(vault):
    from rm_desktop.services.plans import store as plans
    from rm_desktop.services.plans.document import build_document

    client = clients.create_client(vault, {"name": "王芳", "gender": "女"})
    plan_id = plans.create_plan(vault, client.id, today=TODAY).plan_id
    bare = build_document(vault, plan_id, today=TODAY)
    assert ("客户经理", "—") in bare.header_lines() and not any(k == "联系电话" for k, _ in bare.header_lines())
    profile.save(
        vault.settings,
        {"rm_name": "张敏", "branch_name": "城西支行", "rm_phone": "0755-12345678", "rm_title": "理财经理"},
    )
    lines = dict(build_document(vault, plan_id, today=TODAY).header_lines())
    assert (lines["客户经理"], lines["网点"], lines["联系电话"]) == ("张敏（理财经理）", "城西支行", "0755-12345678")
