"""Script (话术) categories, channels and the template value type.

Categories and channels are stored as short English codes (stable across languages and
versions); the UI shows their labels through :func:`category_label` / :func:`channel_label`.
Import from files written by people (JSON, later xlsx) also accepts the Chinese or English
label in place of the code: see :func:`category_code` / :func:`channel_code`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rm_desktop.i18n import t

# Category codes (话术分类).
BIRTHDAY = "birthday"
FESTIVAL = "festival"
MATURITY = "maturity"
NEW_PRODUCT = "new_product"
OBJECTION = "objection"
COMPLAINT = "complaint"
EVENT_INVITE = "event_invite"
FOLLOW_UP = "follow_up"

# Channel codes (渠道).
SMS = "sms"
WECHAT = "wechat"
PHONE = "phone"
EMAIL = "email"

# code -> (Chinese label, English label); dict order is the display order.
_CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    BIRTHDAY: ("生日祝福", "Birthday greeting"),
    FESTIVAL: ("节日问候", "Festival greeting"),
    MATURITY: ("产品到期", "Product maturity"),
    NEW_PRODUCT: ("新品推介", "New product"),
    OBJECTION: ("异议处理", "Objection handling"),
    COMPLAINT: ("投诉安抚", "Complaint handling"),
    EVENT_INVITE: ("活动邀请", "Event invitation"),
    FOLLOW_UP: ("回访", "Follow-up"),
}
_CHANNEL_LABELS: dict[str, tuple[str, str]] = {
    SMS: ("短信", "SMS"),
    WECHAT: ("微信", "WeChat"),
    PHONE: ("电话话术", "Phone script"),
    EMAIL: ("邮件", "Email"),
}

CATEGORIES: tuple[str, ...] = tuple(_CATEGORY_LABELS)
CHANNELS: tuple[str, ...] = tuple(_CHANNEL_LABELS)


def category_label(code: str) -> str:
    """The label of a category code in the current language (the code itself if unknown)."""
    zh_en = _CATEGORY_LABELS.get(code)
    return t(*zh_en) if zh_en else code


def channel_label(code: str) -> str:
    """The label of a channel code in the current language (the code itself if unknown)."""
    zh_en = _CHANNEL_LABELS.get(code)
    return t(*zh_en) if zh_en else code


def _lookup(value: str, labels: dict[str, tuple[str, str]]) -> str | None:
    text = value.strip()
    if text in labels:
        return text
    folded = text.casefold()
    for code, (zh, en) in labels.items():
        if text == zh or folded == en.casefold() or folded == code:
            return code
    # "电话" is what people write for the phone channel; accept it beside the full label.
    if labels is _CHANNEL_LABELS and text == "电话":
        return PHONE
    return None


def category_code(value: str) -> str | None:
    """The category code for a code or a Chinese/English label, or None when unknown."""
    return _lookup(value, _CATEGORY_LABELS)


def channel_code(value: str) -> str | None:
    """The channel code for a code or a Chinese/English label, or None when unknown."""
    return _lookup(value, _CHANNEL_LABELS)


@dataclass(frozen=True)
class ScriptTemplate:
    """One script: a name, a category code, a channel code and a body with ``{placeholders}``.

    ``builtin_id`` is set only on the scripts shipped with the app (stable across versions, so
    an RM's edited copy or usage statistics can refer to the original); user scripts have None.
    Email bodies carry the subject as their first line, written ``主题：…``.
    """

    name: str
    category: str
    channel: str
    body: str
    builtin_id: str | None = None
