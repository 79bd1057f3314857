"""The client list and the client file (form, tabs, holdings, contacts, trash), with their models.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["clients_page", "contact_dialog"]
