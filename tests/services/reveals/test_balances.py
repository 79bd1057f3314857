"""services/reveals/balances: the one masked form of a client's balance; masked, no digit of the
amount is left; shown, it is the amount as the rest of the program formats it."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from rm_desktop.domain.money import amount_with_unit, format_amount
from rm_desktop.services.reveals.balances import BALANCE_MASK, balance_text

AMOUNTS = st.decimals(min_value=0, max_value=Decimal(10) ** 14, places=2, allow_nan=False, allow_infinity=False)


@given(AMOUNTS, st.sampled_from(("元", "万元")), st.booleans())
def test_masked_hides_every_digit_and_shown_is_the_usual_format(amount, unit, with_unit):
    masked = balance_text(amount, unit, shown=False, with_unit=with_unit)
    assert masked == BALANCE_MASK and not any(ch.isdigit() for ch in masked)
    shown = balance_text(amount, unit, shown=True, with_unit=with_unit)
    assert shown == (amount_with_unit(amount, unit) if with_unit else format_amount(amount, unit))


def test_no_amount_is_nothing_to_hide():
    assert balance_text(None, "元", shown=False) == "" and balance_text(None, "元", shown=False, empty="—") == "—"
    assert balance_text(Decimal("1234567.89"), "万元", shown=True) == "123.46 万元"
