"""Synthetic financial plans for the demo book (never real people), reproducible from a seed.

A share of the clients gets one plan each, built from the client's age, risk grade, assets and
holdings: a life stage from the age, the default target allocation, goals, a retirement and
(for families with children) an education calculation, products recommended within the client's
risk grade (some already bought, so linked to a holding), and one to three versions ending in a
spread of statuses. Rows go in through storage.bulk in one transaction (20k plans in seconds).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from rm_desktop.domain.planning import Chapter, LifeStage, RiskGrade, default_target_allocation
from rm_desktop.services.plans.content import (
    AssetItem,
    CashFlow,
    EducationItem,
    GoalItem,
    LiabilityItem,
    PlanContent,
    PlanStatus,
    ProductItem,
    RetirementItem,
    ReviewSchedule,
)
from rm_desktop.storage import bulk
from rm_desktop.storage.db import writer
from rm_desktop.storage.handle import VaultHandle
from rm_desktop.storage.models import Client, Holding
from rm_desktop.storage.models_plans import Plan, PlanRevision

GOALS = (
    ("购房首付", 300_000, 1_500_000),
    ("换购新车", 150_000, 400_000),
    ("家庭旅行", 20_000, 80_000),
    ("子女留学", 500_000, 1_200_000),
    ("补充养老", 500_000, 2_000_000),
    ("创业备用金", 200_000, 600_000),
)
PRODUCTS = (
    ("deposit", "大额存单（三年期）", 1),
    ("wealth", "稳享180天理财", 2),
    ("bond", "储蓄国债（电子式）", 1),
    ("insurance", "重大疾病保险", 1),
    ("insurance", "年金保险", 2),
    ("fund", "沪深300指数基金定投", 4),
    ("fund", "平衡混合型基金", 3),
    ("metal", "积存金", 3),
    ("wealth", "季季盈理财", 3),
)
CHAPTER_TEXT = {
    Chapter.GENERAL: "结合客户家庭情况与收支结构，先保障、后投资，分阶段实现各项目标。",
    Chapter.RISK_PROTECTION: "家庭主要收入者的寿险与重疾保障额度建议为年收入的 5–10 倍。",
    Chapter.INVESTMENT: "按目标配置逐步调整，权益类资产以定投方式分批配置，每半年检视一次偏离。",
    Chapter.TAX: "合理利用个人养老金账户及专项附加扣除。",
    Chapter.RETIREMENT: "提前规划养老储备，测算缺口并以每月定额储蓄补足。",
    Chapter.ESTATE: "建议配置终身寿险并明确受益人，做好财富传承安排。",
    Chapter.EDUCATION: "教育金专款专用，优先选择稳健类产品。",
}
STATUS_WEIGHTS = (
    (PlanStatus.DRAFT, 25),
    (PlanStatus.PRESENTED, 15),
    (PlanStatus.ACCEPTED, 15),
    (PlanStatus.IN_PROGRESS, 35),
    (PlanStatus.REVIEW_DUE, 10),
)


def _stage(age: int) -> LifeStage:
    if age < 28:
        return LifeStage.SINGLE
    if age < 34:
        return LifeStage.FORMATION
    if age < 50:
        return LifeStage.GROWTH
    return LifeStage.MATURITY if age < 60 else LifeStage.RETIREMENT


def _money(value: float | Decimal) -> str:
    return str(Decimal(value).quantize(Decimal(100)))


def _content(rng: random.Random, client: dict, holdings: list[dict], today: dt.date) -> PlanContent:
    age = relativedelta(today, client["birth_date"]).years if client["birth_date"] else 40
    stage = _stage(age)
    grade = RiskGrade(client["risk_grade"]) if client["risk_grade"] in RiskGrade.__members__ else RiskGrade.C3
    income = rng.randrange(8, 80) * 1000
    content = PlanContent(
        title=f"{today.year} 年家庭理财规划",
        life_stage=stage.value,
        risk_grade=grade.value,
        summary="以保障为基础，稳健增值为主，兼顾子女教育与养老储备。",
        family={LifeStage.SINGLE: "未婚", LifeStage.FORMATION: "已婚，暂无子女"}.get(stage, "已婚，育有一子"),
        dependants=str(rng.choice((0, 1, 2, 3)) if stage is not LifeStage.SINGLE else 0),
        cash_flow=CashFlow(
            str(income),
            _money(income * rng.uniform(0, 3)),
            _money(income * rng.uniform(0.35, 0.7)),
            _money(income * rng.uniform(0.5, 2)),
        ),
        assets=[AssetItem(h["name"], h["product_type"], str(h["amount"]), h["id"]) for h in holdings],
        target_allocation={cls.value: str(pct) for cls, pct in default_target_allocation(stage, grade).items()},
        chapters={chapter.value: CHAPTER_TEXT[chapter] for chapter in Chapter},
        review=ReviewSchedule(today + dt.timedelta(days=rng.randrange(-30, 365)), rng.choice(("6", "12"))),
    )
    if stage in (LifeStage.FORMATION, LifeStage.GROWTH, LifeStage.MATURITY) and rng.random() < 0.6:
        content.assets.append(AssetItem("自住房产", "real_estate", _money(rng.randrange(150, 800) * 10_000)))
        loan = rng.randrange(50, 300) * 10_000
        content.liabilities.append(LiabilityItem("住房按揭贷款", _money(loan), _money(loan / 240)))
    for name, low, high in rng.sample(GOALS, rng.randint(1, 3)):
        amount = rng.randrange(low, high, 10_000)
        content.goals.append(
            GoalItem(
                name,
                str(amount),
                today + relativedelta(months=rng.randrange(6, 180)),
                str(rng.randint(1, 3)),
                _money(amount * rng.uniform(0, 0.9)),
            )
        )
    if age < 58:
        content.retirement = RetirementItem(
            str(age),
            "55" if client["gender"] == "女" and age < 55 else "60",
            "85",
            _money(income * rng.randrange(6, 60)),
            _money(income * rng.uniform(0.05, 0.2)),
            "0.04",
            _money(income * 0.6),
            "0.03",
            "0.03",
        )
    if stage is LifeStage.GROWTH:
        child_age = rng.randrange(1, 12)
        content.education.append(
            EducationItem(
                "孩子", str(child_age), "18", "4", "60000", "0.05", _money(rng.randrange(0, 200_000)), "0.035"
            )
        )
    content.products = _products(rng, grade, holdings)
    return content


def _products(rng: random.Random, grade: RiskGrade, holdings: list[dict]) -> list[ProductItem]:
    products = [
        ProductItem(
            h["name"],
            h["product_type"],
            str(h["amount"]),
            int(h["risk"][1:]),
            holding_id=h["id"],
            reason="已按规划购买",
        )
        for h in holdings[:1]
        if h["risk"] and grade.allows(int(h["risk"][1:]))
    ]
    suitable = [p for p in PRODUCTS if grade.allows(p[2])]
    for kind, name, level in rng.sample(suitable, min(len(suitable), rng.randint(1, 2))):
        chapter = Chapter.RISK_PROTECTION if kind == "insurance" else Chapter.INVESTMENT
        products.append(
            ProductItem(
                name, kind, _money(rng.randrange(5, 100) * 10_000), level, chapter.value, "匹配客户风险等级与目标期限"
            )
        )
    return products


def _plan_rows(rng, plan_id: int, client_id: int, content: PlanContent, now: dt.datetime) -> tuple[dict, list[dict]]:
    # Built valid by construction (tests check every demo plan), so no checks here: they would
    # double the time to make a large demo book.
    status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
    versions = rng.randint(1, 3)
    data = content.to_dict()
    revisions = []
    for number in range(1, versions + 1):
        earlier = number < versions
        saved = now - dt.timedelta(days=(versions - number) * rng.randrange(3, 40))
        body = data
        if earlier and data["goals"]:  # an earlier draft: the first goal was smaller
            first = {**data["goals"][0], "amount": _money(Decimal(data["goals"][0]["amount"]) * Decimal("0.8"))}
            body = {**data, "goals": [first, *data["goals"][1:]]}
        revisions.append(
            {
                "plan_id": plan_id,
                "version": number,
                "saved_at": saved,
                "status": PlanStatus.DRAFT.value if earlier else status.value,
                "problems": 0,
                "content": json.dumps(body, ensure_ascii=False),
            }
        )
    plan = {
        "id": plan_id,
        "client_id": client_id,
        "title": content.title,
        "status": status.value,
        "version": versions,
        "next_review": content.review.next_review,
        "created_at": revisions[0]["saved_at"],
        "updated_at": revisions[-1]["saved_at"],
    }
    return plan, revisions


def add_demo_plans(vault: VaultHandle, share: float, *, seed: int, today: dt.date) -> int:
    rng = random.Random(seed)
    now = dt.datetime.combine(today, dt.time(10, 0))
    with writer(vault.engine).begin() as conn:
        clients = [
            dict(row._mapping)
            for row in conn.execute(
                select(Client.id, Client.birth_date, Client.gender, Client.risk_grade)
                .where(Client.deleted_at.is_(None))
                .order_by(Client.id)
            )
        ]
        chosen = [c for c in clients if rng.random() < share]
        holdings: dict[int, list[dict]] = defaultdict(list)
        ids = [c["id"] for c in chosen]
        for start in range(0, len(ids), 500):
            for row in conn.execute(
                select(Holding.id, Holding.client_id, Holding.product_type, Holding.name, Holding.amount, Holding.risk)
                .where(
                    Holding.client_id.in_(ids[start : start + 500]),
                    Holding.status == "holding",
                    Holding.amount.is_not(None),
                )
                .order_by(Holding.id)
            ):
                holdings[row.client_id].append(dict(row._mapping))
        first = bulk.next_id(conn, Plan.__table__)
        plans, revisions = [], []
        for offset, client in enumerate(chosen):
            content = _content(rng, client, holdings[client["id"]], today)
            plan, rows = _plan_rows(rng, first + offset, client["id"], content, now)
            plans.append(plan)
            revisions += rows
        bulk.insert_rows(conn, Plan, plans)
        bulk.insert_rows(conn, PlanRevision, revisions)
    return len(plans)
