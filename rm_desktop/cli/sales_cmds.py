"""CLI commands for sales: opportunities (商机) and referrals (推荐).

    opportunity add CLIENT_ID --set FIELD=VALUE ... [--referrer-client ID | --referrer-role R --referrer-name N]
    opportunity move ID STAGE [--reason R] [--ack TEXT]   STAGE: intent/意向, proposal/方案, assessment/风评,
                                                          won/成交, lost/未成交 (a reason is required)
    opportunity list [--client ID] [--stage S] [--open] [--product P] [--source S] [--month 2026-12]
    opportunity board [--product P] [--source S] [--month M]   counts and weighted amounts per stage
    referral list [--client ID] [--referrer-client ID] [--referrer-name N] [--by-referrer]
    referral walk-in --set name=... [--set phone=...] --referrer-role R --referrer-name N   (输送)

Fields of --set: product_type, product_name, product_code, product_risk (R1–R5), amount (元, or
50万), expected_close, stage, source, next_step, next_step_on, notes. ``--ack`` records the
client's written acknowledgement that lets an unsuitable or expired case reach 成交; it is kept
in the history. ``--date`` takes a day as today. Every refusal is one line naming the field and
the rule, exit code 1, nothing stored. ``--json`` prints the records.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from rm_desktop.cli.client_cmds import parse_sets
from rm_desktop.cli.common import day, emit, record_id, with_vault
from rm_desktop.domain.money import format_amount
from rm_desktop.i18n import t
from rm_desktop.services.sales import opportunities as opp
from rm_desktop.services.sales import referrals
from rm_desktop.services.sales.pipeline import BoardFilter, load_board
from rm_desktop.services.sales.records import OpportunityRecord


def _today(args: argparse.Namespace) -> dt.date:
    return args.date or dt.date.today()


def _referrer(args: argparse.Namespace) -> dict[str, Any]:
    given = {
        "referrer_client_id": args.referrer_client,
        "referrer_role": args.referrer_role,
        "referrer_name": args.referrer_name,
        "referred_on": getattr(args, "referred_on", None),
    }
    return {key: value for key, value in given.items() if value is not None}


def _line(record: OpportunityRecord) -> str:
    close = record.expected_close.isoformat() if record.expected_close else "-"
    step = (
        f"  {t('下一步', 'next')}: {record.next_step} {record.next_step_on or ''}".rstrip() if record.next_step else ""
    )
    return (
        f"#{record.id}  [{record.stage_label}] {record.client_name}{t('：', ': ')}{record.product_name} "
        f"{format_amount(record.amount)} {t('元', 'CNY')}  {t('预计', 'close')} {close}{step}"
    )


def cmd_add(args: argparse.Namespace) -> int:
    referral = _referrer(args)
    record = with_vault(
        args,
        lambda v: opp.add_opportunity(
            v, args.client_id, parse_sets(args.set), today=_today(args), referral=referral or None
        ),
    )
    emit(args, record.as_dict(), t("已添加商机：", "Opportunity added: ") + _line(record))
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    record = with_vault(
        args,
        lambda v: opp.move_opportunity(
            v, args.id, args.stage, today=_today(args), reason=args.reason, acknowledgement=args.ack
        ),
    )
    text = t("已移动：", "Moved: ") + _line(record)
    if record.holding_id is not None:
        text += "\n" + t("已建立持仓 #{}", "Holding #{} created").format(record.holding_id)
    emit(args, record.as_dict(), text)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    found = with_vault(
        args,
        lambda v: opp.list_opportunities(
            v,
            client_id=args.client,
            stage=args.stage,
            open_only=args.open,
            product_type=args.product,
            source=args.source,
            month=args.month,
        ),
    )
    text = "\n".join(_line(r) for r in found) or t("没有符合条件的商机。", "No opportunities match.")
    emit(args, [r.as_dict() for r in found], text)
    return 0


def cmd_board(args: argparse.Namespace) -> int:
    board = with_vault(args, lambda v: load_board(v, _today(args), BoardFilter(args.product, args.source, args.month)))
    lines = [
        f"{c.label}: {c.count}  {format_amount(c.amount)}  ({t('加权', 'weighted')} {c.probability}%: "
        f"{format_amount(c.weighted)})"
        for c in board.columns
    ]
    lines.append(t("进行中加权合计：", "Open, weighted: ") + format_amount(board.open_weighted))
    emit(args, board.as_dict(), "\n".join(lines))
    return 0


def cmd_referrals(args: argparse.Namespace) -> int:
    if args.by_referrer:
        summaries = with_vault(args, referrals.referrer_summaries)
        text = "\n".join(
            t("{}：推荐 {} 位客户，商机 {} 个，成交 {} 个，{} 元", "{}: {} clients referred, {} opportunities, {} won, {} CNY")
            .format(s.label, s.referred, s.opportunities, s.won, format_amount(s.won_amount))
            for s in summaries
        )  # fmt: skip
        emit(args, [s.as_dict() for s in summaries], text or t("还没有推荐记录。", "No referrals yet."))
        return 0
    found = with_vault(
        args,
        lambda v: referrals.list_referrals(
            v, client_id=args.client, referrer_client_id=args.referrer_client, referrer_name=args.referrer_name
        ),
    )
    text = "\n".join(f"{r.referred_on}  {r.client_name} ← {r.referrer_label}" for r in found)
    emit(args, [r.as_dict() for r in found], text or t("还没有推荐记录。", "No referrals yet."))
    return 0


def cmd_walk_in(args: argparse.Namespace) -> int:
    client, referral = with_vault(
        args, lambda v: referrals.walk_in(v, parse_sets(args.set), _referrer(args), today=_today(args))
    )
    emit(
        args,
        {"client": client.as_dict(), "referral": referral.as_dict()},
        t("已建立客户 #{} {}，推荐人：{}", "Client #{} {} created, referred by {}").format(
            client.id, client.name, referral.referrer_label
        ),
    )
    return 0


def _referrer_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--referrer-client", type=record_id, metavar="ID", help=t("推荐人（客户编号）", "referred by this client")
    )
    p.add_argument(
        "--referrer-role", metavar="R", help=t("推荐同事的岗位：大堂经理/柜员/客户经理", "the colleague's role")
    )
    p.add_argument("--referrer-name", metavar="N", help=t("推荐同事的姓名", "the colleague's name"))


def _date_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", type=day, metavar="D", help=t("以该日期为今天（默认今天）", "take this date as today"))


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--product", metavar="P", help=t("产品类型", "product type"))
    p.add_argument("--source", metavar="S", help=t("来源", "source"))
    p.add_argument("--month", metavar="M", help=t("月份，如 2026-12", "month, e.g. 2026-12"))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("opportunity", parents=[common], help=t("商机：添加、移动阶段、列表", "opportunities"))
    steps = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = steps.add_parser("add", parents=[common], help=t("为客户添加商机", "add an opportunity for a client"))
    add.add_argument("client_id", type=record_id, metavar="CLIENT_ID")
    add.add_argument("--set", action="append", metavar="FIELD=VALUE", help=t("字段=值，可重复", "FIELD=VALUE"))
    _referrer_args(add)
    add.add_argument("--referred-on", type=day, metavar="D", help=t("推荐日期（默认今天）", "referral day"))
    _date_arg(add)
    add.set_defaults(func=cmd_add)
    move = steps.add_parser("move", parents=[common], help=t("移动到另一阶段", "move to another stage"))
    move.add_argument("id", type=record_id, metavar="ID")
    move.add_argument("stage", metavar="STAGE")
    move.add_argument("--reason", metavar="R", help=t("未成交的原因", "why it was lost"))
    move.add_argument(
        "--ack", metavar="TEXT", help=t("客户的书面确认（适当性）", "the client's written acknowledgement")
    )
    _date_arg(move)
    move.set_defaults(func=cmd_move)
    listing = steps.add_parser("list", parents=[common], help=t("列出商机", "list opportunities"))
    listing.add_argument("--client", type=record_id, metavar="ID")
    listing.add_argument("--stage", metavar="S")
    listing.add_argument("--open", action="store_true", help=t("只列进行中的", "open ones only"))
    _filters(listing)
    listing.set_defaults(func=cmd_list)
    board = steps.add_parser("board", parents=[common], help=t("商机看板：各阶段数量和金额", "the pipeline board"))
    _filters(board)
    _date_arg(board)
    board.set_defaults(func=cmd_board)

    r = sub.add_parser("referral", parents=[common], help=t("推荐：列表、输送新客户", "referrals"))
    rsteps = r.add_subparsers(dest="action", metavar="ACTION", required=True)
    rlist = rsteps.add_parser("list", parents=[common], help=t("列出推荐", "list referrals"))
    rlist.add_argument("--client", type=record_id, metavar="ID", help=t("被推荐的客户", "the referred client"))
    rlist.add_argument("--referrer-client", type=record_id, metavar="ID")
    rlist.add_argument("--referrer-name", metavar="N")
    rlist.add_argument(
        "--by-referrer", action="store_true", help=t("按推荐人汇总：推荐客户数与转化", "by referrer, with conversion")
    )
    rlist.set_defaults(func=cmd_referrals)
    walk = rsteps.add_parser(
        "walk-in", parents=[common], help=t("输送：把同事转来的客户建档", "a walk-in becomes a client")
    )
    walk.add_argument("--set", action="append", metavar="FIELD=VALUE", help=t("客户字段=值", "client FIELD=VALUE"))
    _referrer_args(walk)
    _date_arg(walk)
    walk.set_defaults(func=cmd_walk_in)
