"""Reminders (maturities, birthdays, festivals, cadence, follow-ups), appointments, snoozes and
calendar export, over the rules in domain/reminders.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["actions", "appointments", "compute", "facts", "settings", "today"]
