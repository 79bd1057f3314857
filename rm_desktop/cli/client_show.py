"""``client show ID`` and ``holding list ID``: one client's file and holdings, the ID number,
phones and balances masked (issue 18.2; which balances, services/reveals/balances) in the text
and in ``--json`` alike. ``--reveal --reason R`` shows them in full and writes the same
``reveal`` audit entry as the GUI's 显示."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from rm_desktop.cli.common import emit, with_vault
from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.services.reveals import reasons
from rm_desktop.services.reveals.balances import BALANCE_MASK, balance_text

if TYPE_CHECKING:
    from rm_desktop.services.clients.contacts import ContactRecord
    from rm_desktop.services.clients.holdings import HoldingRecord
    from rm_desktop.services.clients.records import ClientRecord
    from rm_desktop.services.clients.relationships import RelationView
    from rm_desktop.services.vault.lifecycle import Vault


def cmd_client_show(args: argparse.Namespace) -> int:
    from rm_desktop.services.clients import contacts, holdings, relationships
    from rm_desktop.services.clients import files as clients

    def run(
        vault: Vault,
    ) -> tuple[ClientRecord, list[HoldingRecord], list[RelationView], list[ContactRecord], str]:
        record = clients.get_client(vault, args.id)
        held = holdings.list_holdings(vault, args.id)
        if args.reveal:
            log_reveal(vault, record.id, record.name, _revealed_kinds(record, held), args)
        return (
            record,
            held,
            relationships.list_relationships(vault, args.id),
            contacts.list_contacts(vault, args.id),
            vault.settings.get("amount_unit"),
        )

    record, held, related, timeline, unit = with_vault(args, run)
    data = record.as_dict() | {
        "holdings": [h.as_dict() for h in held],
        "relationships": [r.as_dict() for r in related],
        "contacts": [c.as_dict() for c in timeline],
        "revealed": bool(args.reveal),
    }
    if not args.reveal:
        _mask(data, record)
    emit(args, data, _profile_text(record, held, related, timeline, unit, args.reveal))
    return 0


def _mask(data: dict[str, Any], record: ClientRecord) -> None:
    """The JSON as the text shows it: phones and ID by their masks, every amount as the mask
    (null stays null: no amount is nothing to hide)."""
    data["phones"] = list(record.phones_masked)
    data["phone"] = ",".join(record.phones_masked)
    data["id_number"] = record.id_number_masked
    data["aum"] = _masked(data["aum"])
    for holding in data["holdings"]:
        holding["amount"] = _masked(holding["amount"])


def _masked(amount: str | None) -> str | None:
    return None if amount is None else BALANCE_MASK


def _revealed_kinds(record: ClientRecord, held: list[HoldingRecord]) -> list[str]:
    balance = record.aum is not None or any(h.amount is not None for h in held)
    present = (("phone", bool(record.phones)), ("id_number", bool(record.id_number)), ("balance", balance))
    return [kind for kind, shown in present if shown]


def cmd_holding_list(args: argparse.Namespace) -> int:
    from rm_desktop.services.clients import holdings

    def run(vault: Vault) -> list[HoldingRecord]:
        held = holdings.list_holdings(vault, args.client_id)
        if args.reveal:
            shown = ["balance"] if any(h.amount is not None for h in held) else []
            log_reveal(vault, args.client_id, None, shown, args)
        return held

    held = with_vault(args, run)
    rows = [h.as_dict() for h in held]
    if not args.reveal:
        for row in rows:
            row["amount"] = _masked(row["amount"])
    text = "\n".join(
        f"{h.id}\t{h.product_type_label}\t{h.name}\t{balance_text(h.amount, '元', shown=args.reveal, with_unit=False)}"
        f"\t{h.risk or ''}\t{h.maturity_date or ''}\t{h.status_label}"
        for h in held
    )
    emit(args, rows, text or t("没有持有产品。", "No holdings."))
    return 0


def log_reveal(vault: Vault, client_id: int, name: str | None, kinds: list[str], args: argparse.Namespace) -> None:
    """``--reveal``'s audit entry for ``kinds`` (none: nothing to reveal, no entry), written
    before anything is printed. The CLI has no session to remember an answer in: unless the mode
    is ``never``, every --reveal needs --reason, and a bad one fails even with nothing to reveal."""
    from rm_desktop.services.reveals.recording import record_reveal

    reason = _reason(vault, args)
    if kinds:
        record_reveal(vault, client_id, kinds, reason, note=args.reason_note, name=name)


def _reason(vault: Vault, args: argparse.Namespace) -> str:
    """--reason, checked; with the mode ``never`` and none given, the not-asked code."""
    from rm_desktop.services.settings.policy_rules import REVEAL_KEY

    reason = args.reason
    if reason is None:
        if vault.settings.get(REVEAL_KEY) != "never":
            raise UserError(
                t(
                    "--reveal 须注明原因：--reason {}（other 另加 --reason-note 说明）",
                    "--reveal needs a reason: --reason {} (other also needs --reason-note)",
                ).format("|".join(reasons.REASONS))
            )
        reason = reasons.NOT_ASKED
    reasons.check_reason(reason, args.reason_note)
    return reason


def log_list_reveal(vault: Vault, rows: list, args: argparse.Namespace) -> None:
    """``client list --reveal``'s one entry: the count of listed clients and the kinds they hold
    (phones, ID numbers), with the reason, checked as for one client (:func:`log_reveal`)."""
    from rm_desktop.services.reveals.recording import record_list_reveal

    reason = _reason(vault, args)
    kinds = [
        kind
        for kind, held in (("phone", any(r.phones for r in rows)), ("id_number", any(r.id_number for r in rows)))
        if held
    ]
    if kinds:
        record_list_reveal(vault, len(rows), kinds, reason, note=args.reason_note)


def _profile_text(
    record: ClientRecord,
    held: list[HoldingRecord],
    related: list[RelationView],
    timeline: list[ContactRecord],
    unit: str,
    reveal: bool,
) -> str:
    phones = record.phones if reveal else record.phones_masked
    id_number = record.id_number if reveal else record.id_number_masked
    aum = balance_text(record.aum, unit, shown=reveal, with_unit=False)
    lines = [
        f"{record.name}  #{record.id}  {record.tier_name}"
        + (t("（回收站）", " (in trash)") if record.in_trash else ""),
        f"{t('客户号', 'Customer no.')}: {record.customer_no or ''}",
        f"{t('性别', 'Gender')}: {record.gender or ''}  {t('出生日期', 'Birth date')}: {record.birth_date or ''}",
        f"{t('证件', 'ID')}: {record.id_type_label} {id_number or ''}",
        f"{t('电话', 'Phone')}: {', '.join(phones)}",
        f"{t('资产', 'AUM')}({unit}): {aum}  {t('风险等级', 'Risk grade')}: {record.risk_grade or ''}",
        f"{t('标签', 'Tags')}: {', '.join(record.tags)}",
        f"{t('最近联系', 'Last contact')}: {record.last_contact_at or ''}  {t('下次跟进', 'Next follow-up')}: {record.next_follow_up or ''}",
    ]
    lines += [
        f"  [{h.product_type_label}] {h.name} {balance_text(h.amount, unit, shown=reveal, with_unit=False)}"
        f" {h.risk or ''} {h.maturity_date or ''}"
        for h in held
    ]
    lines += [f"  {r.label}: {r.other_name} #{r.other_id}" for r in related]
    lines += [f"  {c.at:%Y-%m-%d %H:%M} {c.channel_label}: {c.content}" for c in timeline]
    if not reveal and _revealed_kinds(record, held):
        lines.append(
            t(
                "（证件号、电话和金额已屏蔽；--reveal --reason 原因 显示完整信息，记入审计日志）",
                "(ID, phones and amounts are masked; --reveal --reason R shows them in full and is audited)",
            )
        )
    return "\n".join(lines)
