"""Why a file leaves the vault: the closed list of purposes and the client fields each needs.

PIPL's minimisation: an export carries the client's name (and the customer number that keys a
row) plus what its purpose needs; the RM ticks on more, and the register says which were sent.
The full archive and a handover keep every column whatever the purpose: the importer reads the
archive back whole (a round trip that drops columns would lose data on re-import), so only the
list export is narrowed.

When no purpose is given (a caller from before the register, or the CLI without --purpose and
no terminal to ask on), :func:`default_control` picks the kind's natural one: an archive is
备份留存, a handover 客户交接, a plan PDF 客户本人申请 (the client receives the plan), the audit
log 监管报送; a list, a calendar or a report is 其他 with a note saying it is the RM's own work
copy. 其他 is never registered without a note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

MAX_NOTE = 200


@dataclass(frozen=True)
class Purpose:
    code: str
    zh: str
    en: str
    fields: tuple[str, ...]  # the list export's fields it needs beyond name and customer_no

    def label(self) -> str:
        return t(self.zh, self.en)

    @property
    def needs_note(self) -> bool:
        return self.code == OTHER


OTHER = "other"
BASE_FIELDS = ("customer_no", "name")
PURPOSES: tuple[Purpose, ...] = (
    Purpose("handover", "客户交接", "client handover", ("phone", "aum", "tier_name", "risk_grade", "next_follow_up")),
    Purpose("marketing", "营销活动", "marketing campaign", ("phone", "tier_name", "tags")),
    Purpose("regulatory", "监管报送", "regulatory report", ("id_number", "aum", "risk_grade")),
    Purpose("client_request", "客户本人申请", "the client's own request", ("id_number", "phone", "aum")),
    Purpose("backup", "备份留存", "backup copy", ()),  # a backup keeps every field: see full_set
    Purpose(OTHER, "其他（须说明）", "other (say what)", ()),
)
_BY_CODE = {p.code: p for p in PURPOSES}
# Purposes whose export is a copy of the book, not a selection: every field by default.
FULL_SET = frozenset({"backup"})
DEFAULTS = {
    "archive": ("backup", None),
    "handover": ("handover", None),
    "plan_pdf": ("client_request", None),
    "audit": ("regulatory", None),
    "list": (OTHER, "客户经理本人工作用"),
    "ics": (OTHER, "客户经理本人日历"),
    "report": (OTHER, "工作报告"),
    "person": ("client_request", None),
}


def purpose(code: str) -> Purpose:
    return _BY_CODE[code]


def parse_purpose(text: str) -> Purpose:
    """A purpose by code, Chinese or English label (其他 also as 其他 alone); a UserError naming
    the choices otherwise."""
    wanted = (text or "").strip()
    for p in PURPOSES:
        if wanted.lower() in (p.code, p.en.lower()) or wanted in (p.zh, p.zh.split("（")[0]):
            return p
    choices = ", ".join(f"{p.code} ({p.zh})" for p in PURPOSES)
    raise UserError(t("用途 {!r} 无效；可选：{}", "unknown purpose {!r}; choose one of: {}").format(wanted, choices))


@dataclass(frozen=True)
class ExportControl:
    """What the RM said about one export: the purpose, its note (required for 其他) and the
    client fields chosen (None: the kind's own full set, for kinds without a field choice)."""

    purpose: str
    note: str | None = None
    fields: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.purpose not in _BY_CODE:
            raise UserError(t("用途 {!r} 无效", "unknown purpose {!r}").format(self.purpose))
        note = (self.note or "").strip() or None
        if note is not None and (len(note) > MAX_NOTE or any(ord(c) < 32 for c in note)):
            raise UserError(
                t(
                    "用途说明须为一行，最多 {} 个字", "the purpose note must be one line of at most {} characters"
                ).format(MAX_NOTE)
            )
        if self.purpose == OTHER and note is None:
            raise UserError(t("用途为“其他”时须说明用途", "purpose “other” needs a note saying what it is for"))
        object.__setattr__(self, "note", note)

    def label(self) -> str:
        base = purpose(self.purpose).label()
        if self.purpose == OTHER:
            base = t("其他", "other")
        return f"{base}：{self.note}" if self.note else base


def default_control(kind: str) -> ExportControl:
    code, note = DEFAULTS[kind]
    return ExportControl(code, note)


def minimum_fields(purpose_code: str, available: Sequence[str]) -> tuple[str, ...]:
    """The fields ticked by default for ``purpose_code`` among ``available`` (in their order)."""
    if purpose_code in FULL_SET:
        return tuple(available)
    wanted = set(BASE_FIELDS) | set(purpose(purpose_code).fields)
    return tuple(f for f in available if f in wanted)


def chosen_fields(control: ExportControl, available: Sequence[str]) -> tuple[str, ...]:
    """The fields an export writes: the control's choice (name and customer number always, in
    the available order) or, with no choice made, the purpose's minimum."""
    if control.fields is None:
        return minimum_fields(control.purpose, available)
    unknown = [f for f in control.fields if f not in available]
    if unknown:
        raise UserError(
            t("字段 {} 无效；可选：{}", "unknown field(s) {}; choose from: {}").format(
                ", ".join(unknown), ", ".join(available)
            )
        )
    wanted = set(control.fields) | set(BASE_FIELDS)
    return tuple(f for f in available if f in wanted)


def parse_fields(text: str | None) -> tuple[str, ...] | None:
    """``a,b,c`` (commas, Chinese commas or spaces) as field codes; None for no choice."""
    if text is None:
        return None
    parts: Iterable[str] = text.replace("，", ",").replace(" ", ",").split(",")
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))
