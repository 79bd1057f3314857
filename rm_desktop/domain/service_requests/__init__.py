"""Complaints and service requests (投诉/服务请求): the closed lists, the fixed handling steps
and the rules of a complaint's life (receive → the steps → close with outcome and
satisfaction). Pure: the services pass ``now`` in."""

from .model import (
    CATEGORIES,
    CHANNELS,
    DEFAULT_DEADLINE_HOURS,
    KIND_COMPLAINT,
    SEVERITIES,
    STEP_FOLLOW_UP,
    STEPS,
    TYPES,
    step_label,
)
from .validate import deadline_of, parse_close, parse_new, parse_step

__all__ = [
    "CATEGORIES",
    "CHANNELS",
    "DEFAULT_DEADLINE_HOURS",
    "KIND_COMPLAINT",
    "SEVERITIES",
    "STEPS",
    "STEP_FOLLOW_UP",
    "TYPES",
    "deadline_of",
    "parse_close",
    "parse_new",
    "parse_step",
    "step_label",
]
