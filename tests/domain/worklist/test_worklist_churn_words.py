"""The churn signals' words, made once per distinct figure (churn._drop_heads & co.): signals
saying the same share one string, and each signal still says its own figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rm_desktop.domain.worklist import ChurnSettings, ClientContext, churn

TODAY = dt.date(2026, 6, 15)
RULES = ChurnSettings()


def client(cid: int, aum: int, last: int = 10, cadence: int = 30) -> ClientContext:
    return ClientContext(
        cid, f"客户{cid}", "wealth", "财富客户", Decimal(aum), TODAY - dt.timedelta(days=last), cadence
    )


def drop(cid: int, before: int, now: int):
    before_on = TODAY - dt.timedelta(days=95)
    signal = churn.aum_drop_signal(client(cid, now), before_on, Decimal(before), TODAY, RULES)
    assert signal is not None
    return signal


def test_equal_drops_share_their_words_and_others_keep_theirs():
    first, second, other = drop(1, 1000, 600), drop(2, 5000, 3000), drop(3, 1000, 500)
    assert first.head_zh is second.head_zh and first.head_en is second.head_en  # one string for both
    assert first.key != second.key and first.numbers["now"] == "600" and second.numbers["now"] == "3000"
    assert first.head_zh == "流失预警·资产下降：较 90 天前下降 40%（{before} → {now}，阈值 30%）"
    assert other.head_en == "churn risk, AUM drop: down 50% on 90 days ago ({before} → {now}, threshold 30%)"
    assert first.amounts == {"before": Decimal(1000), "now": Decimal(600)}


def test_quiet_and_expired_words_follow_their_figures():
    settings = ChurnSettings(no_contact_factor=1.5)
    a = churn.no_contact_signal(client(1, 0, last=50, cadence=30), TODAY, settings)
    b = churn.no_contact_signal(client(2, 0, last=50, cadence=20), TODAY, settings)
    assert a is not None and b is not None
    assert a.head_zh == "流失预警·久未联系：50 天未联系（约定每 30 天，超过 1.5 倍）"
    assert b.head_en == "churn risk, no contact: 50 days without contact (cadence 20 days, over 1.5×)"
    for days in (3, 4):
        on = TODAY - dt.timedelta(days=days)
        expired = churn.risk_expired_signal(client(days, 0), on, TODAY)
        assert expired is not None
        assert expired.head_zh == f"流失预警·风险测评过期：已过期 {days} 天（{on.isoformat()}），续评前不能推荐产品"
        assert expired.numbers == {"expired_on": on.isoformat(), "days": days}
