"""Differences between two plan versions, field by field, for the compare dialog and the CLI.

Both contents are flattened to ``path → shown text`` (paths as in plan_content: ``goals[1].amount``,
``chapters.tax``); a path present on one side only is an added or removed value. Codes are shown
by their labels (life stage, asset kind, product type, chapter, status) so that the RM reads
"基金" rather than "fund".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rm_desktop.domain.planning import Chapter, LifeStage
from rm_desktop.services.plans.content import PlanStatus, field_label, kind_label


@dataclass(frozen=True)
class FieldDiff:
    path: str
    label: str
    old: str  # "" when the value did not exist or was empty
    new: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.path, "label": self.label, "old": self.old, "new": self.new}


def _shown(path: str, value: Any) -> str:
    if value is None:
        return ""
    leaf = path.rsplit(".", 1)[-1]
    if leaf == "status" and value in PlanStatus.__members__.values():
        return PlanStatus(value).label
    if leaf == "life_stage" and value in LifeStage.__members__.values():
        return LifeStage(value).label
    if leaf in ("kind", "product_type"):
        return kind_label(value)
    if leaf == "chapter" and value in Chapter.__members__.values():
        return Chapter(value).label
    if leaf == "risk_level":
        return f"R{value}"
    if leaf == "holding_id":
        return f"#{value}"
    return str(value)


def flatten(value: Any, path: str = "") -> dict[str, str]:
    """Leaf paths of a JSON value in document order."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{path}.{key}" if path else str(key)))
        return out
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, f"{path}[{index}]"))
        return out
    return {path: _shown(path, value)}


def diff_values(old: dict[str, Any], new: dict[str, Any]) -> list[FieldDiff]:
    """Every leaf whose shown text differs; new paths in the new document's order, then removed ones."""
    before, after = flatten(old), flatten(new)
    paths = list(after) + [p for p in before if p not in after]
    return [
        FieldDiff(p, field_label(p), before.get(p, ""), after.get(p, ""))
        for p in paths
        if before.get(p, "") != after.get(p, "")
    ]
