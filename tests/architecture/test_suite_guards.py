"""The suite's own guards (tests/conftest.py, pyproject.toml): a forgotten modal dialog fails the
test instead of hanging it, every test has a time limit, and the PDF tests bring their own font."""

from __future__ import annotations

import pytest
from PySide6 import QtWidgets

from rm_desktop.io.pdf_fonts import find_cjk_font
from tests.conftest import MODAL_HELPERS, TEST_FONT


@pytest.mark.parametrize(
    ("cls_name", "method"), [(cls, method) for cls, methods in MODAL_HELPERS.items() for method in methods]
)
def test_a_real_modal_dialog_fails_the_test(qtbot, cls_name, method):
    cls = getattr(QtWidgets, cls_name)
    opened = getattr(cls(), method) if method == "exec" else getattr(cls, method)
    # Without the guard this would hang until the timeout ends the whole run.
    with pytest.raises(pytest.fail.Exception, match=rf"{cls_name}\.{method}.*monkeypatch\.setattr"):
        opened(None, "标题", "正文") if method != "exec" else opened()


def test_a_test_patches_the_box_it_expects(monkeypatch):
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *a, **k: QtWidgets.QMessageBox.Yes)
    assert QtWidgets.QMessageBox.question(None, "标题", "继续？") == QtWidgets.QMessageBox.Yes


def test_every_test_has_a_time_limit(pytestconfig):
    assert float(pytestconfig.getini("timeout")) == 120
    assert pytestconfig.getini("timeout_method") == "thread"  # SIGALRM cannot stop a Qt modal loop


def test_pdf_font_fixture_uses_the_shipped_font(pdf_font):
    assert pdf_font == TEST_FONT and find_cjk_font().path == TEST_FONT
    assert (TEST_FONT.parent / "LICENSE-Apache-2.0.txt").is_file()  # the licence travels with it
