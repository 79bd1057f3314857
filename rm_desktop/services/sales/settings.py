"""The sales setting (registered in services/settings/registry.py): the per-stage win
probabilities that weight the pipeline board. This module must not import the registry (that
module imports this)."""

from __future__ import annotations

from decimal import Decimal

from rm_desktop.domain.sales import DEFAULT_STAGE_PROBABILITIES, format_probabilities, parse_probabilities
from rm_desktop.storage.handle import VaultHandle

KEY = "sales_stage_probabilities"
__all__ = ["DEFAULT_STAGE_PROBABILITIES", "KEY", "StageProbabilities", "load_probabilities"]


class StageProbabilities(str):
    """ "intent:10,proposal:30,assessment:60": a percent per open stage, each 0–100."""

    def __new__(cls, value: object = DEFAULT_STAGE_PROBABILITIES) -> StageProbabilities:
        return super().__new__(cls, format_probabilities(parse_probabilities(value, KEY)))

    def percents(self) -> dict[str, Decimal]:
        return parse_probabilities(self, KEY)


def load_probabilities(vault: VaultHandle) -> dict[str, Decimal]:
    return StageProbabilities(vault.settings.get(KEY)).percents()
