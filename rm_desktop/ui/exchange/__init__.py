"""The import/export/handover page and the import dialog.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["exchange_page", "password_dialogs"]
