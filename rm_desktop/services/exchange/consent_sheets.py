"""The archive's and the handover's 同意 sheet: one row per client with a consent record
(services/consent), written by the exporter and read back by the importer.

Yes/no cells show 是/否, the method and the channels their Chinese labels (书面; 短信、电话); every
cell is read back by the one consent parser (domain/consent.parse_consent_values), so an
imported record is as valid as one typed in the consent editor, and a bad cell is a reject
naming its row and field. A row must say yes or no to marketing: an empty one would read as
consent recorded.

Merging (handover in, archive re-import): the record with the later given date (营销同意日期)
wins; on the same day, or when neither says a day, the receiver keeps its own; a dated record
beats an undated one. A client with no row (a file from a version without the sheet) arrives
as 未记录: bulk marketing sends skip it until the RM records its consent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, select, update

from rm_desktop.domain.choices import CHANNELS
from rm_desktop.domain.consent import METHODS, Consent, parse_consent_values
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.field_values import is_empty
from rm_desktop.i18n import t
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.children import Children, ChildRow, _key, _sheet_rows
from rm_desktop.services.exchange.children_write import _client_of
from rm_desktop.storage.models import Client
from rm_desktop.storage.models_consent import ConsentRow

CONSENTS_SHEET = "同意"
Column = lay.Column
CONSENT_COLUMNS = (
    Column(lay.ARCHIVE_KEY, "archive_id"),
    Column(lay.CUSTOMER_NO, "customer_no", True),
    Column("营销同意", "marketing"),
    Column("同意日期", "given_on"),
    Column("同意方式", "given_by"),
    Column("允许渠道", "channels"),
    Column("敏感信息同意", "sensitive"),
    Column("敏感信息同意日期", "sensitive_on"),
)
_STORED = ("marketing", "given_on", "given_by", "channels", "sensitive", "sensitive_on")


def _yes_no(value: object) -> str:
    return "是" if value else "否"


# -- export -----------------------------------------------------------------------------------


def export_sheets(conn, customer_nos: dict[int, str | None]) -> list[tuple[str, tuple[Column, ...], list[list[Any]]]]:
    """The 同意 sheet for the clients in ``customer_nos`` that have a record."""
    rows = []
    for client_id, marketing, given_on, given_by, channels, sensitive, sensitive_on in conn.execute(
        select(ConsentRow.client_id, *[getattr(ConsentRow, k) for k in _STORED]).order_by(ConsentRow.client_id)
    ):
        if client_id not in customer_nos:
            continue
        shown_channels = "、".join(CHANNELS.label(code) for code in (channels or "").split(",") if code)
        rows.append(
            [
                client_id,
                customer_nos[client_id],
                _yes_no(marketing),
                given_on,
                METHODS.label(given_by) if given_by else None,
                shown_channels or None,
                _yes_no(sensitive),
                sensitive_on,
            ]
        )
    return [(CONSENTS_SHEET, CONSENT_COLUMNS, rows)]


# -- import: reading --------------------------------------------------------------------------


def _consent(cells: dict[str, object]) -> Consent:
    if is_empty(cells.get("marketing")):
        raise ValidationError("marketing", t("须写明是否同意营销（是/否）", "must say yes or no to marketing"))
    raw: dict[str, object] = {}
    for key in _STORED:  # a date cell reads back as a datetime at midnight
        value = cells.get(key)
        raw[key] = value.date() if isinstance(value, dt.datetime) else value
    return parse_consent_values(raw)


def read_consents(book, found: Children) -> None:
    """Fill ``found.consents`` (values: {"consent": Consent}); a bad row is a reject naming its
    field. A file without the sheet reads as no records."""
    for number, cells in _sheet_rows(book, CONSENTS_SHEET, CONSENT_COLUMNS):
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
            found.consents.append(ChildRow(number, archive_id, customer_no, {"consent": _consent(cells)}))
        except ValidationError as exc:
            # The column's header names the field: the one the RM sees in the file.
            header = next((c.header for c in CONSENT_COLUMNS if c.key == exc.field), exc.field)
            found.rejected.append((CONSENTS_SHEET, number, [f"{header}：{exc.message}"]))


# -- import: writing --------------------------------------------------------------------------


def incoming_wins(incoming: Consent, held: Consent) -> bool:
    """The merge rule: the later given date wins; a tie or no dates keeps the receiver's."""
    if incoming.given_on is None:
        return False
    return held.given_on is None or incoming.given_on > held.given_on


def _held(row) -> Consent:
    _cid, marketing, given_on, given_by, channels, sensitive, sensitive_on = row
    return Consent(
        bool(marketing),
        given_on,
        given_by,
        tuple(c for c in (channels or "").split(",") if c),
        bool(sensitive),
        sensitive_on,
    )


def write_consents(conn, children: Children, summary) -> None:
    """Store the read records inside the import's transaction (count into ``summary``)."""
    if not children.consents:
        return
    by_no = {no: cid for cid, no in conn.execute(select(Client.id, Client.customer_no)) if no}
    held = {
        row[0]: _held(row)
        for row in conn.execute(select(ConsentRow.client_id, *[getattr(ConsentRow, k) for k in _STORED]))
    }
    now = dt.datetime.now().replace(microsecond=0)
    for child in children.consents:
        cid = _client_of(child, summary, by_no)
        consent: Consent = child.values["consent"]
        if cid is None or (cid in held and not incoming_wins(consent, held[cid])):
            continue
        values = {
            "marketing": consent.marketing,
            "given_on": consent.given_on,
            "given_by": consent.given_by,
            "channels": ",".join(consent.channels),
            "sensitive": consent.sensitive,
            "sensitive_on": consent.sensitive_on,
            "updated_at": now,
        }
        if cid in held:
            conn.execute(update(ConsentRow).where(ConsentRow.client_id == cid).values(**values))
        else:
            conn.execute(insert(ConsentRow).values(client_id=cid, **values))
        held[cid] = consent
        summary.consents += 1
