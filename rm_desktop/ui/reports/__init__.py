"""The 工作报告 area: 工作日志 (a day, its note and tomorrow's plan, locked past days kept as
revisions), 周报 and 月报 (KPI cards with their trend, the summed sections), and the outputs:
the RM's PDF and xlsx, the counts-only text and PDF, the supervisor's bundle and summary.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["reports_page"]
