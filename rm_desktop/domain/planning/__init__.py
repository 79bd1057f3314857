"""Financial plan (理财规划) calculations and checks: pure functions on Decimal, no Qt, no storage.

Modules: :mod:`rules` (conventions, per-field rules, Problem), :mod:`calc` (future value, required
saving, goal funding), :mod:`retirement`, :mod:`education`, :mod:`allocation` (asset classes,
product-type mapping, drift), :mod:`lifecycle` (stages, risk grades, default allocation),
:mod:`model` (plan values), :mod:`validate` (every problem in a plan's numbers).
"""

from .allocation import (
    PRODUCT_TYPES,
    AssetClass,
    DriftRow,
    allocation_drift,
    amounts_by_class,
    asset_class_for,
    product_type_label,
    target_allocation_problems,
)
from .calc import future_value, goal_funded_share, required_monthly_saving, years_until
from .education import EducationResult, EducationYear, education_fund
from .lifecycle import (
    LifeStage,
    RiskGrade,
    default_allocation_note,
    default_allocation_table,
    default_target_allocation,
)
from .model import Chapter, EducationInputs, Goal, GoalTerm, RecommendedProduct, RetirementInputs
from .retirement import Phase, RetirementResult, RetirementYear, retirement_projection
from .rules import Problem
from .validate import validate_plan_numbers

__all__ = [
    "PRODUCT_TYPES",
    "AssetClass",
    "Chapter",
    "DriftRow",
    "EducationInputs",
    "EducationResult",
    "EducationYear",
    "Goal",
    "GoalTerm",
    "LifeStage",
    "Phase",
    "Problem",
    "RecommendedProduct",
    "RetirementInputs",
    "RetirementResult",
    "RetirementYear",
    "RiskGrade",
    "allocation_drift",
    "amounts_by_class",
    "asset_class_for",
    "default_allocation_note",
    "default_allocation_table",
    "default_target_allocation",
    "education_fund",
    "future_value",
    "goal_funded_share",
    "product_type_label",
    "required_monthly_saving",
    "retirement_projection",
    "target_allocation_problems",
    "validate_plan_numbers",
    "years_until",
]
