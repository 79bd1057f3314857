"""The client file's 同意 tab: a client's marketing and sensitive-data consent (issue 18.4).

``__all__`` names the modules other packages may import (tests/architecture/test_layers.py)."""

__all__ = ["consent_batch", "consent_editor"]
