"""The closed lists of sales: an opportunity's stage and source, a referring colleague's role.

Stored as codes (the UI language can change); input takes the code, either label or an alias,
through domain/choices.ChoiceSet as every other closed list does.
"""

from __future__ import annotations

from rm_desktop.domain.choices import Choice, ChoiceSet

# The worklist kind of an opportunity's dated next step (services/sales/worklist_items).
KIND_OPPORTUNITY = "opportunity"

STAGE_INTENT = "intent"
STAGE_PROPOSAL = "proposal"
STAGE_ASSESSMENT = "assessment"
STAGE_WON = "won"
STAGE_LOST = "lost"

STAGES = ChoiceSet(
    "商机阶段",
    "stage",
    (
        Choice(STAGE_INTENT, "意向", "Interest", ("intention", "lead")),
        Choice(STAGE_PROPOSAL, "方案", "Proposal", ("plan",)),
        # 风险测评 and the 双录 (audio-video recording of the sale) happen before the contract.
        Choice(STAGE_ASSESSMENT, "风评/双录", "Assessment/recording", ("风评", "双录", "风险测评", "assess")),
        Choice(STAGE_WON, "成交", "Won", ("签约", "close", "closed")),
        Choice(STAGE_LOST, "未成交", "Lost", ("失败", "放弃", "not won")),
    ),
)
OPEN_STAGES = (STAGE_INTENT, STAGE_PROPOSAL, STAGE_ASSESSMENT)
CLOSED_STAGES = (STAGE_WON, STAGE_LOST)

SOURCES = ChoiceSet(
    "商机来源",
    "source",
    (
        Choice("maturity", "到期", "Maturity", ("到期承接", "到期转化")),
        Choice("referral", "推荐", "Referral", ("转介", "输送")),
        Choice("salon", "沙龙", "Salon", ("理财沙龙", "活动", "event")),
        Choice("walk_in", "到店", "Walk-in", ("walkin", "厅堂", "临柜")),
        Choice("campaign", "营销活动", "Campaign", ("营销", "名单营销")),
        Choice("other", "其他", "Other"),
    ),
)

# A colleague who refers a client (the 输送 of domain.md: the lobby manager walks a client over).
REFERRER_ROLES = ChoiceSet(
    "推荐人岗位",
    "referrer role",
    (
        Choice("lobby_manager", "大堂经理", "Lobby manager", ("大堂", "lobby")),
        Choice("teller", "柜员", "Teller", ("综合柜员", "柜台")),
        Choice("rm", "客户经理", "Relationship manager", ("理财经理", "relationship manager")),
    ),
)
