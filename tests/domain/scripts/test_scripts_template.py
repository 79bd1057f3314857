"""Script template parsing and rendering: syntax, problems, and safety properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop import i18n
from rm_desktop.domain.scripts.placeholders import KNOWN_NAMES
from rm_desktop.domain.scripts.template import (
    DEFAULT_MISSING_MARKER,
    Placeholder,
    ProblemKind,
    escape,
    parse,
    render,
)


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("zh_CN")


def kinds(body: str) -> list[tuple[ProblemKind, int]]:
    return [(p.kind, p.position) for p in parse(body).problems]


# --- rendering ---------------------------------------------------------------------------


def test_placeholder_directly_followed_by_chinese_text():
    result = render("{姓}先生您好，{姓名}", {"姓": "王", "姓名": "王小明"})
    assert result.text == "王先生您好，王小明"
    assert result.missing == [] and result.problems == [] and result.complete


def test_fallback_used_for_missing_empty_and_blank_values():
    body = "尊敬的{称谓|客户}："
    assert render(body, {}).text == "尊敬的客户："
    assert render(body, {"称谓": ""}).text == "尊敬的客户："
    assert render(body, {"称谓": "  "}).text == "尊敬的客户："
    assert render(body, {"称谓": "李女士"}).text == "尊敬的李女士："
    assert render(body, {}).missing == []


def test_empty_fallback_renders_nothing_and_is_not_missing():
    result = render("{称谓|}您好", {})
    assert (result.text, result.missing) == ("您好", [])


def test_fullwidth_bar_and_spaces_around_name_and_fallback():
    assert render("{ 称谓 ｜ 客户 }好", {}).text == "客户好"
    assert render("{ 姓名 }", {"姓名": "赵云"}).text == "赵云"


def test_missing_field_shows_default_marker_and_is_listed_once():
    result = render("{姓名}，{产品名称}，{姓名}", {})
    assert DEFAULT_MISSING_MARKER == "【{name}?】"
    assert result.text == "【姓名?】，【产品名称?】，【姓名?】"
    assert result.missing == ["姓名", "产品名称"]
    assert not result.complete


def test_custom_missing_marker_with_and_without_name_token():
    assert render("{姓名}好", {}, missing_marker="<{name}>").text == "<姓名>好"
    assert render("{姓名}好", {}, missing_marker="___").text == "___好"


def test_value_with_braces_is_inserted_verbatim_not_parsed_again():
    result = render("{姓名}", {"姓名": "{产品名称}{{"})
    assert result.text == "{产品名称}{{"
    assert result.missing == []


def test_non_string_context_values_are_converted():
    assert render("{年龄}岁", {"年龄": 45}).text == "45岁"


def test_escaped_braces():
    assert render("{{姓名}}", {"姓名": "王"}).text == "{姓名}"
    assert render("{{{姓名}}}", {"姓名": "王"}).text == "{王}"
    assert parse("{{}}").problems == ()


def test_format_style_attacks_are_just_unknown_fields():
    body = "{0.__class__}{姓名!r}{姓名:>10}"
    result = render(body, {"姓名": "王"})
    assert result.text == "【0.__class__?】【姓名!r?】【姓名:>10?】"
    assert [p.kind for p in result.problems] == [ProblemKind.UNKNOWN_FIELD] * 3


def test_unknown_field_still_renders_from_context():
    result = render("{座右铭}", {"座右铭": "知足常乐"})
    assert result.text == "知足常乐"
    assert [(p.kind, p.name) for p in result.problems] == [(ProblemKind.UNKNOWN_FIELD, "座右铭")]


def test_custom_known_names():
    assert parse("{foo}", known={"foo"}).problems == ()
    assert parse("{姓名}", known={"foo"}).problems[0].kind is ProblemKind.UNKNOWN_FIELD


# --- problems ----------------------------------------------------------------------------


def test_unbalanced_open_brace_reports_position_and_keeps_the_rest():
    body = "{姓名，您好 {称谓}"
    assert kinds(body) == [(ProblemKind.UNBALANCED_OPEN, 0)]
    assert render(body, {"称谓": "王先生"}).text == "{姓名，您好 王先生"


def test_unbalanced_close_brace():
    assert kinds("您好}{姓名}") == [(ProblemKind.UNBALANCED_CLOSE, 2)]
    assert kinds("{姓名}}") == [(ProblemKind.UNBALANCED_CLOSE, 4)]
    assert render("您好}", {}).text == "您好}"


def test_empty_placeholder_renders_literally():
    assert kinds("a{}b{ }c{|x}") == [
        (ProblemKind.EMPTY_PLACEHOLDER, 1),
        (ProblemKind.EMPTY_PLACEHOLDER, 4),
        (ProblemKind.EMPTY_PLACEHOLDER, 8),
    ]
    assert render("a{}b", {}).text == "a{}b"


def test_nested_braces():
    body = "您好{姓名{称谓}}！"
    assert kinds(body) == [(ProblemKind.NESTED_BRACE, 2)]
    assert render(body, {"姓名": "王"}).text == body


def test_fullwidth_braces_around_known_name_are_flagged():
    assert kinds("｛姓名｝您好 ｛随便｝") == [(ProblemKind.FULLWIDTH_BRACE, 0)]
    assert render("｛姓名｝", {"姓名": "王"}).text == "｛姓名｝"


def test_problem_messages_name_one_based_position(english):
    problem = parse("ab{姓名").problems[0]
    assert problem.message == ("The “{” at character 3 has no matching “}” (write “{{” for a literal brace)")
    assert str(parse("{姓明}").problems[0]) == ("The placeholder “姓明” at character 1 is not a known field")


def test_problem_message_in_chinese():
    assert parse("x}").problems[0].message == "第2个字符处的“}”没有对应的“{”（要写大括号本身请用“}}”）"


def test_parsed_fields_and_placeholder_spans():
    parsed = parse("{称谓|客户}，{产品名称}到期；{称谓}")
    assert parsed.fields == ["称谓", "产品名称"]
    assert parsed.placeholders[0] == Placeholder("称谓", "客户", 0, 7)
    assert parsed.ok


def test_many_unmatched_braces_parse():
    body = "{a" * 20000
    parsed = parse(body)
    assert len(parsed.problems) == 20000
    assert render(body, {}).text == body


# --- properties --------------------------------------------------------------------------

# Pieces rather than characters, so that braces, escapes and real fields meet often.
brace_heavy_text = st.lists(
    st.sampled_from(list("{}|｜｛｝姓名称谓 a\n😀") + ["{姓名}", "{{", "}}", "{称谓|客户}"])
).map("".join)


@settings(max_examples=150)
@given(st.one_of(st.text(), brace_heavy_text), st.dictionaries(st.text(), st.text()))
def test_render_never_raises(body, context):
    result = render(body, context)
    assert isinstance(result.text, str)
    assert set(result.missing) <= {p.name for p in parse(body).placeholders}


@given(st.text().filter(lambda s: "{" not in s and "}" not in s and "｛" not in s))
def test_text_without_braces_renders_to_itself(body):
    result = render(body, {"姓名": "王"})
    assert result.text == body
    assert result.problems == [] and result.missing == []


@given(st.text())
def test_escape_round_trip(text):
    result = render(escape(text), {})
    assert result.text == text
    assert [p for p in result.problems if p.kind is not ProblemKind.FULLWIDTH_BRACE] == []


@given(
    st.lists(
        st.one_of(
            st.text().filter(lambda s: not any(c in s for c in "{}｛")).map(lambda s: ("text", s)),
            st.sampled_from(sorted(KNOWN_NAMES)).map(lambda n: ("field", n)),
        )
    )
)
def test_well_formed_templates_render_exactly(parts):
    context = {name: f"<{name}>" for name in KNOWN_NAMES}
    body = "".join(v if k == "text" else "{" + v + "}" for k, v in parts)
    expected = "".join(v if k == "text" else f"<{v}>" for k, v in parts)
    result = render(body, context)
    assert result.text == expected
    assert result.complete
