"""The playbooks of the training material, shipped read-only (an RM copies one to change it).

- 新客户: day 0 welcome, day 3 call, day 30 review of needs.
- 产品到期: T-30 plan, T-7 call, T+1 outcome (到期承接).
- 投诉处理: calm the client, apologise, find the solution, answer on the spot where possible,
  follow up within 48 hours.
- 理财沙龙: invite (two weeks before), confirm, remind the day before, follow up (48 hours).
"""

from __future__ import annotations

from rm_desktop.domain.playbooks.model import Playbook, Step
from rm_desktop.i18n import t

NEW_CLIENT, MATURITY, COMPLAINT, SALON = "new_client", "maturity", "complaint", "salon"


def builtins() -> tuple[Playbook, ...]:
    """The four built-in playbooks, named in the current language."""
    return (
        Playbook(
            NEW_CLIENT,
            t("新客户", "New client"),
            t("开户日", "account opened"),
            (
                Step(0, t("欢迎新客户", "Welcome the client"), "wechat"),
                Step(3, t("电话回访", "Follow-up call"), "phone"),
                Step(30, t("需求检视", "Review of needs"), "meeting"),
            ),
            True,
        ),
        Playbook(
            MATURITY,
            t("产品到期", "Maturity"),
            t("到期日", "maturity date"),
            (
                Step(-30, t("制定承接方案", "Plan the reinvestment"), "meeting"),
                Step(-7, t("电话沟通到期安排", "Call about the maturity"), "phone"),
                Step(1, t("登记到期承接结果", "Record the outcome"), "phone"),
            ),
            True,
        ),
        Playbook(
            COMPLAINT,
            t("投诉处理", "Complaint"),
            t("收到投诉日", "complaint received"),
            (
                Step(0, t("安抚客户情绪", "Calm the client"), "meeting"),
                Step(0, t("真诚致歉", "Apologise"), "meeting"),
                Step(0, t("找出解决方案", "Find the solution"), "meeting"),
                Step(0, t("能当场答复的当场答复", "Answer on the spot where possible"), "meeting"),
                Step(2, t("48 小时内回访", "Follow up within 48 hours"), "phone"),
            ),
            True,
        ),
        Playbook(
            SALON,
            t("理财沙龙", "Salon"),
            t("活动日", "event day"),
            (
                Step(-14, t("发出邀请", "Invite"), "wechat"),
                Step(-3, t("确认出席", "Confirm attendance"), "phone"),
                Step(-1, t("活动前一天提醒", "Remind the day before"), "sms"),
                Step(2, t("活动后回访", "Follow up"), "phone"),
            ),
            True,
        ),
    )


def builtin(code: str) -> Playbook | None:
    return next((p for p in builtins() if p.ref == code), None)
