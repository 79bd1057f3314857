"""The worklist (今日工作清单): the day's items ranked with their reasons, churn signals,
maturity outcomes and retention, over the rules in domain/worklist.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py). ``retention.retention_by_month`` is the one figure of
retained maturing money that the insights page and reports call."""

__all__ = ["actions", "build", "bulk", "campaign", "outcomes", "retention", "settings", "summary"]
