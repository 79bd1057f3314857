"""The 审计日志 dialog: the audit log filtered by action, client and date, the chain check and
the encrypted export (services/audit).

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["audit_dialog"]
