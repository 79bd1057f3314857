"""Finding clients: the query (name, pinyin, initials, phone/ID fragments, filters, sorts) and its SQL.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["driver", "first_page", "query", "window"]
