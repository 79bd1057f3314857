"""The IT policy applied (issue 18.7): the settings it fixes, the export gate, new passwords.

security/policy reads the file; this module says what it means for the app:

- ``backups_kept`` and ``reveal_reason_mode`` are fixed at the policy's value, whatever the vault
  stored; ``idle_lock_minutes`` is capped: the idle lock may not be set longer than
  ``min_idle_lock_minutes`` (a shorter lock stays the user's choice).
- each day of the ``retention`` table fixes its category's setting (RETENTION_SETTINGS).
- :func:`check_export` is the one gate every export calls: ``forbidden`` refuses with the
  policy's reason; ``password_required`` lets only an encrypted file out (the kinds that cannot
  be encrypted today, list, plan PDF and ICS, are refused).
- a new master or file password needs ``min_password_strength`` guessable units
  (domain/passwords.units) on top of the built-in rule.

Imports no registry (the registry imports this module) and nothing above services.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rm_desktop.domain import passwords
from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.i18n import t
from rm_desktop.security import policy as it_policy

REVEAL_KEY = "reveal_reason_mode"
REVEAL_DEFAULT = "once_per_session"
CAPPED = {"idle_lock_minutes": "min_idle_lock_minutes"}
FIXED = {"backups_kept": "backups_kept", REVEAL_KEY: "reveal_reason"}
# The policy's ``retention`` table: category → the setting its days fix (issue 18.5).
RETENTION_SETTINGS = {
    "clients": "retention_client_days",
    "contacts": "retention_contact_days",
    "plans": "retention_plan_days",
    "complaints": "retention_complaint_days",
    "trash": "trash_empty_days",
    "backups": "backup_retention_days",
    "audit": "audit_retention_days",
}
_RETENTION_OF = {key: category for category, key in RETENTION_SETTINGS.items()}
EXPORT_KINDS = it_policy.EXPORT_KINDS


def current() -> it_policy.Policy:
    return it_policy.current()


def _where(policy: it_policy.Policy) -> str:
    return t("{}（{}）", "{} ({})").format(policy.reason(), policy.path)


@dataclass(frozen=True)
class Fix:
    """How the policy holds one setting: ``fixed`` (greyed) or a ``cap`` (no longer than)."""

    key: str
    value: Any
    capped: bool

    def note(self) -> str:
        if self.capped:
            return t("由 IT 策略设定：最长 {}", "Set by IT policy: at most {}").format(self.value)
        return t("由 IT 策略设定", "Set by IT policy")


def fix_of(key: str) -> Fix | None:
    """What the policy in effect does to setting ``key``; None when it leaves it free."""
    policy = current()
    if key in CAPPED and policy.get(CAPPED[key]) is not None:
        return Fix(key, policy.get(CAPPED[key]), True)
    if key in FIXED and policy.get(FIXED[key]) is not None:
        return Fix(key, policy.get(FIXED[key]), False)
    days = (policy.get("retention") or {}).get(_RETENTION_OF.get(key, ""))
    if days is not None:
        return Fix(key, days, False)
    return None


def effective(key: str, value: Any) -> Any:
    """The value the app uses: the stored (or default) ``value`` as the policy allows it."""
    fix = fix_of(key)
    if fix is None:
        return value
    return min(value, fix.value) if fix.capped else fix.value


def check_set(key: str, value: Any, label: str) -> bool:
    """Whether a write of ``value`` should be stored; a ValidationError naming the policy when it
    may not be. Writing a fixed setting's own value (a dialog saving every field) stores nothing."""
    fix = fix_of(key)
    if fix is None:
        return True
    if fix.capped and value <= fix.value:
        return True
    if not fix.capped and value == fix.value:
        return False
    where = _where(current())
    if fix.capped:
        message = t(
            "{label}：{where}规定最长 {fixed}，不能设为 {value}", "{label}: {where} allows at most {fixed}, not {value}"
        )
    else:
        message = t(
            "{label}：由{where}设定为 {fixed}，不能修改", "{label}: fixed at {fixed} by {where}; it cannot be changed"
        )
    raise ValidationError(key, message.format(label=label, where=where, fixed=fix.value, value=value))


def kind_label(kind: str) -> str:
    return {
        "archive": t("全部档案", "the full archive"),
        "list": t("客户名单", "client lists"),
        "handover": t("移交文件", "handover files"),
        "plan_pdf": t("理财规划书 PDF", "plan PDFs"),
        "ics": t("日历文件（ICS）", "calendar files (ICS)"),
        "report": t("报表", "reports"),
        "audit": t("审计日志", "the audit log"),
        "person": t("个人信息副本", "a person's own data"),
    }.get(kind, kind)


def check_export(kind: str, vault: object | None = None, *, encrypted: bool = False) -> None:
    """The export gate: returns when an export of ``kind`` (one of EXPORT_KINDS) may be written,
    encrypted or not; a UserError with the policy's reason otherwise. ``vault`` is for the export
    register of point 3 (the refusal recorded); unused until it exists."""
    if kind not in EXPORT_KINDS:
        raise ValueError(kind)  # a call site with a typo is a bug, not a user error
    policy = current()
    mode = policy.export_mode(kind)
    if mode == it_policy.FORBIDDEN:
        raise UserError(t("{} 禁止导出{}", "{} forbids exporting {}").format(_where(policy), kind_label(kind)))
    if mode == it_policy.PASSWORD_REQUIRED and not encrypted:
        raise UserError(
            t(
                "{} 要求导出文件加密；{}不能加密导出，因此不可用",
                "{} requires every export to be encrypted; {} cannot be encrypted, so they are not available",
            ).format(_where(policy), kind_label(kind))
            if kind in ("list", "plan_pdf", "ics", "report")
            else t("{} 要求{}设置密码", "{} requires a password on {}").format(_where(policy), kind_label(kind))
        )


def plain_allowed(kind: str) -> bool:
    """Whether a dialog may offer an unencrypted file of ``kind``."""
    return current().export_mode(kind) == it_policy.ALLOWED


def password_weakness(password: str) -> str | None:
    """Why ``password`` is too weak for a new master or file password, policy included; or None."""
    reason = passwords.weakness(password)
    if reason is not None:
        return reason
    policy = current()
    need = policy.get("min_password_strength")
    if need is not None and passwords.units(password) < need:
        return t(
            "{} 要求密码强度至少 {}（此密码为 {}）：请加长，避免连续、重复的字符",
            "{} requires a strength of at least {} (this one is {}): make it longer, without runs or repeats",
        ).format(_where(policy), need, passwords.units(password))
    return None


def check_password(password: str, what: str) -> None:
    """UserError naming ``what`` and why, as domain/passwords.check_strength, policy included."""
    reason = password_weakness(password or "")
    if reason is not None:
        raise UserError(t("{}太弱：{}。", "{} is too weak: {}.").format(what, reason))


def notice() -> str | None:
    """Why the strict defaults are in force (the app says it once), or None."""
    return current().problem_text()


def choice_label(value: str) -> str:
    """A reveal mode in the UI language (the settings page's list)."""
    return {
        "always": t("每次都询问", "every time"),
        "once_per_session": t("每位客户每次登录询问一次", "once per client and session"),
        "never": t("不询问", "never"),
    }.get(value, value)


def describe() -> list[tuple[str, str]]:
    """The policy's keys in effect as (name, value text), for ``policy show`` and the settings page."""
    policy = current()
    rows: list[tuple[str, str]] = []
    for key in it_policy.KEYS:
        value = policy.get(key)
        if value is None:
            continue
        if key == "exports":
            value = ", ".join(f"{kind}={mode}" for kind, mode in value.items())
        elif key == "retention":
            value = ", ".join(f"{name}={days}" for name, days in value.items())
        elif key == "reveal_reason":
            value = f"{value} ({choice_label(value)})"
        rows.append((key, str(value)))
    return rows
