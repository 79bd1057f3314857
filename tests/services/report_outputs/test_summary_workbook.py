"""Issue 17.4: bundles from several RMs → one summary workbook: a row per RM per period with the
KPIs as columns, a totals row, a sheet per RM; opened in LibreOffice as a supervisor would."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reports import MONTH, Period
from rm_desktop.services.report_outputs.bundle import export_bundle, read_bundle
from rm_desktop.services.report_outputs.summary import collect_summary, sheet_name
from tests.services.report_outputs.sample import PLANTED, month_report

PASSWORD = "Zhuguan-2026-bundle"


def _november(report):
    kpis = tuple(dataclasses.replace(k, value=k.previous) for k in reversed(report.kpis))  # another order
    period = Period(MONTH, dt.date(2026, 11, 1), dt.date(2026, 11, 30), "2026-11")
    return dataclasses.replace(report, period=period, kpis=kpis, generated_at=dt.datetime(2026, 11, 30, 18))


@pytest.fixture
def bundles(tmp_path):
    wang, li = month_report(), month_report("李经理/二组", "城西支行")
    files = {
        "wang.rmreports": ([wang, _november(wang)], False),
        "li.rmreports": ([li], True),  # named: the summary still shows counts only
        "wang-again.rmreports": ([dataclasses.replace(wang, generated_at=dt.datetime(2027, 1, 2))], False),
    }
    read = []
    for name, (reports, named) in files.items():
        export_bundle(reports, tmp_path / name, PASSWORD, named=named)
        read.append(read_bundle(tmp_path / name, PASSWORD))
    return read


def test_a_row_per_rm_per_period_and_totals(tmp_path, bundles):
    target = tmp_path / "summary.xlsx"
    collect_summary(bundles, target)
    book = CalamineWorkbook.from_path(str(target))
    assert book.sheet_names == ["汇总", "李经理_二组", "王经理"]
    rows = book.get_sheet_by_name("汇总").to_python()
    assert rows[0][:5] == ["客户经理", "网点", "报告", "期间", "仅含汇总数字"]
    assert rows[0][5:] == [
        "联系客户数（个）",
        "A 层按周期联系率（%）",
        "管户资产变化（元）",
        "投诉平均处理时长（小时）",
    ]
    # the same report twice (wang's December) is counted once; November's KPIs line up by key
    assert [r[:4] for r in rows[1:4]] == [
        ["李经理/二组", "城西支行", "月报 2026-12", "2026-12-01 – 2026-12-31"],
        ["王经理", "城东支行", "月报 2026-11", "2026-11-01 – 2026-11-30"],
        ["王经理", "城东支行", "月报 2026-12", "2026-12-01 – 2026-12-31"],
    ]
    assert rows[1][5:] == [183, 82, -1250000, ""] and rows[2][5:] == [160, 77, 300000, 5.5]
    assert rows[4] == ["合计", "", "", "", "", 526, "", -2200000, ""]  # shares and hours do not add up
    per_rm = book.get_sheet_by_name("王经理").to_python()
    assert per_rm[0] == ["报告", "分组", "项目", "数值", "单位", "合计金额（元）", "目标"]
    assert ["月报 2026-11", "商机", "成交", 3, "", 650000, ""] in per_rm
    everything = "\n".join(
        str(v) for name in book.sheet_names for r in book.get_sheet_by_name(name).to_python() for v in r
    )
    assert not [p for p in PLANTED if p in everything]


def test_libreoffice_reads_the_summary(tmp_path, bundles):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    target = tmp_path / "summary.xlsx"
    collect_summary(bundles, target)
    out = tmp_path / "lo"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(out),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    lines = next(out.glob("*.csv")).read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("李经理/二组,城西支行,月报 2026-12,") and ",183,82," in lines[1]
    assert lines[4].startswith("合计,") and "526" in lines[4] and '"-2,200,000.00"' in lines[4]


def test_nothing_to_collect_and_sheet_names():
    with pytest.raises(UserError):
        collect_summary([], "unused.xlsx")
    taken: set[str] = {"汇总"}
    assert sheet_name("汇总", taken) == "汇总 (2)"
    assert sheet_name("a" * 40, taken) == "a" * 31 and sheet_name("A" * 40, taken) == "A" * 27 + " (2)"
    assert sheet_name("'[x]*?'", taken) == "_x___"
    assert Decimal("1") == 1  # sanity: calamine returns floats that equal ints
