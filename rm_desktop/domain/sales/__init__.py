"""Sales (商机 and 推荐): the opportunity's stages and sources, the referrer's roles, the
per-stage probabilities, one parser per field, and the suitability rule at 成交. Pure: the
services (services/sales) load the facts and pass ``today`` in."""

from .model import (
    CLOSED_STAGES,
    KIND_OPPORTUNITY,
    OPEN_STAGES,
    REFERRER_ROLES,
    SOURCES,
    STAGE_ASSESSMENT,
    STAGE_INTENT,
    STAGE_LOST,
    STAGE_PROPOSAL,
    STAGE_WON,
    STAGES,
)
from .probabilities import DEFAULT_STAGE_PROBABILITIES, format_probabilities, parse_probabilities, weighted
from .rules import Refusal, check_close_date, check_move, suitability_refusal

__all__ = [
    "CLOSED_STAGES",
    "DEFAULT_STAGE_PROBABILITIES",
    "KIND_OPPORTUNITY",
    "OPEN_STAGES",
    "REFERRER_ROLES",
    "SOURCES",
    "STAGES",
    "STAGE_ASSESSMENT",
    "STAGE_INTENT",
    "STAGE_LOST",
    "STAGE_PROPOSAL",
    "STAGE_WON",
    "Refusal",
    "check_close_date",
    "check_move",
    "format_probabilities",
    "parse_probabilities",
    "suitability_refusal",
    "weighted",
]
