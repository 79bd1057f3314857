"""The plan document (理财规划书): its content, the PDF's pages and text (read back with pypdf),
the font lookup and the language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import set_language
from rm_desktop.io import pdf_fonts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.clients.holdings import add_holding
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.content import GoalItem, ProductItem, RetirementItem
from rm_desktop.services.plans.document import AllocationChart, Heading, Table, build_document
from rm_desktop.services.plans.pdf_export import export_pdf

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def plan_id(vault):
    vault.settings.set("rm_name", "李明")
    vault.settings.set("branch_name", "深圳招商路支行")
    vault.settings.set("amount_unit", "元")
    client = create_client(
        vault, {"name": "王芳", "gender": "女", "birth_date": "1980-05-02", "risk_grade": "C3", "life_stage": "growth"}
    ).id
    add_holding(vault, client, {"product_type": "deposit", "name": "大额存单", "amount": "500000"})
    add_holding(vault, client, {"product_type": "fund", "name": "平衡混合基金", "amount": "200000", "risk": "R3"})
    pid = plans.create_plan(vault, client, today=TODAY).plan_id
    content = plans.get_plan(vault, pid).content
    content.summary = "以稳健为主，优先保障子女教育。"
    content.goals = [
        GoalItem("子女留学", "800000", dt.date(2032, 9, 1), "1", "200000"),
        GoalItem("换车", "300000", dt.date(2028, 1, 1), "2", "300000"),
    ]
    content.retirement = RetirementItem("46", "55", "85", "300000", "5000", "0.04", "10000", "0.03", "0.03")
    content.chapters["tax"] = "用足个人养老金账户的税收优惠。"
    content.products = [ProductItem("稳享180天理财", "wealth", "200000", 2, reason="期限匹配留学时间")]
    plans.save_revision(vault, pid, content, status="presented", today=TODAY)
    return pid


def _pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", "", text)


def test_document_content(vault, plan_id):
    doc = build_document(vault, plan_id, today=TODAY)
    assert (doc.client_name, doc.rm_name, doc.branch_name, doc.version) == ("王芳", "李明", "深圳招商路支行", 2)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings[:3] == ["一、规划摘要", "二、家庭资产负债", "三、理财目标"]
    goals = next(b for b in doc.blocks if isinstance(b, Table) and "子女留学" in b.rows[0][0])
    assert goals.rows[0][5] == "25.0%" and goals.rows[1][5] == "100.0%"
    assert {k: float(v) for k, v in goals.progress.items()} == {0: 0.25, 1: 1.0}
    chart = next(b for b in doc.blocks if isinstance(b, AllocationChart))
    current = {label: cur for label, _, cur in chart.rows}
    assert float(current["现金类"]) == pytest.approx(71.43) and float(current["权益类"]) == pytest.approx(28.57)
    text = doc.text()
    for expected in (
        "以稳健为主",
        "退休测算",
        "税务规划",
        "用足个人养老金账户",
        "稳享180天理财",
        "待办理",
        "理财非存款，产品有风险，投资须谨慎。",
        "下次回顾日期：2027-06-01",
    ):
        assert expected in text
    assert "财富传承规划" not in text  # an empty chapter is left out


def test_pdf_pages_and_text(vault, plan_id, tmp_path, pdf_font):
    path = export_pdf(vault, plan_id, tmp_path / "plan.pdf", today=TODAY).path
    assert path.read_bytes().startswith(b"%PDF-")
    pages, text = _pdf_text(path)
    assert 2 <= pages <= 5
    for expected in (
        "理财规划书",
        "王芳",
        "李明",
        "深圳招商路支行",
        "2026-06-01",
        "规划摘要",
        "子女留学",
        "25.0%",
        "资产配置建议",
        "目标配置",
        "当前持仓",
        "稳享180天理财",
        "风险提示",
        "理财非存款，产品有风险，投资须谨慎。",
        "本规划书依据您提供的家庭及财务信息",
        f"第1页/共{pages}页",
    ):
        assert expected in text, expected
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temp file


def test_an_earlier_version_and_a_long_table(vault, plan_id, tmp_path, pdf_font):
    first = export_pdf(vault, plan_id, tmp_path / "v1.pdf", version=1, today=TODAY).path
    assert "子女留学" not in _pdf_text(first)[1]
    content = plans.get_plan(vault, plan_id).content
    content.goals = [GoalItem(f"目标{k:02d}", "100000", dt.date(2030, 1, 1), "1", str(k * 1000)) for k in range(70)]
    plans.save_revision(vault, plan_id, content, today=TODAY)
    pages, text = _pdf_text(export_pdf(vault, plan_id, tmp_path / "long.pdf", today=TODAY).path)
    assert pages >= 4 and "目标69" in text
    assert text.count("目标日期优先级") >= 2  # the table header is repeated on the next page


def test_english_document(vault, plan_id, tmp_path, pdf_font):
    set_language("en")
    try:
        _pages, text = _pdf_text(export_pdf(vault, plan_id, tmp_path / "en.pdf", today=TODAY).path)
    finally:
        set_language("zh_CN")
    assert "FinancialPlan" in text and "Wealthproductsarenotdeposits" in text and "Riskdisclosure" in text
    assert "1.Summary" in text and "王芳" in text


def test_missing_font_is_a_clear_error(vault, plan_id, tmp_path, monkeypatch):
    monkeypatch.setenv(pdf_fonts.FONT_ENV, str(tmp_path / "nope.ttf"))
    with pytest.raises(UserError, match="nope.ttf"):
        export_pdf(vault, plan_id, tmp_path / "x.pdf")
    monkeypatch.delenv(pdf_fonts.FONT_ENV)
    monkeypatch.setattr(pdf_fonts, "_UNIX_FONTS", [pdf_fonts.FontFile(tmp_path / "missing.ttc")])
    with pytest.raises(UserError, match="fonts-wqy-microhei"):
        export_pdf(vault, plan_id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_plan(vault, tmp_path):
    with pytest.raises(plans.PlanNotFound):
        export_pdf(vault, 999, tmp_path / "x.pdf")
