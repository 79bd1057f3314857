"""Script exchange: dict and JSON forms, validation naming item and field."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rm_desktop import i18n
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.scripts.builtin import builtin_scripts
from rm_desktop.domain.scripts.model import CATEGORIES, CHANNELS, ScriptTemplate
from rm_desktop.domain.scripts.share import (
    MAX_BODY_LENGTH,
    template_from_dict,
    template_to_dict,
    templates_from_json,
    templates_to_json,
)

GOOD = {"name": "到期提醒", "category": "maturity", "channel": "sms", "body": "{称谓|您好}，{产品名称}将到期。"}


def test_dict_round_trip_drops_builtin_id():
    template = ScriptTemplate("生日", "birthday", "wechat", "{称谓}生日快乐", builtin_id="x")
    assert template_to_dict(template) == {
        "name": "生日",
        "category": "birthday",
        "channel": "wechat",
        "body": "{称谓}生日快乐",
    }
    assert template_from_dict(template_to_dict(template)) == ScriptTemplate(
        "生日", "birthday", "wechat", "{称谓}生日快乐"
    )


def test_labels_accepted_in_place_of_codes():
    item = {**GOOD, "category": "产品到期", "channel": "微信"}
    assert template_from_dict(item) == ScriptTemplate("到期提醒", "maturity", "wechat", GOOD["body"])


def test_extra_keys_ignored_and_crlf_normalised():
    template = template_from_dict({**GOOD, "body": "a\r\nb", "version": 3, "builtin_id": "zz"})
    assert template.body == "a\nb"
    assert template.builtin_id is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"category": "推销"}, "category"),
        ({"channel": "fax"}, "channel"),
        ({"name": "  "}, "name"),
        ({"body": ""}, "body"),
        ({"body": 12}, "body"),
        ({"name": "x" * 101}, "name"),
        ({"body": "x" * (MAX_BODY_LENGTH + 1)}, "body"),
    ],
)
def test_refused_items_name_field_and_row(change, field):
    with pytest.raises(ValidationError) as err:
        template_from_dict({**GOOD, **change}, row=3)
    assert err.value.field == field
    assert err.value.row == 3
    assert err.value.message.startswith("第3项：")


def test_missing_field():
    item = dict(GOOD)
    del item["channel"]
    with pytest.raises(ValidationError) as err:
        template_from_dict(item)
    assert (err.value.field, err.value.row, err.value.message) == ("channel", None, "缺少“channel”")


def test_error_message_in_english():
    i18n.set_language("en")
    try:
        with pytest.raises(ValidationError) as err:
            template_from_dict({**GOOD, "category": "spam"}, row=2)
        assert str(err.value) == "category: Item 2: Unknown script category “spam”"
    finally:
        i18n.set_language("zh_CN")


def test_json_round_trip_of_builtins_is_readable_chinese():
    text = templates_to_json(builtin_scripts())
    assert "生日快乐" in text and "\\u" not in text
    loaded = templates_from_json(text)
    assert [template_to_dict(t) for t in loaded] == [template_to_dict(t) for t in builtin_scripts()]


def test_json_accepts_bytes_with_bom():
    data = ("\ufeff" + json.dumps([GOOD], ensure_ascii=False)).encode("utf-8")
    assert templates_from_json(data)[0].name == "到期提醒"
    assert templates_from_json("\ufeff" + json.dumps([GOOD]))[0].channel == "sms"


def test_json_errors_name_the_item():
    text = json.dumps([GOOD, GOOD, {**GOOD, "channel": "信鸽"}], ensure_ascii=False)
    with pytest.raises(ValidationError) as err:
        templates_from_json(text)
    assert (err.value.field, err.value.row) == ("channel", 3)
    assert "信鸽" in err.value.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('[{"name": "a",', "JSON 格式错误（第1行"),
        ('{"name": "a"}', "须为话术列表"),
        ("[1]", "每一项须为一个对象"),
        (b"\xff\xfe[]", "UTF-8"),
    ],
)
def test_bad_json_files(text, fragment):
    with pytest.raises(ValidationError) as err:
        templates_from_json(text)
    assert fragment in err.value.message


safe_text = st.text(min_size=1, max_size=50).filter(lambda s: s.strip() and "\r" not in s)


@given(
    st.lists(
        st.builds(
            ScriptTemplate,
            name=safe_text.map(str.strip),
            category=st.sampled_from(CATEGORIES),
            channel=st.sampled_from(CHANNELS),
            body=safe_text,
        ),
        max_size=5,
    )
)
def test_json_round_trip_property(templates):
    assert templates_from_json(templates_to_json(templates)) == templates
