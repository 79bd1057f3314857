"""The watermark of one export: the visible line (RM name, branch, local date-time, purpose)
and the hidden mark (the register id), as text; io/watermark puts them into the file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rm_desktop.i18n import t
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.settings import profile as rm_profile
from rm_desktop.storage.handle import VaultHandle

HIDDEN_PREFIX = "rm-desktop-export:"


@dataclass(frozen=True)
class Mark:
    register_id: int
    visible: str
    hidden: str  # "rm-desktop-export:<id>": what a file found later is traced back by
    counts: dict[str, Any] = field(default_factory=dict)  # audit counts the block adds (rows written)


def hidden_mark(register_id: int) -> str:
    return f"{HIDDEN_PREFIX}{int(register_id)}"


def register_id_of(hidden: str | None) -> int | None:
    """The register id a document property holds, or None (not one of ours)."""
    for part in (hidden or "").replace(";", " ").replace(",", " ").split():
        if part.startswith(HIDDEN_PREFIX) and part[len(HIDDEN_PREFIX) :].isdigit():
            return int(part[len(HIDDEN_PREFIX) :])
    return None


def visible_text(rm_name: str, branch: str, moment: dt.datetime, purpose_label: str) -> str:
    local = moment.astimezone().strftime("%Y-%m-%d %H:%M")
    return t(
        "客户经理 {} · {} · 导出于 {} · 用途：{} · 仅限本用途使用",
        "RM {} · {} · exported {} · purpose: {} · for this purpose only",
    ).format(
        rm_name or t("（未填姓名）", "(no name set)"),
        branch or t("（未填网点）", "(no branch set)"),
        local,
        purpose_label,
    )


def mark_for(vault: VaultHandle, register_id: int, control: ExportControl, *, now: dt.datetime | None = None) -> Mark:
    rm = rm_profile.load(vault.settings)  # 设置 › 个人信息
    text = visible_text(rm.name, rm.branch, now or audit_log.utc_now(), control.label())
    return Mark(register_id, text, hidden_mark(register_id))
