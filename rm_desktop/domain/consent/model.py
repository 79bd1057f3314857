"""A client's consent record and one parser per field: the consent editor, the CLI
(``consent set``) and any later import go through :data:`CONSENT_FIELDS`, so a value is stored
the same way, or refused with the same message, wherever it was entered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rm_desktop.domain.choices import CHANNELS, Choice, ChoiceSet
from rm_desktop.domain.client_fields import choice
from rm_desktop.domain.field_values import Parser, is_empty, parse_bool, parse_date, split_list
from rm_desktop.i18n import t

# How the consent was given: a closed list, stored as codes (never rename one, only add).
METHODS = ChoiceSet(
    "同意方式",
    "how consent was given",
    (
        Choice("written", "书面", "In writing", ("书面签字", "纸质", "paper")),
        Choice("e_signature", "电子签名", "E-signature", ("电子签", "esign", "e-sign")),
        Choice("recording", "录音", "Recorded call", ("电话录音", "录音录像", "recorded")),
        Choice("verbal", "口头", "Verbal", ("口头同意", "oral")),
        Choice("online", "网银/手机银行", "Online / mobile banking", ("网银", "手机银行", "app")),
    ),
)


@dataclass(frozen=True)
class Consent:
    """One client's record. ``marketing`` False with a date is a refusal or a withdrawal on
    that date; ``channels`` are domain/choices.CHANNELS codes the client allows."""

    marketing: bool
    given_on: dt.date | None = None
    given_by: str | None = None
    channels: tuple[str, ...] = ()
    sensitive: bool = False
    sensitive_on: dt.date | None = None


def parse_channels(raw: Any, field: str) -> tuple[str, ...]:
    """Channel codes or labels separated by commas (短信,电话 or sms,phone), each once, in the
    order of domain/choices.CHANNELS."""
    codes = {CHANNELS.parse(item, field) for item in split_list(raw)}
    return tuple(code for code in CHANNELS.codes if code in codes)


CONSENT_FIELDS: dict[str, Parser] = {
    "marketing": parse_bool,
    "given_on": parse_date,
    "given_by": choice(METHODS),
    "channels": parse_channels,
    "sensitive": parse_bool,
    "sensitive_on": parse_date,
}


def parse_consent_values(raw: Mapping[str, Any], current: Consent | None = None) -> Consent:
    """The record after the given fields (the rest kept from ``current``, or empty). A field
    left out or None keeps its value; ValidationError names the first bad field."""
    values: dict[str, Any] = {
        "marketing": False,
        "given_on": None,
        "given_by": None,
        "channels": (),
        "sensitive": False,
        "sensitive_on": None,
    }
    if current is not None:
        values.update(current.__dict__)
    for field, parser in CONSENT_FIELDS.items():
        if (
            field in raw
            and raw[field] is not None
            and not (field in ("marketing", "sensitive") and is_empty(raw[field]))
        ):
            values[field] = parser(raw[field], field)
    return Consent(**values)


def describe(consent: Consent | None) -> list[str]:
    """The record in lines of the UI language (CLI text output); not recorded said as such."""
    if consent is None:
        return [t("未记录同意（群发营销会跳过该客户）", "Consent not recorded (bulk marketing sends skip this client)")]
    yes_no = {True: t("同意", "yes"), False: t("不同意", "no")}
    on = consent.given_on.isoformat() if consent.given_on else "—"
    channels = "、".join(CHANNELS.label(code) for code in consent.channels) or "—"
    lines = [
        t("营销同意：{}（{}，{}）", "Marketing consent: {} ({}, {})").format(
            yes_no[consent.marketing], on, METHODS.label(consent.given_by) or "—"
        ),
        t("允许渠道：{}", "Allowed channels: {}").format(channels),
        t("敏感信息同意：{}（{}）", "Sensitive-data consent: {} ({})").format(
            yes_no[consent.sensitive], consent.sensitive_on.isoformat() if consent.sensitive_on else "—"
        ),
    ]
    return lines


def as_dict(consent: Consent | None) -> dict[str, Any] | None:
    if consent is None:
        return None
    return {
        "marketing": consent.marketing,
        "given_on": consent.given_on.isoformat() if consent.given_on else None,
        "given_by": consent.given_by,
        "channels": list(consent.channels),
        "sensitive": consent.sensitive,
        "sensitive_on": consent.sensitive_on.isoformat() if consent.sensitive_on else None,
    }
