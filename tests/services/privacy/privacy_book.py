"""A client with a planted value in every kind of record, for the copy and anonymisation tests;
and a second client who must come through untouched."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rm_desktop.services.clients import contacts, drafts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.clients.holdings import add_holding
from rm_desktop.services.complaints import store as complaints
from rm_desktop.services.reminders.appointments import add_appointment
from rm_desktop.services.sales import opportunities

NOW = dt.datetime(2026, 3, 2, 10, 0)
TODAY = NOW.date()
NAME, ID_NUMBER, PHONE = "欧阳明月", "11010519491231002X", "13912345678"
ADDRESS, NOTE = "朝阳区光华路八号", "女儿明年出国读书"
CONTACT_TEXT, COMPLAINT_TEXT = "电话沟通基金赎回事宜", "理财到期转账延迟"
HOLDING, AMOUNT = "稳健债券基金甲", "123456.78"
OPPORTUNITY, APPOINTMENT, DRAFT = "月月盈增强", "与欧阳明月面谈", "草稿里写的一句话"
PLANTED = (NAME, ID_NUMBER, PHONE, ADDRESS, NOTE, CONTACT_TEXT, COMPLAINT_TEXT, HOLDING, AMOUNT, OPPORTUNITY)
PII = (NAME, ID_NUMBER, PHONE, ADDRESS, NOTE, CONTACT_TEXT, COMPLAINT_TEXT, APPOINTMENT, DRAFT)
OTHER_NAME, OTHER_PHONE = "李四海", "13800001111"


@dataclass
class Book:
    client_id: int
    other_id: int


def planted_book(vault) -> Book:
    client = create_client(
        vault,
        {"name": NAME, "id_number": ID_NUMBER, "phone": [PHONE], "address": ADDRESS, "notes": NOTE},
        today=TODAY,
    )
    other = create_client(vault, {"name": OTHER_NAME, "phone": [OTHER_PHONE], "notes": f"{NAME}介绍来的"}, today=TODAY)
    cid = client.id
    contacts.add_contact(vault, cid, {"at": "2026-03-01 10:00", "channel": "phone", "content": CONTACT_TEXT})
    add_holding(vault, cid, {"product_type": "fund", "name": HOLDING, "amount": AMOUNT, "risk": "R2"})
    complaints.add_complaint(
        vault, cid, {"channel": "phone", "category": "other", "description": COMPLAINT_TEXT}, now=NOW
    )
    opportunities.add_opportunity(
        vault, cid, {"product_type": "wealth", "product_name": OPPORTUNITY, "product_risk": "R2", "amount": "1万"},
        today=TODAY,
    )  # fmt: skip
    add_appointment(vault, NOW + dt.timedelta(days=1), APPOINTMENT, client_id=cid, notes=PHONE)
    drafts.save_draft(vault, "contact", cid, {"content": DRAFT})
    return Book(cid, other.id)
