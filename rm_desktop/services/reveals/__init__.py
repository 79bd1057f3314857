"""Reveal with a reason (issue 18.2): a full ID number, phone or balance shown outside 客户在场
asks the RM why (every time, once per client and session, or never: the ``reveal_reason_mode``
setting, which the IT policy may fix) and leaves an audit entry with the reason, never the value.
Which balances are masked, and how they read, is decided in ``balances``.

``__all__`` names the modules other packages may import (tests/architecture/test_layers.py)."""

__all__ = ["balances", "reasons", "recording"]
