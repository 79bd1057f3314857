"""Complaints and service requests (投诉/服务请求): receive, record the handling steps with
their times, close with the outcome and the client's satisfaction, list; the follow-up
deadline as a worklist item and an open complaint as a churn signal.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["records", "settings", "store", "timeline_entries", "worklist_items"]
