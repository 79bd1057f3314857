"""``consent show|set|check``: a client's marketing and sensitive-data consent (同意, issue 18.4).

    consent show ID
    consent set ID[,ID...] [--marketing 是|否] [--channels 短信,电话] [--given-by 书面] [--date D]
                   [--sensitive 是|否] [--sensitive-date D]
    consent check --channel sms --clients ID,... [--now T]   who a bulk send would reach, and why not

Several ids set the same fields for each, all or none. A first record needs ``--marketing``; a yes/no without its date is dated today. A refusal is one
line naming the field, exit 1, nothing saved.
"""

from __future__ import annotations

import argparse
import datetime as dt

from rm_desktop.cli.common import check_id, emit, moment, record_id, with_vault
from rm_desktop.domain.choices import CHANNELS
from rm_desktop.domain.consent import METHODS, Consent, as_dict, describe
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.consent import reach, store


def _ids(raw: str) -> list[int]:
    try:
        return [check_id(int(part), "--clients") for part in raw.split(",") if part.strip()]
    except ValueError:
        raise UserError(
            t("--clients 须为逗号分隔的客户编号（数字）", "--clients must be comma-separated client ids")
        ) from None


def _show(args: argparse.Namespace, client_id: int, consent: Consent | None) -> None:
    text = "\n".join([t("客户 {} 的同意记录", "Consent of client {}").format(client_id), *describe(consent)])
    emit(args, {"client_id": client_id, "consent": as_dict(consent)}, text)


def cmd_show(args: argparse.Namespace) -> int:
    _show(args, args.client_id, with_vault(args, lambda v: store.get_consent(v, args.client_id)))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    raw = {
        "marketing": args.marketing,
        "channels": args.channels,
        "given_by": args.given_by,
        "given_on": args.date,
        "sensitive": args.sensitive,
        "sensitive_on": args.sensitive_date,
    }
    if all(value is None for value in raw.values()):
        raise UserError(t("没有要修改的同意字段", "No consent field to set"))
    ids = _ids(args.client_ids)
    if len(ids) == 1:
        _show(args, ids[0], with_vault(args, lambda v: store.set_consent(v, ids[0], raw)))
        return 0
    count = with_vault(args, lambda v: store.set_many(v, ids, raw))  # all or none
    emit(
        args,
        {"set": count, "client_ids": ids},
        t("已记录 {} 位客户的同意", "Consent recorded for {} clients").format(count),
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    channel = CHANNELS.parse(args.channel, "channel")
    ids, now = _ids(args.clients), args.now or dt.datetime.now()
    kept, skipped = with_vault(args, lambda v: reach.filter_reachable(v, ids, channel, now))
    text = t("可发送 {} 位：{}", "May send to {}: {}").format(len(kept), ",".join(map(str, kept)) or "—")
    emit(args, {"kept": kept, **skipped.as_dict()}, "\n".join(filter(None, [text, skipped.message()])))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    what = sub.add_parser("consent", help=t("客户的营销与敏感信息同意", "a client's consent")).add_subparsers(
        dest="consent_command", required=True, metavar="ACTION"
    )
    p = what.add_parser("show", parents=[common], help=t("显示客户的同意记录", "show a client's consent"))
    p.add_argument("client_id", type=record_id)
    p.set_defaults(func=cmd_show)
    p = what.add_parser("set", parents=[common], help=t("记录或修改客户的同意", "record or change a client's consent"))
    p.add_argument(
        "client_ids", metavar="ID[,ID...]", help=t("客户编号；多个用逗号分隔", "client id(s), comma-separated")
    )
    p.add_argument("--marketing", metavar="是|否", help=t("是否同意营销", "marketing consent yes/no"))
    channels = "/".join(f"{c.code}({c.zh})" for c in CHANNELS.choices)
    p.add_argument("--channels", metavar="CH,...", help=t("允许的渠道：", "allowed channels: ") + channels)
    methods = "/".join(f"{c.code}({c.zh})" for c in METHODS.choices)
    p.add_argument("--given-by", metavar="HOW", help=t("同意方式：", "how it was given: ") + methods)
    p.add_argument(
        "--date", metavar="D", help=t("同意（或撤回）日期，默认今天", "day given or withdrawn (default today)")
    )
    p.add_argument("--sensitive", metavar="是|否", help=t("是否同意处理敏感信息", "sensitive-data consent yes/no"))
    p.add_argument("--sensitive-date", metavar="D", help=t("敏感信息同意日期", "day of the sensitive-data consent"))
    p.set_defaults(func=cmd_set)
    p = what.add_parser(
        "check", parents=[common], help=t("群发前检查哪些客户可以联系", "who a bulk send may reach, and why not")
    )
    p.add_argument("--channel", required=True, help=channels)
    p.add_argument("--clients", required=True, metavar="ID,...", help=t("客户编号，逗号分隔", "client ids"))
    p.add_argument("--now", type=moment, metavar="T", help=t("以该时间为现在", "take this time as now"))
    p.set_defaults(func=cmd_check)
