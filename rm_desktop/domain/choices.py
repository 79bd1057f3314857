"""The closed lists of the client file: ID types, contact channels, product types, holding
statuses and relationship kinds, each a stored code with Chinese and English labels.

Values are stored as codes so that the UI language can change; input accepts the code, either
label or a common alias (the CLI takes 电话 as well as ``phone``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.textnorm import fold_text, remove_spaces
from rm_desktop.i18n import t


@dataclass(frozen=True)
class Choice:
    code: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()

    def label(self) -> str:
        return t(self.zh, self.en)


class ChoiceSet:
    def __init__(self, what_zh: str, what_en: str, choices: tuple[Choice, ...]):
        self.what_zh, self.what_en = what_zh, what_en
        self.choices = choices
        self._by_code = {c.code: c for c in choices}
        self._lookup: dict[str, str] = {}
        for choice in choices:
            for word in (choice.code, choice.zh, choice.en, *choice.aliases):
                self._lookup[_key(word)] = choice.code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    def parse(self, raw: object, field: str) -> str:
        """The code for a code, label or alias; ValidationError listing the accepted values."""
        code = self._lookup.get(_key(str(raw)))
        if code is None:
            raise ValidationError(
                field,
                t("无法识别的{}“{}”，可选：{}", 'unknown {} "{}"; one of: {}').format(
                    t(self.what_zh, self.what_en), raw, " / ".join(f"{c.code}({c.label()})" for c in self.choices)
                ),
            )
        return code

    def label(self, code: str | None) -> str:
        """The label in the UI language; an unknown stored code is shown as it is."""
        if code is None:
            return ""
        choice = self._by_code.get(code)
        return choice.label() if choice else code

    def __contains__(self, code: object) -> bool:
        return code in self._by_code


def _key(word: str) -> str:
    return remove_spaces(fold_text(word)).lower()


ID_TYPES = ChoiceSet(
    "证件类型",
    "ID type",
    (
        Choice("resident_id", "居民身份证", "Resident ID card", ("身份证", "id", "ric")),
        Choice("passport", "护照", "Passport"),
        Choice("hk_macau_permit", "港澳居民来往内地通行证", "HK/Macau home-return permit", ("回乡证", "港澳通行证")),
        Choice("taiwan_permit", "台湾居民来往大陆通行证", "Taiwan compatriot permit", ("台胞证",)),
        Choice("foreign_permanent", "外国人永久居留身份证", "Foreigner permanent residence ID", ("永居证",)),
        Choice("other", "其他证件", "Other", ("其他",)),
    ),
)

CHANNELS = ChoiceSet(
    "联系方式",
    "channel",
    (
        Choice("phone", "电话", "Phone call", ("call", "打电话")),
        Choice("sms", "短信", "SMS", ("text",)),
        Choice("wechat", "微信", "WeChat", ("weixin",)),
        Choice("visit", "拜访", "Visit", ("面访", "上门", "上门拜访", "外拜")),
        Choice("meeting", "网点面谈", "Branch meeting", ("面谈", "网点", "branch")),
        Choice("event", "活动", "Event", ("沙龙", "客户活动", "salon")),
        Choice("email", "邮件", "Email", ("电子邮件", "e-mail", "mail")),
    ),
)

# Suggestions for the purpose box; the purpose itself is free text.
PURPOSE_SUGGESTIONS = (
    "日常维护",
    "产品到期",
    "生日问候",
    "节日问候",
    "产品推介",
    "理财规划回顾",
    "资金异动",
    "投诉处理",
    "活动邀请",
    "风险测评到期",
)

PRODUCT_TYPES = ChoiceSet(
    "产品类型",
    "product type",
    (
        Choice("deposit", "存款", "Deposit", ("定期", "定期存款", "大额存单", "储蓄")),
        Choice("wealth", "理财产品", "Wealth product", ("理财", "wealth product")),
        Choice("fund", "基金", "Fund", ("公募基金",)),
        Choice("insurance", "保险", "Insurance", ("保险产品",)),
        Choice("bond", "债券", "Bond", ("国债", "储蓄国债")),
        Choice("metal", "贵金属", "Precious metal", ("黄金", "积存金", "precious metal", "gold")),
        Choice("other", "其他", "Other"),
    ),
)

HOLDING_STATUSES = ChoiceSet(
    "持有状态",
    "holding status",
    (
        Choice("holding", "持有中", "Holding", ("持有",)),
        Choice("matured", "已到期", "Matured", ("到期",)),
        Choice("redeemed", "已赎回", "Redeemed", ("赎回",)),
    ),
)

# Stored once as (client, other, kind) = "other is the client's <kind>"; seen from the other
# client the inverse applies (my parent sees me as their child; my referrer "referred" me).
RELATION_KINDS = ChoiceSet(
    "关系",
    "relationship",
    (
        Choice("spouse", "配偶", "Spouse", ("夫妻", "丈夫", "妻子")),
        Choice("parent", "父母", "Parent", ("父亲", "母亲")),
        Choice("child", "子女", "Child", ("儿子", "女儿")),
        Choice("colleague", "同事", "Colleague"),
        Choice("referred_by", "推荐人", "Referred by", ("介绍人",)),
        Choice("referred", "推荐的客户", "Referred", ("被推荐人",)),
    ),
)
INVERSE_KIND = {
    "spouse": "spouse",
    "parent": "child",
    "child": "parent",
    "colleague": "colleague",
    "referred_by": "referred",
    "referred": "referred_by",
}
