"""The main window, the vault session (unlock/lock), idle lock, about box and the GUI self-test.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["main_window", "selftest", "session"]
