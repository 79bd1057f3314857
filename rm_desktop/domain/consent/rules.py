"""The one rule of reaching a client for a marketing send (bulk SMS / WeChat, invitations):
a consent record that says yes, the channel among those allowed, and not inside the client's
do-not-disturb hours. A one-to-one service contact and the worklist are not gated by it
(services/consent says so where it is called)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rm_desktop.i18n import t

from .model import Consent

NOT_RECORDED, NO_MARKETING, NO_CHANNEL, DND = "not_recorded", "no_marketing", "channel", "dnd"
# reason → (zh, en), in the order the skip message lists them.
REASONS: dict[str, tuple[str, str]] = {
    NOT_RECORDED: ("未记录同意", "consent not recorded"),
    NO_MARKETING: ("未同意营销", "no marketing consent"),
    NO_CHANNEL: ("渠道不允许", "channel not allowed"),
    DND: ("免打扰时段", "do-not-disturb hours"),
}
# Channels that ring or buzz the client: the do-not-disturb hours apply to them only.
_INTRUSIVE = frozenset({"phone", "sms", "wechat"})


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def in_dnd_hours(dnd_hours: str | None, moment: dt.datetime) -> bool:
    """Whether ``moment`` (the client's local time) falls in one of the stored ranges
    (domain/client_fields.parse_dnd_hours form, ``22:00-08:00,12:00-13:30``); a range over
    midnight wraps, its end is not inside."""
    now = moment.hour * 60 + moment.minute
    for item in (dnd_hours or "").split(","):
        if "-" not in item:
            continue
        start, end = (_minutes(part) for part in item.split("-", 1))
        if start == end:
            continue
        if (start <= now < end) if start < end else (now >= start or now < end):
            return True
    return False


def skip_reason(consent: Consent | None, dnd_hours: str | None, channel: str, now: dt.datetime) -> str | None:
    """None when the client may be sent marketing on ``channel`` at ``now``, else the reason."""
    if consent is None:
        return NOT_RECORDED
    if not consent.marketing:
        return NO_MARKETING
    if channel not in consent.channels:
        return NO_CHANNEL
    if channel in _INTRUSIVE and in_dnd_hours(dnd_hours, now):
        return DND
    return None


@dataclass
class SkipCounts:
    """The clients a send left out, by reason; ``message()`` is the one line GUI and CLI show."""

    by_reason: dict[str, list[int]] = field(default_factory=dict)

    def add(self, reason: str, client_id: int) -> None:
        self.by_reason.setdefault(reason, []).append(client_id)

    @property
    def total(self) -> int:
        return sum(len(ids) for ids in self.by_reason.values())

    def counts(self) -> dict[str, int]:
        return {reason: len(self.by_reason.get(reason, ())) for reason in REASONS}

    def message(self) -> str:
        """已跳过 3 位：未记录同意 1，未同意营销 1，渠道不允许 1 (reasons with none left out);
        empty when nobody was skipped."""
        if not self.total:
            return ""
        parts = [f"{t(*REASONS[r])} {n}" for r, n in self.counts().items() if n]
        return t("已跳过 {} 位：{}", "Skipped {}: {}").format(self.total, t("，", ", ").join(parts))

    def as_dict(self) -> dict[str, object]:
        return {"skipped": self.total, "by_reason": self.counts()}
