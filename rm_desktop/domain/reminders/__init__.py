"""Reminder engine: what the RM must do today and in the coming days.

Pure functions over plain facts with an injected ``today``; see :mod:`.engine` for the window
rules and :mod:`.model` for the types. ``rm_desktop.io.ics`` exports the result to a calendar.
"""

from .engine import DEFAULT_LOOKBACK_DAYS, apply_snoozes, compute_reminders
from .festivals import festival_dates, greeting_list
from .followups import default_follow_up
from .model import (
    KIND_APPOINTMENT,
    KIND_BIRTHDAY,
    KIND_CADENCE,
    KIND_CUSTOM,
    KIND_FESTIVAL,
    KIND_FOLLOW_UP,
    KIND_MATURITY,
    KIND_PLAN_REVIEW,
    KIND_RISK_EXPIRY,
    KINDS,
    SEVERITY_NORMAL,
    SEVERITY_OVERDUE,
    SEVERITY_WARNING,
    AppointmentFacts,
    ClientFacts,
    CustomReminderFacts,
    FollowUpFacts,
    HoldingFacts,
    Reminder,
    ReminderSettings,
)
from .recurrence import PRESETS, normalize_rrule, occurrences, parse_rrule

__all__ = [
    "DEFAULT_LOOKBACK_DAYS",
    "KINDS",
    "KIND_APPOINTMENT",
    "KIND_BIRTHDAY",
    "KIND_CADENCE",
    "KIND_CUSTOM",
    "KIND_FESTIVAL",
    "KIND_FOLLOW_UP",
    "KIND_MATURITY",
    "KIND_PLAN_REVIEW",
    "KIND_RISK_EXPIRY",
    "PRESETS",
    "SEVERITY_NORMAL",
    "SEVERITY_OVERDUE",
    "SEVERITY_WARNING",
    "AppointmentFacts",
    "ClientFacts",
    "CustomReminderFacts",
    "FollowUpFacts",
    "HoldingFacts",
    "Reminder",
    "ReminderSettings",
    "apply_snoozes",
    "compute_reminders",
    "default_follow_up",
    "festival_dates",
    "greeting_list",
    "normalize_rrule",
    "occurrences",
    "parse_rrule",
]
