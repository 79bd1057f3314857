"""Issue 17.3: the counts-only outputs (chat text, PDF, xlsx, bundle) hold no planted client name,
ID or phone; the RM's own PDF and xlsx hold them. PDFs are read back with pdftotext, as a reader
would see them; workbooks with python-calamine."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from rm_desktop.domain.reports import counts_only
from rm_desktop.i18n import set_language
from rm_desktop.io.office_crypto import decrypt_xlsx
from rm_desktop.services import report_outputs as outputs
from rm_desktop.services.report_outputs.bundle import MEMBER
from tests.services.report_outputs.sample import IDS, NAMES, PHONES, PLANTED, empty_day, month_report

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
PASSWORD = "Zhuguan-2026-bundle"


def pdf_text(path: Path) -> str:
    done = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def book_cells(path: Path) -> dict[str, str]:
    """Sheet name → every cell of it as one text."""
    book = CalamineWorkbook.from_path(str(path))
    return {
        name: "\n".join(str(v) for row in book.get_sheet_by_name(name).to_python() for v in row)
        for name in book.sheet_names
    }


def leaked(text: str) -> list[str]:
    return [item for item in PLANTED if item in text]


def test_counts_text_is_safe_and_says_the_figures():
    report = month_report()
    text = outputs.counts_text(report)  # given the named report: it applies counts_only itself
    assert leaked(text) == []
    assert text.startswith("【月报 2026-12】\n王经理 · 城东支行 · 2026-12-01 – 2026-12-31\n（仅含汇总数字）")
    assert "  电话：120\n" in text and "  成交：3，合计 650,000.00 元\n" in text
    assert "  本月无投诉\n" in text  # the empty section says so
    assert "  联系客户数：183（较上期 +23，目标 200）\n" in text
    assert "  A 层按周期联系率：82.0%（较上期 +5.0 个百分点，目标 90.0%）\n" in text
    assert "  投诉平均处理时长：—（目标 24 小时）\n" in text  # no figure: the target alone
    assert "  管户资产变化：-1,250,000.00 元（较上期 -1,550,000.00 元）\n" in text  # no target: none shown
    assert text.endswith("■ 提醒\n  ! 2 个承诺回电未回\n")
    assert outputs.counts_text(report) == outputs.counts_text(counts_only(report))


def test_counts_text_of_an_empty_day_and_in_english():
    assert "本期无记录。" in outputs.counts_text(empty_day())
    assert "今日无往来记录" in outputs.counts_text(empty_day())
    set_language("en")
    text = outputs.counts_text(month_report())
    assert text.startswith("【Monthly report 2026-12】") and "(counts only)" in text
    assert "vs last +5.0 pts, target 90.0%" in text and leaked(text) == []


def test_counts_only_pdf_has_no_client_and_says_so(tmp_path, pdf_font):
    target = tmp_path / "counts.pdf"
    outputs.export_pdf(counts_only(month_report()), target)
    text = pdf_text(target)
    assert leaked(text) == []
    assert "仅含汇总数字" in text and "月报 2026-12" in text and "650,000.00" in text
    assert "趋势" in text and "2026-01" in text  # the trend charts' labels


def test_named_pdf_has_the_clients(tmp_path, pdf_font):
    target = tmp_path / "named.pdf"
    outputs.export_pdf(month_report(), target)
    text = pdf_text(target)
    assert all(name in text for name in NAMES) and PHONES[0] in text and IDS[1] in text  # note, plan
    assert "仅含汇总数字" not in text
    assert outputs.render_pdf(month_report()).startswith(b"%PDF")


def test_counts_only_xlsx_has_no_client_nor_details_sheet(tmp_path):
    target = tmp_path / "counts.xlsx"
    outputs.export_xlsx(counts_only(month_report()), target)
    sheets = book_cells(target)
    assert list(sheets) == ["概要", "指标"]
    assert leaked("\n".join(sheets.values())) == []
    assert "650000" in sheets["概要"] and "2 个承诺回电未回" in sheets["概要"]


def test_named_xlsx_details_and_kpi_trend(tmp_path):
    target = tmp_path / "named.xlsx"
    outputs.export_xlsx(month_report(), target)
    book = CalamineWorkbook.from_path(str(target))
    assert book.sheet_names == ["概要", "明细", "指标"]
    details = book.get_sheet_by_name("明细").to_python()
    assert details[0] == ["分组", "项目", "客户编号", "客户", "说明", "金额（元）"]
    assert details[1][:4] == ["往来客户", "电话", IDS[0], NAMES[0]] and details[1][5] == 50000
    kpis = book.get_sheet_by_name("指标").to_python()
    assert kpis[0][:7] == ["指标", "单位", "本期", "上期", "变化", "目标", "2026-01"] and kpis[0][-1] == "2026-12"
    assert kpis[2][:6] == ["A 层按周期联系率", "%", 82, 77, 5, 90]
    assert kpis[1][9] == "" and kpis[1][-1] == 183  # a period without a figure stays empty


def test_bundle_without_named_holds_counts_only(tmp_path):
    target = tmp_path / "wang.rmreports"
    outputs.export_bundle([month_report()], target, PASSWORD)
    raw = target.read_bytes()
    assert leaked(raw.decode("latin-1")) == []
    with zipfile.ZipFile(io.BytesIO(decrypt_xlsx(raw, PASSWORD))) as zf:
        inside = zf.read(MEMBER).decode("utf-8")
    assert leaked(inside) == [] and json.loads(inside)["named"] is False
    bundle = outputs.read_bundle(target, PASSWORD)
    assert bundle.reports == (counts_only(month_report()),) and not bundle.named
    assert (bundle.rm_name, bundle.branch, bundle.version) == ("王经理", "城东支行", 1)


def test_named_bundle_round_trip(tmp_path):
    target = tmp_path / "wang.rmreports"
    reports = [month_report(), empty_day()]
    outputs.export_bundle(reports, target, PASSWORD, named=True)
    bundle = outputs.read_bundle(target, PASSWORD)
    assert bundle.named and bundle.reports == tuple(reports)


@pytest.mark.parametrize("password", ["", "short", "12345678"])
def test_bundle_password_follows_the_handover_rule(tmp_path, password):
    with pytest.raises(outputs.bundle.UserError):
        outputs.export_bundle([month_report()], tmp_path / "b.rmreports", password)
    assert not (tmp_path / "b.rmreports").exists()


def test_a_character_no_font_has_is_refused_and_nothing_written(tmp_path, pdf_font, monkeypatch):
    from rm_desktop.io.pdf_draw import MissingGlyphs
    from rm_desktop.io.pdf_fonts import FALLBACK_ENV

    monkeypatch.setenv(FALLBACK_ENV, "")  # no fallback font: the test subset alone
    rare = "\U0002a6a5"  # in no font here
    target = tmp_path / "rare.pdf"
    with pytest.raises(MissingGlyphs, match=r"报告中有 1 个字符.*U\+2A6A5"):
        outputs.export_pdf(month_report(rm_name="王" + rare), target)
    assert not target.exists()
