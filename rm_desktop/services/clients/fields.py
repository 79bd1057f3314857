"""The fields of a client profile: their names (the CLI/import names), labels and parsers, and
the checks across fields (ID number against birth date and gender, date order).

Nothing here touches the database: clients.py adds the checks that need it (unique customer
number, existing referrer) and stores the result.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.grades import normalize_risk_grade
from rm_desktop.domain.identity import check_id_matches, normalize_gender, parse_resident_id
from rm_desktop.domain.money import YUAN, parse_amount
from rm_desktop.domain.phones import normalize_phone
from rm_desktop.domain.textnorm import fold_text, remove_spaces
from rm_desktop.i18n import t
from rm_desktop.services.clients.choices import CHANNELS, ID_TYPES, ChoiceSet
from rm_desktop.services.clients.values import (
    Parser,
    integer,
    is_before,
    is_empty,
    parse_bool,
    parse_date,
    split_list,
    text,
)

RESIDENT_ID = "resident_id"
_EARLIEST_BIRTH = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class ImportantDateValue:
    label: str
    date: dt.date
    lunar: bool = False


def optional(parser: Parser) -> Parser:
    """``parser`` for a non-empty value, None for an empty one."""
    return lambda raw, field: None if is_empty(raw) else parser(raw, field)


def choice(choices: ChoiceSet) -> Parser:
    return optional(choices.parse)


def parse_name(raw: Any, field: str) -> str:
    value = " ".join(fold_text("" if raw is None else str(raw)).split())
    return text(100, required=True)(value, field)


def parse_customer_no(raw: Any, field: str) -> str | None:
    value = remove_spaces(fold_text(str(raw))).upper() if not is_empty(raw) else ""
    if not value:
        return None
    if len(value) > 40 or not re.fullmatch(r"[0-9A-Z_\-/.]+", value):
        raise ValidationError(
            field,
            t(
                "客户号只能包含字母、数字和 - _ / .，最多40位",
                "a customer number holds letters, digits and - _ / . (at most 40)",
            ),
        )
    return value


def parse_id_number(raw: Any, field: str) -> str | None:
    """Folded and upper-cased; checked against its ID type in :func:`check_identity`."""
    value = remove_spaces(fold_text(str(raw))).upper() if not is_empty(raw) else ""
    return value or None


def parse_phones(raw: Any, field: str) -> list[str]:
    numbers: list[str] = []
    items = split_list(raw)
    for position, item in enumerate(items, start=1):
        try:
            numbers.append(normalize_phone(item, field))
        except ValidationError as exc:
            where = (
                t("第{}个号码“{}”：", 'number {} "{}": ').format(position, item) if len(items) > 1 else f"“{item}”："
            )
            raise ValidationError(field, where + exc.message) from None
    return list(dict.fromkeys(numbers))


def parse_tags(raw: Any, field: str) -> list[str]:
    tags = [" ".join(fold_text(tag).split()) for tag in split_list(raw)]
    for tag in tags:
        if len(tag) > 40:
            raise ValidationError(field, t("标签最多40个字：“{}”", 'a tag has at most 40 characters: "{}"').format(tag))
    return list(dict.fromkeys(tags))


def parse_birth_date(raw: Any, field: str) -> dt.date | None:
    value = parse_date(raw, field)
    if value is not None and not _EARLIEST_BIRTH <= value <= dt.date.today():
        raise ValidationError(field, t("出生日期不合理：{}", "implausible birth date: {}").format(value.isoformat()))
    return value


_DND_RANGE = re.compile(r"(\d{1,2}):(\d{2})\s*(?:-|~|至|到)\s*(\d{1,2}):(\d{2})")


def parse_dnd_hours(raw: Any, field: str) -> str | None:
    """Do-not-disturb ranges such as ``22:00-08:00`` (several separated by commas), normalised."""
    ranges = []
    for item in split_list(fold_text(str(raw)) if not is_empty(raw) else ""):
        match = _DND_RANGE.fullmatch(item)
        if not match or not all(int(h) <= 24 and int(m) < 60 for h, m in (match.groups()[:2], match.groups()[2:])):
            raise ValidationError(
                field,
                t("免打扰时段应写成 22:00-08:00：“{}”", 'do-not-disturb hours look like 22:00-08:00: "{}"').format(
                    item
                ),
            )
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        ranges.append(f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}")
    return ",".join(ranges) or None


def parse_important_dates(raw: Any, field: str) -> list[ImportantDateValue]:
    """From the GUI a list of ImportantDateValue/dicts; from the CLI ``label:date[:lunar]``
    items separated by ';' (e.g. ``结婚纪念日:2010-10-01;生日:1980-08-15:农历``)."""
    if is_empty(raw):
        return []
    items = raw if isinstance(raw, (list, tuple)) else [p for p in re.split(r"[;；\n]+", str(raw)) if p.strip()]
    found = []
    for item in items:
        if isinstance(item, ImportantDateValue):
            found.append(item)
            continue
        if isinstance(item, dict):
            label, day, lunar = item.get("label"), item.get("date"), item.get("lunar", False)
        else:
            parts = [p.strip() for p in fold_text(str(item)).split(":")]
            if len(parts) not in (2, 3):
                raise ValidationError(
                    field,
                    t(
                        "重要日期应写成 名称:日期[:农历]：“{}”", 'an important date looks like label:date[:lunar]: "{}"'
                    ).format(item),
                )
            label, day, lunar = parts[0], parts[1], parts[2] if len(parts) == 3 else False
        label = text(60, required=True)(label, field)
        when = parse_date(day, field)
        if when is None:
            raise ValidationError(field, t("“{}”缺少日期", '"{}" has no date').format(label))
        found.append(ImportantDateValue(label, when, parse_bool(lunar, field)))
    return found


@dataclass(frozen=True)
class FieldSpec:
    label_zh: str
    label_en: str
    parse: Parser

    def label(self) -> str:
        return t(self.label_zh, self.label_en)


CLIENT_FIELDS: dict[str, FieldSpec] = {
    "customer_no": FieldSpec("客户号", "Customer no.", parse_customer_no),
    "name": FieldSpec("姓名", "Name", parse_name),
    "gender": FieldSpec("性别", "Gender", optional(normalize_gender)),
    "birth_date": FieldSpec("出生日期", "Birth date", parse_birth_date),
    "lunar_birthday": FieldSpec("过农历生日", "Lunar birthday", parse_bool),
    "id_type": FieldSpec("证件类型", "ID type", choice(ID_TYPES)),
    "id_number": FieldSpec("证件号码", "ID number", parse_id_number),
    "phone": FieldSpec("电话", "Phone", parse_phones),
    "address": FieldSpec("地址", "Address", text(200)),
    "occupation": FieldSpec("职业", "Occupation", text(100)),
    "employer": FieldSpec("工作单位", "Employer", text(200)),
    "income_band": FieldSpec("收入水平", "Income band", text(40)),
    "life_stage": FieldSpec("生命周期阶段", "Life stage", text(40)),
    "family": FieldSpec("家庭情况", "Family", text(1000)),
    "interests": FieldSpec("兴趣爱好", "Interests", text(1000)),
    "preferred_channel": FieldSpec("偏好联系方式", "Preferred channel", choice(CHANNELS)),
    "dnd_hours": FieldSpec("免打扰时段", "Do-not-disturb hours", parse_dnd_hours),
    "risk_grade": FieldSpec("风险等级", "Risk grade", optional(normalize_risk_grade)),
    "risk_assessed_on": FieldSpec("风险测评日期", "Risk assessed on", parse_date),
    "risk_expires_on": FieldSpec("风险测评到期日", "Risk assessment expires", parse_date),
    "aum": FieldSpec("金融资产（元）", "AUM (CNY)", optional(lambda raw, field: parse_amount(raw, YUAN, field))),
    "responsible_role": FieldSpec("维护人", "Responsible", text(40)),
    "tags": FieldSpec("标签", "Tags", parse_tags),
    "referrer_client_id": FieldSpec("推荐客户编号", "Referred by client id", integer(1, 2**62)),
    "referrer_staff": FieldSpec("推荐员工", "Referred by staff", text(100)),
    "salutation": FieldSpec("称呼", "Salutation", text(40)),
    "cadence_days": FieldSpec("联系周期（天）", "Contact cadence (days)", integer(1, 3650)),
    "notes": FieldSpec("备注", "Notes", text(5000)),
    "important_dates": FieldSpec("重要日期", "Important dates", parse_important_dates),
}
PARSERS: dict[str, Parser] = {key: spec.parse for key, spec in CLIENT_FIELDS.items()}


def field_label(key: str) -> str:
    spec = CLIENT_FIELDS.get(key)
    return spec.label() if spec else key


def check_identity(values: dict[str, Any], given: set[str], errors: dict[str, str]) -> None:
    """Check the ID number for its type and, for a resident ID, fill an empty birth date and
    gender from it; a typed value that disagrees is an error naming both. ``values`` is the
    profile after the save (stored values merged with the given ones) and is updated in place;
    a mismatch is reported on the typed field, or on id_number when only the ID was given."""
    number = values.get("id_number")
    if number is None:
        return
    if values.get("id_type") is None:
        values["id_type"] = RESIDENT_ID  # the ID of nearly every client
    if values["id_type"] != RESIDENT_ID:
        if not re.fullmatch(r"[0-9A-Z()\-]{4,40}", number):
            errors["id_number"] = t("证件号码应为4–40位字母或数字", "an ID number has 4–40 letters or digits")
        return
    try:
        info = parse_resident_id(number, "id_number")
    except ValidationError as exc:
        errors["id_number"] = exc.message
        return
    values["id_number"] = info.number
    for key, fact, typed in (
        ("birth_date", info.birth_date, values.get("birth_date")),
        ("gender", info.gender, values.get("gender")),
    ):
        if key in errors:
            continue
        if typed is None:
            values[key] = fact
            continue
        problems = check_id_matches(info, typed if key == "birth_date" else None, typed if key == "gender" else None)
        if problems:
            errors[key if key in given else "id_number"] = problems[0]


def check_dates(values: dict[str, Any], errors: dict[str, str]) -> None:
    if "risk_expires_on" not in errors and is_before(values.get("risk_expires_on"), values.get("risk_assessed_on")):
        errors["risk_expires_on"] = t("测评到期日早于测评日期", "the expiry date is before the assessment date")
