"""The RM's own profile (个人信息): name, branch (网点), phone and title, kept as vault settings.

One parser per field: the registry checks every write through it (the first-run dialog, 设置 ›
个人信息 and ``profile set`` all end in ``Settings.set``), and the dialogs call the same parser
to show a refusal beside the field. Scripts' merge fields (【客户经理】【网点】…), the plan PDF's
header and the handover receipt read the profile through :func:`load`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from rm_desktop.domain.client_fields import parse_name
from rm_desktop.domain.errors import ValidationError
from rm_desktop.domain.field_values import text
from rm_desktop.domain.phones import normalize_phone
from rm_desktop.domain.scripts.placeholders import RmInfo
from rm_desktop.i18n import t

MAX_BRANCH, MAX_TITLE = 60, 30


class SettingsLike(Protocol):
    def get(self, key: str) -> Any: ...
    def set(self, key: str, value: Any) -> Any: ...


def _optional(parse: Callable[[Any, str], Any]) -> Callable[[Any], str]:
    """Empty is allowed (the profile can be filled in later); anything else goes through ``parse``."""

    def check(raw: Any) -> str:
        if raw is None or not str(raw).strip():
            return ""
        return str(parse(raw, "") or "")

    return check


def _one_line(max_len: int) -> Callable[[Any, str], Any]:
    parse = text(max_len)

    def check(raw: Any, field: str) -> str:
        return " ".join((parse(raw, field) or "").split())  # one line: a merge field sits in a sentence

    return check


@dataclass(frozen=True)
class ProfileField:
    key: str  # the setting's key
    option: str  # the CLI's --option
    label_zh: str
    label_en: str
    parse: Callable[[Any], str]

    def label(self) -> str:
        return t(self.label_zh, self.label_en)

    def check(self, raw: Any) -> str:
        """The stored form of ``raw``, or ValidationError naming this field by its label."""
        try:
            return self.parse(raw)
        except ValidationError as exc:
            raise ValidationError(self.label(), exc.message) from None


FIELDS: tuple[ProfileField, ...] = (
    ProfileField("rm_name", "name", "姓名", "Name", _optional(parse_name)),
    ProfileField("branch_name", "branch", "网点", "Branch", _optional(_one_line(MAX_BRANCH))),
    ProfileField("rm_phone", "phone", "电话", "Phone", _optional(normalize_phone)),
    ProfileField("rm_title", "title", "职务", "Title", _optional(_one_line(MAX_TITLE))),
)
BY_KEY: dict[str, ProfileField] = {f.key: f for f in FIELDS}


@dataclass(frozen=True)
class RmProfile:
    name: str = ""
    branch: str = ""
    phone: str = ""
    title: str = ""

    @property
    def missing(self) -> list[str]:
        """Labels of the fields still empty."""
        values = self.as_settings()
        return [f.label() for f in FIELDS if not values[f.key]]

    def as_settings(self) -> dict[str, str]:
        return {"rm_name": self.name, "branch_name": self.branch, "rm_phone": self.phone, "rm_title": self.title}

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "branch": self.branch, "phone": self.phone, "title": self.title}

    def rm_info(self) -> RmInfo:
        return RmInfo(self.name, self.phone or None, self.branch or None, self.title or None)

    def signature(self) -> str:
        """How documents name the RM: 张敏（理财经理） or just the name."""
        return f"{self.name}（{self.title}）" if self.name and self.title else self.name


def load(settings: SettingsLike) -> RmProfile:
    return RmProfile(
        settings.get("rm_name"), settings.get("branch_name"), settings.get("rm_phone"), settings.get("rm_title")
    )


def check(values: Mapping[str, Any]) -> dict[str, str]:
    """Every given field (setting key → raw value) parsed, all before any is written; the first
    refusal raises ValidationError naming its field."""
    return {key: BY_KEY[key].check(raw) for key, raw in values.items()}


def save(settings: SettingsLike, values: Mapping[str, Any]) -> RmProfile:
    """Write the given fields (setting key → raw value); fields not given keep their value."""
    for key, value in check(values).items():
        settings.set(key, value)
    return load(settings)
