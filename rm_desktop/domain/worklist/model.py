"""Value types of the worklist (今日工作清单): the facts one item is scored from, the scored
item, and the tunable weights.

Pure and Qt-free like the reminder engine: the services load the facts, pass "today" in, and
the GUI, the CLI and the tests get the same list for the same inputs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t

# Kinds beyond the reminder engine's (domain/reminders/model.KINDS): a churn signal and the
# question "what happened to the matured money" (到期承接).
KIND_CHURN = "churn"
KIND_OUTCOME = "maturity_outcome"

DEFAULT_CAPACITY = 8  # the training material's 5–8 clients met or called a day
# Promises and money first, relationship care last; every kind not named weighs 1.
DEFAULT_KIND_WEIGHTS = (
    "follow_up:3,complaint:3,maturity:3,maturity_outcome:2.5,churn:2,opportunity:2,appointment:2,risk_expiry:1.5,"
    "cadence:1,plan_review:1,custom:1,playbook_step:1.5,birthday:0.8,festival:0.5"
)
# The tiers the RM maintains weigh more; tiers not named weigh 1 (a bank's own tier codes too).
DEFAULT_TIER_WEIGHTS = "basic:0.5,standard:0.5,potential:1,priority:1,wealth:1.5,private:2"
MAX_WEIGHT = 100.0
_PAIR = re.compile(r"^([A-Za-z0-9_\-]+)\s*[:：=]\s*([+-]?\d+(\.\d+)?)$")


def parse_weights(text: object, setting: str) -> dict[str, float]:
    """ "code:weight, …" → {code: weight}. A weight must be above 0 (a 0 would hide a whole
    kind or tier from the plan, a negative one turn it upside down): refused with a message."""
    weights: dict[str, float] = {}
    for part in (p.strip() for p in re.split(r"[,，;；\n]+", str(text or "")) if p.strip()):
        match = _PAIR.match(part)
        if match is None:
            raise ValidationError(
                setting,
                t("权重应写成“代码:数字”，例如 private:2：{}", 'weights are "code:number", e.g. private:2: {}').format(
                    part
                ),
            )
        value = float(match[2])
        if not 0 < value <= MAX_WEIGHT:
            raise ValidationError(
                setting,
                t("权重必须大于 0 且不超过 {}：{}", "a weight must be above 0 and at most {}: {}").format(
                    int(MAX_WEIGHT), part
                ),
            )
        weights[match[1]] = value
    return weights


def format_weights(weights: dict[str, float]) -> str:
    return ",".join(f"{code}:{value:g}" for code, value in weights.items())


@dataclass(frozen=True)
class WorklistSettings:
    """Weights of the score (see :mod:`.score`) and the day's capacity."""

    capacity: int = DEFAULT_CAPACITY
    kind_weights: dict[str, float] = field(default_factory=lambda: parse_weights(DEFAULT_KIND_WEIGHTS, "kinds"))
    tier_weights: dict[str, float] = field(default_factory=lambda: parse_weights(DEFAULT_TIER_WEIGHTS, "tiers"))

    def __post_init__(self) -> None:
        if self.capacity < 1:
            raise ValidationError("capacity", t("每日容量至少为 1", "the daily capacity must be at least 1"))
        for name, weights in (
            ("worklist_kind_weights", self.kind_weights),
            ("worklist_tier_weights", self.tier_weights),
        ):
            parse_weights(format_weights(weights), name)  # the same refusal as the setting's text


# Not frozen=True: a frozen dataclass's __init__ sets each field through object.__setattr__
# (~3× the cost); a 100k book makes tens of thousands of these per worklist (issue 19.4).
# Treated as immutable all the same; unsafe_hash keeps the frozen type's hash.
@dataclass(slots=True, unsafe_hash=True)
class ClientContext:
    """What the score and the "why" need to know of an item's client."""

    client_id: int
    name: str
    tier_code: str | None = None
    tier_name: str = ""
    aum: Decimal | None = None  # 元
    last_contact: dt.date | None = None
    cadence_days: int | None = None  # the agreed cadence: the client's own, else the tier's


class _NoValues(dict):
    """The one shared, empty ``amounts``/``numbers`` of the candidates without any: most have
    none, and a fresh dict each cost 64 bytes and a call (~40k of each at 100k). Refuses writes
    (it is shared); a dict for ``json`` and ``**``."""

    __slots__ = ()

    def _refuse(self, *_args: object, **_kwargs: object) -> None:
        raise TypeError("shared empty mapping")

    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = _refuse  # type: ignore[assignment]
    __ior__ = _refuse  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]  # a field default must be hashable
        return 0


NO_VALUES: dict = _NoValues()  # typed as a plain dict: it is one, for every reader


@dataclass(slots=True, unsafe_hash=True)  # see ClientContext
class Candidate:
    """One open item before scoring. ``due`` is the underlying deadline (a maturity date, the
    follow-up's date, a cadence's due day); ``stage`` the n of a T-n maturity notice;
    ``stake`` the money at stake when it is not the client's AUM (a maturing holding);
    ``head_zh``/``head_en`` the item's own part of the "why", with ``{name}`` placeholders for
    the ``amounts`` (元), which privacy mode hides; ``rule`` and ``numbers`` say which churn
    rule fired and on what figures."""

    key: str
    kind: str
    client: ClientContext | None
    due: dt.date
    head_zh: str
    head_en: str
    amounts: dict[str, Decimal] = NO_VALUES  # shared, empty
    stake: Decimal | None = None
    stage: int | None = None
    hard: bool = False
    ref_id: int | None = None
    rule: str | None = None
    numbers: dict[str, object] = NO_VALUES  # shared, empty


@dataclass(slots=True, unsafe_hash=True)  # see ClientContext
class WorkItem:
    """A scored item of the day's worklist; :meth:`why` is its one-line reason."""

    candidate: Candidate
    score: float
    today: dt.date  # the day the item was scored for ("last contact 41 days ago")

    @property
    def key(self) -> str:
        return self.candidate.key

    @property
    def kind(self) -> str:
        return self.candidate.kind

    @property
    def client_id(self) -> int | None:
        return self.candidate.client.client_id if self.candidate.client else None

    @property
    def client_name(self) -> str:
        return self.candidate.client.name if self.candidate.client else ""

    @property
    def due(self) -> dt.date:
        return self.candidate.due

    @property
    def hard(self) -> bool:
        return self.candidate.hard

    def why(self, *, hidden: str | None = None) -> str:
        """ "到期 50万 T-1 · 私行客户 · 上次联系 41 天前"; with ``hidden`` (privacy mode) every
        amount is shown as that text instead."""
        c = self.candidate
        shown = {name: hidden if hidden is not None else wan(value) for name, value in c.amounts.items()}
        head = t(c.head_zh, c.head_en).format(**shown)
        return " · ".join([head, *(t(zh, en) for zh, en in self.parts())])

    def parts(self) -> tuple[tuple[str, str], ...]:
        """The (zh, en) pieces after the head: the client's tier and last contact. Built when
        shown, not when scored: a 100k book scores tens of thousands of items."""
        client = self.candidate.client
        if client is None:
            return ()
        found = [(client.tier_name, client.tier_name)] if client.tier_name else []
        if client.last_contact is None:
            found.append(("从未联系", "never contacted"))
        else:
            days = max(0, (self.today - client.last_contact).days)
            found.append((f"上次联系 {days} 天前", f"last contact {days} days ago"))
        return tuple(found)


def _short(value: Decimal) -> str:
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")


def wan(amount: Decimal) -> str:
    """50万 in Chinese, 500k in English (万 has no English word)."""
    return t(f"{_short(amount / 10_000)}万", f"{_short(amount / 1000)}k")
