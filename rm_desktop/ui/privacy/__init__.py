"""A person's data (issue 18.5, 18.6): the export of one client's own data and the 到期保留 list.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["export_dialog", "retention_dialog"]
