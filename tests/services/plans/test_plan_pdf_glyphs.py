"""Issue 14.15: the plan PDF never drops a character.

The chain is controlled here: the CJK font is the tests' subset (the ``pdf_font`` fixture), which
lacks the rare characters of the client's name, and the fallbacks are fonts built for the test
(fontTools) that hold some of them. Drawn text is read back with pdftotext, as a reader would.
The rare characters are written as escapes so that tools/make_test_font.py never adds them to
the subset.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from PySide6.QtWidgets import QMessageBox

from rm_desktop.io.pdf_fonts import FALLBACK_ENV, font_chain
from rm_desktop.services.clients.files import create_client
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.pdf import MissingGlyphs
from rm_desktop.services.plans.pdf_export import export_pdf
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import PASSWORD, TEST_FONT

EXT_A, EXT_B, ABSENT = "\u4dae", "\U00020bb7", "\U0002a6a5"  # 䶮, 𠮷, and one no font here has
NAME = "夏" + EXT_A + EXT_B
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def _fallback_font(path: Path, family: str, characters: str) -> Path:
    """A font whose cmap maps each character to its own glyph taken from the test subset."""
    font = TTFont(TEST_FONT)
    glyphs = [font.getBestCmap()[ord(c)] for c in "ABCDEFGH"][: len(characters)]
    mapping = {ord(c): g for c, g in zip(characters, glyphs, strict=True)}
    tables = []
    for fmt, encoding in ((4, 1), (12, 10)):  # BMP, and the full range for Extension B
        table = CmapSubtable.newSubtable(fmt)
        table.platformID, table.platEncID, table.language = 3, encoding, 0
        table.cmap = {code: glyph for code, glyph in mapping.items() if fmt == 12 or code <= 0xFFFF}
        tables.append(table)
    font["cmap"].tables = tables
    for record in font["name"].names:
        if record.nameID in (1, 4):
            record.string = family
    font.save(path)
    return path


@pytest.fixture
def chain(monkeypatch, tmp_path):
    """Sets the fallbacks: chain(font, ...) with fonts from _fallback_font; chain() for none."""

    def use(*fonts: Path) -> None:
        monkeypatch.setenv(FALLBACK_ENV, os.pathsep.join(str(f) for f in fonts))

    use()
    return use


@pytest.fixture
def plan_id(vault):
    client = create_client(vault, {"name": NAME, "gender": "女", "birth_date": "1980-05-02"}).id
    return plans.create_plan(vault, client).plan_id


def _pdf_text(path: Path) -> str:
    done = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def test_a_fallback_draws_what_the_cjk_font_lacks(vault, plan_id, tmp_path, pdf_font, chain):
    ext_a = _fallback_font(tmp_path / "ext-a.ttf", "RM Test ExtA", EXT_A)
    ext_b = _fallback_font(tmp_path / "ext-b.ttf", "RM Test ExtB", EXT_B + EXT_A)
    unused = _fallback_font(tmp_path / "unused.ttf", "RM Test Unused", ABSENT)
    damaged = tmp_path / "damaged.ttf"
    damaged.write_bytes(b"\x00\x01\x00\x00 not a font")  # passed over, not a failed export
    chain(damaged, unused, ext_a, ext_b)
    assert [f.path for f in font_chain()] == [TEST_FONT, damaged, unused, ext_a, ext_b]
    done = export_pdf(vault, plan_id, tmp_path / "plan.pdf")
    assert NAME in _pdf_text(done.path)  # every character, in order: none dropped
    # the first fallback holding a character draws it; a fallback that drew nothing is not named
    assert done.fonts == (
        "WenQuanYi Micro Hei (rm-test-cjk.ttf)",
        "RM Test ExtA (ext-a.ttf)",
        "RM Test ExtB (ext-b.ttf)",
    )


def test_a_character_no_font_has_is_refused_by_name(vault, plan_id, tmp_path, pdf_font, chain):
    chain(_fallback_font(tmp_path / "ext-a.ttf", "RM Test ExtA", EXT_A))
    target = tmp_path / "plan.pdf"
    with pytest.raises(MissingGlyphs) as refused:
        export_pdf(vault, plan_id, target)
    assert refused.value.characters == [EXT_B]
    message = str(refused.value)
    assert f"{EXT_B} (U+20BB7)" in message and "U+4DAE" not in message  # the fallback had 䶮
    assert "rm-test-cjk.ttf" in message and "ext-a.ttf" in message  # the fonts that were tried
    assert not target.exists()  # nothing written, not a PDF with a gap

    chain()  # no fallback at all: both rare characters are named
    with pytest.raises(MissingGlyphs, match=r"U\+4DAE.*U\+20BB7"):
        export_pdf(vault, plan_id, target)
    assert not target.exists()


def test_cli_names_the_fonts_or_refuses_in_one_line(run_cli, tmp_path, pdf_font, chain):
    assert run_cli("init")[0] == 0
    vault = vs.unlock(tmp_path / "v", PASSWORD, backup=False)
    try:
        client = create_client(vault, {"name": NAME}).id
        plan = plans.create_plan(vault, client).plan_id
    finally:
        vault.lock()
    target = tmp_path / "plan.pdf"
    code, out, err = run_cli("plan", "export", str(plan), str(target))
    assert code == 1 and "U+4DAE" in err and "U+20BB7" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and not target.exists()

    chain(_fallback_font(tmp_path / "rare.ttf", "RM Test Rare", EXT_A + EXT_B))
    code, out, err = run_cli("plan", "export", str(plan), str(target))
    assert code == 0, err
    assert "RM Test Rare (rare.ttf)" in out and "rm-test-cjk.ttf" in out
    assert NAME in _pdf_text(target)
    code, out, err = run_cli("plan", "export", str(plan), str(target), "--json")
    assert json.loads(out)["fonts"] == ["WenQuanYi Micro Hei (rm-test-cjk.ttf)", "RM Test Rare (rare.ttf)"]


def test_gui_shows_the_refusal_and_the_fonts(qtbot, vault, plan_id, tmp_path, pdf_font, chain, monkeypatch):
    from rm_desktop.ui.plans.plans_page import PlansPage

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    page = PlansPage()
    qtbot.addWidget(page)
    page.show()
    page.attach(vault)
    page.open_client(plans.get_plan(vault, plan_id).client_id)
    target = tmp_path / "plan.pdf"
    page.export_to(target)
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    assert "U+20BB7" in shown[0] and EXT_B in shown[0] and not target.exists()

    chain(_fallback_font(tmp_path / "rare.ttf", "RM Test Rare", EXT_A + EXT_B))
    page.export_to(target)
    qtbot.waitUntil(lambda: "已导出" in page.message.text(), timeout=15000)
    assert "RM Test Rare (rare.ttf)" in page.message.text() and NAME in _pdf_text(target)
    page.detach()
