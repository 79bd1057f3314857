"""The shipped scripts: complete, well-formed, compliant, and sized for their channel."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from decimal import Decimal

import pytest

from rm_desktop import i18n
from rm_desktop.domain.scripts.builtin import builtin_by_id, builtin_scripts
from rm_desktop.domain.scripts.model import (
    CATEGORIES,
    CHANNELS,
    EMAIL,
    NEW_PRODUCT,
    SMS,
    category_code,
    category_label,
    channel_code,
    channel_label,
)
from rm_desktop.domain.scripts.placeholders import (
    KNOWN_NAMES,
    ClientInfo,
    EventInfo,
    ProductInfo,
    RmInfo,
    build_context,
)
from rm_desktop.domain.scripts.sms import sms_segments
from rm_desktop.domain.scripts.template import parse, render

SCRIPTS = builtin_scripts()
RISK_WARNING = "理财非存款，产品有风险，投资须谨慎"
# Wording a bank's compliance review refuses in marketing to clients.
FORBIDDEN = ("稳赚", "零风险", "无风险", "包赚", "保本保息", "刚性兑付", "稳赚不赔", "收益有保障")


def full_context() -> dict[str, str]:
    """A realistic context with long-ish values, so SMS length checks are not flattering."""
    client = ClientInfo("欧阳明华", "男", date(1978, 11, 22), None, "C3", "财富客户", Decimal("3200000"))
    rm = RmInfo("张敏", "13800138000", "城西支行", "理财经理")
    product = ProductInfo("稳享添利90天持有期理财产品", "WX090A", Decimal("500000"), date(2026, 11, 22))
    event = EventInfo("季度投资策略沙龙", datetime(2026, 6, 13, 14, 30), "城西支行三楼贵宾厅")
    context = build_context(client, rm, product=product, festival="中秋节", event=event, today=date(2026, 5, 20))
    assert set(context) == KNOWN_NAMES
    return context


def test_at_least_24_scripts_with_unique_ids_and_names():
    assert len(SCRIPTS) >= 24
    assert len({s.builtin_id for s in SCRIPTS}) == len(SCRIPTS)
    assert len({s.name for s in SCRIPTS}) == len(SCRIPTS)


def test_every_category_has_two_scripts_and_every_channel_is_used():
    per_category = Counter(s.category for s in SCRIPTS)
    assert set(per_category) == set(CATEGORIES)
    assert min(per_category.values()) >= 2
    assert {s.channel for s in SCRIPTS} == set(CHANNELS)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.builtin_id)
def test_builtin_parses_cleanly_and_renders_fully(script):
    parsed = parse(script.body)
    assert parsed.problems == ()
    assert set(parsed.fields) <= KNOWN_NAMES
    result = render(script.body, full_context())
    assert result.complete
    assert "【" not in result.text and "{" not in result.text


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: s.builtin_id)
def test_builtin_wording_is_compliant(script):
    assert not [word for word in FORBIDDEN if word in script.body]
    if script.category == NEW_PRODUCT:
        assert RISK_WARNING in script.body


@pytest.mark.parametrize("script", [s for s in SCRIPTS if s.channel == SMS], ids=lambda s: s.builtin_id)
def test_sms_scripts_fit_two_segments(script):
    assert 1 <= sms_segments(render(script.body, full_context()).text) <= 2
    # Without a salutation the fallback must still read well and stay short.
    assert sms_segments(render(script.body, {**full_context(), "称谓": ""}).text) <= 2


def test_email_scripts_start_with_subject_line():
    for script in (s for s in SCRIPTS if s.channel == EMAIL):
        assert script.body.startswith("主题：")


def test_salutation_fallback_reads_naturally():
    script = builtin_by_id("birthday_sms_01")
    assert script is not None
    assert render(script.body, {}).text.startswith("尊敬的客户：")
    phone = builtin_by_id("maturity_phone_01")
    assert render(phone.body, {}).text.startswith("开场：您好，")


def test_builtin_by_id_unknown():
    assert builtin_by_id("no_such_script") is None


def test_category_and_channel_labels_and_codes():
    assert category_label("birthday") == "生日祝福"
    assert channel_label("phone") == "电话话术"
    i18n.set_language("en")
    try:
        assert category_label("complaint") == "Complaint handling"
        assert channel_label("wechat") == "WeChat"
    finally:
        i18n.set_language("zh_CN")
    assert category_label("nonsense") == "nonsense"
    assert category_code("回访") == "follow_up"
    assert category_code(" Event invitation ") == "event_invite"
    assert category_code("maturity") == "maturity"
    assert channel_code("电话") == "phone"
    assert channel_code("SMS") == "sms"
    assert channel_code("传真") is None
