"""The plans page: editor sections, charts, comparison, print preview.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["plans_page"]
