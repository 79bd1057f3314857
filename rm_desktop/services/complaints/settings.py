"""The complaint setting: the follow-up deadline in hours (registered in
services/settings/registry.py as ``complaint_deadline_hours``). This module must not import
the registry (that module imports this)."""

from __future__ import annotations

from rm_desktop.domain.service_requests import DEFAULT_DEADLINE_HOURS
from rm_desktop.storage.handle import VaultHandle

DEADLINE_KEY = "complaint_deadline_hours"
MIN_HOURS, MAX_HOURS = 1, 720


def deadline_hours(vault: VaultHandle) -> int:
    value = vault.settings.get(DEADLINE_KEY)
    return int(value) if value is not None else DEFAULT_DEADLINE_HOURS
