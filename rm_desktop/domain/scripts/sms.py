"""SMS length and segment (条) counting, so the RM sees what a message will cost.

The rule, from 3GPP TS 23.040 (SMS point-to-point), §9.2.3.24.1 "Concatenated short messages":
one SMS carries 140 octets of user data, i.e. 160 GSM-7 characters or 70 UCS-2 units. A longer
message is sent as several SMS, each starting with a 6-octet user data header that says "part k
of n", which leaves 134 octets: 153 GSM-7 characters or 67 UCS-2 units per segment. Chinese
operators and SMS platforms bill long Chinese messages exactly this way ("70字以内计1条，超过70字
按每67字1条计费"): the feature request's "70 characters per segment" holds for one-segment
messages only.

Any character outside the GSM 03.38 alphabet (every Chinese character, full-width punctuation,
emoji) makes the whole message UCS-2. UCS-2 counts UTF-16 units, so an emoji or other character
outside the Basic Multilingual Plane counts 2; GSM-7 extension characters (``{ } [ ] ~ \\ | ^ €``
and form feed) take an escape plus the character, so they count 2. A two-unit character is never
split between segments (handsets reassemble whole characters), so a segment may hold one unit
less than its limit.
"""

from __future__ import annotations

from dataclasses import dataclass

GSM7 = "gsm7"
UCS2 = "ucs2"

# GSM 03.38 default alphabet (without the escape code 0x1B, which users cannot type).
_GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

# encoding -> (units in a single SMS, units per segment of a concatenated SMS)
_LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}


@dataclass(frozen=True)
class SmsInfo:
    encoding: str  # GSM7 or UCS2
    length: int  # units as billed: septets for GSM-7, UTF-16 units for UCS-2
    segments: int  # number of SMS billed; 0 for an empty text
    remaining: int  # units left before the next segment starts


def sms_encoding(text: str) -> str:
    """GSM7 when every character is in the GSM 03.38 alphabet (with extension), else UCS2."""
    if all(c in _GSM7_BASIC or c in _GSM7_EXTENSION for c in text):
        return GSM7
    return UCS2


def _unit_sizes(text: str, encoding: str) -> list[int]:
    if encoding == GSM7:
        return [2 if c in _GSM7_EXTENSION else 1 for c in text]
    return [2 if ord(c) > 0xFFFF else 1 for c in text]


def sms_length(text: str) -> int:
    """The message length in billing units (see the module docstring)."""
    return sum(_unit_sizes(text, sms_encoding(text)))


def sms_info(text: str) -> SmsInfo:
    """Encoding, length, segment count and units left in the last segment."""
    encoding = sms_encoding(text)
    sizes = _unit_sizes(text, encoding)
    single, per_segment = _LIMITS[encoding]
    length = sum(sizes)
    if length == 0:
        return SmsInfo(encoding, 0, 0, single)
    if length <= single:
        return SmsInfo(encoding, length, 1, single - length)
    # Fill segments greedily; a two-unit character that does not fit starts the next segment.
    segments, used = 1, 0
    for size in sizes:
        if used + size > per_segment:
            segments, used = segments + 1, 0
        used += size
    return SmsInfo(encoding, length, segments, per_segment - used)


def sms_segments(text: str) -> int:
    """How many SMS the text is billed as: UCS-2 70 / 67 per segment, GSM-7 160 / 153."""
    return sms_info(text).segments
