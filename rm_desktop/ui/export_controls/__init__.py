"""The export purpose dialog (issue 18.3): why a file leaves the vault and which fields it carries.

``__all__`` names the modules other packages may import (tests/architecture/test_layers.py)."""

__all__ = ["purpose_dialog"]
