"""Unlock screen, first-run (create a vault) and the vault maintenance page.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["first_run", "unlock_page", "vault_page"]
