"""The insights page (经营洞察): the book's figures as charts, each bar one click from its clients.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["campaign_dialog", "insights_page"]
