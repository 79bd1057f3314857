"""The scripts page: library, editor, preview and bulk rendering.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["script_bulk_dialog", "scripts_page"]
