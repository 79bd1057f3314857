"""Dark mode (issue 20.12): under a dark palette the lock screen and the client card keep their
text readable — measured on the rendered pixels, WCAG contrast of text against its background —
and a palette change while the app runs (Windows switching to dark mode) recolours them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from rm_desktop.ui.widgets import theme
from rm_desktop.ui.widgets.theme import READABLE, contrast, themed

# Roughly Windows 11's dark palette (as Qt's windows11 style reports it).
DARK = {
    QPalette.ColorRole.Window: "#202020",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#2b2b2b",
    QPalette.ColorRole.AlternateBase: "#323232",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#a0a0a0",
    QPalette.ColorRole.Button: "#2d2d2d",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.Light: "#3c3c3c",
    QPalette.ColorRole.Midlight: "#333333",
    QPalette.ColorRole.Mid: "#444444",
    QPalette.ColorRole.Dark: "#151515",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#4cc2ff",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2b2b2b",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.Link: "#4cc2ff",
}


DISABLED = {
    QPalette.ColorRole.WindowText: "#7a7a7a",
    QPalette.ColorRole.Text: "#7a7a7a",
    QPalette.ColorRole.ButtonText: "#7a7a7a",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


@pytest.fixture
def app_palette(qapp) -> Iterator[QApplication]:
    """The application's palette is restored after the test (other tests expect the light one)."""
    before = QPalette(qapp.palette())
    yield qapp
    qapp.setPalette(before)


@pytest.fixture
def dark(app_palette) -> QApplication:
    app_palette.setPalette(dark_palette())
    return app_palette


def _pixels(image: QImage) -> list[QColor]:
    return [image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())]


def rendered_contrast(widget: QWidget, root: QWidget) -> float:
    """The contrast of ``widget``'s text as drawn inside ``root``: its darkest or lightest pixel
    (whichever differs more from the background) against the background around it. ``root`` is
    rendered whole so that the backgrounds behind ``widget`` (a card's) are in the picture."""
    image = root.grab().toImage()
    origin = widget.mapTo(root, QPoint(0, 0))
    part = image.copy(origin.x(), origin.y(), widget.width(), widget.height())
    background = part.pixelColor(0, 0)  # a label's corner holds no text
    return max(contrast(pixel, background) for pixel in _pixels(part))


def background_of(widget: QWidget, root: QWidget) -> QColor:
    image = root.grab().toImage()
    corner = widget.mapTo(root, QPoint(1, 1))
    return image.pixelColor(corner.x(), corner.y())


def _unlock_page(qtbot):
    from rm_desktop.ui.vault.unlock_page import UnlockPage

    page = UnlockPage()
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.reset("C:/Users/rm/档案库")
    page.show()
    qtbot.waitExposed(page)
    return page


def _unlock_texts(page) -> dict[str, QWidget]:
    from PySide6.QtWidgets import QLabel

    title = next(label for label in page.findChildren(QLabel) if label.text() == "客户经理桌面档案")
    return {"title": title, "subtitle": page.subtitle, "path": page.path_label, "remember": page.remember}


def test_the_lock_screen_reads_in_dark_mode(qtbot, dark):
    page = _unlock_page(qtbot)
    texts = _unlock_texts(page)
    card = texts["title"].parentWidget()
    assert card is not None and card.objectName() == "unlockCard"
    # the card is the palette's base (dark), not a white box
    assert background_of(texts["title"], page).lightness() < 80
    for name, widget in texts.items():
        assert rendered_contrast(widget, page) >= READABLE, name
    page.show_error("主密码不正确。")
    assert rendered_contrast(page.error, page) >= READABLE


def test_the_lock_screen_follows_a_palette_change_while_running(qtbot, app_palette):
    page = _unlock_page(qtbot)
    title = _unlock_texts(page)["title"]
    assert background_of(title, page).lightness() > 200  # light mode: a light card
    app_palette.setPalette(dark_palette())
    qtbot.wait(10)
    assert background_of(title, page).lightness() < 80
    for name, widget in _unlock_texts(page).items():
        assert rendered_contrast(widget, page) >= READABLE, name
    page.show_error("主密码不正确。")  # hidden until now: recoloured all the same
    assert rendered_contrast(page.error, page) >= READABLE


def test_the_client_card_reads_in_dark_mode(qtbot, dark):
    import datetime as dt

    from rm_desktop.ui.clients.header_card import HeaderCard

    card = HeaderCard()
    qtbot.addWidget(card)

    class Record:
        name, tier, tier_name, aum, risk_grade = "张伟", "wealth", "财富客户", None, "C3"
        last_contact_at, next_follow_up = dt.datetime(2020, 1, 2), None
        phone, phone_masked, id_number, id_number_masked = "13800138000", "138****8000", None, None

        def risk_expired(self, _today):
            return False

        def contact_overdue(self, _today):
            return True  # the overdue date in the error colour

    card.set_record(Record(), "元")
    card.resize(900, 120)
    card.show()
    qtbot.waitExposed(card)
    assert background_of(card.name, card).lightness() < 80
    captions = [label for label in card.findChildren(type(card.name)) if label.text() == "金融资产"]
    for name, widget in {"name": card.name, "caption": captions[0], "overdue": card.facts["last"]}.items():
        assert rendered_contrast(widget, card) >= READABLE, name


def test_the_navigation_reads_in_dark_mode(qtbot, dark, vault_dir, tmp_path):
    from PySide6.QtCore import QSettings

    from rm_desktop.ui.shell.main_window import MainWindow
    from rm_desktop.ui.shell.session import VaultSession

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    window = MainWindow(VaultSession(vault_dir))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    nav = window.nav
    image = nav.grab().toImage()
    background = image.pixelColor(2, image.height() - 3)  # below the last item
    assert background.lightness() < 80
    for row in (0, 1):  # the selected item and an unselected one
        rect = nav.visualItemRect(nav.item(row))
        item = image.copy(rect)
        behind = item.pixelColor(1, 1)
        assert max(contrast(pixel, behind) for pixel in _pixels(item)) >= READABLE, row


# -- the helpers --------------------------------------------------------------------------------
def test_status_tones_read_on_both_palettes(qapp):
    for palette in (QPalette(qapp.palette()), dark_palette()):
        tones = theme.tones(palette)
        window = palette.color(QPalette.ColorRole.Window)
        for name in ("text", "muted", "error", "warning", "success", "accent"):
            assert contrast(QColor(tones[name]), window) >= READABLE, name
        assert contrast(QColor(tones["selection_text"]), QColor(tones["selection"])) >= READABLE
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        for colour in ("#c0392b", "#b9770e", "#1f5fa8"):
            assert contrast(theme.foreground(colour, palette), base) >= READABLE, colour
        for colour in ("#fde2e1", "#e3f4e1", "#fff6d6", "#fadbd8"):
            assert contrast(theme.fill(colour, palette), text) >= READABLE, colour
    assert set(theme.tones(dark_palette())) == set(theme.TONES)


def test_themed_replaces_its_sheet_and_rejects_an_unknown_tone(qtbot):
    from PySide6.QtWidgets import QLabel

    label = QLabel("x")
    qtbot.addWidget(label)
    themed(label, "color: $error;")
    themed(label, "color: $muted;")
    assert label.styleSheet() == f"color: {theme.tones(theme.palette_of(label))['muted']};"
    assert len(label.findChildren(theme._Restyle)) == 1
    with pytest.raises(KeyError):
        themed(label, "color: $nonsense;")


def test_page_headings_read_in_dark_mode(qtbot, dark):
    """The empty-state and Today headings had a fixed #333 (dark grey on a dark window)."""
    from rm_desktop.ui.widgets.pages import EmptyStatePage

    page = EmptyStatePage("理财规划", "在上方输入客户姓名。")
    qtbot.addWidget(page)
    page.resize(600, 300)
    page.show()
    qtbot.waitExposed(page)
    from PySide6.QtWidgets import QLabel

    for label in page.findChildren(QLabel):
        assert rendered_contrast(label, page) >= READABLE, label.text()


# Style sheets with a fixed colour: each one paints its own background and text together (a
# badge, a banner), so it reads on any palette. Every other colour goes through theme.themed.
SELF_CONTAINED = {
    "clients/header_card.py": "background: {colour}; color: white;",
    "plans/plans_page.py": "background: #fff4d6; color: #7a5b00;",
}


def test_no_style_sheet_hard_codes_a_colour():
    import re
    from pathlib import Path

    ui = Path(theme.__file__).resolve().parents[1]
    found = []
    for path in sorted(ui.rglob("*.py")):
        rel = path.relative_to(ui).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "setStyleSheet(" not in line and "STYLE = " not in line:
                continue
            fixed = re.search(r"#[0-9a-fA-F]{3,8}\b|\bwhite\b|\bblack\b|\{colour\}", line)
            if fixed and not (rel in SELF_CONTAINED and SELF_CONTAINED[rel] in line):
                found.append(f"{rel}:{number}: {line.strip()}")
    assert found == []
