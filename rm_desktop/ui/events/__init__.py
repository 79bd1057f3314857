"""The 活动 area: salons and events (invitees, statuses, invitations) and the playbooks tab.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["events_page"]
