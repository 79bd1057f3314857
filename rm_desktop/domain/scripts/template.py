"""Parsing and rendering of script bodies with ``{placeholder}`` fields.

Syntax (deliberately tiny, because RMs write these by hand):

* ``{姓名}`` inserts a value. Braces are required: Chinese has no word boundaries, so in
  ``{姓名}先生`` only the braces say where the name ends.
* ``{称谓|客户}`` inserts the value, or the text after ``|`` when the value is empty or missing.
  ``{称谓|}`` inserts nothing in that case. The full-width bar ``｜`` of Chinese input methods
  works too. Names and fallbacks are stripped of surrounding spaces.
* ``{{`` and ``}}`` are a literal ``{`` and ``}``.

A missing value without a fallback renders as a visible marker, by default ``【姓名?】``, so an
unfilled message is never sent unnoticed; it is also listed in ``RenderResult.missing``.

The scanner is hand-written: user text never reaches ``str.format``, ``eval`` or a regex
substitution with backreferences, and values from the context are inserted verbatim (a value
containing braces is not parsed again). :func:`parse` never raises; it collects problems.
Broken parts render as their literal text so the user sees where the mistake is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from rm_desktop.domain.scripts.placeholders import KNOWN_NAMES
from rm_desktop.i18n import t

DEFAULT_MISSING_MARKER = "【{name}?】"
"""Shown for a missing value; ``{name}`` in the marker is replaced by the placeholder's name."""

_SEPARATORS = ("|", "｜")
# A full-width brace pair around a known name is almost surely an input-method slip.
_FULLWIDTH = re.compile(r"｛([^｛｝{}\n]{1,20})｝")


class ProblemKind(StrEnum):
    UNBALANCED_OPEN = "unbalanced_open"
    UNBALANCED_CLOSE = "unbalanced_close"
    EMPTY_PLACEHOLDER = "empty_placeholder"
    UNKNOWN_FIELD = "unknown_field"
    NESTED_BRACE = "nested_brace"
    FULLWIDTH_BRACE = "fullwidth_brace"


@dataclass(frozen=True)
class TemplateProblem:
    """A mistake in a body. ``position`` is the 0-based index of the offending character
    (the opening brace for placeholder problems); ``name`` is the field for unknown fields."""

    kind: ProblemKind
    position: int
    name: str = ""

    @property
    def message(self) -> str:
        where = self.position + 1  # people count characters from 1
        texts = {
            ProblemKind.UNBALANCED_OPEN: t(
                "第{pos}个字符处的“{{”没有对应的“}}”（要写大括号本身请用“{{{{”）",
                "The “{{” at character {pos} has no matching “}}” (write “{{{{” for a literal brace)",
            ),
            ProblemKind.UNBALANCED_CLOSE: t(
                "第{pos}个字符处的“}}”没有对应的“{{”（要写大括号本身请用“}}}}”）",
                "The “}}” at character {pos} has no matching “{{” (write “}}}}” for a literal brace)",
            ),
            ProblemKind.EMPTY_PLACEHOLDER: t(
                "第{pos}个字符处的占位符是空的", "The placeholder at character {pos} is empty"
            ),
            ProblemKind.UNKNOWN_FIELD: t(
                "第{pos}个字符处的占位符“{name}”不是已知字段",
                "The placeholder “{name}” at character {pos} is not a known field",
            ),
            ProblemKind.NESTED_BRACE: t(
                "第{pos}个字符处的占位符里又有大括号（占位符不能嵌套）",
                "The placeholder at character {pos} contains another brace (placeholders cannot nest)",
            ),
            ProblemKind.FULLWIDTH_BRACE: t(
                "第{pos}个字符处的“｛{name}｝”用了全角大括号，占位符须用半角“{{{name}}}”",
                "“｛{name}｝” at character {pos} uses full-width braces; write “{{{name}}}”",
            ),
        }
        # Only our own constant texts go through format(); the name is a plain argument.
        return texts[self.kind].format(pos=where, name=self.name)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Placeholder:
    """A ``{name}`` or ``{name|fallback}`` field; ``start``/``end`` delimit it in the body."""

    name: str
    fallback: str | None
    start: int
    end: int


Segment = str | Placeholder


@dataclass(frozen=True)
class ParsedTemplate:
    segments: tuple[Segment, ...]
    problems: tuple[TemplateProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def placeholders(self) -> tuple[Placeholder, ...]:
        return tuple(s for s in self.segments if isinstance(s, Placeholder))

    @property
    def fields(self) -> list[str]:
        """The field names used, each once, in order of first use."""
        return list(dict.fromkeys(p.name for p in self.placeholders))


@dataclass(frozen=True)
class RenderResult:
    text: str
    missing: list[str] = field(default_factory=list)
    problems: list[TemplateProblem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every field was filled and the body had no problems."""
        return not self.missing and not self.problems


def _matching_closes(body: str) -> dict[int, int]:
    """Index of each ``{`` -> index of the ``}`` that closes it, counting raw braces.

    One stack pass, so a long body full of unmatched braces still parses in linear time.
    """
    stack: list[int] = []
    matches: dict[int, int] = {}
    for index, char in enumerate(body):
        if char == "{":
            stack.append(index)
        elif char == "}" and stack:
            matches[stack.pop()] = index
    return matches


def _split_field(inner: str) -> tuple[str, str | None]:
    cut = min((i for i in (inner.find(s) for s in _SEPARATORS) if i >= 0), default=-1)
    if cut < 0:
        return inner.strip(), None
    return inner[:cut].strip(), inner[cut + 1 :].strip()


def parse(body: str, known: Iterable[str] | None = None) -> ParsedTemplate:
    """Split ``body`` into literal text and placeholders; never raises.

    ``known`` is the set of valid field names (default: the placeholder catalogue); other names
    are still placeholders but reported as UNKNOWN_FIELD.
    """
    known_names = KNOWN_NAMES if known is None else frozenset(known)
    matches = _matching_closes(body)
    segments: list[Segment] = []
    problems: list[TemplateProblem] = []
    text: list[str] = []
    i, n = 0, len(body)
    while i < n:
        char = body[i]
        if char not in "{}":
            j = min((k for k in (body.find("{", i), body.find("}", i)) if k >= 0), default=n)
            text.append(body[i:j])
            i = j
        elif body.startswith(char * 2, i):  # {{ or }}: an escaped brace
            text.append(char)
            i += 2
        elif char == "}":
            problems.append(TemplateProblem(ProblemKind.UNBALANCED_CLOSE, i))
            text.append(char)
            i += 1
        elif i not in matches:
            problems.append(TemplateProblem(ProblemKind.UNBALANCED_OPEN, i))
            text.append(char)
            i += 1
        else:
            end = matches[i] + 1
            inner = body[i + 1 : end - 1]
            name, fallback = _split_field(inner)
            if "{" in inner:
                problems.append(TemplateProblem(ProblemKind.NESTED_BRACE, i))
                text.append(body[i:end])
            elif not name:
                problems.append(TemplateProblem(ProblemKind.EMPTY_PLACEHOLDER, i))
                text.append(body[i:end])
            else:
                if name not in known_names:
                    problems.append(TemplateProblem(ProblemKind.UNKNOWN_FIELD, i, name))
                if text:
                    segments.append("".join(text))
                    text = []
                segments.append(Placeholder(name, fallback, i, end))
            i = end
    if text:
        segments.append("".join(text))
    for slip in _FULLWIDTH.finditer(body):
        name, _ = _split_field(slip.group(1))
        if name in known_names:
            problems.append(TemplateProblem(ProblemKind.FULLWIDTH_BRACE, slip.start(), name))
    problems.sort(key=lambda p: p.position)
    return ParsedTemplate(tuple(segments), tuple(problems))


def render_parsed(
    parsed: ParsedTemplate, context: Mapping[str, object], missing_marker: str = DEFAULT_MISSING_MARKER
) -> RenderResult:
    """Fill a parsed template (parse once, render for many clients)."""
    out: list[str] = []
    missing: list[str] = []
    for segment in parsed.segments:
        if isinstance(segment, str):
            out.append(segment)
            continue
        value = context.get(segment.name)
        value_text = "" if value is None else str(value)
        if value_text.strip():
            out.append(value_text)
        elif segment.fallback is not None:
            out.append(segment.fallback)
        else:
            out.append(missing_marker.replace("{name}", segment.name))
            if segment.name not in missing:
                missing.append(segment.name)
    return RenderResult("".join(out), missing, list(parsed.problems))


def render(
    body: str,
    context: Mapping[str, object],
    missing_marker: str = DEFAULT_MISSING_MARKER,
    *,
    known: Iterable[str] | None = None,
) -> RenderResult:
    """Fill ``body`` from ``context``; never raises, renders what it can of a broken body."""
    return render_parsed(parse(body, known), context, missing_marker)


def escape(text: str) -> str:
    """Literal text as a body: braces doubled, so ``render(escape(s), {}).text == s``."""
    return text.replace("{", "{{").replace("}", "}}")
