"""The tamper-evident audit log (审计日志, issue 18.1): entries written in the same transaction
as the action they record, chained by SHA-256; reading, filtering, the chain check, the
encrypted export, and the entries received with a handover (kept apart, checked as their
sender's own chain).

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["actions", "chain", "export", "log", "reading", "received"]
