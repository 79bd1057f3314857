"""A playbook: a named list of steps, each an offset in days from a start event (day 0: the
client opened the account, the product matures, the complaint came in, the salon is held),
a contact channel and an optional 话术. Starting one for a client dates its steps.

A playbook is referred to by ``ref``: a built-in's code (``new_client``) or ``#<id>`` for an
RM's own copy in the vault.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rm_desktop.domain.choices import CHANNELS
from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

MAX_STEPS = 30
MAX_OFFSET = 366  # a year either way: a maturity's T-30 and a yearly review fit
MAX_NAME, MAX_TITLE, MAX_SCRIPT = 60, 100, 2000


@dataclass(frozen=True)
class Step:
    offset: int  # days from the start event; negative = before it (T-30)
    title: str
    channel: str  # domain.choices.CHANNELS code
    script: str = ""

    def offset_label(self) -> str:
        """ "第 3 天" / "T-30" / "T+1" as the training material writes them."""
        return f"T{self.offset:+d}" if self.offset < 0 else t("第 {} 天", "day {}").format(self.offset)

    def as_json(self) -> dict[str, object]:
        return {"offset": self.offset, "title": self.title, "channel": self.channel, "script": self.script}


@dataclass(frozen=True)
class Playbook:
    ref: str
    name: str
    start_label: str  # what day 0 is (开户日, 到期日 …)
    steps: tuple[Step, ...]
    builtin: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "ref": self.ref,
            "name": self.name,
            "start": self.start_label,
            "builtin": self.builtin,
            "steps": [step.as_json() for step in self.steps],
        }


def check_step(step: Step, index: int) -> Step:
    where = f"steps[{index + 1}]"
    if not isinstance(step.offset, int) or abs(step.offset) > MAX_OFFSET:
        raise ValidationError(
            f"{where}.offset",
            t("天数应为 -{0} 到 {0} 之间的整数", "the offset is a whole number of days from -{0} to {0}").format(
                MAX_OFFSET
            ),
        )
    title = (step.title or "").strip()
    if not title:
        raise ValidationError(f"{where}.title", t("步骤名称不能为空", "the step needs a title"))
    if len(title) > MAX_TITLE:
        raise ValidationError(f"{where}.title", t("最多 {} 个字", "at most {} characters").format(MAX_TITLE))
    script = (step.script or "").strip()
    if len(script) > MAX_SCRIPT:
        raise ValidationError(f"{where}.script", t("最多 {} 个字", "at most {} characters").format(MAX_SCRIPT))
    return Step(step.offset, title, CHANNELS.parse(step.channel, f"{where}.channel"), script)


def check_playbook(
    name: str, start_label: str, steps: tuple[Step, ...] | list[Step]
) -> tuple[str, str, tuple[Step, ...]]:
    """Name, start label and steps checked and trimmed; steps in date order (stable)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("name", t("流程名称不能为空", "the playbook needs a name"))
    if len(name) > MAX_NAME:
        raise ValidationError("name", t("最多 {} 个字", "at most {} characters").format(MAX_NAME))
    if not steps:
        raise ValidationError("steps", t("至少需要一个步骤", "at least one step is needed"))
    if len(steps) > MAX_STEPS:
        raise ValidationError("steps", t("最多 {} 个步骤", "at most {} steps").format(MAX_STEPS))
    checked = [check_step(step, index) for index, step in enumerate(steps)]
    label = (start_label or "").strip()[:MAX_TITLE] or t("开始日", "start day")
    return name, label, tuple(sorted(checked, key=lambda s: s.offset))


def dated_steps(steps: tuple[Step, ...], start: dt.date) -> list[tuple[dt.date, Step]]:
    """Each step with its day: the start plus its offset."""
    return [(start + dt.timedelta(days=step.offset), step) for step in steps]
