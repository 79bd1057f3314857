"""Financial plans: stored versions, content, checks and figures, comparison, sources from the
client file, the plan document and its PDF.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["checks", "compare", "content", "document", "pdf_export", "sources", "store"]
