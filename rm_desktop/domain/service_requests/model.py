"""The closed lists of a complaint or service request and its fixed handling steps.

The steps are the training material's sequence, in order: calm the client (安抚情绪),
apologise (真诚致歉), find the solution (寻找解决方案), answer on the spot where possible
(当场答复), follow up within 48 hours (48小时内回访). A step is recorded with the time it was
done; the follow-up closes the deadline item on the worklist.
"""

from __future__ import annotations

from rm_desktop.domain.choices import Choice, ChoiceSet
from rm_desktop.i18n import t

KIND_COMPLAINT = "complaint"  # the worklist kind of a complaint's follow-up deadline
DEFAULT_DEADLINE_HOURS = 48
SATISFACTION_MIN, SATISFACTION_MAX = 1, 5

TYPES = ChoiceSet(
    "类型",
    "type",
    (
        Choice("complaint", "投诉", "Complaint"),
        Choice("request", "服务请求", "Service request", ("请求", "service")),
    ),
)

CHANNELS = ChoiceSet(
    "受理渠道",
    "channel",
    (
        Choice("counter", "网点柜面", "Branch counter", ("柜面", "网点", "branch")),
        Choice("phone", "电话", "Phone", ("95588", "客服热线")),
        Choice("wechat", "微信", "WeChat"),
        Choice("online", "网银/手机银行", "Online / mobile banking", ("网银", "手机银行", "app")),
        Choice("letter", "信函/邮件", "Letter / email", ("信函", "邮件", "email")),
        Choice("regulator", "监管转办", "Via the regulator", ("监管", "12378")),
        Choice("other", "其他", "Other"),
    ),
)

CATEGORIES = ChoiceSet(
    "类别",
    "category",
    (
        Choice("service", "服务态度", "Service attitude", ("态度",)),
        Choice("waiting", "等候时间", "Waiting time", ("排队", "等候")),
        Choice("fees", "收费", "Fees", ("费用", "手续费")),
        Choice("product", "产品与收益", "Product and returns", ("产品", "收益", "理财")),
        Choice("sales", "销售行为", "Sales practice", ("误导", "销售")),
        Choice("account", "账户与卡", "Account and card", ("账户", "卡", "card")),
        Choice("system", "系统故障", "System fault", ("系统", "故障")),
        Choice("other", "其他", "Other"),
    ),
)

SEVERITIES = ChoiceSet(
    "严重程度",
    "severity",
    (
        Choice("low", "一般", "Low", ("普通",)),
        Choice("medium", "较重", "Medium", ("中",)),
        Choice("high", "严重", "High", ("紧急", "重大", "urgent")),
    ),
)

STEP_CALM = "calm"
STEP_APOLOGISE = "apologise"
STEP_SOLUTION = "solution"
STEP_ANSWER = "answer"
STEP_FOLLOW_UP = "follow_up"
STEPS = ChoiceSet(
    "处理步骤",
    "step",
    (
        Choice(STEP_CALM, "安抚情绪", "Calm the client", ("安抚", "1")),
        Choice(STEP_APOLOGISE, "真诚致歉", "Apologise", ("致歉", "道歉", "apologize", "2")),
        Choice(STEP_SOLUTION, "寻找解决方案", "Find the solution", ("解决方案", "方案", "3")),
        Choice(STEP_ANSWER, "当场答复", "Answer on the spot", ("答复", "4")),
        Choice(STEP_FOLLOW_UP, "48小时内回访", "Follow up within 48 hours", ("回访", "跟进", "followup", "5")),
    ),
)


def step_label(code: str) -> str:
    return STEPS.label(code)


def satisfaction_rule() -> str:
    return t("应为 {} 到 {} 的整数", "must be a whole number from {} to {}").format(SATISFACTION_MIN, SATISFACTION_MAX)
