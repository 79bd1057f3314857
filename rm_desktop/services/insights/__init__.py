"""Book insights (经营洞察): the figures of the insights page and the ``insights`` CLI, each bar
with the clients behind it.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["figures", "segments", "signals"]
