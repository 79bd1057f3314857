"""The worklist settings: their text forms (registered in services/settings/registry.py) and the
domain's :class:`WorklistSettings` / :class:`ChurnSettings` built from them.

Weights are kept as short "code:weight" texts so the plain settings dialog can edit them in a
line edit. Their kinds are ``str`` subclasses that check and normalise the text; a weight of 0
or below raises the domain's ValidationError, whose message says why (not the registry's
generic "invalid value"). This module must not import the registry (that module imports this).
"""

from __future__ import annotations

from rm_desktop.domain.worklist import ChurnSettings, WorklistSettings
from rm_desktop.domain.worklist.model import (
    DEFAULT_KIND_WEIGHTS,
    DEFAULT_TIER_WEIGHTS,
    format_weights,
    parse_weights,
)
from rm_desktop.domain.worklist.outcomes import DEFAULT_LOST_REASONS, parse_reasons
from rm_desktop.storage.handle import VaultHandle

DEFAULT_OUTCOME_DAYS = 90  # matured money older than this is history, not today's work
__all__ = [
    "DEFAULT_KIND_WEIGHTS",
    "DEFAULT_LOST_REASONS",
    "DEFAULT_TIER_WEIGHTS",
    "KindWeights",
    "LostReasons",
    "TierWeights",
]


class KindWeights(str):
    """ "follow_up:3, maturity:3, …": the kind weights of the score, each above 0."""

    def __new__(cls, value: object = DEFAULT_KIND_WEIGHTS) -> KindWeights:
        return super().__new__(cls, format_weights(parse_weights(value, "worklist_kind_weights")))

    def weights(self) -> dict[str, float]:
        return parse_weights(self, "worklist_kind_weights")


class TierWeights(str):
    """ "private:2, wealth:1.5, …": the tier weights of the score, each above 0."""

    def __new__(cls, value: object = DEFAULT_TIER_WEIGHTS) -> TierWeights:
        return super().__new__(cls, format_weights(parse_weights(value, "worklist_tier_weights")))

    def weights(self) -> dict[str, float]:
        return parse_weights(self, "worklist_tier_weights")


class LostReasons(str):
    """ "利率,服务,搬迁,他行营销,其他": the reasons offered when a client is marked lost."""

    def __new__(cls, value: object = DEFAULT_LOST_REASONS) -> LostReasons:
        return super().__new__(cls, ",".join(parse_reasons(value)))

    def reasons(self) -> tuple[str, ...]:
        return parse_reasons(self)


def load_worklist_settings(vault: VaultHandle) -> WorklistSettings:
    get = vault.settings.get
    return WorklistSettings(
        capacity=get("worklist_capacity"),
        kind_weights=KindWeights(get("worklist_kind_weights")).weights(),
        tier_weights=TierWeights(get("worklist_tier_weights")).weights(),
    )


def load_churn_settings(vault: VaultHandle) -> ChurnSettings:
    get = vault.settings.get
    return ChurnSettings(
        aum_drop_percent=get("churn_aum_drop_percent"),
        lookback_days=get("churn_lookback_days"),
        no_contact_factor=get("churn_no_contact_factor"),
    )


def lost_reasons(vault: VaultHandle) -> tuple[str, ...]:
    return LostReasons(vault.settings.get("churn_lost_reasons")).reasons()


def outcome_days(vault: VaultHandle) -> int:
    return int(vault.settings.get("worklist_outcome_days"))
