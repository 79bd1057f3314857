"""The report of a period, drafted from the vault (issue 17.1, 17.2): the RM's own version, with
the names in the details; ``domain.reports.counts_only`` makes the safe one from it.

A day's report carries the saved note, tomorrow's plan and the lock (services/reports/day_log);
while nothing is saved, tomorrow's plan is pre-filled from the next day's worklist. A week's or
a month's carries the KPIs (services/reports/kpi_figures) with their targets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rm_desktop.domain.reports.kpis import targets_for
from rm_desktop.domain.reports.model import DAY, Period, Report
from rm_desktop.domain.reports.periods import local_day, local_naive
from rm_desktop.domain.reports.workdays import working_days
from rm_desktop.i18n import t
from rm_desktop.services.batch import gc_paused
from rm_desktop.services.clients.tiers import tiers_on
from rm_desktop.services.reports import day_log, kpi_figures, sections
from rm_desktop.services.reports.targets import kpi_targets
from rm_desktop.storage.handle import VaultHandle

PLAN_ITEMS = 5  # tomorrow's plan: the worklist's first items


def callback_warning(count: int) -> str:
    """Said before leaving; counts only (it goes into the counts-only copy too)."""
    return t("{} 个承诺回电未回", "{} promised call-backs not returned").format(count)


def planned_tomorrow(vault: VaultHandle, day: dt.date, count: int = PLAN_ITEMS) -> tuple[str, ...]:
    """The next day's worklist, first items: "张三 · 到期承接"."""
    from rm_desktop.services.worklist.build import build_worklist
    from rm_desktop.services.worklist.summary import kind_label

    worklist = build_worklist(vault, day + dt.timedelta(days=1))
    return tuple(
        " · ".join(x for x in (item.client_name, kind_label(item.kind)) if x) for item in worklist.items[:count]
    )


def build_report(vault: VaultHandle, period: Period, *, now: dt.datetime) -> Report:
    today = local_day(now)
    # A month's thousands of named lines: no collector pass over them while they are built.
    with gc_paused(), vault.engine.connect() as conn:
        tiers = tiers_on(conn)
        found, open_callbacks = sections.build_sections(conn, period, tiers, local_naive(now))
        kpis = (
            ()
            if period.kind == DAY
            else kpi_figures.build_kpis(vault, conn, period, today, tiers, targets_for(period.kind, kpi_targets(vault)))
        )
    settings = vault.settings
    report = Report(
        period=period,
        rm_name=str(settings.get("rm_name") or ""),
        branch=str(settings.get("branch_name") or ""),
        generated_at=local_naive(now).replace(microsecond=0),
        sections=found,
        kpis=kpis,
        warnings=(callback_warning(open_callbacks),) if open_callbacks else (),
    )
    if period.kind != DAY:
        report.extra["working_days"] = working_days(period.start, min(period.end, today))
        return report
    saved = day_log.latest_day_log(vault, period.start)
    locked = day_log.is_locked(period.start, now)
    if saved is None:
        tomorrow = planned_tomorrow(vault, period.start)
        report.extra["tomorrow_prefilled"] = bool(tomorrow)
        return _with_log(report, "", tomorrow, locked, 0)
    return _with_log(report, saved.note, saved.tomorrow, locked, saved.revision)


def _with_log(report: Report, note: str, tomorrow: tuple[str, ...], locked: bool, revision: int) -> Report:
    return replace(report, note=note, tomorrow=tomorrow, locked=locked, revision=revision, extra=dict(report.extra))
