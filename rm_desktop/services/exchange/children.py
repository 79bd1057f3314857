"""Reading the archive's child sheets (holdings, contacts, relationships, plans, appointments).

Each child row names its client by 档案号 (or, in a hand-made file, by 客户编号) and is checked
with the same field parsers the holdings and contacts services use, so an imported holding is
as valid as one typed in the client file. A plan's content must load as plan content (so a
broken JSON cell is a reject, not a crash later) and an appointment is checked with the
appointment service's own rules (title, duration, repeat rule against its start).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t
from rm_desktop.io.formula_escape import unescape_text
from rm_desktop.io.readers import Workbook
from rm_desktop.services.exchange import layout as lay

# The parsers of the child sheets (contacts, holdings, plans, appointments: ~0.1 s of imports)
# are imported by the functions that read those sheets, so an import of a plain client list,
# which has none, does not load them (importing.py needs this module for Children only).


@dataclass
class ChildRow:
    row_number: int
    archive_id: int | None
    customer_no: str | None
    values: dict[str, Any]


@dataclass
class Children:
    holdings: list[ChildRow] = field(default_factory=list)
    contacts: list[ChildRow] = field(default_factory=list)
    relations: list[ChildRow] = field(default_factory=list)
    plans: list[ChildRow] = field(default_factory=list)  # values: status, content (PlanContent)
    appointments: list[ChildRow] = field(default_factory=list)  # values: AppointmentRecord fields
    opportunities: list[ChildRow] = field(default_factory=list)  # read by services/exchange/sales_sheets
    referrals: list[ChildRow] = field(default_factory=list)
    complaints: list[ChildRow] = field(default_factory=list)  # read by services/exchange/complaint_sheets
    events: list[ChildRow] = field(default_factory=list)  # read by services/exchange/event_sheets
    invitations: list[ChildRow] = field(default_factory=list)
    playbook_runs: list[ChildRow] = field(default_factory=list)
    consents: list[ChildRow] = field(default_factory=list)  # read by services/exchange/consent_sheets
    rejected: list[tuple[str, int, list[str]]] = field(default_factory=list)  # (sheet, row, reasons)


def _plain(cell: object) -> object:
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, str):
        return unescape_text(cell)
    return cell


def _sheet_rows(book: Workbook, name: str, columns) -> list[tuple[int, dict[str, object]]]:
    sheet = next((s for s in book.sheets if s.name == name), None)
    if sheet is None or not sheet.rows:
        return []
    where = lay.column_index(list(sheet.rows[0]), columns)
    found = []
    for index, raw in enumerate(sheet.rows[1:], start=2):
        cells = {key: _plain(raw[col]) if col < len(raw) else None for key, col in where.items()}
        if any(value not in (None, "") for value in cells.values()):
            found.append((index, cells))
    return found


def _key(cells: dict[str, object]) -> tuple[int | None, str | None]:
    archive_id = cells.pop("archive_id", None)
    customer_no = cells.pop("customer_no", None)
    return (
        int(archive_id) if isinstance(archive_id, int) else None,
        str(customer_no) if customer_no not in (None, "") else None,
    )


def _parse(book: Workbook, sheet: str, columns, parsers, found: Children) -> list[ChildRow]:
    from rm_desktop.services.clients.holdings import HOLDING_FIELDS
    from rm_desktop.services.clients.values import collect

    rows = []
    for number, cells in _sheet_rows(book, sheet, columns):
        archive_id, customer_no = _key(cells)
        given = {key: value for key, value in cells.items() if value not in (None, "")}
        parsed, errors = collect(given, parsers)
        reasons = [f"{key}: {message}" for key, message in errors.items()]
        if archive_id is None and customer_no is None:
            reasons.append(
                t(
                    "没有档案号或客户编号，不知道属于哪位客户",
                    "no archive number or customer number: the row belongs to no client",
                )
            )
        for required in ("product_type", "name") if parsers is HOLDING_FIELDS else ("channel", "content"):
            if parsed.get(required) in (None, "") and required not in errors:
                reasons.append(f"{required}: " + t("不能为空", "is required"))
        if reasons:
            found.rejected.append((sheet, number, reasons))
        else:
            rows.append(ChildRow(number, archive_id, customer_no, parsed))
    return rows


def read_children(book: Workbook) -> Children:
    from rm_desktop.services.clients.choices import RELATION_KINDS
    from rm_desktop.services.clients.contacts import CONTACT_FIELDS
    from rm_desktop.services.clients.holdings import HOLDING_FIELDS

    found = Children()
    found.holdings = _parse(book, lay.HOLDINGS_SHEET, lay.HOLDING_COLUMNS, HOLDING_FIELDS, found)
    found.contacts = _parse(book, lay.CONTACTS_SHEET, lay.CONTACT_COLUMNS, CONTACT_FIELDS, found)
    for number, cells in _sheet_rows(book, lay.RELATIONS_SHEET, lay.RELATION_COLUMNS):
        archive_id, other = cells.get("archive_id"), cells.get("other_archive_id")
        if isinstance(archive_id, int) and isinstance(other, int) and cells.get("kind"):
            try:  # the archive shows the label (配偶); older archives hold the code (spouse)
                kind = RELATION_KINDS.parse(cells["kind"], "kind")
            except ValidationError as exc:
                found.rejected.append((lay.RELATIONS_SHEET, number, [f"{exc.field}: {exc.message}"]))
                continue
            found.relations.append(ChildRow(number, archive_id, None, {"other": other, "kind": kind}))
    for child in found.contacts:
        child.values["follow_up_done"] = bool(child.values.get("follow_up_done"))
    found.plans = _checked_rows(book, lay.PLANS_SHEET, lay.PLAN_COLUMNS, _plan_values, found)
    found.appointments = _checked_rows(
        book, lay.APPOINTMENTS_SHEET, lay.APPOINTMENT_COLUMNS, _appointment_values, found
    )
    return found


def _checked_rows(book: Workbook, sheet: str, columns, check, found: Children) -> list[ChildRow]:
    """Rows ``check`` accepts (it returns the values or raises ValidationError); the rest are rejects."""
    rows = []
    for number, cells in _sheet_rows(book, sheet, columns):
        archive_id, customer_no = _key(cells)
        try:
            if archive_id is None and customer_no is None:
                raise ValidationError(
                    "archive_id",
                    t(
                        "没有档案号或客户编号，不知道属于哪位客户",
                        "no archive number or customer number: the row belongs to no client",
                    ),
                )
            rows.append(ChildRow(number, archive_id, customer_no, check(cells)))
        except ValidationError as exc:
            found.rejected.append((sheet, number, [f"{exc.field}: {exc.message}"]))
    return rows


def _plan_values(cells: dict[str, object]) -> dict[str, Any]:
    from rm_desktop.services.plans.content import PlanContent, PlanStatus

    try:
        status = PlanStatus.parse(cells.get("status") or PlanStatus.DRAFT.value)
    except ValueError:
        raise ValidationError(
            "status", t("未知的规划状态：“{}”", 'unknown plan status: "{}"').format(cells.get("status"))
        ) from None
    try:
        content = PlanContent.from_json(str(cells.get("content") or ""))
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ValidationError("content", t("规划内容不是有效的 JSON", "the plan content is not valid JSON")) from None
    return {"status": status, "content": content}


def _appointment_values(cells: dict[str, object]) -> dict[str, Any]:
    from rm_desktop.services.reminders.appointments import MAX_MINUTES, MAX_TITLE, MIN_MINUTES, check_rule, parse_when

    start = parse_when(cells.get("start"), "start").replace(second=0)
    title = " ".join(str(cells.get("title") or "").split())
    if not title or len(title) > MAX_TITLE:
        raise ValidationError("title", t("不能为空，最多 {} 个字", "required, at most {} characters").format(MAX_TITLE))
    minutes = cells.get("duration_minutes")
    minutes = 60 if minutes in (None, "") else minutes
    if not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValidationError(
            "duration_minutes",
            t("时长应在 {} 到 {} 分钟之间", "the duration must be {} to {} minutes").format(MIN_MINUTES, MAX_MINUTES),
        )
    rule = cells.get("rrule")
    return {
        "start": start,
        "title": title,
        "duration_minutes": minutes,
        "rrule": check_rule(str(rule), start) if rule not in (None, "") else None,
        "location": " ".join(str(cells.get("location") or "").split())[:200] or None,
        "notes": str(cells.get("notes") or "").strip() or None,
    }
