"""field_values.today(): the day of ``datetime.date.today()``, kept for the clock span it covers."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rm_desktop.domain import field_values

# A zone without DST, two with it (one an hour, one half an hour), one whose DST began at midnight.
ZONES = ["Asia/Shanghai", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo"]


@pytest.fixture
def zone(request):
    if not Path("/usr/share/zoneinfo", request.param).exists():
        pytest.skip("no zoneinfo for " + request.param)
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    field_values._TODAY = (0.0, 0.0, dt.date.min)
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()
    field_values._TODAY = (0.0, 0.0, dt.date.min)


# Seconds since the epoch, 2015-2030, with steps that land on and around local midnights.
clock = st.lists(st.integers(1_420_070_400, 1_893_456_000), min_size=1, max_size=40)
steps = st.lists(st.sampled_from([-1, 0, 1, 59, 3600, 1800, 86_399, 86_400, 86_401]), max_size=40)


@pytest.mark.parametrize("zone", ZONES, indirect=True)
# The zone is set once per test; the day kept from one example to the next is part of the test.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(starts=clock, moves=steps)
def test_today_is_the_day_date_today_reads(zone, starts, moves):
    moments = []
    for start in starts:
        midnight = time.mktime(dt.date.fromtimestamp(start).timetuple())
        moments += [start, midnight, *(midnight + move for move in moves)]
    with pytest.MonkeyPatch.context() as patch:
        for moment in moments:
            patch.setattr(field_values.time, "time", lambda moment=moment: moment)
            assert field_values.today() == dt.date.fromtimestamp(moment), (zone, moment)
