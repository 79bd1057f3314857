"""目标… on the 工作报告 page: shown for the week and the month only; the dialog lists every KPI
of the catalogue and the report's tier coverages, filled with the stored targets in a form the
parser reads back; saving goes through the one parser (a refusal names the field, focuses it and
stores nothing) and the page rebuilds so its cards show the new target."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtWidgets import QMessageBox

from rm_desktop.domain.reports import AMOUNT, COUNT, DAY, SHARE, WEEK
from rm_desktop.domain.reports import kpis as catalogue
from rm_desktop.services.clients import contacts
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.reports import kpi_targets, set_targets
from rm_desktop.ui.reports import targets_dialog
from rm_desktop.ui.reports.reports_page import ReportsPage
from rm_desktop.ui.reports.targets_dialog import TargetsDialog, kpi_rows, target_field_text
from rm_desktop.ui.widgets.clipboard import ClipboardGuard
from rm_desktop.ui.widgets.privacy import Privacy

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 12, 2, 17, 30, tzinfo=SHANGHAI)


@pytest.fixture
def page(qtbot, attached, vault):
    client = create_client(vault, {"name": "欧阳娜娜"}, today=NOW.date())
    for at in ("2026-12-02T10:00", "2026-12-01T15:00"):
        contacts.add_contact(vault, client.id, {"channel": "phone", "content": "到期续作", "at": at}, now=NOW)
    made = ReportsPage(Privacy(), ClipboardGuard(), clock=lambda: NOW)
    made.resize(1200, 700)
    with qtbot.waitSignal(made.loaded, timeout=10000):
        attached(made)
    return made


def _week(qtbot, page) -> None:
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.kind_buttons.button(1).click()
    assert page.period.kind == WEEK


def _card(page, key: str):
    keys = [kpi.key for kpi in page.report.kpis]
    return page.period_view.cards.cards[keys.index(key)]


def test_the_button_is_for_the_week_and_the_month(qtbot, page):
    assert page.period.kind == DAY and page.targets_button.isHidden()
    _week(qtbot, page)
    assert not page.targets_button.isHidden()


def test_fields_show_the_stored_targets_in_the_parsers_own_form(qtbot, vault):
    set_targets(vault, "contacts=300, retention=90%, new_clients_aum=200万, complaint_hours=24")
    dialog = TargetsDialog(vault, kpi_rows([("tier_coverage.wealth", "财富客户覆盖率", SHARE)]))
    qtbot.addWidget(dialog)
    keys = [k.key for k in catalogue.KPIS] + ["tier_coverage.wealth"]
    assert list(dialog.fields) == [key for k in keys for key in (catalogue.week_key(k), k)]  # week, month
    shown = dialog.values()
    assert shown["contacts"] == "300" and shown["retention"] == "90%"
    assert shown["new_clients_aum"] == "200万" and shown["complaint_hours"] == "24"
    assert shown["pipeline_won"] == "" and dialog.fields["pipeline_won"].placeholderText() == "无目标"
    dialog.save()  # unchanged fields read back to the same figures
    assert dialog.result() == TargetsDialog.DialogCode.Accepted
    assert kpi_targets(vault) == {
        "contacts": Decimal(300),
        "retention": Decimal("0.9000"),
        "new_clients_aum": Decimal("2000000.00"),
        "complaint_hours": Decimal("24.0"),
    }


@pytest.mark.parametrize(
    ("unit", "value", "text"),
    [
        (SHARE, Decimal("0.125"), "12.5%"),
        (AMOUNT, Decimal("1500.50"), "1500.5"),
        (AMOUNT, Decimal("25000000.00"), "2500万"),
        (AMOUNT, Decimal("0.00"), "0"),
        (COUNT, Decimal("3"), "3"),
    ],
)
def test_field_text_round_trips(unit, value, text):
    assert target_field_text(unit, value) == text
    assert target_field_text(unit, None) == ""


def test_a_refused_field_is_named_focused_and_nothing_is_stored(qtbot, vault, monkeypatch):
    set_targets(vault, "contacts=300")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    dialog = TargetsDialog(vault, kpi_rows())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields["contacts"].setText("")  # would clear, but the whole save is refused
    dialog.fields["retention"].setText("-5%")
    dialog.save()
    assert said and "report_targets.retention" in said[0] and "负数" in said[0]
    qtbot.waitUntil(lambda: dialog.fields["retention"].hasFocus(), timeout=5000)
    assert dialog.result() != TargetsDialog.DialogCode.Accepted
    assert kpi_targets(vault) == {"contacts": Decimal(300)}


def test_saving_rebuilds_the_cards_with_the_target(qtbot, page, monkeypatch):
    _week(qtbot, page)
    assert _card(page, "contacts").target.text() == "无目标"
    opened: list[TargetsDialog] = []

    def answer(dialog: TargetsDialog) -> int:
        opened.append(dialog)
        dialog.fields["contacts"].setText("40")  # the month's: not the week's target
        dialog.fields["week.contacts"].setText("4")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(targets_dialog.TargetsDialog, "exec", answer)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.targets_button.click()
    coverages = [k.key for k in page.report.kpis if k.key.startswith("tier_coverage.")]
    assert coverages and set(coverages) <= set(opened[0].fields)  # the report's tier coverages too
    assert kpi_targets(page.vault) == {"contacts": Decimal(40), "week.contacts": Decimal(4)}
    assert _card(page, "contacts").target.text() == "目标 4 · 50%"  # 2 contacts of 4


def test_cancel_keeps_the_report_and_the_targets(qtbot, page, monkeypatch):
    _week(qtbot, page)
    shown = page.report
    monkeypatch.setattr(targets_dialog.TargetsDialog, "exec", lambda dialog: 0)
    page.targets_button.click()
    qtbot.wait(50)
    assert page.report is shown and kpi_targets(page.vault) == {}


@given(
    amount=st.decimals(min_value=0, max_value=10**11, places=2),
    share=st.decimals(min_value=0, max_value=1, places=4),
    count=st.integers(min_value=0, max_value=10**9),
)
def test_every_field_text_parses_back_to_its_figure(amount, share, count):
    from rm_desktop.domain.reports.kpis import parse_targets

    stored = parse_targets({"new_clients_aum": amount, "retention": share, "contacts": count})
    shown = {key: target_field_text(catalogue.unit_of(key) or "", v) for key, v in stored.items()}
    assert parse_targets(shown) == stored
