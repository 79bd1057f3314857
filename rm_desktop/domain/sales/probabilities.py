"""The per-stage win probabilities that weight the pipeline board's amounts (a setting).

Kept as a short "stage:percent" text like the worklist weights, so the plain settings dialog
edits it in one line. 成交 counts 100 % and 未成交 0 %: only the open stages are set.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

from .model import OPEN_STAGES, STAGE_WON, STAGES

DEFAULT_STAGE_PROBABILITIES = "intent:10,proposal:30,assessment:60"
_PAIR = re.compile(r"^(\S+?)\s*[:：=]\s*(\d+(?:\.\d+)?)\s*%?$")
SETTING = "sales_stage_probabilities"


def parse_probabilities(text: object, setting: str = SETTING) -> dict[str, Decimal]:
    """ "intent:10, 方案:30, …" → {stage code: percent}; every open stage gets one (a stage not
    named keeps its default), each 0–100."""
    found: dict[str, Decimal] = {}
    for part in (p.strip() for p in re.split(r"[,，;；\n]+", str(text or "")) if p.strip()):
        match = _PAIR.match(part)
        if match is None:
            raise ValidationError(
                setting,
                t("应写成“阶段:百分比”，例如 方案:30：{}", 'write "stage:percent", e.g. proposal:30: {}').format(part),
            )
        stage = STAGES.parse(match[1], setting)
        if stage not in OPEN_STAGES:
            raise ValidationError(
                setting,
                t(
                    "只有进行中的阶段有概率（成交为 100%，未成交为 0%）：{}",
                    "only open stages take a probability (won is 100%, lost 0%): {}",
                ).format(part),
            )
        value = Decimal(match[2])
        if value > 100:
            raise ValidationError(
                setting, t("概率应在 0 到 100 之间：{}", "a probability is 0 to 100: {}").format(part)
            )
        found[stage] = value
    defaults = {} if text == DEFAULT_STAGE_PROBABILITIES else parse_probabilities(DEFAULT_STAGE_PROBABILITIES)
    return {stage: found.get(stage, defaults.get(stage, Decimal(0))) for stage in OPEN_STAGES}


def format_probabilities(values: dict[str, Decimal]) -> str:
    return ",".join(f"{stage}:{values[stage].normalize():f}" for stage in OPEN_STAGES if stage in values)


def weighted(stage: str, amount: Decimal, probabilities: dict[str, Decimal]) -> Decimal:
    """The amount an opportunity adds to its column's weighted total."""
    if stage == STAGE_WON:
        return amount
    return (amount * probabilities.get(stage, Decimal(0)) / 100).quantize(Decimal("0.01"))
