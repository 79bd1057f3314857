"""The KPI targets (设置 › 报告目标): one vault setting, ``report_targets``, checked by the one
parser in domain/reports/kpis (negatives and unknown KPIs refused with the key named)."""

from __future__ import annotations

from decimal import Decimal

from rm_desktop.domain.reports.kpis import FIELD, normalize_targets, parse_targets, target_pairs
from rm_desktop.storage.handle import VaultHandle

SETTING = FIELD
DEFAULT: dict[str, str] = {}  # no targets: each KPI shows its figure alone


def kpi_targets(vault: VaultHandle) -> dict[str, Decimal]:
    """KPI key → target (only the KPIs that have one)."""
    return parse_targets(vault.settings.get(SETTING) or {})


def set_targets(vault: VaultHandle, value: object, *, merge: bool = True) -> dict[str, Decimal]:
    """Store targets given as ``contacts=300, retention=90%`` or a mapping; with ``merge`` the
    keys given replace those stored and an empty figure (``contacts=``) removes one."""
    given = normalize_targets(value)
    if merge:
        # the raw keys, to see which were cleared
        cleared = {str(k) for k, v in target_pairs(value).items() if v is None or str(v).strip() == ""}
        stored = {k: v for k, v in (vault.settings.get(SETTING) or {}).items() if k not in cleared}
        given = {**stored, **given}
    vault.settings.set(SETTING, given)
    return kpi_targets(vault)
