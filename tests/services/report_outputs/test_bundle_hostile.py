"""Issue 17.4: a received bundle is hostile input. Wrong password, damaged or truncated file,
another format or version, oversize or deeply nested content, a malformed field: each is one
UserError naming the file, never a traceback, and nothing is half-read."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reports import as_dict
from rm_desktop.io.office_crypto import encrypt_xlsx
from rm_desktop.services.report_outputs import bundle as bundles
from rm_desktop.services.report_outputs.bundle import bundle_dict, export_bundle, read_bundle
from tests.services.report_outputs.sample import NAMES, month_report

PASSWORD = "Zhuguan-2026-bundle"


def _write(tmp_path, content: dict | str | bytes, name: str = "x.rmreports"):
    text = content if isinstance(content, (str, bytes)) else json.dumps(content, ensure_ascii=False)
    data = bundles._package(text if isinstance(text, str) else text.decode("latin-1"))
    path = tmp_path / name
    path.write_bytes(encrypt_xlsx(data, PASSWORD))
    return path


def _refused(path, password: str = PASSWORD) -> str:
    with pytest.raises(UserError) as refused:
        read_bundle(path, password)
    message = str(refused.value)
    assert path.name in message and "\n" not in message and "Traceback" not in message
    return message


def _good() -> dict:
    return bundle_dict([month_report()], named=True, now=dt.datetime(2026, 12, 31, 18, 0))


def test_wrong_password_truncated_and_plain_files(tmp_path):
    path = tmp_path / "wang.rmreports"
    export_bundle([month_report()], path, PASSWORD)
    assert "密码不正确" in _refused(path, "Another-password-9")
    data = path.read_bytes()
    for size in (len(data) // 2, len(data) - 700, 600, 10):
        cut = tmp_path / f"cut{size}.rmreports"
        cut.write_bytes(data[:size])
        _refused(cut)
    plain = tmp_path / "plain.rmreports"
    plain.write_text(json.dumps(_good()), encoding="utf-8")
    assert "没有加密" in _refused(plain)
    empty = tmp_path / "empty.rmreports"
    empty.write_bytes(b"")
    _refused(empty)


def test_another_format_or_version(tmp_path):
    assert "第 2 版" in _refused(_write(tmp_path, {**_good(), "version": 2}))
    _refused(_write(tmp_path, {**_good(), "format": "something-else"}))
    _refused(_write(tmp_path, [1, 2, 3]))
    _refused(_write(tmp_path, "not json {"))
    _refused(_write(tmp_path, {**_good(), "reports": []}))
    _refused(_write(tmp_path, {**_good(), "named": "yes"}))
    _refused(_write(tmp_path, {**_good(), "exported_at": "yesterday"}))


def test_oversize_and_nested_content(tmp_path, monkeypatch):
    assert "嵌套过深" in _refused(_write(tmp_path, "[" * 200_000 + "]" * 200_000))
    monkeypatch.setattr(bundles, "MAX_JSON", 100_000)
    # a member far larger unpacked than packed (a zip bomb, in small)
    assert "过大" in _refused(_write(tmp_path, {**_good(), "padding": " " * 2_000_000}))
    monkeypatch.setattr(bundles, "MAX_FILE", 1000)
    path = tmp_path / "big.rmreports"
    export_bundle([month_report()], path, PASSWORD)
    assert "过大" in _refused(path)


def test_a_zip_with_other_members_is_refused(tmp_path):
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as zf:
        zf.writestr("[Content_Types].xml", bundles._TYPES)
        zf.writestr(bundles.MEMBER, json.dumps(_good()))
        zf.writestr("extra.bin", b"\0" * 5000)
    path = tmp_path / "extra.rmreports"
    path.write_bytes(encrypt_xlsx(package.getvalue(), PASSWORD))
    assert "不是报告包" in _refused(path)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("sections", 0, "lines", 0, "count"), "many"),
        (("sections", 0, "lines", 0, "count"), -1),
        (("sections", 0, "lines", 0, "amount"), "NaN"),
        (("sections", 0, "lines", 0, "details"), {"a": 1}),
        (("kpis", 0, "unit"), "furlongs"),
        (("kpis", 0, "trend", 0, "value"), 12.5),  # decimals travel as text, never floats
        (("kind",), "year"),
        (("end",), "2026-11-01"),
        (("sections", 0, "title"), "长" * 5000),
        (("warnings",), [1]),
    ],
)
def test_a_malformed_field_is_named(tmp_path, where, value):
    content = _good()
    target = content["reports"][0]
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    message = _refused(_write(tmp_path, content))
    assert str(where[-1]) in message


def test_a_missing_field_is_named(tmp_path):
    content = _good()
    del content["reports"][0]["kpis"][1]["target"]
    assert "reports[0].kpis[1].target" in _refused(_write(tmp_path, content))


def test_a_counts_only_bundle_never_yields_names(tmp_path):
    """A file that says counts-only but carries details (edited, or from a faulty sender) is read
    as counts-only all the same."""
    content = {**_good(), "named": False}
    content["reports"] = [as_dict(month_report())]
    bundle = read_bundle(_write(tmp_path, content), PASSWORD)
    text = json.dumps([as_dict(r) for r in bundle.reports], ensure_ascii=False)
    assert not any(name in text for name in NAMES) and bundle.reports[0].counts_only
