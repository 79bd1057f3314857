"""CLI commands for client files: client add/update/list/show/delete/restore, holding add/list,
contact add/list.

JSON output (--json) is the IT/automation interface; `client show` masks the ID number, phones
and balances in its text and JSON alike unless --reveal --reason (cli/client_show), `client list`
masks phones and ID numbers in its table and its JSON alike (its AUM column is a book-level
working figure, services/reveals/balances) unless --reveal --reason, one audit entry for the list. Any refused value is one line naming the field,
exit code 1, and nothing stored.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from rm_desktop.cli.common import MAX_DAYS_AHEAD, MAX_ID, emit, open_on_driver, record_id, whole_number, with_vault
from rm_desktop.domain.errors import UserError
from rm_desktop.domain.money import format_amount
from rm_desktop.domain.phones import mask_phone
from rm_desktop.i18n import t
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.search import query as search

if TYPE_CHECKING:
    from rm_desktop.services.vault.driver_vault import DriverVault
    from rm_desktop.services.vault.lifecycle import Vault

# The client file services (fields and their parsers, holdings, contacts, relationships) are
# imported by the commands that use them: `client list`, the one IT scripts call most, needs only
# the search (rm_desktop/cli/main.py imports one command module per run for the same reason).

_JOINED = {"phone": ",", "tags": ",", "important_dates": ";"}  # fields a repeated --set adds to
PAGE = 1000


def parse_sets(pairs: list[str] | None) -> dict[str, str]:
    """``FIELD=VALUE`` arguments as a dict (a repeated phone/tags/important_dates adds to the list)."""
    values: dict[str, str] = {}
    for pair in pairs or []:
        field, sep, value = pair.partition("=")
        field = field.strip()
        if not sep or not field:
            raise UserError(t("--set 需要 字段=值 的形式：“{}”", '--set takes FIELD=VALUE: "{}"').format(pair))
        if field in values:
            if field not in _JOINED:
                raise UserError(t("{}: 字段重复给出", "{}: the field is given twice").format(field))
            value = values[field] + _JOINED[field] + value
        values[field] = value
    return values


def cmd_client_add(args: argparse.Namespace) -> int:
    from rm_desktop.services.clients import files as clients

    record = with_vault(args, lambda v: clients.create_client(v, parse_sets(args.set)))
    emit(
        args, record.as_dict(), t("已添加客户 {}（编号 {}）", "Added client {} (id {})").format(record.name, record.id)
    )
    return 0


def cmd_client_update(args: argparse.Namespace) -> int:
    from rm_desktop.services.clients import files as clients

    # The CLI reads and writes in one transaction, so it is never stale by itself; a script that
    # showed a client (--json gives row_version) and then changes it passes --expect-version to
    # be refused (StaleEdit, exit 1) when someone changed those fields in between.
    record = with_vault(
        args,
        lambda v: clients.update_client(v, args.id, parse_sets(args.set), expected_version=args.expect_version),
    )
    emit(
        args,
        record.as_dict(),
        t("已更新客户 {}（编号 {}）", "Updated client {} (id {})").format(record.name, record.id),
    )
    return 0


def _query(args: argparse.Namespace) -> search.ClientQuery:
    return search.ClientQuery(
        text=args.search or "",
        tiers=tuple(args.tier or ()),
        risk_grades=tuple(args.risk or ()),
        tags=tuple(args.tag or ()),
        overdue=args.overdue,
        maturing_within_days=args.maturing,
        trashed=args.trash,
        sort=args.sort,
        descending=args.desc,
    )


def _fetch_all(vault: Vault | DriverVault, query: search.ClientQuery, limit: int | None) -> list[search.ClientRow]:
    # keyset pages (each after the last one's cursor), not OFFSET: the 300th page costs the first's
    return list(search.iter_clients(vault, query, limit, PAGE))


def cmd_client_list(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        raise UserError(t("--limit 不能为负数", "--limit cannot be negative"))

    def run(vault: Vault | DriverVault) -> tuple[list[search.ClientRow], str]:
        found = _fetch_all(vault, _query(args), args.limit)
        if args.search:  # the count only: the search text never goes into the log
            audit_log.record_now(vault, "search", counts={"rows": len(found)})
        return found, vault.settings.get("amount_unit")

    def revealed(vault: Vault) -> tuple[list[search.ClientRow], str]:
        from rm_desktop.cli import client_show

        found, unit = run(vault)
        client_show.log_list_reveal(vault, found, args)
        return found, unit

    if args.reveal:  # the reveal's reason and entry (services/reveals) go through the full unlock
        rows, unit = with_vault(args, revealed)
    else:  # the search and its entry on the bare driver (issue 19.2: scripts call it thousands of times)
        vault = open_on_driver(args)
        try:
            rows, unit = run(vault)
        finally:
            vault.lock()
    if getattr(args, "json", False):
        emit(args, [row.as_dict() if args.reveal else _masked(row) for row in rows])
    elif not rows:
        print(t("没有找到匹配的客户。", "No matching clients."))
    else:
        print(_table(rows, unit))
    return 0


def _masked(row: search.ClientRow) -> dict:
    """A list row's JSON with its phones and ID number masked as the table shows them."""
    data = row.as_dict()
    phones = [mask_phone(number) for number in row.phones]
    data.update(phones=phones, phone=",".join(phones), id_number=row.id_number_masked, revealed=False)
    return data


def _table(rows: list[search.ClientRow], unit: str) -> str:
    header = [
        t("编号", "id"),
        t("客户号", "customer no"),
        t("姓名", "name"),
        t("性别", "gender"),
        t("电话", "phone"),
        t("证件号", "ID number"),
        t("资产", "AUM") + f"({unit})",
        t("层级", "tier"),
    ]
    lines = [header] + [
        [
            str(r.id),
            r.customer_no or "",
            r.name,
            r.gender or "",
            r.phone_masked or "",
            r.id_number_masked or "",
            format_amount(r.aum, unit),
            r.tier_name,
        ]
        for r in rows
    ]
    return "\n".join("\t".join(line) for line in lines)


def cmd_client_show(args: argparse.Namespace) -> int:
    from rm_desktop.cli import client_show  # masks and reveals (issue 18.2): imported by `show` only

    return client_show.cmd_client_show(args)


def cmd_client_delete(args: argparse.Namespace) -> int:
    from rm_desktop.services.clients import files as clients

    with_vault(args, lambda v: clients.trash_client(v, args.id))
    emit(args, {"trashed": args.id}, t("已移入回收站：编号 {}", "Moved to the trash: id {}").format(args.id))
    return 0


def cmd_client_restore(args: argparse.Namespace) -> int:
    from rm_desktop.services.clients import files as clients

    with_vault(args, lambda v: clients.restore_client(v, args.id))
    emit(args, {"restored": args.id}, t("已从回收站恢复：编号 {}", "Restored from the trash: id {}").format(args.id))
    return 0


def cmd_holding_add(args: argparse.Namespace) -> int:
    from rm_desktop.services.clients import holdings

    record = with_vault(args, lambda v: holdings.add_holding(v, args.client_id, parse_sets(args.set)))
    emit(
        args,
        record.as_dict(),
        t("已添加持有产品 {}（编号 {}）", "Added holding {} (id {})").format(record.name, record.id),
    )
    return 0


def cmd_holding_list(args: argparse.Namespace) -> int:
    from rm_desktop.cli import client_show  # the amounts are one client's balances: masked the same way

    return client_show.cmd_holding_list(args)


def cmd_contact_add(args: argparse.Namespace) -> int:
    from rm_desktop.services.clients import contacts

    values: dict[str, Any] = {"channel": args.channel, "content": args.text}
    for key, value in (
        ("at", args.at),
        ("follow_up_date", args.next_date),
        ("purpose", args.purpose),
        ("outcome", args.outcome),
        ("next_step", args.next_step),
    ):
        if value is not None:
            values[key] = value
    record = with_vault(args, lambda v: contacts.add_contact(v, args.client_id, values))
    emit(args, record.as_dict(), t("已记录往来（编号 {}）", "Contact recorded (id {})").format(record.id))
    return 0


def cmd_contact_list(args: argparse.Namespace) -> int:
    from rm_desktop.services.clients import contacts

    timeline = with_vault(args, lambda v: contacts.list_contacts(v, args.client_id))
    emit(
        args,
        [c.as_dict() for c in timeline],
        "\n".join(
            f"{c.id}\t{c.at:%Y-%m-%d %H:%M}\t{c.channel_label}\t{c.content}"
            + (f"\t→ {c.follow_up_date}" if c.follow_up_date else "")
            for c in timeline
        )
        or t("还没有往来记录。", "No contacts yet."),
    )
    return 0


def _reveal_args(parser: argparse.ArgumentParser) -> None:
    """--reveal, --reason, --reason-note of `client show` and `holding list` (cli/client_show)."""
    parser.add_argument(
        "--reveal",
        action="store_true",
        help=t(
            "显示完整证件号、电话和资产金额（记入审计日志）",
            "show ID numbers, phones and balances in full (written to the audit log)",
        ),
    )
    parser.add_argument(
        "--reason",
        metavar="CODE",
        help=t(
            "查看原因：verify_identity、transaction、client_request、check_records、other",
            "the reveal's reason: verify_identity, transaction, client_request, check_records, other",
        ),
    )
    parser.add_argument("--reason-note", metavar="TEXT", help=t("原因为 other 时的说明", "what --reason other means"))


def _set_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set", action="append", metavar="FIELD=VALUE", help=t("字段=值，可重复", "FIELD=VALUE, repeatable")
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    client = sub.add_parser("client", help=t("客户档案", "client files")).add_subparsers(
        dest="client_command", required=True, metavar="ACTION"
    )
    p = client.add_parser("add", parents=[common], help=t("新增客户", "add a client"))
    _set_arg(p)
    p.set_defaults(func=cmd_client_add)
    p = client.add_parser("update", parents=[common], help=t("修改客户", "change a client"))
    p.add_argument("id", type=record_id)
    _set_arg(p)
    p.add_argument(
        "--expect-version",
        type=whole_number(0, MAX_ID),
        metavar="N",
        help=t(
            "仅当客户仍是第 N 版（row_version）或所改字段未被他人改动时保存",
            "save only if the client is still at version N (row_version) or the fields were not changed since",
        ),
    )
    p.set_defaults(func=cmd_client_update)
    p = client.add_parser("list", parents=[common], help=t("列出/搜索客户", "list or search clients"))
    p.add_argument(
        "--search",
        metavar="Q",
        help=t(
            "姓名、拼音、首字母、电话/证件号片段、客户号", "name, pinyin, initials, phone/ID fragment, customer no."
        ),
    )
    p.add_argument("--limit", type=whole_number(0, MAX_ID), metavar="N")
    p.add_argument("--tier", action="append", metavar="CODE")
    p.add_argument("--risk", action="append", metavar="C1..C5")
    p.add_argument("--tag", action="append")
    p.add_argument("--overdue", action="store_true", help=t("超过联系周期未联系", "contact overdue"))
    p.add_argument(
        "--maturing",
        type=whole_number(0, MAX_DAYS_AHEAD),
        metavar="DAYS",
        help=t("N 天内有产品到期", "holdings maturing within N days"),
    )
    p.add_argument("--trash", action="store_true", help=t("列出回收站", "list the trash"))
    p.add_argument("--sort", default=search.RELEVANCE, choices=(search.RELEVANCE, *search.SORTS))
    p.add_argument("--desc", action="store_true")
    _reveal_args(p)
    p.set_defaults(func=cmd_client_list)
    p = client.add_parser("show", parents=[common], help=t("查看客户档案", "show a client file"))
    p.add_argument("id", type=record_id)
    _reveal_args(p)
    p.set_defaults(func=cmd_client_show)
    for name, func, text in (
        ("delete", cmd_client_delete, t("移入回收站", "move to the trash")),
        ("restore", cmd_client_restore, t("从回收站恢复", "restore from the trash")),
    ):
        p = client.add_parser(name, parents=[common], help=text)
        p.add_argument("id", type=record_id)
        p.set_defaults(func=func)

    holding = sub.add_parser("holding", help=t("持有产品", "holdings")).add_subparsers(
        dest="holding_command", required=True, metavar="ACTION"
    )
    p = holding.add_parser("add", parents=[common], help=t("新增持有产品", "add a holding"))
    p.add_argument("client_id", type=record_id)
    _set_arg(p)
    p.set_defaults(func=cmd_holding_add)
    p = holding.add_parser("list", parents=[common], help=t("列出持有产品", "list holdings"))
    p.add_argument("client_id", type=record_id)
    _reveal_args(p)
    p.set_defaults(func=cmd_holding_list)

    contact = sub.add_parser("contact", help=t("往来记录", "contact history")).add_subparsers(
        dest="contact_command", required=True, metavar="ACTION"
    )
    p = contact.add_parser("add", parents=[common], help=t("记录一次往来", "record a contact"))
    p.add_argument("client_id", type=record_id)
    p.add_argument(
        "--channel", required=True, help="phone/sms/wechat/visit/meeting/event, 电话/短信/微信/拜访/网点面谈/活动"
    )
    p.add_argument("--text", required=True)
    p.add_argument("--at", metavar="ISO_DATETIME")
    p.add_argument("--next-date", metavar="DATE", help=t("跟进日期", "follow-up date"))
    p.add_argument("--purpose")
    p.add_argument("--outcome")
    p.add_argument("--next-step")
    p.set_defaults(func=cmd_contact_add)
    p = contact.add_parser("list", parents=[common], help=t("往来记录（新的在前）", "contact history, newest first"))
    p.add_argument("client_id", type=record_id)
    p.set_defaults(func=cmd_contact_list)
