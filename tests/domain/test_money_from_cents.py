"""from_cents multiplies by Decimal('0.01') (issue 19.4: faster in the worklist's loops): the
same Decimal as the exact scaleb(-2) it replaced, digits and exponent, for any whole fen."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from rm_desktop.domain.money import from_cents


@given(st.integers(min_value=-(10**26), max_value=10**26))
def test_from_cents_is_the_exact_shift_by_two_places(cents):
    shifted = Decimal(cents).scaleb(-2)
    assert from_cents(cents).as_tuple() == shifted.as_tuple()
    assert str(from_cents(cents)) == str(shifted)
