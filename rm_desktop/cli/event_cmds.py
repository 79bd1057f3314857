"""CLI for salons and events (活动) and playbooks (工作流程模板).

    event add --name N --at "YYYY-MM-DD HH:MM" [--place P] [--capacity 15] [--topic T] [--note N]
    event invite EVENT (--clients ID,... | --segment NAME | --search T / --tier X / --risk-grade C3 / --tag G)
                 [--render [--template T]] [--today D]
    event attend EVENT --clients ID,... [--status attended|no_show|confirmed|declined] [--now T]
    event list [EVENT]                  every event, or one with its invitees, statuses and result
    playbook list [REF]                 the built-in and own playbooks (REF: new_client, #3 …)
    playbook start REF --client ID [--start D] [--event EVENT] [--today D]
    playbook copy REF [--name N]

Over the capacity the invitees go on the waiting list (候补) with a warning; a playbook started
twice for the same client and event is refused (exit 1).
"""

from __future__ import annotations

import argparse
import datetime as dt

from rm_desktop.cli.common import check_id, day, emit, moment, record_id, whole_number, with_vault
from rm_desktop.domain.errors import UserError
from rm_desktop.domain.events.model import ATTENDED, MAX_CAPACITY, EventFields, parse_status
from rm_desktop.domain.playbooks.model import Playbook
from rm_desktop.i18n import t
from rm_desktop.services.events import attendance, invites, results, store
from rm_desktop.services.playbooks import library, runs
from rm_desktop.services.scripts import library as scripts
from rm_desktop.services.scripts.render import RenderedScript
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.storage.handle import VaultHandle

Subs = argparse._SubParsersAction  # the sub-command table of the main parser


def _ids(raw: str) -> list[int]:
    try:
        return [check_id(int(part), "--clients") for part in raw.split(",") if part.strip()]
    except ValueError:
        raise UserError(
            t("--clients 须为逗号分隔的客户编号（数字）", "--clients must be comma-separated client ids")
        ) from None


def _event_line(event: store.EventRecord) -> str:
    return t("{}\t{}\t{}\t{}\t名额 {}，已邀请 {}", "{}\t{}\t{}\t{}\tcapacity {}, invited {}").format(
        event.id,
        event.starts_at.isoformat(" ", "minutes"),
        event.name,
        event.place or "—",
        event.capacity,
        event.invited,
    )


def cmd_event_add(args: argparse.Namespace) -> int:
    fields = EventFields(args.name, args.at, args.place or "", args.capacity, args.topic or "", args.note or "")
    event = with_vault(args, lambda vault: store.add_event(vault, fields))
    emit(args, event.as_json(), t("已添加活动 {}：{}", "Event {} added: {}").format(event.id, event.name))
    return 0


def _chosen(vault: VaultHandle, args: argparse.Namespace, today: dt.date) -> list[int]:
    query = args.search or args.tier or args.risk_grade or args.tag
    given = [bool(args.clients), bool(args.segment), bool(query)]
    if sum(given) != 1:
        raise UserError(
            t(
                "请用且只用一种方式选择客户：--clients、--segment，或 --search / --tier / --risk-grade / --tag",
                "choose the clients one way: --clients, --segment, or --search / --tier / --risk-grade / --tag",
            )
        )
    if args.clients:
        return _ids(args.clients)
    if args.segment:
        return invites.clients_of_segment(vault, args.segment, today)
    return invites.clients_of_query(
        vault,
        ClientQuery(
            text=args.search or "",
            tiers=tuple(args.tier or ()),
            risk_grades=tuple(args.risk_grade or ()),
            tags=tuple(args.tag or ()),
            today=today,
        ),
    )


def cmd_event_invite(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()

    def run(vault: VaultHandle) -> tuple[invites.InviteResult, list[RenderedScript]]:
        result = invites.invite(vault, args.event, _chosen(vault, args, today))
        rendered: list[RenderedScript] = []
        if args.render:
            template = None if args.template is None else library_template(vault, args.template)
            rendered = invites.render_invitations(vault, args.event, template_id=template, today=today)
        return result, rendered

    result, rendered = with_vault(args, run)
    skipped = getattr(rendered, "skipped", None)  # a render's consent check (services/consent)
    data = {**result.as_json(), "invitations": [r.as_dict() for r in rendered]}
    lines = [result.message(), *(f"{r.client_id}\t{r.client_name}\t{r.text}" for r in rendered)]
    if skipped is not None and skipped.total:
        data["skipped"] = skipped.as_dict()
        lines.append(skipped.message())
    emit(args, data, "\n".join(lines))
    return 0


def library_template(vault: VaultHandle, ref: str) -> int:
    return scripts.find_template(vault, ref).id


def cmd_event_attend(args: argparse.Namespace) -> int:
    status = parse_status(args.status)
    ids = _ids(args.clients)
    result = with_vault(args, lambda vault: attendance.set_status(vault, args.event, ids, status, now=args.now))
    emit(args, result.as_json(), result.message())
    return 0


def cmd_event_list(args: argparse.Namespace) -> int:
    if args.event is None:
        events = with_vault(args, store.list_events)
        text = "\n".join(map(_event_line, events)) or t("还没有活动", "No events yet")
        emit(args, [e.as_json() for e in events], text)
        return 0

    def run(vault: VaultHandle) -> tuple[results.EventResult, list[store.InvitationRecord]]:
        return results.event_result(vault, args.event), store.list_invitations(vault, args.event)

    result, invitations = with_vault(args, run)
    lines = [
        _event_line(result.event),
        result.message(),
        *(f"  {i.client_id}\t{i.client_name}\t{i.status_label}" for i in invitations),
    ]
    emit(args, {**result.as_json(), "invitations": [i.as_json() for i in invitations]}, "\n".join(lines))
    return 0


def cmd_playbook_list(args: argparse.Namespace) -> int:
    def run(vault: VaultHandle) -> list[Playbook]:
        return [library.get_playbook(vault, args.ref)] if args.ref else library.list_playbooks(vault)

    playbooks = with_vault(args, run)
    lines = []
    for p in playbooks:
        lines.append(f"{p.ref}\t{p.name}" + (t("（内置）", " (built-in)") if p.builtin else ""))
        lines += [f"  {s.offset_label()}\t{s.title}\t{s.channel}" for s in p.steps]
    emit(args, [p.as_json() for p in playbooks], "\n".join(lines))
    return 0


def cmd_playbook_start(args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    run = with_vault(
        args,
        lambda vault: runs.start_playbook(vault, args.ref, args.client, args.start, event_id=args.event, today=today),
    )
    lines = [run.message(), *(f"  {s.due_on.isoformat()}\t{s.title}\t{s.key}" for s in run.steps)]
    emit(args, run.as_json(), "\n".join(lines))
    return 0


def cmd_playbook_copy(args: argparse.Namespace) -> int:
    copy = with_vault(args, lambda vault: library.copy_playbook(vault, args.ref, args.name))
    emit(args, copy.as_json(), t("已复制为 {}：{}", "Copied as {}: {}").format(copy.ref, copy.name))
    return 0


def _register_event(sub: Subs, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "event", parents=[common], help=t("活动：添加、邀请、出席、列表", "events: add, invite, attend, list")
    )
    actions = p.add_subparsers(dest="event_command", required=True, metavar="ACTION")
    a = actions.add_parser("add", parents=[common], help=t("添加活动", "add an event"))
    a.add_argument("--name", required=True, help=t("活动名称", "the event's name"))
    a.add_argument("--at", required=True, type=moment, metavar="T", help=t("开始时间", "start date and time"))
    a.add_argument("--place", help=t("地点", "place"))
    a.add_argument(
        "--capacity", type=whole_number(1, MAX_CAPACITY), default=15, help=t("名额（默认 15）", "seats (15)")
    )
    a.add_argument("--topic", help=t("主题", "topic"))
    a.add_argument("--note", help=t("备注", "note"))
    a.set_defaults(func=cmd_event_add)

    i = actions.add_parser("invite", parents=[common], help=t("邀请客户", "invite clients"))
    i.add_argument("event", type=record_id, metavar="EVENT", help=t("活动编号", "event id"))
    i.add_argument("--clients", metavar="ID,...", help=t("客户编号，逗号分隔", "client ids, comma-separated"))
    i.add_argument("--segment", metavar="NAME", help=t("经营洞察分组（键或名称）", "an insights bar (key or name)"))
    i.add_argument("--search", help=t("搜索文字（同客户列表）", "search text (as the client list)"))
    i.add_argument("--tier", action="append", help=t("层级代码（可重复）", "tier code (repeatable)"))
    i.add_argument("--risk-grade", action="append", help=t("风险等级 C1–C5（可重复）", "risk grade C1–C5 (repeatable)"))
    i.add_argument("--tag", action="append", help=t("标签（可重复）", "tag (repeatable)"))
    i.add_argument("--render", action="store_true", help=t("同时生成邀请话术", "also render the invitations"))
    i.add_argument("--template", metavar="T", help=t("话术编号或名称", "script id or name"))
    i.add_argument("--today", type=day, metavar="D", help=t("以该日期为今天", "take this date as today"))
    i.set_defaults(func=cmd_event_invite)

    at = actions.add_parser("attend", parents=[common], help=t("登记出席或状态", "mark attendance or a status"))
    at.add_argument("event", type=record_id, metavar="EVENT", help=t("活动编号", "event id"))
    at.add_argument("--clients", required=True, metavar="ID,...", help=t("客户编号，逗号分隔", "client ids"))
    at.add_argument("--status", default=ATTENDED, help=t("状态（默认 attended）", "status (default: attended)"))
    at.add_argument("--now", type=moment, metavar="T", help=t("以该时间为现在", "take this time as now"))
    at.set_defaults(func=cmd_event_attend)

    ls = actions.add_parser("list", parents=[common], help=t("列出活动", "list events"))
    ls.add_argument("event", nargs="?", type=record_id, metavar="EVENT", help=t("某一活动的详情", "one event's detail"))
    ls.set_defaults(func=cmd_event_list)


def _register_playbook(sub: Subs, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("playbook", parents=[common], help=t("工作流程模板：列表、启动", "playbooks: list, start"))
    actions = p.add_subparsers(dest="playbook_command", required=True, metavar="ACTION")
    ls = actions.add_parser("list", parents=[common], help=t("列出流程模板", "list playbooks"))
    ls.add_argument("ref", nargs="?", metavar="REF", help=t("某一流程（代码、#编号或名称）", "one playbook"))
    ls.set_defaults(func=cmd_playbook_list)
    st = actions.add_parser("start", parents=[common], help=t("为客户启动流程", "start a playbook for a client"))
    st.add_argument("ref", metavar="REF", help=t("流程（代码、#编号或名称）", "playbook (code, #id or name)"))
    st.add_argument("--client", required=True, type=record_id, metavar="ID", help=t("客户编号", "client id"))
    st.add_argument(
        "--start", type=day, metavar="D", help=t("开始日（默认今天或活动日）", "day 0 (today or the event's)")
    )
    st.add_argument("--event", type=record_id, metavar="EVENT", help=t("关联活动编号", "the event it is for"))
    st.add_argument("--today", type=day, metavar="D", help=t("以该日期为今天", "take this date as today"))
    st.set_defaults(func=cmd_playbook_start)
    cp = actions.add_parser("copy", parents=[common], help=t("复制流程以便修改", "copy a playbook to edit it"))
    cp.add_argument("ref", metavar="REF", help=t("流程（代码、#编号或名称）", "playbook"))
    cp.add_argument("--name", help=t("新名称", "the copy's name"))
    cp.set_defaults(func=cmd_playbook_copy)


def register(sub: Subs, common: argparse.ArgumentParser) -> None:
    _register_event(sub, common)
    _register_playbook(sub, common)
