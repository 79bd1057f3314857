"""Complaints and service requests (服务): the page listing open and closed complaints, the new
complaint and close dialogs, the handling checklist.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["complaint_dialog", "complaint_form", "complaints_page"]
