"""Salons and events (活动): events, invitations (from a list, a client-list filter or an
insights segment), statuses and attendance, the invitation 话术, the event's result.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["attendance", "invites", "results", "store", "timeline_entries", "undo"]
