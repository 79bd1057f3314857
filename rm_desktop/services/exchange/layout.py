"""The archive workbook's layout, shared by the exporter (writes it) and the importer (reads it).

The client sheet's first columns carry headers the importer's alias table knows (客户编号,
姓名, 证件号码 …), so an archive imports like any branch list; the remaining client columns
are archive-only and read by exact header. Child sheets (holdings, contacts …) point at their
client by 档案号 (the client's id in the exporting vault, unique inside one file) and also
carry the customer number so a person reading the file can follow it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CLIENTS_SHEET = "客户"
HOLDINGS_SHEET = "持仓"
CONTACTS_SHEET = "往来记录"
RELATIONS_SHEET = "客户关系"
PLANS_SHEET = "理财规划"
APPOINTMENTS_SHEET = "提醒约见"
TEMPLATES_SHEET = "话术"
SUMMARY_SHEET = "汇总"

ARCHIVE_KEY = "档案号"
CUSTOMER_NO = "客户编号"


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    text: bool = False  # IDs, phones, numbers-as-text: always written as text cells
    money: bool = False  # amounts in yuan: written with a #,##0.00 number format


# Columns the io layer maps by alias (header text must stay an alias of its field).
ALIASED_CLIENT_COLUMNS = (
    Column(CUSTOMER_NO, "customer_no", True),
    Column("姓名", "name"),
    Column("性别", "gender"),
    Column("出生日期", "birth_date"),
    Column("证件类型", "id_type"),
    Column("证件号码", "id_number", True),
    Column("手机号码", "phone", True),
    Column("地址", "address"),
    Column("职业", "occupation"),
    Column("工作单位", "employer"),
    Column("风险等级", "risk_grade"),
    Column("金融资产(元)", "aum", money=True),
    Column("标签", "tags"),
    Column("备注", "notes"),
)
# Archive-only client columns, parsed by the client services' own field parsers.
EXTRA_CLIENT_COLUMNS = (
    Column("其他电话", "other_phones", True),
    Column("过农历生日", "lunar_birthday"),
    Column("收入水平", "income_band"),
    Column("生命周期阶段", "life_stage"),
    Column("家庭情况", "family"),
    Column("兴趣爱好", "interests"),
    Column("偏好联系方式", "preferred_channel"),
    Column("免打扰时段", "dnd_hours"),
    Column("风险测评日期", "risk_assessed_on"),
    Column("风险测评到期日", "risk_expires_on"),
    Column("维护人", "responsible_role"),
    Column("推荐员工", "referrer_staff"),
    Column("称呼", "salutation"),
    Column("联系周期(天)", "cadence_days"),
)
CLIENT_COLUMNS = (Column(ARCHIVE_KEY, "archive_id"), *ALIASED_CLIENT_COLUMNS, *EXTRA_CLIENT_COLUMNS)

HOLDING_COLUMNS = (
    Column(ARCHIVE_KEY, "archive_id"),
    Column(CUSTOMER_NO, "customer_no", True),
    Column("产品类型", "product_type"),
    Column("产品名称", "name"),
    Column("产品代码", "code", True),
    Column("金额(元)", "amount", money=True),
    Column("产品风险", "risk"),
    Column("起始日", "start_date"),
    Column("到期日", "maturity_date"),
    Column("状态", "status"),
    Column("备注", "notes"),
)
CONTACT_COLUMNS = (
    Column(ARCHIVE_KEY, "archive_id"),
    Column(CUSTOMER_NO, "customer_no", True),
    Column("时间", "at"),
    Column("渠道", "channel"),
    Column("目的", "purpose"),
    Column("内容", "content"),
    Column("结果", "outcome"),
    Column("下一步", "next_step"),
    Column("跟进日期", "follow_up_date"),
    Column("已跟进", "follow_up_done"),
)
RELATION_COLUMNS = (
    Column(ARCHIVE_KEY, "archive_id"),
    Column("关联档案号", "other_archive_id"),
    Column("关系", "kind"),
)
PLAN_COLUMNS = (
    Column(ARCHIVE_KEY, "archive_id"),
    Column(CUSTOMER_NO, "customer_no", True),
    Column("标题", "title"),
    Column("状态", "status"),
    Column("版本", "version"),
    Column("下次检视", "next_review"),
    Column("内容(JSON)", "content"),
)
APPOINTMENT_COLUMNS = (
    Column(ARCHIVE_KEY, "archive_id"),
    Column("开始", "start"),
    Column("时长(分钟)", "duration_minutes"),
    Column("标题", "title"),
    Column("重复规则", "rrule"),
    Column("地点", "location"),
    Column("备注", "notes"),
)
TEMPLATE_COLUMNS = (
    Column("名称", "name"),
    Column("分类", "category"),
    Column("渠道", "channel"),
    Column("正文", "body"),
)


def headers(columns: Sequence[Column]) -> list[str]:
    return [column.header for column in columns]


def text_indexes(columns: Sequence[Column]) -> set[int]:
    return {index for index, column in enumerate(columns) if column.text}


def money_indexes(columns: Sequence[Column]) -> set[int]:
    return {index for index, column in enumerate(columns) if column.money}


def column_index(header_row: list[object], columns: tuple[Column, ...]) -> dict[str, int]:
    """key → column position for the archive headers present in ``header_row`` (exact text)."""
    position = {str(cell).strip(): i for i, cell in enumerate(header_row) if cell is not None}
    return {column.key: position[column.header] for column in columns if column.header in position}


def normalize_mappings(value: object) -> dict[str, str]:
    """The stored form of the ``import_mappings`` setting: header signature → mapping JSON."""
    from rm_desktop.domain.errors import ValidationError  # local: this module stays import-light
    from rm_desktop.i18n import t

    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValidationError("import_mappings", t("列映射设置的格式无效", "invalid saved column mappings"))
    return dict(value)
