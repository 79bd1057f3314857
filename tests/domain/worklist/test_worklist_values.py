"""The worklist's value types stay cheap to make (issue 19.4) and behave as values: candidates
without amounts or numbers share one empty mapping that refuses writes (a write would reach
every candidate), and equal items compare and hash equal."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rm_desktop.domain.worklist import Candidate, ClientContext
from rm_desktop.domain.worklist.model import NO_VALUES

DAY = dt.date(2026, 6, 15)


def test_candidates_without_values_share_one_empty_mapping_that_refuses_writes():
    one, two = Candidate("a", "birthday", None, DAY, "生日", "birthday"), Candidate("b", "cadence", None, DAY, "", "")
    assert one.amounts is two.numbers is NO_VALUES and one.amounts == {} and json.dumps(one.numbers) == "{}"
    for write in (
        lambda: one.amounts.__setitem__("x", 1),
        lambda: one.numbers.update(x=1),
        lambda: one.numbers.setdefault("x", 1),
    ):
        with pytest.raises(TypeError):
            write()
    assert NO_VALUES == {}
    assert Candidate("c", "churn", None, DAY, "", "", numbers={"days": 3}).numbers == {"days": 3}


def test_equal_contexts_are_equal_and_hash_alike():
    a, b = (
        ClientContext(1, "张三", "private", "私行", None, DAY, 30),
        ClientContext(1, "张三", "private", "私行", None, DAY, 30),
    )
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
