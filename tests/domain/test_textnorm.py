"""Control characters and terminal escapes (issue 13.16) go from every folded value (names, IDs,
phones) and from free text, as zero-width characters already did; folding stays idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.client_fields import parse_name
from rm_desktop.domain.field_values import text
from rm_desktop.domain.textnorm import fold_text, strip_controls

NAMES = {
    "ESC colour codes": ("\x1b[31m张三\x1b[0m", "张三"),
    "BEL": ("李\x07四", "李四"),
    "a window title (OSC)": ("\x1b]0;owned\x07王五", "王五"),
    "cleared screen": ("\x1b[2J\x1b[H赵六", "赵六"),
    "DEL and C1 (CSI 0x9b)": ("钱\x7f七\x9b", "钱七"),
    "NEL between words": ("John\x85Smith", "John Smith"),
    "CR/LF as before": ("孙\r\n八", "孙八"),
    "NUL and backspace": ("周\x00九\x08", "周九"),
}


@pytest.mark.parametrize(("raw", "stored"), NAMES.values(), ids=NAMES.keys())
def test_names_lose_control_characters_and_escapes(raw, stored):
    assert parse_name(raw, "name") == stored


def test_free_text_keeps_tabs_and_new_lines_only():
    note = text(500)("第一行\t说明\n第二行\x1b[1m加粗\x1b[0m\x07\r\n完", "notes")
    assert note == "第一行\t说明\n第二行加粗\r\n完"


@given(st.text(alphabet=st.characters(max_codepoint=0x3000)))
def test_folding_removes_every_control_and_is_idempotent(raw):
    folded = fold_text(raw)
    assert fold_text(folded) == folded
    assert not any((ord(ch) < 0x20 and ch not in "\t\n\r") or 0x7F <= ord(ch) < 0xA0 for ch in folded)
    assert strip_controls(folded) == folded


@given(
    st.one_of(
        st.text(st.sampled_from("aZ09'\u200b\x1b 　Ａ１\uf900\ufa10張长乐\u9fff\u4e00\u3400·-"), max_size=8),
        st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6),
        st.text(st.characters(max_codepoint=0x7F), max_size=8),
    )
)
@settings(max_examples=400, deadline=None)
def test_the_fold_shortcut_agrees_with_the_whole_fold(raw):
    # fold_text returns ASCII letters and digits, and unified ideographs, as they are: the
    # whole fold must leave them so too.
    from rm_desktop.domain.textnorm import _fold

    assert fold_text(raw) == _fold(raw)
