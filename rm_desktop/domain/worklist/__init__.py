"""The worklist (今日工作清单): every open item of the day scored, explained and ranked, churn
signals (流失预警) and maturity outcomes (到期承接). Pure rules over facts the services load;
see :mod:`.score` for the score, :mod:`.churn` for the rules, :mod:`.outcomes` for retention."""

from .churn import ChurnSettings, ComplaintFacts
from .model import KIND_CHURN, KIND_OUTCOME, Candidate, ClientContext, WorkItem, WorklistSettings
from .score import Ranking, explain, plan_and_rest, rank

__all__ = [
    "KIND_CHURN",
    "KIND_OUTCOME",
    "Candidate",
    "ChurnSettings",
    "ClientContext",
    "ComplaintFacts",
    "Ranking",
    "WorkItem",
    "WorklistSettings",
    "explain",
    "plan_and_rest",
    "rank",
]
