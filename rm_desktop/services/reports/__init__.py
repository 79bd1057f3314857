"""Reports (工作日志, 周报, 月报) drafted from the vault: the period, the sections and KPIs, the
day log (note, tomorrow's plan, lock and revisions) and the KPI targets (rules and the report's
shape in domain/reports).

Callers (the CLI, the 报告 page, the outputs) use the names re-exported here::

    from rm_desktop.services.reports import build_report, period_for, save_day_log

``__all__`` names the modules other packages may import (tests/architecture/test_layers.py);
the rest are this package's own."""

from rm_desktop.domain.reports.periods import period_for as period_for
from rm_desktop.domain.reports.periods import shift as shift
from rm_desktop.services.reports.builder import build_report as build_report
from rm_desktop.services.reports.day_log import DayLogRevision as DayLogRevision
from rm_desktop.services.reports.day_log import day_log_revisions as day_log_revisions
from rm_desktop.services.reports.day_log import save_day_log as save_day_log
from rm_desktop.services.reports.targets import SETTING as SETTING
from rm_desktop.services.reports.targets import kpi_targets as kpi_targets
from rm_desktop.services.reports.targets import set_targets as set_targets

__all__ = ["builder", "day_log", "facts", "kpi_figures", "sections", "targets"]
