"""Financial plans through the services against a real encrypted vault: versions, drafts with
problems, status, compare, the review feed, calculations, holdings and the demo plans."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from rm_desktop.domain.planning import AssetClass
from rm_desktop.services.clients import demo
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.clients.holdings import add_holding
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.checks import plan_figures, plan_problems, problems_by_field
from rm_desktop.services.plans.content import GoalItem, PlanContent, ProductItem, RetirementItem
from rm_desktop.storage.models_plans import Plan, PlanRevision

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def client(vault):
    record = create_client(
        vault,
        {
            "name": "张伟",
            "gender": "男",
            "birth_date": "1986-03-15",
            "risk_grade": "C3",
            "life_stage": "家庭成长期",
            "family": "已婚，一子",
        },
    )
    add_holding(vault, record.id, {"product_type": "deposit", "name": "三年期定期存款", "amount": "300000"})
    add_holding(vault, record.id, {"product_type": "fund", "name": "沪深300指数基金", "amount": "100000", "risk": "R4"})
    add_holding(
        vault, record.id, {"product_type": "wealth", "name": "已赎回理财", "amount": "50000", "status": "redeemed"}
    )
    return record.id


def _complete(content: PlanContent) -> PlanContent:
    """Fill a new plan so that it has no problems."""
    content.goals = [GoalItem("购房首付", "600000", dt.date(2030, 1, 1), "1", "150000")]
    content.retirement = RetirementItem("40", "60", "85", "200000", "3000", "0.04", "8000", "0.03", "0.03")
    content.products = [ProductItem("稳享理财", "wealth", "100000", 2)]
    return content


def test_create_fills_the_plan_from_the_client_file(vault, client):
    created = plans.create_plan(vault, client, today=TODAY)
    content = created.content
    assert (created.version, created.status) == (1, "draft")
    assert content.life_stage == "growth" and content.risk_grade == "C3" and content.family == "已婚，一子"
    # only holdings still held, each linked by holding_id
    assert sorted((a.name, a.amount) for a in content.assets) == [
        ("三年期定期存款", "300000.00"),
        ("沪深300指数基金", "100000.00"),
    ]
    assert all(a.holding_id for a in content.assets)
    # growth stage, C3: cash 10, insurance 15, rest 75 split 60/30/10 → 45, 22.5, 7.5 → whole points
    assert sum(Decimal(v) for v in content.target_allocation.values()) == 100
    assert content.target_allocation["cash"] == "10" and content.target_allocation["insurance"] == "15"
    assert content.review.next_review == dt.date(2027, 6, 1) and content.review.interval_months == "12"


def test_every_revision_is_kept_and_readable(vault, client):
    plan_id = plans.create_plan(vault, client, today=TODAY).plan_id
    content = _complete(plans.get_plan(vault, plan_id).content)
    second = plans.save_revision(vault, plan_id, content, today=TODAY)
    content.goals[0].amount = "800000"
    third = plans.save_revision(vault, plan_id, content, today=TODAY)
    assert (second.version, third.version) == (2, 3)
    assert [v.version for v in plans.list_versions(vault, plan_id)] == [3, 2, 1]
    assert plans.get_plan(vault, plan_id, 2).content.goals[0].amount == "600000"
    assert plans.get_plan(vault, plan_id).content.goals[0].amount == "800000"
    assert plans.get_plan(vault, plan_id, 1).content.goals == []
    with vault.sessions() as session:
        assert session.scalar(select(Plan.version).where(Plan.id == plan_id)) == 3
        assert len(session.scalars(select(PlanRevision).where(PlanRevision.plan_id == plan_id)).all()) == 3
    with pytest.raises(plans.PlanNotFound, match="没有第 9 版"):
        plans.get_plan(vault, plan_id, 9)


def test_problems_allow_only_a_draft(vault, client):
    plan_id = plans.create_plan(vault, client, today=TODAY).plan_id
    content = _complete(plans.get_plan(vault, plan_id).content)
    content.retirement.current_age = "-5"
    content.goals[0].target_date = dt.date(2025, 1, 1)
    content.target_allocation["equity"] = "50"  # now sums to more than 100
    with pytest.raises(plans.PlanProblems) as refused:
        plans.save_revision(vault, plan_id, content, status="presented", today=TODAY)
    fields = problems_by_field(refused.value.problems)
    assert "年龄须为 0 到 120 之间的整数：-5" in fields["retirement.current_age"][0]
    assert "已过" in fields["goals[0].target_date"][0]
    assert "合计须为 100%" in fields["target_allocation"][0]
    assert plans.get_plan(vault, plan_id).version == 1  # nothing stored
    saved = plans.save_revision(vault, plan_id, content, status="draft", today=TODAY)
    assert saved.status == "draft" and plans.list_versions(vault, plan_id)[0].problems == 3
    assert plans.get_plan(vault, plan_id).content.retirement.current_age == "-5"  # kept as typed


def test_status_changes_are_revisions_and_need_a_clean_plan(vault, client):
    plan_id = plans.create_plan(vault, client, today=TODAY).plan_id
    content = plans.get_plan(vault, plan_id).content
    content.target_allocation = {}  # incomplete
    plans.save_revision(vault, plan_id, content, today=TODAY)
    with pytest.raises(plans.PlanProblems):
        plans.set_status(vault, plan_id, "accepted", today=TODAY)
    content = _complete(plans.create_plan(vault, client, today=TODAY).content)
    plan_id = plans.list_plans(vault, client)[0].id
    plans.save_revision(vault, plan_id, content, today=TODAY)
    accepted = plans.set_status(vault, plan_id, "accepted", today=TODAY)
    assert (accepted.version, accepted.status) == (3, "accepted")
    assert plans.set_status(vault, plan_id, "accepted", today=TODAY).version == 3  # unchanged: no new version
    assert plans.list_plans(vault, client)[0].status == "accepted"
    with pytest.raises(ValueError):
        plans.set_status(vault, plan_id, "finished")


def test_compare_lists_field_differences(vault, client):
    plan_id = plans.create_plan(vault, client, today=TODAY).plan_id
    content = _complete(plans.get_plan(vault, plan_id).content)
    plans.save_revision(vault, plan_id, content, today=TODAY)
    content.goals[0].amount = "800000"
    content.chapters["tax"] = "利用个人养老金账户"
    del content.products[0]
    plans.save_revision(vault, plan_id, content, status="presented", today=TODAY)
    diffs = {d.path: d for d in plans.compare(vault, plan_id, 2, 3)}
    assert (diffs["goals[0].amount"].old, diffs["goals[0].amount"].new) == ("600000", "800000")
    assert diffs["goals[0].amount"].label == "目标 1 · 金额"
    assert diffs["chapters.tax"].new == "利用个人养老金账户" and diffs["chapters.tax"].label == "章节 · 税务规划"
    assert (diffs["status"].old, diffs["status"].new) == ("草稿", "已向客户展示")
    assert diffs["products[0].name"].old == "稳享理财" and diffs["products[0].name"].new == ""
    assert diffs["products[0].product_type"].old == "理财产品"  # codes shown by their labels
    assert "goals[0].name" not in diffs
    assert plans.compare(vault, plan_id, 3, 3) == []


def test_plan_reviews_feed(vault, client):
    first = plans.create_plan(vault, client, today=TODAY).plan_id
    content = _complete(plans.get_plan(vault, first).content)
    content.review.next_review = dt.date(2026, 12, 1)
    plans.save_revision(vault, first, content, status="in_progress", today=TODAY)
    plans.create_plan(vault, client, today=TODAY)  # a draft: no agreed review yet
    other = create_client(vault, {"name": "李娜"}).id
    second = plans.create_plan(vault, other, today=TODAY).plan_id
    content.review.next_review = dt.date(2026, 9, 1)
    plans.save_revision(vault, second, content, status="accepted", today=TODAY)
    reviews = plans.plan_reviews(vault)
    assert reviews == [(other, second, dt.date(2026, 9, 1)), (client, first, dt.date(2026, 12, 1))]
    assert plans.list_plans(vault, other)[0].review_overdue(dt.date(2026, 9, 1))


def test_calculations_through_the_service(vault, client):
    plan_id = plans.create_plan(vault, client, today=TODAY).plan_id
    content = _complete(plans.get_plan(vault, plan_id).content)
    content.cash_flow.monthly_income = "30000"
    content.cash_flow.monthly_expenses = "12000"
    content.liabilities = []
    current = plans.current_allocation(vault, client)
    assert current[AssetClass.CASH] == Decimal("300000.00") and current[AssetClass.EQUITY] == Decimal("100000.00")
    assert current[AssetClass.FIXED_INCOME] == 0  # the redeemed product does not count
    figures = plan_figures(content, current)
    assert figures.total_assets == Decimal("400000.00") and figures.annual_surplus == Decimal(216000)
    assert figures.savings_rate == Decimal("0.6")
    assert figures.goal_shares == (Decimal("0.25"),)
    assert figures.retirement is not None and figures.retirement.gap >= 0
    drift = {row.asset_class: row for row in figures.drift}
    assert drift[AssetClass.CASH].current_pct == Decimal("75.00")
    assert sum(row.amount_to_rebalance for row in figures.drift) == 0  # buys balance sells
    content.retirement.life_expectancy = "50"  # impossible: the projection is left out, the rest stays
    figures = plan_figures(content, current)
    assert figures.retirement is None and figures.goal_shares == (Decimal("0.25"),)
    assert (
        "预期寿命（50）须大于退休年龄（60）"
        in problems_by_field(plan_problems(content, TODAY))["retirement.life_expectancy"][0]
    )


def test_unsuitable_product_and_bad_fields_are_named(vault, client):
    content = _complete(plans.create_plan(vault, client, today=TODAY).content)
    content.products.append(ProductItem("股票型基金", "fund", "10000", 5))
    content.assets[0].amount = "-1"
    content.dependants = "2.5"
    content.review.interval_months = "0"
    fields = problems_by_field(plan_problems(content, TODAY))
    assert "高于客户风险承受能力 C3" in fields["products[1].risk_level"][0]
    assert "金额不能为负数" in fields["assets[0].amount"][0]
    assert "整数" in fields["dependants"][0]
    assert "1 到 100" in fields["review.interval_months"][0]


def test_holdings_refresh_links_bought_products(vault, client):
    from rm_desktop.services.plans.sources import held, refresh_from_holdings

    content = plans.create_plan(vault, client, today=TODAY).content
    content.products = [ProductItem("黄金积存", "metal", "20000", 3)]
    content.assets.append(content.assets[0].__class__("自住房产", "real_estate", "3000000"))
    bought = add_holding(vault, client, {"product_type": "metal", "name": "黄金积存", "amount": "20000"})
    fresh = refresh_from_holdings(content, held(vault, client))
    assert fresh.products[0].holding_id == bought.id
    assert [a.name for a in fresh.assets if a.holding_id is None] == ["自住房产"]
    assert len([a for a in fresh.assets if a.holding_id]) == 3


def test_content_json_round_trip_tolerates_old_and_odd_data():
    content = _complete(PlanContent(title="T"))
    again = PlanContent.from_json(content.to_json())
    assert again == content
    odd = PlanContent.from_dict(
        {
            "schema": 1,
            "goals": [{"name": "x", "target_date": "not a date", "extra": 1}],
            "future_field": True,
            "review": {"interval_months": 6},
        }
    )
    assert odd.goals[0].target_date is None and odd.review.interval_months == "6" and odd.title == ""


def test_plans_go_with_a_purged_client(vault, client):
    plan_id = plans.create_plan(vault, client, today=TODAY).plan_id
    from rm_desktop.storage.models import Client

    with vault.sessions.begin() as session:
        session.delete(session.get(Client, client))
    with pytest.raises(plans.PlanNotFound):
        plans.get_plan(vault, plan_id)


def test_demo_plans_are_valid_and_spread_over_statuses(vault):
    demo.fill(vault, 150, seed=3)
    today = dt.date.today()
    added = plans.demo_plans(vault, share=0.3, seed=5, today=today)
    assert 25 <= added <= 65
    with vault.sessions() as session:
        rows = session.execute(select(Plan.id, Plan.status, Plan.version)).all()
        latest = {
            r.plan_id: r
            for r in session.scalars(select(PlanRevision)).all()
            if r.version == max(x.version for x in rows if x.id == r.plan_id)
        }
    assert len(rows) == added and {status for _, status, _ in rows} >= {"draft", "in_progress"}
    for plan_id, revision in latest.items():
        content = PlanContent.from_json(revision.content)
        assert plan_problems(content, today) == [], plan_id
        assert revision.status == next(status for pid, status, _ in rows if pid == plan_id)
    assert plans.demo_plans(vault, share=0.3, seed=5, today=today) == added  # same seed, same choice


def test_migration_matches_the_models(vault):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rm_desktop.storage.models import Base

    with vault.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    ours = [d for d in diffs if "plan" in repr(d)]
    assert ours == []
    # 0005 is no head since 0006 merged the feature heads, but an ancestor of the head the vault is at.
    from alembic.script import ScriptDirectory

    from rm_desktop.storage import migrate

    assert migrate.current_revision(vault.engine) == migrate.head_revision()
    script = ScriptDirectory(migrate.SCRIPT_LOCATION)
    assert "0005" in {rev.revision for rev in script.iterate_revisions("heads", "base")}
