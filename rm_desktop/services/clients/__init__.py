"""The client file: fields and their rules, records, holdings, contacts, relationships, tags,
drafts, tier settings, the derived search columns and the demo book.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = [
    "choices",
    "contacts",
    "demo",
    "drafts",
    "fields",
    "files",
    "holdings",
    "records",
    "relationships",
    "search_columns",
    "tags",
    "tiers",
    "values",
]
