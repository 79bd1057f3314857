"""The IT policy file (issue 18.7): machine-wide rules the user cannot change from the app.

Windows reads ``%ProgramData%\\RMDesktop\\policy.json``, Linux ``/etc/rm-desktop/policy.json``;
the env variable ``RM_DESKTOP_POLICY`` names another file (tests, IT pilots). No file: no policy.

A file that cannot be trusted as written (invalid JSON, a wrong type, a value out of range, an
unknown key: a typo such as ``"export"`` must not silently free every export) is replaced as a
whole by :data:`STRICT`, with the reason kept for the app to say once. Parsing never raises.
Qt-free and services-free: services/settings/policy_rules applies it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rm_desktop.i18n import t

ENV = "RM_DESKTOP_POLICY"
MAX_BYTES = 64 * 1024  # a policy is a few lines; anything larger is not one

# Every export path the gate knows; a policy may name any of them (an unnamed kind is allowed).
EXPORT_KINDS = ("archive", "list", "handover", "plan_pdf", "ics", "report", "audit", "person")
ALLOWED, FORBIDDEN, PASSWORD_REQUIRED = "allowed", "forbidden", "password_required"
EXPORT_MODES = (ALLOWED, FORBIDDEN, PASSWORD_REQUIRED)
REVEAL_MODES = ("always", "once_per_session", "never")
# Each category's days fix its retention setting (services/settings/policy_rules.RETENTION_SETTINGS;
# enforced by services/privacy: retention, records, housekeeping).
RETENTION_CATEGORIES = ("clients", "contacts", "plans", "complaints", "trash", "backups", "audit")

# key → (type, minimum, maximum) for the whole-number keys
_INTS = {
    "min_idle_lock_minutes": (1, 240),  # the idle lock may not be set longer than this
    "min_password_strength": (8, 64),  # domain/passwords.units: guessable units a new password needs
    "backups_kept": (1, 100),
}
KEYS = (*_INTS, "exports", "reveal_reason", "retention", "reason")
_RETENTION_DAYS = (1, 36500)
_REASON_CHARS = 200


@dataclass(frozen=True)
class Policy:
    """The policy in effect. ``path`` is the file read (None: no file, nothing fixed);
    ``values`` the keys it fixes; ``problem`` (zh, en) why the strict defaults replaced it."""

    path: Path | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    problem: tuple[str, str] | None = None

    @property
    def active(self) -> bool:
        return self.path is not None

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def export_mode(self, kind: str) -> str:
        return (self.values.get("exports") or {}).get(kind, ALLOWED)

    def problem_text(self) -> str | None:
        return t(*self.problem) if self.problem else None

    def reason(self) -> str:
        """The file's own stated reason (``"reason"``), or the file named."""
        return str(self.values.get("reason") or "") or t("IT 策略", "the IT policy")


# What an untrustworthy file becomes: every export needs a password, the shortest common idle
# lock, a reason asked at every reveal, a stronger password than the built-in minimum. Retention
# and the backup count stay the user's: neither choice is "stricter" without point 5's rules.
STRICT_VALUES: Mapping[str, Any] = {
    "min_idle_lock_minutes": 5,
    "min_password_strength": 12,
    "exports": dict.fromkeys(EXPORT_KINDS, PASSWORD_REQUIRED),
    "reveal_reason": "always",
}


def default_path(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Path:
    environ = os.environ if environ is None else environ
    if environ.get(ENV):
        return Path(environ[ENV])
    if (platform or sys.platform) == "win32":
        return (
            Path(environ.get("ProgramData") or environ.get("PROGRAMDATA") or r"C:\ProgramData")
            / "RMDesktop"
            / "policy.json"
        )
    return Path("/etc/rm-desktop/policy.json")


class _Bad(Exception):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.text = (zh, en)


def _int(key: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Bad(f"“{key}” 应为 {low} 到 {high} 之间的整数", f'"{key}" must be a whole number from {low} to {high}')
    return value


def _table(key: str, value: Any, names: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise _Bad(f"“{key}” 应为对象（{{...}}）", f'"{key}" must be an object ({{...}})')
    unknown = sorted(set(value) - set(names))
    if unknown:
        raise _Bad(
            f"“{key}” 中有未知的项：{unknown[0]}（可用：{'、'.join(names)}）",
            f'unknown entry in "{key}": {unknown[0]} (known: {", ".join(names)})',
        )
    return value


def _choice(key: str, value: Any, modes: tuple[str, ...]) -> str:
    if value not in modes or not isinstance(value, str):
        raise _Bad(f"“{key}” 只能是：{' / '.join(modes)}", f'"{key}" must be one of: {" / ".join(modes)}')
    return value


def _check(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _Bad("文件内容应为 JSON 对象（{...}）", "the file must hold a JSON object ({...})")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise _Bad(
            f"未知的项：{unknown[0]}（可用：{'、'.join(KEYS)}）",
            f"unknown key: {unknown[0]} (known: {', '.join(KEYS)})",
        )
    values: dict[str, Any] = {}
    for key, (low, high) in _INTS.items():
        if key in data:
            values[key] = _int(key, data[key], low, high)
    if "exports" in data:
        exports = _table("exports", data["exports"], EXPORT_KINDS)
        values["exports"] = {kind: _choice(f"exports.{kind}", mode, EXPORT_MODES) for kind, mode in exports.items()}
    if "reveal_reason" in data:
        values["reveal_reason"] = _choice("reveal_reason", data["reveal_reason"], REVEAL_MODES)
    if "retention" in data:
        table = _table("retention", data["retention"], RETENTION_CATEGORIES)
        values["retention"] = {name: _int(f"retention.{name}", days, *_RETENTION_DAYS) for name, days in table.items()}
    if "reason" in data:
        reason = data["reason"]
        if not isinstance(reason, str) or len(reason) > _REASON_CHARS or not reason.isprintable():
            raise _Bad(
                f"“reason” 应为不超过 {_REASON_CHARS} 个字符的一行文字",
                f'"reason" must be one line of at most {_REASON_CHARS} characters',
            )
        values["reason"] = reason.strip()
    return values


def _strict(path: Path, zh: str, en: str) -> Policy:
    return Policy(
        path,
        STRICT_VALUES,
        (
            f"IT 策略文件 {path} 无效（{zh}），已按最严格的默认规则运行",
            f"the IT policy file {path} is invalid ({en}); running under the strictest defaults",
        ),
    )


def parse(raw: bytes | str, path: Path) -> Policy:
    """The policy ``raw`` (the file's content) states; strict with the reason when it is bad."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        data = json.loads(text)
        return Policy(path, _check(data))
    except _Bad as bad:
        return _strict(path, *bad.text)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        where = f"：第 {exc.lineno} 行" if isinstance(exc, json.JSONDecodeError) else ""
        where_en = f" at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        return _strict(path, f"不是有效的 JSON{where}", f"not valid JSON{where_en}")


def load(path: Path | None = None) -> Policy:
    """Read the policy file (``path``, else :func:`default_path`); never raises."""
    path = default_path() if path is None else Path(path)
    try:
        if not path.exists():
            return Policy()
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:  # there but unreadable (permissions, a folder): not "no policy"
        return _strict(path, f"无法读取：{type(exc).__name__}", f"cannot be read: {type(exc).__name__}")
    if len(raw) > MAX_BYTES:
        return _strict(path, f"超过 {MAX_BYTES // 1024} KB", f"larger than {MAX_BYTES // 1024} KB")
    return parse(raw, path)


_current: Policy | None = None


def current() -> Policy:
    """The policy of this process: read once (at start, or at first use), then kept."""
    global _current
    if _current is None:
        _current = load()
    return _current


def reload() -> Policy:
    """Read the file again (tests; an app start after the environment changed)."""
    global _current
    _current = None
    return current()
