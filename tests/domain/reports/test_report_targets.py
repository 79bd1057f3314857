"""The one parser of the KPI targets setting (report_targets): text or a mapping in, the stored
form round-trips, negatives, unknown KPIs and figures of the wrong unit refused naming the key;
the setting itself through the vault's settings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rm_desktop.domain.errors import UserError, ValidationError
from rm_desktop.domain.reports.kpis import BY_KEY, normalize_targets, parse_targets, targets_for
from rm_desktop.services import reports


def test_text_with_units_and_percentages():
    found = parse_targets("contacts=300，retention=90%; new_clients_aum=200万\ntier_coverage.wealth=0.95")
    assert found == {
        "contacts": Decimal(300),
        "retention": Decimal("0.9000"),
        "new_clients_aum": Decimal("2000000.00"),
        "tier_coverage.wealth": Decimal("0.9500"),
    }
    assert parse_targets("") == {} and parse_targets({}) == {} and parse_targets("contacts=") == {}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("contacts=-1", "report_targets.contacts"),
        ("complaint_hours=-2.5", "report_targets.complaint_hours"),
        ("new_clients_aum=-5万", "report_targets.new_clients_aum"),
        ("retention=120%", "report_targets.retention"),
        ("contacts=12.5", "report_targets.contacts"),
        ("contacts=30%", "report_targets.contacts"),
        ("contacts=many", "report_targets.contacts"),
        ("contacts=1e30", "report_targets.contacts"),
        ("complaint_hours=NaN", "report_targets.complaint_hours"),
        ("sales=5", "report_targets"),
        ("contacts 300", "report_targets"),
        ("tier_coverage.=0.5", "report_targets"),
    ],
)
def test_refusals_name_the_key(text, where):
    with pytest.raises(ValidationError) as caught:
        parse_targets(text)
    assert caught.value.field == where and "\n" not in str(caught.value)


figures = st.decimals(min_value=0, max_value=10**9, places=0, allow_nan=False, allow_infinity=False)
keys = st.sampled_from([k for k, d in BY_KEY.items() if d.unit in ("count", "amount")])


@given(st.dictionaries(keys, figures, max_size=5))
def test_the_stored_form_reads_back_the_same(targets):
    stored = normalize_targets(targets)
    assert all(isinstance(v, str) for v in stored.values())
    assert parse_targets(stored) == parse_targets(targets) == {k: parse_targets({k: v})[k] for k, v in targets.items()}


@given(st.text(max_size=40))
def test_any_text_is_targets_or_a_user_error(text):
    try:
        found = parse_targets(text)
    except UserError:
        return
    assert all(v >= 0 for v in found.values())


def test_the_setting_through_the_vault(vault):
    assert reports.kpi_targets(vault) == {}
    vault.settings.set(reports.SETTING, "contacts=300")  # as 设置 and `report targets --set` store it
    assert reports.set_targets(vault, "retention=85%") == {"contacts": Decimal(300), "retention": Decimal("0.8500")}
    assert reports.set_targets(vault, "contacts=") == {"retention": Decimal("0.8500")}
    with pytest.raises(ValidationError):
        vault.settings.set(reports.SETTING, "contacts=-3")
    assert reports.kpi_targets(vault) == {"retention": Decimal("0.8500")}


def test_a_week_has_its_own_counts_and_amounts_and_shares_the_months_shares_and_hours():
    targets = parse_targets(
        "contacts=300, week.contacts=70, new_clients_aum=200万, retention=90%, week.complaint_hours=12,"
        " complaint_hours=24, tier_coverage.wealth=80%"
    )
    assert targets_for("month", targets) == {
        "contacts": Decimal(300),
        "new_clients_aum": Decimal("2000000.00"),
        "retention": Decimal("0.9000"),
        "complaint_hours": Decimal("24.0"),
        "tier_coverage.wealth": Decimal("0.8000"),
    }
    # 200万 a month is no week's target; the shares hold for any period, the week's hours win.
    assert targets_for("week", targets) == {
        "contacts": Decimal(70),
        "retention": Decimal("0.9000"),
        "complaint_hours": Decimal("12.0"),
        "tier_coverage.wealth": Decimal("0.8000"),
    }
    with pytest.raises(ValidationError):
        parse_targets("week.nothing=3")
