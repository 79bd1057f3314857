"""The reasons an RM gives to see a full ID number, phone or balance, and when one is asked.

Codes are stored in the audit log: never rename one, only add. ``not_asked`` is what a reveal
under the mode ``never`` is logged with, so the trail of reveals stays complete."""

from __future__ import annotations

import re
from collections.abc import Collection

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

OTHER = "other"
NOT_ASKED = "not_asked"
# code → (zh, en), in the order the dialog lists them.
REASONS: dict[str, tuple[str, str]] = {
    "verify_identity": ("客户来电核实身份", "Verifying a calling client's identity"),
    "transaction": ("办理业务", "Carrying out a transaction"),
    "client_request": ("客户要求", "At the client's request"),
    "check_records": ("核对资料", "Checking the records"),
    OTHER: ("其他（须填写）", "Other (say why)"),
}
LOGGED = {**REASONS, NOT_ASKED: ("未要求", "Not asked")}
MODES = ("always", "once_per_session", "never")
FIELD_KINDS = ("phone", "id_number", "balance")
NOTE_MAX = 200
# An ID number, a phone or an account number typed into the reason would put it in the log:
# 6+ digits, also when written in groups ("139-1234-5678"; a date like 2026-12-02 goes too).
_DIGIT_RUN = re.compile(r"\d(?:[ \-.]*\d){5,}")
_SPACES = re.compile(r"\s+")


def label(code: str) -> str:
    """A reason in the current language; an unknown code (a newer version's) as is."""
    zh_en = LOGGED.get(code)
    return code if zh_en is None else t(*zh_en)


def reveal_needed(mode: str, client_id: int, session_seen: Collection[int]) -> bool:
    """Whether to ask the reason before revealing ``client_id``'s field: ``always`` asks every
    time, ``once_per_session`` once per client until the lock (``session_seen`` holds those
    already explained), ``never`` never. An unknown mode asks (the strict side)."""
    if mode == "never":
        return False
    if mode == "once_per_session":
        return client_id not in session_seen
    return True


def clean_note(text: str | None) -> str:
    """The free-text reason as it may be logged: one line, runs of 6+ digits (an ID number, a
    phone, an account, grouped or not) replaced by #, at most NOTE_MAX characters."""
    line = _SPACES.sub(" ", text or "").strip()
    return _DIGIT_RUN.sub(lambda m: "#" * len(m.group()), line)[:NOTE_MAX]


def check_reason(code: str, note: str | None = None) -> tuple[str, str | None]:
    """(code, the note to log or None): a UserError for an unknown code, or 其他 without words."""
    if code not in LOGGED:
        raise UserError(
            t("未知的查看原因“{}”，可选：{}", 'unknown reveal reason "{}"; one of: {}').format(code, ", ".join(REASONS))
        )
    if code != OTHER:
        return code, None
    cleaned = clean_note(note)
    if not cleaned.strip("# "):
        raise UserError(t("选择“其他”时须填写原因", 'the reason "other" needs a few words saying why'))
    return code, cleaned
