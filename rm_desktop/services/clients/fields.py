"""The fields of a client profile: their names (the CLI/import names), labels and parsers.

The parsers and the checks across fields (ID number against birth date and gender, date order)
are the domain's (:mod:`rm_desktop.domain.client_fields`), shared with the import, the archive
and the handover; this module gives each field its label for the forms and messages.
Nothing here touches the database: files.py adds the checks that need it (unique customer
number, existing referrer) and stores the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from rm_desktop.domain.client_fields import FIELD_PARSERS
from rm_desktop.domain.field_values import Parser
from rm_desktop.i18n import t


@dataclass(frozen=True)
class FieldSpec:
    label_zh: str
    label_en: str
    parse: Parser

    def label(self) -> str:
        return t(self.label_zh, self.label_en)


_LABELS: dict[str, tuple[str, str]] = {
    "customer_no": ("客户号", "Customer no."),
    "name": ("姓名", "Name"),
    "gender": ("性别", "Gender"),
    "birth_date": ("出生日期", "Birth date"),
    "lunar_birthday": ("过农历生日", "Lunar birthday"),
    "id_type": ("证件类型", "ID type"),
    "id_number": ("证件号码", "ID number"),
    "phone": ("电话", "Phone"),
    "address": ("地址", "Address"),
    "occupation": ("职业", "Occupation"),
    "employer": ("工作单位", "Employer"),
    "income_band": ("收入水平", "Income band"),
    "life_stage": ("生命周期阶段", "Life stage"),
    "family": ("家庭情况", "Family"),
    "interests": ("兴趣爱好", "Interests"),
    "preferred_channel": ("偏好联系方式", "Preferred channel"),
    "dnd_hours": ("免打扰时段", "Do-not-disturb hours"),
    "risk_grade": ("风险等级", "Risk grade"),
    "risk_assessed_on": ("风险测评日期", "Risk assessed on"),
    "risk_expires_on": ("风险测评到期日", "Risk assessment expires"),
    "aum": ("金融资产（元）", "AUM (CNY)"),
    "responsible_role": ("维护人", "Responsible"),
    "tags": ("标签", "Tags"),
    "referrer_client_id": ("推荐客户编号", "Referred by client id"),
    "referrer_staff": ("推荐员工", "Referred by staff"),
    "salutation": ("称呼", "Salutation"),
    "cadence_days": ("联系周期（天）", "Contact cadence (days)"),
    "notes": ("备注", "Notes"),
    "important_dates": ("重要日期", "Important dates"),
}
CLIENT_FIELDS: dict[str, FieldSpec] = {key: FieldSpec(zh, en, FIELD_PARSERS[key]) for key, (zh, en) in _LABELS.items()}
PARSERS: dict[str, Parser] = {key: spec.parse for key, spec in CLIENT_FIELDS.items()}


def field_label(key: str) -> str:
    spec = CLIENT_FIELDS.get(key)
    return spec.label() if spec else key
