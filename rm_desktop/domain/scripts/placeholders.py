"""The placeholder catalogue and the context that fills it from a client file.

A placeholder is written ``{姓名}`` in a script body (see ``template.py``). The catalogue lists
every name the app fills in, with an English label, a description and an example value (the UI
shows these in its "insert placeholder" menu and preview). :func:`build_context` turns a client,
the RM and optionally a product / festival / event into the ``{name: text}`` dict that
``template.render`` consumes; values that are unknown are left out, so the template's
fallback (``{称谓|客户}``) or the missing marker shows instead. Each entry names its
:data:`SOURCES` entry (the client file, the RM's own profile, the product, the occasion), so
a missing value can say where it is filled in (:func:`missing_by_source`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from rm_desktop.domain.pinyin import surname_of
from rm_desktop.domain.scripts.formatting import (
    UNIT_WAN,
    age_on,
    format_amount,
    format_date_zh,
    format_datetime_zh,
    format_month_day_zh,
)
from rm_desktop.i18n import t

# Where a placeholder's value comes from, hence where a missing one is filled in.
CLIENT, PRODUCT, OCCASION, RM, AUTO = "client", "product", "occasion", "rm", "auto"
SOURCES = (CLIENT, PRODUCT, OCCASION, RM, AUTO)


@dataclass(frozen=True)
class PlaceholderSpec:
    """One catalogue entry: the Chinese name written in templates, plus texts for the UI."""

    name: str
    label_en: str
    description_zh: str
    description_en: str
    example: str
    source: str = CLIENT

    @property
    def label(self) -> str:
        return t(self.name, self.label_en)

    @property
    def description(self) -> str:
        return t(self.description_zh, self.description_en)


def _p(name: str, label_en: str, zh: str, en: str, example: str, source: str = CLIENT) -> PlaceholderSpec:
    return PlaceholderSpec(name, label_en, zh, en, example, source)


# Display order: the client, the product, the occasion, the RM, the date.
CATALOGUE: tuple[PlaceholderSpec, ...] = (
    _p("姓名", "Full name", "客户全名", "The client's full name", "欧阳明"),
    _p(
        "姓",
        "Surname",
        "客户的姓（复姓如“欧阳”完整保留）",
        "The client's surname (compound surnames kept whole)",
        "欧阳",
    ),
    _p(
        "称谓",
        "Salutation",
        "客户档案中的自定义称呼；未设置时按姓和性别生成，如“王先生”“李女士”",
        "The client's custom salutation, else surname + Mr./Ms. (in Chinese) by gender",
        "欧阳先生",
    ),
    _p(
        "年龄",
        "Age",
        "按生日计算的周岁（只有数字，如“45”）",
        "Age in full years from the birth date (digits only)",
        "45",
    ),
    _p(
        "生日",
        "Birthday",
        "生日的月和日，如“11月22日”",
        "Birthday as month and day, e.g. 22 November (written in Chinese)",
        "11月22日",
    ),
    _p("风险等级", "Risk grade", "客户风险承受能力等级，如“C3”", "The client's risk tolerance grade, e.g. C3", "C3"),
    _p("客户等级", "Client tier", "客户分层等级名称", "The client's tier name", "财富客户"),
    _p(
        "金融资产",
        "Financial assets",
        "客户金融资产（AUM）；涉及隐私，不建议写入短信、微信",
        "The client's financial assets (AUM); private, avoid in SMS/WeChat",
        "320万元",
    ),
    _p("产品名称", "Product name", "产品全称", "The product's name", "稳享90天理财", PRODUCT),
    _p("产品代码", "Product code", "产品代码", "The product's code", "WX090", PRODUCT),
    _p(
        "到期日",
        "Maturity date",
        "产品到期日，如“2026年11月22日”",
        "The product's maturity date",
        "2026年11月22日",
        PRODUCT,
    ),
    _p(
        "金额",
        "Amount",
        "产品金额，按设置以万元或元显示",
        "The product amount, in 10k CNY or CNY as chosen",
        "50万元",
        PRODUCT,
    ),
    _p("节日", "Festival", "节日名称，如“中秋节”", "The festival's name, e.g. Mid-Autumn Festival", "中秋节", OCCASION),
    _p("活动名称", "Event name", "活动名称，如“理财沙龙”", "The event's name", "季度投资策略沙龙", OCCASION),
    _p(
        "活动时间",
        "Event time",
        "活动时间，如“2026年6月13日（星期六）14:30”",
        "The event's date and time",
        "2026年6月13日（星期六）14:30",
        OCCASION,
    ),
    _p("活动地点", "Event place", "活动地点", "Where the event takes place", "本行三楼贵宾厅", OCCASION),
    _p("客户经理", "RM name", "客户经理（您本人）的姓名", "Your own name (the RM)", "张敏", RM),
    _p("客户经理电话", "RM phone", "客户经理的联系电话", "Your phone number", "138 0013 8000", RM),
    _p("网点", "Branch", "所在网点（支行）名称", "Your branch's name", "城西支行", RM),
    _p(
        "客户经理职务",
        "RM title",
        "客户经理（您本人）的职务，如“理财经理”",
        "Your title, e.g. Wealth manager",
        "理财经理",
        RM,
    ),
    _p("今天", "Today", "今天的日期，如“2026年5月20日”", "Today's date", "2026年5月20日", AUTO),
)

PLACEHOLDERS: dict[str, PlaceholderSpec] = {spec.name: spec for spec in CATALOGUE}
KNOWN_NAMES: frozenset[str] = frozenset(PLACEHOLDERS)

# Gender spellings seen in client files and imports, folded to "M" / "F".
_GENDERS = {"男": "M", "m": "M", "male": "M", "先生": "M", "女": "F", "f": "F", "female": "F", "女士": "F"}
_TITLES = {"M": "先生", "F": "女士"}


@dataclass(frozen=True)
class ClientInfo:
    """What the scripts need from a client file. ``gender`` is 男/女 (or M/F, male/female);
    ``salutation`` is a custom form of address (王总, 李老师) that overrides the generated one;
    ``aum`` is in 元."""

    name: str
    gender: str | None = None
    birth_date: date | None = None
    salutation: str | None = None
    risk_grade: str | None = None
    tier_name: str | None = None
    aum: Decimal | None = None


@dataclass(frozen=True)
class RmInfo:
    """The RM sending the script (their profile: 设置 › 个人信息)."""

    name: str
    phone: str | None = None
    branch: str | None = None
    title: str | None = None


def rm_values(rm: RmInfo) -> dict[str, str]:
    """The RM's placeholders that have a value: for a client's script and for the example preview
    alike, so a profile left empty is marked missing in both."""
    values = {"客户经理": rm.name, "客户经理电话": rm.phone, "网点": rm.branch, "客户经理职务": rm.title}
    return {key: value.strip() for key, value in values.items() if value and value.strip()}


def missing_by_source(names: list[str]) -> dict[str, list[str]]:
    """Missing placeholder names grouped by where they are filled in (:data:`SOURCES` order);
    unknown names are left out (they are the editor's problems, not gaps in a file)."""
    grouped: dict[str, list[str]] = {}
    for source in SOURCES:
        found = [name for name in names if name in PLACEHOLDERS and PLACEHOLDERS[name].source == source]
        if found:
            grouped[source] = found
    return grouped


@dataclass(frozen=True)
class ProductInfo:
    """The product a script talks about; ``amount`` is in 元."""

    name: str
    code: str | None = None
    amount: Decimal | None = None
    maturity_date: date | None = None


@dataclass(frozen=True)
class EventInfo:
    """An event the client is invited to (salon, report meeting, appreciation event)."""

    name: str
    when: datetime | None = None
    place: str | None = None


def normalise_gender(gender: str | None) -> str | None:
    """ "M", "F" or None for a gender as written in client files (男/女, M/F, male/female)."""
    if gender is None:
        return None
    return _GENDERS.get(gender.strip().casefold())


def salutation_for(name: str, gender: str | None, custom: str | None = None) -> str | None:
    """The form of address: the custom one if set, else surname + 先生/女士 (欧阳先生), else
    None when the gender or the name is unknown (a guess would offend more than a fallback)."""
    if custom and custom.strip():
        return custom.strip()
    title = _TITLES.get(normalise_gender(gender) or "")
    surname = surname_of(name) if name else ""
    return f"{surname}{title}" if title and surname else None


def build_context(
    client: ClientInfo,
    rm: RmInfo,
    *,
    product: ProductInfo | None = None,
    festival: str | None = None,
    event: EventInfo | None = None,
    today: date,
    amount_unit: str = UNIT_WAN,
) -> dict[str, str]:
    """The placeholder values for one client. Unknown values are omitted (not set to "").

    Raises ValidationError("amount_unit") for a unit other than 万元/元.
    """
    format_amount(0, amount_unit)  # refuse a bad unit setting even when no amount is shown
    name = client.name.strip() if client.name else ""
    values: dict[str, str | None] = {
        "姓名": name,
        "姓": surname_of(name) if name else None,
        "称谓": salutation_for(name, client.gender, client.salutation),
        "年龄": str(age_on(client.birth_date, today)) if client.birth_date else None,
        "生日": format_month_day_zh(client.birth_date) if client.birth_date else None,
        "风险等级": client.risk_grade,
        "客户等级": client.tier_name,
        "金融资产": format_amount(client.aum, amount_unit) if client.aum is not None else None,
        "节日": festival,
        **rm_values(rm),
        "今天": format_date_zh(today),
    }
    if product is not None:
        values["产品名称"] = product.name
        values["产品代码"] = product.code
        values["金额"] = format_amount(product.amount, amount_unit) if product.amount is not None else None
        values["到期日"] = format_date_zh(product.maturity_date) if product.maturity_date else None
    if event is not None:
        values["活动名称"] = event.name
        values["活动时间"] = format_datetime_zh(event.when) if event.when else None
        values["活动地点"] = event.place
    return {key: value.strip() for key, value in values.items() if value and value.strip()}
