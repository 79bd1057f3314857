"""Consent per client (同意, issue 18.4): read and set a client's record in one transaction,
and the one rule of who a marketing send may reach (bulk SMS / WeChat renders, event
invitations). A client without a record is "not recorded": skipped by bulk marketing sends,
never blocked for one-to-one service contacts or the worklist.

``__all__`` names the modules other packages may import (tests/architecture/test_layers.py)."""

__all__ = ["reach", "store"]
