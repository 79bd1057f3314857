"""CLI for the book insights (经营洞察).

    insights [--today D] [--json]                   every figure of the insights page, and the
                                                    churn signals (流失预警) with rule and numbers
    insights --segment NAME [--today D] [--json]    the clients of one bar or segment
    insights --segment NAME --to-worklist [--title T] [--date D] [--note N] [--json]
                                                    one worklist item per client of it (for D,
                                                    default today; clients with the same item
                                                    open are skipped)

NAME is a bar's key as ``insights --json`` prints it (``rfm:important_value``, ``tier:wealth``,
``gap:fund``, ``overdue:priority``, ``up:3m``, ``top20`` …), its label, or an RFM segment's
name (重要价值 or 重要价值客户).
"""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from typing import Any

from rm_desktop.cli.common import day, emit, with_vault
from rm_desktop.domain.errors import UserError
from rm_desktop.domain.money import WAN, format_amount
from rm_desktop.i18n import t
from rm_desktop.services.insights import figures, segments, signals
from rm_desktop.services.insights.figures import Bar, BookInsights
from rm_desktop.services.insights.segments import ClientLine
from rm_desktop.services.worklist import campaign
from rm_desktop.storage.handle import VaultHandle


def _wan(value: Decimal) -> str:
    return format_amount(value, WAN) + t("万", " × 10k CNY")  # as the GUI says it (issue 14.12)


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{float(value) * 100:.1f}%"


def _bar_line(bar: Bar) -> str:
    return f"  {bar.label}: {bar.count}  {_wan(bar.aum)}  [{bar.key}]"


def overview_text(found: BookInsights, churn: list[dict[str, Any]]) -> str:
    lines = [
        t("客户 {}，金融资产 {}", "{} clients, assets {}").format(found.clients, _wan(found.total_aum)),
        t("二八：前 20% 客户（{} 位）持有 {} 的资产", "80/20: the top 20% ({} clients) hold {} of assets").format(
            found.top.count, _percent(found.pareto_share)
        ),
        t("层级：", "Tiers:"),
        *(_bar_line(bar) for bar in found.tiers),
        t("层级迁移：", "Tier migration:"),
        *(
            t(
                "  近{}个月（自 {}）：升级 {}，降级 {}，不变 {}，无历史 {}",
                "  {} months (since {}): up {}, down {}, same {}, no history {}",
            ).format(m.months, m.since.isoformat(), m.up.count, m.down.count, m.same, m.no_history)
            for m in found.migrations
        ),
        "RFM:",
        *(_bar_line(bar) for bar in found.rfm),
        t("维护覆盖：", "Coverage:"),
        *(
            t("  {}：已联系 {}，逾期 {}，覆盖率 {}", "  {}: contacted {}, overdue {}, coverage {}").format(
                c.label, c.covered.count, c.overdue.count, _percent(c.share)
            )
            for c in found.coverage
            if c.share is not None
        ),
        t("产品缺口（按风险等级可推荐）：", "Product gaps (suitable by risk grade):"),
        *(_bar_line(bar) for bar in found.gaps),
        t("到期承接（近{}个月）：", "Maturity retention (last {} months):").format(len(found.retention)),
        *(
            t("  {}：到期 {}，已登记 {}，留存 {}，留存率 {}", "  {}: matured {}, recorded {}, kept {}, rate {}").format(
                m.month,
                _wan(m.matured),
                _wan(m.recorded),
                _wan(m.kept),
                "—" if m.rate is None else f"{m.rate * 100:.1f}%",
            )
            for m in found.retention
            if m.matured or m.recorded
        ),
        t("流失预警：{} 条", "Churn signals: {}").format(len(churn)),
        *(f"  {s['client_id']}\t{s['client']}\t[{s['rule_name']}] {s['reason']}" for s in churn),
    ]
    return "\n".join(lines)


def _to_worklist(args: argparse.Namespace, today: dt.date) -> int:
    def run(vault: VaultHandle) -> campaign.CampaignResult:
        bar = segments.find_bar(figures.book_insights(vault, today), args.segment)
        title = args.title if args.title is not None else campaign.default_title(bar.label)
        return campaign.add_to_worklist(
            vault, bar.client_ids, title, args.date or today, note=args.note or "", today=today
        )

    result = with_vault(args, run)
    emit(args, result.as_json(), result.message())
    return 0


def cmd_insights(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    if args.to_worklist and args.segment is None:
        raise UserError(t("--to-worklist 需要 --segment NAME", "--to-worklist needs --segment NAME"))
    if not args.to_worklist and (args.title, args.date, args.note) != (None, None, None):
        raise UserError(
            t("--title、--date、--note 只用于 --to-worklist", "--title, --date and --note go with --to-worklist")
        )
    if args.to_worklist:
        return _to_worklist(args, today)

    def run(vault: VaultHandle) -> tuple[BookInsights, list[dict[str, Any]], tuple[Bar, list[ClientLine]] | None]:
        found = figures.book_insights(vault, today)
        if args.segment is None:
            return found, signals.churn_signals(vault, today), None
        bar = segments.find_bar(found, args.segment)
        return found, [], (bar, segments.client_lines(vault, bar.client_ids))

    found, churn, segment = with_vault(args, run)
    if segment is None:
        emit(args, {**found.as_json(), "churn_signals": churn}, overview_text(found, churn))
        return 0
    bar, lines = segment
    text = "\n".join(
        [
            f"{bar.label} [{bar.key}]: {bar.count}  {_wan(bar.aum)}",
            *(f"  {line.id}\t{line.name}\t{line.tier_name}\t{format_amount(line.aum)}" for line in lines),
        ]
    )
    emit(args, {**bar.as_json(), "clients": [line.as_json() for line in lines]}, text)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "insights",
        parents=[common],
        help=t("经营洞察：二八、层级、RFM、覆盖、产品缺口", "book insights: 80/20, tiers, RFM, coverage, gaps"),
    )
    p.add_argument(
        "--today",
        type=day,
        metavar="D",
        help=t("以该日期为今天（默认今天）", "take this date as today (default: today)"),
    )
    p.add_argument(
        "--segment",
        metavar="NAME",
        help=t(
            "列出一个分组的客户（键、名称或 RFM 分群名）",
            "list the clients of one bar (key, label or RFM segment name)",
        ),
    )
    p.add_argument(
        "--to-worklist",
        action="store_true",
        help=t("把该分组的客户加入工作清单（每人一项）", "add the segment's clients to the worklist (one item each)"),
    )
    p.add_argument(
        "--title",
        metavar="T",
        help=t("事项标题（默认：分组名 回访）", "the items' title (default: the segment's name)"),
    )
    p.add_argument("--date", type=day, metavar="D", help=t("事项日期（默认今天）", "the items' date (default: today)"))
    p.add_argument("--note", metavar="N", help=t("事项备注", "a note on each item"))
    p.set_defaults(func=cmd_insights)
