"""Reveal with a reason in the GUI (issue 18.2): the 显示 button that asks before it shows, the
reason dialog, and the session's memory of clients already explained (cleared at the lock).

``__all__`` names the modules other packages may import (tests/architecture/test_layers.py)."""

__all__ = ["reveal_button", "reveal_gate"]
