"""Consent and purpose per client (同意, PIPL Art. 13–14, 28–29; issue 18.4): the fields of a
client's consent record with one parser each, and the one rule of whether a client may be
reached on a channel for a marketing send. Pure: services/consent loads the records and passes
``now`` in."""

from .model import CONSENT_FIELDS, METHODS, Consent, as_dict, describe, parse_channels, parse_consent_values
from .rules import (
    DND,
    NO_CHANNEL,
    NO_MARKETING,
    NOT_RECORDED,
    REASONS,
    SkipCounts,
    in_dnd_hours,
    skip_reason,
)

__all__ = [
    "CONSENT_FIELDS",
    "DND",
    "METHODS",
    "NOT_RECORDED",
    "NO_CHANNEL",
    "NO_MARKETING",
    "REASONS",
    "Consent",
    "SkipCounts",
    "as_dict",
    "describe",
    "in_dnd_hours",
    "parse_channels",
    "parse_consent_values",
    "skip_reason",
]
