"""Churn signals (流失预警) for ``insights --json``: the worklist's own signals (services/worklist
builds and explains them; their rules are its settings), each with the rule that fired, its
numbers, the one-line reason and the proposed follow-up date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rm_desktop.domain.worklist.churn import rule_name
from rm_desktop.domain.worklist.model import KIND_CHURN
from rm_desktop.services.worklist import build
from rm_desktop.storage.handle import VaultHandle


def churn_signals(vault: VaultHandle, today: dt.date) -> list[dict[str, Any]]:
    """The open churn signals of the day (dismissed or snoozed ones left out), highest score first."""
    found = []
    for item in build.build_worklist(vault, today).items:
        if item.kind == KIND_CHURN and item.candidate.rule is not None:
            data = build.item_dict(item, False, today)
            data.pop("plan", None)  # the day's plan is the worklist's business, not the insight's
            found.append({**data, "rule_name": rule_name(item.candidate.rule)})
    return found
