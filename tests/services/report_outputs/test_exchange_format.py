"""The exchange format (as_dict ↔ report_from_dict), by hypothesis: any report survives the round
trip unchanged, and any damage to its JSON is a BadReport (a UserError), never another
exception."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rm_desktop.domain.reports import KINDS, UNITS, Detail, Kpi, Line, Period, Report, Section, TrendPoint, as_dict
from rm_desktop.services.report_outputs.exchange import BadReport, report_from_dict

texts = st.text(max_size=12)
amounts = st.none() | st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False)
details = st.builds(Detail, st.none() | st.text("0123456789", max_size=6), texts, texts, amounts)
lines = st.builds(
    Line, texts, texts, st.integers(0, 10**6), amounts, st.tuples() | st.lists(details, max_size=3).map(tuple)
)
sections = st.builds(Section, texts, texts, st.lists(lines, max_size=3).map(tuple), texts)
kpis = st.builds(
    Kpi,
    texts,
    texts,
    st.sampled_from(UNITS),
    amounts,
    amounts,
    amounts,
    st.lists(st.builds(TrendPoint, texts, amounts), max_size=12).map(tuple),
)


@st.composite
def reports(draw) -> Report:
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)))
    end = start + dt.timedelta(days=draw(st.integers(0, 40)))
    return Report(
        period=Period(draw(st.sampled_from(KINDS)), start, end, draw(texts)),
        rm_name=draw(texts),
        branch=draw(texts),
        generated_at=dt.datetime(2026, 12, 31, 18, 0, 5),
        sections=tuple(draw(st.lists(sections, max_size=3))),
        kpis=tuple(draw(st.lists(kpis, max_size=3))),
        warnings=tuple(draw(st.lists(texts, max_size=2))),
        note=draw(texts),
        tomorrow=tuple(draw(st.lists(texts, max_size=2))),
        locked=draw(st.booleans()),
        revision=draw(st.integers(0, 50)),
        counts_only=draw(st.booleans()),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_report_survives_the_round_trip(report):
    # through JSON text, as in the bundle
    assert report_from_dict(json.loads(json.dumps(as_dict(report), ensure_ascii=False))) == report


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for k, item in enumerate(value):
            yield from _paths(item, (*path, k))


junk = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5) | st.lists(st.integers(), max_size=2)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.data())
def test_damaged_json_is_a_bad_report(report, data):
    content = as_dict(report)
    paths = [p for p in _paths(content) if p]
    path = data.draw(st.sampled_from(paths))
    target = content
    for key in path[:-1]:
        target = target[key]
    if data.draw(st.booleans()) and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = data.draw(junk)
    try:
        report_from_dict(content)
    except BadReport:
        pass  # the expected refusal; a value that happens to be valid is read, also fine


def test_decimals_are_exact():
    report = Report(
        Period("day", dt.date(2026, 12, 1), dt.date(2026, 12, 1), "2026-12-01"), "", "", dt.datetime(2026, 12, 1)
    )
    kpi = Kpi("k", "k", "amount", Decimal("0.10"), Decimal("12345678901.99"))
    back = report_from_dict(as_dict(report.__class__(**{**report.__dict__, "kpis": (kpi,)})))
    assert back.kpis[0].value == Decimal("0.10") and str(back.kpis[0].previous) == "12345678901.99"
