"""Sales (商机 and 推荐): opportunities per client with their stage history and the suitability
check at 成交, the pipeline board's columns, referrals and the 输送 walk-in flow, and the
opportunities' next steps as worklist items (rules in domain/sales).

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["opportunities", "pipeline", "records", "referrals", "settings", "timeline_entries", "worklist_items"]
