"""The worklist (今日工作清单), Today (今日), the calendar, reminder and appointment dialogs, tray notifications.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["appointment_dialog", "calendar_page", "notifier", "today_page", "worklist_page"]
