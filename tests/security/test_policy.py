"""security/policy: the IT policy file read at start (issue 18.7). Parsing never raises; a bad
file (JSON, types, ranges, unknown keys) becomes the strict defaults with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rm_desktop.i18n import set_language
from rm_desktop.security import policy
from tests.policy_env import install

PATH = Path("/etc/rm-desktop/policy.json")
GOOD = {
    "min_idle_lock_minutes": 15,
    "min_password_strength": 10,
    "exports": {"list": "forbidden", "archive": "password_required", "handover": "allowed"},
    "reveal_reason": "always",
    "retention": {"contacts": 1825, "trash": 30},
    "backups_kept": 5,
    "reason": "总行信息科技部 2026-05 规定",
}


def test_a_valid_file_is_read_as_written():
    found = policy.parse(json.dumps(GOOD, ensure_ascii=False), PATH)
    assert found.problem is None and found.active and dict(found.values) == GOOD
    assert found.export_mode("list") == policy.FORBIDDEN and found.export_mode("ics") == policy.ALLOWED
    assert found.reason() == "总行信息科技部 2026-05 规定"


def test_an_empty_object_fixes_nothing_and_a_bom_is_accepted():
    found = policy.parse(b"\xef\xbb\xbf{}", PATH)
    assert found.problem is None and dict(found.values) == {} and found.export_mode("list") == policy.ALLOWED


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{not json", "not valid JSON at line 1"),
        ("[1, 2]", "JSON object"),
        ('{"export": {"list": "forbidden"}}', "unknown key: export"),  # a typo must not free exports
        ('{"exports": {"lists": "forbidden"}}', 'unknown entry in "exports": lists'),
        ('{"exports": {"list": "no"}}', '"exports.list" must be one of'),
        ('{"exports": ["list"]}', '"exports" must be an object'),
        ('{"min_idle_lock_minutes": 0}', "from 1 to 240"),
        ('{"min_idle_lock_minutes": "15"}', "whole number"),
        ('{"min_idle_lock_minutes": true}', "whole number"),
        ('{"min_password_strength": 7}', "from 8 to 64"),
        ('{"backups_kept": 2.5}', "whole number"),
        ('{"reveal_reason": "sometimes"}', "always / once_per_session / never"),
        ('{"retention": {"contacts": -1}}', '"retention.contacts"'),
        ('{"retention": {"emails": 30}}', 'unknown entry in "retention": emails'),
        ('{"reason": 5}', '"reason" must be one line'),
    ],
)
def test_a_bad_file_runs_under_the_strict_defaults_and_says_why(text, said):
    set_language("en")
    found = policy.parse(text, PATH)
    assert found.values == policy.STRICT_VALUES
    message = found.problem_text() or ""
    assert said in message and str(PATH) in message and "strictest defaults" in message
    set_language("zh_CN")
    assert "最严格" in (found.problem_text() or "")


def test_the_strict_defaults_are_strict():
    strict = policy.parse("{oops", PATH)
    assert all(strict.export_mode(kind) == policy.PASSWORD_REQUIRED for kind in policy.EXPORT_KINDS)
    assert strict.get("reveal_reason") == "always" and strict.get("min_idle_lock_minutes") == 5
    assert strict.get("min_password_strength") > 8  # stronger than the built-in minimum


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
_KEYED = st.dictionaries(st.sampled_from([*policy.KEYS, "export", "x"]), _JSON, max_size=5)


@given(st.one_of(st.binary(max_size=200), st.text(max_size=200), _JSON.map(json.dumps), _KEYED.map(json.dumps)))
def test_parsing_never_raises_and_is_either_valid_or_strict_with_a_reason(raw):
    found = policy.parse(raw, PATH)
    assert found.path == PATH
    if found.problem is None:
        assert set(found.values) <= set(policy.KEYS)
        assert all(found.export_mode(kind) in policy.EXPORT_MODES for kind in policy.EXPORT_KINDS)
    else:
        assert found.values == policy.STRICT_VALUES and found.problem_text()


def test_location_env_first_then_the_platform_default():
    assert policy.default_path({policy.ENV: "/tmp/p.json"}, "win32") == Path("/tmp/p.json")
    assert policy.default_path({"ProgramData": r"D:\PD"}, "win32") == Path(r"D:\PD") / "RMDesktop" / "policy.json"
    assert policy.default_path({}, "linux") == Path("/etc/rm-desktop/policy.json")


def test_no_file_is_no_policy_and_an_unreadable_one_is_strict(monkeypatch, tmp_path):
    path = install(monkeypatch, tmp_path, None)
    assert not policy.current().active and policy.current().problem is None
    path.mkdir()  # there, but not a file that can be read
    found = policy.reload()
    assert found.values == policy.STRICT_VALUES and "cannot be read" in (found.problem[1] if found.problem else "")


def test_an_oversized_file_is_strict(monkeypatch, tmp_path):
    install(monkeypatch, tmp_path, "{" + " " * policy.MAX_BYTES + "}")
    assert policy.current().values == policy.STRICT_VALUES


def test_read_once_per_process(monkeypatch, tmp_path):
    path = install(monkeypatch, tmp_path, {"backups_kept": 3})
    assert policy.current().get("backups_kept") == 3
    path.write_text('{"backups_kept": 4}', encoding="utf-8")
    assert policy.current().get("backups_kept") == 3  # kept until the next start
    assert policy.reload().get("backups_kept") == 4
