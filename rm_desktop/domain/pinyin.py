"""Pinyin search keys for client names, and the surname for salutations (王先生 / 欧阳女士).

An RM finds 单田芳 by typing ``shantianfang`` or ``stf``. pypinyin reads characters with their
everyday reading, which is wrong for many surnames (单 is *shan* as a surname, not *dan*), so
the surname comes from the table below. Given names may use any reading of a heteronym, so all
combinations are indexed, capped so that a long name cannot explode the index.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from types import ModuleType

from rm_desktop.domain.textnorm import PLAIN_HAN, fold_text

MAX_VARIANTS = 16
# Above this many raw combinations the rarest readings are dropped before enumerating.
_MAX_ENUMERATED = 1024

# Compound surnames (复姓), read as surnames. 乐正/宗政 are left out on purpose: 乐 and 宗 are
# single surnames too and 正/政 are common in given names, so 乐正宇 is more likely 乐 + 正宇.
COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "欧阳": ("ou", "yang"),
    "司马": ("si", "ma"),
    "诸葛": ("zhu", "ge"),
    "上官": ("shang", "guan"),
    "东方": ("dong", "fang"),
    "皇甫": ("huang", "fu"),
    "令狐": ("ling", "hu"),
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "夏侯": ("xia", "hou"),
    "慕容": ("mu", "rong"),
    "公孙": ("gong", "sun"),
    "司徒": ("si", "tu"),
    "司空": ("si", "kong"),
    "宇文": ("yu", "wen"),
    "轩辕": ("xuan", "yuan"),
    "端木": ("duan", "mu"),
    "独孤": ("du", "gu"),
    "南宫": ("nan", "gong"),
    "西门": ("xi", "men"),
    "澹台": ("tan", "tai"),
    "公冶": ("gong", "ye"),
    "濮阳": ("pu", "yang"),
    "淳于": ("chun", "yu"),
    "单于": ("chan", "yu"),
    "太叔": ("tai", "shu"),
    "申屠": ("shen", "tu"),
    "公羊": ("gong", "yang"),
    "闻人": ("wen", "ren"),
    "赫连": ("he", "lian"),
    "呼延": ("hu", "yan"),
    "钟离": ("zhong", "li"),
    "拓跋": ("tuo", "ba"),
    "百里": ("bai", "li"),
    "东郭": ("dong", "guo"),
    "左丘": ("zuo", "qiu"),
    "第五": ("di", "wu"),
    "鲜于": ("xian", "yu"),
    "闾丘": ("lv", "qiu"),
    "亓官": ("qi", "guan"),
    "司寇": ("si", "kou"),
    "巫马": ("wu", "ma"),
    "公西": ("gong", "xi"),
    "漆雕": ("qi", "diao"),
    "羊舌": ("yang", "she"),
    "梁丘": ("liang", "qiu"),
    "微生": ("wei", "sheng"),
    "颛孙": ("zhuan", "sun"),
    "壤驷": ("rang", "si"),
    "段干": ("duan", "gan"),
    "夹谷": ("jia", "gu"),
    "谷梁": ("gu", "liang"),
    "宰父": ("zai", "fu"),
    "仲孙": ("zhong", "sun"),
    "叔孙": ("shu", "sun"),
}

# Single surnames whose surname reading differs from pypinyin's everyday reading, or that are
# heteronyms. The first reading is the usual one; a second is listed where both are real
# surnames (乐 Yue/Le, 盖 Ge/Gai, 翟 Zhai/Di, 隗 Wei/Kui).
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "仇": ("qiu",),
    "区": ("ou",),
    "朴": ("piao",),
    "查": ("zha",),
    "覃": ("qin",),
    "盖": ("ge", "gai"),
    "缪": ("miao",),
    "乐": ("yue", "le"),
    "翟": ("zhai", "di"),
    "种": ("chong",),
    "宓": ("mi",),
    "秘": ("bi",),
    "黑": ("he",),
    "折": ("she",),
    "隗": ("wei", "kui"),
    "句": ("gou",),
    "员": ("yun",),
    "阚": ("kan",),
    "长": ("chang",),
    "尉": ("wei",),
    "召": ("shao",),
    "繁": ("po",),
    "藏": ("zang",),
    "贾": ("jia",),
    "薄": ("bo",),
    "柏": ("bai",),
    "牟": ("mou",),
    "洗": ("xian",),
    "冼": ("xian",),
    "都": ("du",),
    "宿": ("su",),
    "祭": ("zhai",),
    "朝": ("chao",),
    "任": ("ren",),
    "沈": ("shen",),
    "石": ("shi",),
    "叶": ("ye",),
    "那": ("na",),
    "俞": ("yu",),
    "车": ("che",),
    "殷": ("yin",),
    "颉": ("xie",),
    "眭": ("sui",),
    "逄": ("pang",),
    "佴": ("nai",),
    "能": ("nai",),
    "郇": ("huan",),
    "粘": ("nian",),
    "蕃": ("pi",),
    "和": ("he",),
    "乜": ("nie",),
    "重": ("chong",),
    "过": ("guo",),
}

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"
_TOKEN = re.compile(f"[{_HAN}]|[a-z0-9]+")
_IS_HAN = re.compile(f"[{_HAN}]")


def _clean(name: str) -> str:
    """Half-width, lower-case, accents dropped (José → jose); Han characters are unchanged."""
    if PLAIN_HAN.fullmatch(name):
        return name  # unified ideographs only: nothing to fold, lower or decompose (most names)
    text = unicodedata.normalize("NFKD", fold_text(name).lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def surname_of(name: str) -> str:
    """The surname as written: 欧阳修 → 欧阳, 王Amy → 王, John Smith → Smith.

    Names with the '·' of transliterated or minority names (买买提·艾力) have no separable
    surname in Chinese usage, so the whole name is returned for salutations."""
    text = fold_text(name)
    if not text:
        return ""
    if "·" in text or "•" in text:
        return text
    if _IS_HAN.match(text):
        return text[:2] if _has_compound_surname(text) else text[0]
    words = text.split()
    return words[-1] if words else ""


def _has_compound_surname(text: str) -> bool:
    # A two-character name is surname + given name even when it spells a compound surname
    # (钟离 is 钟 + 离), so a compound needs at least one more character after it.
    return len(text) >= 3 and text[:2] in COMPOUND_SURNAMES


def name_search_keys(name: str) -> tuple[str, str]:
    """(full, initials): space-separated distinct lower-case variants, e.g. 单田芳 →
    ('shantianfang', 'stf'); 曾乐 → ('zengle zengyue', 'zl zy')."""
    if PLAIN_HAN.fullmatch(name):
        head, start = _surname_part(name)
        if all(len(choices) == 1 for choices in head):
            # A surname of one reading per character (most) only prefixes each combination of
            # the given name's readings, in the given name's order: those are made once per
            # given name (lists repeat given names), as the whole name's would be.
            full, initials = _given_keys(name[start:])
            surname = "".join([choices[0] for choices in head])
            letters = "".join([choices[0][0] for choices in head])
            return " ".join([surname + key for key in full]), " ".join([letters + key for key in initials])
    options = _plain_han_options(name) if PLAIN_HAN.fullmatch(name) else _syllable_options(_clean(name))
    return _keys(options)


def _keys(options: Options) -> tuple[str, str]:
    """name_search_keys of a name read as ``options``."""
    if not options:
        return "", ""
    return " ".join(_combinations(options)), " ".join(_combinations([_initials(choices) for choices in options]))


@functools.lru_cache(maxsize=65536)
def _given_keys(run: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The distinct combinations of a given name's readings and of their initials ("" alone
    for no given name, or one without readings)."""
    options = [choices for choices in _han_run_options(run) if choices] if run else []
    if not options:
        return ("",), ("",)
    return tuple(_combinations(options)), tuple(_combinations([_initials(choices) for choices in options]))


def _combinations(options: Sequence[Sequence[str]]) -> list[str]:
    """The combinations of one reading per position, joined, distinct: at most MAX_VARIANTS,
    the most preferred first (smallest sum of reading ranks, so the first reading of every
    position comes first, then one-off alternatives)."""
    ranks = _best_ranks(tuple(map(len, options)))
    if len(ranks) == 1:
        return ["".join([choices[0] for choices in options])]  # one reading each
    positions = range(len(options))
    return list(dict.fromkeys(["".join([options[i][combo[i]] for i in positions]) for combo in ranks]))


@functools.lru_cache(maxsize=16384)
def _initials(readings: tuple[str, ...]) -> tuple[str, ...]:
    """The distinct first letters of one position's readings, in their order."""
    return tuple(_distinct(reading[0] for reading in readings))


@functools.cache
def _pypinyin() -> ModuleType:
    """pypinyin's phrase dictionary takes ~0.25 s to import: loaded at the first name read (a save,
    an import), not at start-up, where only stored keys are searched."""
    import pypinyin

    return pypinyin


def client_initials(name: str) -> str:
    """Upper-case pinyin initials with dots, for privacy: 王小明 → W.X.M., John Smith → J.S.; '?' if none."""
    variants = name_search_keys(name)[1].split()
    letters = variants[0] if variants else ""
    return "".join(f"{c.upper()}." for c in letters) or "?"


def query_is_pinyin(q: str) -> bool:
    """True when a search query is ASCII letters only (spaces and apostrophes allowed, as in
    "zhang san" or "xi'an"), so it should be matched against the pinyin keys."""
    letters = re.sub(r"[\s']", "", q)
    return bool(letters) and letters.isascii() and letters.isalpha()


Options = list[tuple[str, ...]]  # the readings of each position (syllable or word), preferred first


def _syllable_options(text: str) -> Options:
    """One tuple of readings per syllable (Han character) or Latin word, preferred first."""
    tokens = _TOKEN.findall(text)
    options: Options = []
    start = 0
    if tokens and _IS_HAN.fullmatch(tokens[0]):
        options, start = _surname_part("".join(tokens[:3]))
    options += _given_name_options(tokens[start:])
    return [choices for choices in options if choices]


def _plain_han_options(name: str) -> Options:
    """:func:`_syllable_options` of a name of unified ideographs only (the commonest names: nothing
    to clean, every character a token, the given name one run of them), without tokenising."""
    options, start = _surname_part(name)
    if start < len(name):
        options += _han_run_options(name[start:])
    return [choices for choices in options if choices]


def _surname_part(text: str) -> tuple[Options, int]:
    """The surname's readings at the start of ``text`` (which opens with a Han character), and
    how many characters it takes."""
    if _has_compound_surname(text):
        return [_with_u_spelling([syllable]) for syllable in COMPOUND_SURNAMES[text[:2]]], 2
    # Surnames have one reading in practice: other heteronym readings would only add wrong
    # keys, so an unlisted surname gets pypinyin's everyday reading alone.
    return [_surname_options(text[0])], 1


def _given_name_options(tokens: list[str]) -> Options:
    """Readings per token; a run of Han characters gets pypinyin's in-context reading first,
    then every other reading of each character."""
    options: Options = []
    for is_han, group in itertools.groupby(tokens, key=lambda tok: bool(_IS_HAN.fullmatch(tok))):
        run = list(group)
        if not is_han:
            options += [(word,) for word in run]
            continue
        options += _han_run_options("".join(run))
    return options


# Client lists repeat characters and given names: each pypinyin call is made once per distinct
# input (pypinyin costs ~20 µs per call, a 100k import made ~400k of them).
@functools.lru_cache(maxsize=65536)
def _han_run_options(run: str) -> tuple[tuple[str, ...], ...]:
    """The readings of each character of a run of Han characters (a given name), the
    in-context one first."""
    per_char = [_char_readings(char) for char in run]
    # The context only reorders a character's readings: a run whose characters have one
    # reading each needs no phrase lookup.
    context = _run_context(run) if any(len(readings) > 1 for readings in per_char) else ()
    options = []
    for i, readings in enumerate(per_char):
        first = context[i] if len(context) == len(run) else None
        if first is not None and first in readings and readings[0] != first:
            moved = list(readings)
            moved.remove(first)  # its first occurrence, as pypinyin's order had it
            readings = (first, *moved)
        options.append(_with_u_spelling(readings))
    return tuple(options)


@functools.lru_cache(maxsize=4096)
def _surname_options(char: str) -> tuple[str, ...]:
    everyday = [r for r in _pypinyin().lazy_pinyin(char)[:1] if r.isascii() and r.isalpha()]
    return _with_u_spelling(SURNAME_READINGS.get(char) or everyday)


@functools.lru_cache(maxsize=16384)
def _char_readings(char: str) -> tuple[str, ...]:
    """Every reading of one character, pypinyin's preferred first (ASCII letters only)."""
    found = _pypinyin().pinyin(char, style=_pypinyin().Style.NORMAL, heteronym=True, errors="ignore")
    return tuple(r for r in (found[0] if found else []) if r.isascii() and r.isalpha())


@functools.lru_cache(maxsize=65536)
def _run_context(run: str) -> tuple[str, ...]:
    """pypinyin's in-context reading of each character of a run of Han characters."""
    return tuple(_pypinyin().lazy_pinyin(run, style=_pypinyin().Style.NORMAL))


def _with_u_spelling(readings: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """pypinyin spells ü as v (lv, nv) as Chinese input methods do; many people type u, so
    each such reading is followed by its u spelling (Latin words never pass through here)."""
    return tuple(spelling for r in readings for spelling in dict.fromkeys((r, r.replace("v", "u"))))


def _distinct(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@functools.lru_cache(maxsize=4096)
def _best_ranks(sizes: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """The reading ranks of :func:`_combinations`: they depend on how many
    readings each position has, nothing else, and names share a few dozen such shapes."""
    widths = list(sizes)
    size = 1
    for width in widths:
        size *= width
    while size > _MAX_ENUMERATED:
        widest = widths.index(max(widths))  # the first widest, as max() over the lists chose
        size = size // widths[widest] * (widths[widest] - 1)
        widths[widest] -= 1  # its last (rarest) reading dropped
    ranked = itertools.product(*(range(width) for width in widths))
    return tuple(heapq.nsmallest(MAX_VARIANTS, ranked, key=lambda ranks: (sum(ranks), ranks)))
