"""Standard scripts (话术): the template library, rendering for clients, sharing files.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["library", "render", "share"]
