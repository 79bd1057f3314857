"""Pinyin search keys and surnames for client names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rm_desktop.domain.pinyin import (
    COMPOUND_SURNAMES,
    MAX_VARIANTS,
    SURNAME_READINGS,
    name_search_keys,
    query_is_pinyin,
    surname_of,
)


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("单田芳", "shantianfang", "stf"),
        ("曾国藩", "zengguofan", "zgf"),
        ("解缙", "xiejin", "xj"),
        ("朴树", "piaoshu", "ps"),
        ("查良镛", "zhaliangyong", "zly"),
        ("覃小梅", "qinxiaomei", "qxm"),
        ("欧阳修", "ouyangxiu", "oyx"),
        ("万俟卨", "moqixie", "mqx"),
        ("尉迟恭", "yuchigong", "ycg"),
    ],
)
def test_surname_readings(name, full, initials):
    keys = name_search_keys(name)
    assert keys == (full, initials)


@pytest.mark.parametrize(
    ("char", "reading"),
    [
        ("单", "shan"),
        ("曾", "zeng"),
        ("解", "xie"),
        ("仇", "qiu"),
        ("区", "ou"),
        ("朴", "piao"),
        ("查", "zha"),
        ("覃", "qin"),
        ("盖", "ge"),
        ("缪", "miao"),
        ("乐", "yue"),
        ("翟", "zhai"),
        ("种", "chong"),
        ("宓", "mi"),
        ("秘", "bi"),
        ("黑", "he"),
        ("折", "she"),
        ("隗", "wei"),
        ("句", "gou"),
        ("员", "yun"),
        ("阚", "kan"),
    ],
)
def test_surname_table_comes_first(char, reading):
    full, _ = name_search_keys(char + "明")
    assert full.split()[0] == reading + "ming"
    assert SURNAME_READINGS[char][0] == reading


def test_surname_is_not_read_with_its_everyday_reading():
    full, initials = name_search_keys("单长行")
    assert all(variant.startswith("shan") for variant in full.split())
    assert all(variant.startswith("s") for variant in initials.split())


def test_given_name_heteronyms_give_combinations():
    full, initials = name_search_keys("曾乐乐")
    assert set(full.split()) == {"zenglele", "zengleyue", "zengyuele", "zengyueyue"}
    assert set(initials.split()) == {"zll", "zly", "zyl", "zyy"}
    # pypinyin's in-context reading stays first.
    assert name_search_keys("张朝阳")[0].split()[0] == "zhangzhaoyang"
    assert "zhangchaoyang" in name_search_keys("张朝阳")[0].split()


def test_variants_are_capped():
    full, initials = name_search_keys("单长行乐朝重长行乐")
    assert 1 < len(full.split()) <= MAX_VARIANTS
    assert len(initials.split()) <= MAX_VARIANTS


def test_umlaut_spelled_both_ways():
    assert name_search_keys("吕布") == ("lvbu lubu", "lb")
    full, initials = name_search_keys("闾丘女士")
    assert full.split()[0] == "lvqiunvshi"
    assert {"luqiunushi", "lvqiunushi", "luqiunvshi"} <= set(full.split())
    assert initials.split()[0] == "lqns"


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("John Smith", ("johnsmith", "js")),
        ("David Lv", ("davidlv", "dl")),
        ("王Amy", ("wangamy", "wa")),
        ("José", ("jose", "j")),
        ("ＭＡＲＹ", ("mary", "m")),
        ("", ("", "")),
        ("  ", ("", "")),
        ("·", ("", "")),
    ],
)
def test_non_chinese_names(name, keys):
    assert name_search_keys(name) == keys


@pytest.mark.parametrize(
    ("name", "surname"),
    [
        ("王小明", "王"),
        ("欧阳修", "欧阳"),
        ("司马相如", "司马"),
        ("诸葛亮", "诸葛"),
        ("上官婉儿", "上官"),
        ("东方朔", "东方"),
        ("皇甫嵩", "皇甫"),
        ("令狐冲", "令狐"),
        ("长孙无忌", "长孙"),
        ("钟离", "钟"),  # two characters: surname 钟 + given name 离
        ("王Amy", "王"),
        ("John Smith", "Smith"),
        ("买买提·艾力", "买买提·艾力"),
        ("", ""),
    ],
)
def test_surname_of(name, surname):
    assert surname_of(name) == surname


def test_compound_surname_table_readings_are_per_character():
    assert all(len(key) == 2 and len(readings) == 2 for key, readings in COMPOUND_SURNAMES.items())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stf", True),
        ("zhang san", True),
        ("xi'an", True),
        ("张", False),
        ("", False),
        ("  ", False),
        ("138", False),
        ("ab1", False),
        ("é", False),
    ],
)
def test_query_is_pinyin(query, expected):
    assert query_is_pinyin(query) is expected


han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@given(st.text(han, min_size=1, max_size=6))
@settings(max_examples=80, deadline=None)
def test_keys_are_lowercase_ascii_and_bounded(name):
    full, initials = name_search_keys(name)
    for keys in (full, initials):
        variants = keys.split()
        assert len(variants) == len(set(variants)) <= MAX_VARIANTS
        assert all(v.isascii() and v.isalpha() and v.islower() for v in variants)
    # every initials variant has one letter per character that has a reading
    if full:
        assert len({len(v) for v in initials.split()}) == 1
        assert query_is_pinyin(full.split()[0])


# Names of unified ideographs with compound surnames, surname-table characters and heteronyms
# mixed in, so both paths meet every rule.
plain_han_names = st.builds(
    lambda head, rest: head + rest,
    st.sampled_from(["", *COMPOUND_SURNAMES, *SURNAME_READINGS, "钟", "欧"]),
    st.text(st.one_of(han, st.sampled_from("长乐重阳行朝单曾吕女绿率和解查")), max_size=5),
)


@given(plain_han_names)
@settings(max_examples=300, deadline=None)
def test_the_plain_han_path_reads_names_as_the_tokenising_path_does(name):
    # name_search_keys skips cleaning and tokenising for a name of unified ideographs only;
    # it must give the readings the general path gives for the same name.
    from rm_desktop.domain.pinyin import _clean, _plain_han_options, _syllable_options

    if name:
        assert _plain_han_options(name) == _syllable_options(_clean(name))


@given(plain_han_names)
@settings(max_examples=300, deadline=None)
def test_keys_made_per_given_name_are_the_whole_names_keys(name):
    # A name whose surname has one reading per character gets the given name's combinations
    # (made once per given name) behind its surname: the keys of the name read as a whole.
    from rm_desktop.domain.pinyin import _clean, _keys, _syllable_options

    assert name_search_keys(name) == _keys(_syllable_options(_clean(name)))
