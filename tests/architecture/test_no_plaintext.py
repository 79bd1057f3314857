"""Nothing of a client is readable on disk: database, WAL, shared memory, header or backups, nor
the temp folder while and after anything is exported (archive, list, handover, rejected rows,
SMS sheet, plan PDF), cancelled, or killed half-way. The whole process, the CLI run in a sandbox
home (nothing outside the vault but a plain file the user asked for; no core file on a crash), is
in test_no_plaintext_outside.py."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from rm_desktop.domain.errors import Cancelled
from rm_desktop.services.exchange.exporting import export_archive, export_list
from rm_desktop.services.exchange.handover import export_handover
from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.exchange.rejects import save_rejects
from rm_desktop.services.plans import pdf as plan_pdf
from rm_desktop.services.plans import store as plans
from rm_desktop.services.plans.pdf_export import export_pdf
from rm_desktop.services.scripts.render import RenderedScript
from rm_desktop.services.scripts.share import export_bulk_xlsx
from rm_desktop.services.search.query import ClientQuery
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.storage.models import Client, ClientPhone, Contact
from tests.conftest import PASSWORD

NAME = "欧阳明澈"
PHONE = "13912345678"
NOTE = "客户在考虑购买学区房"
# Enough other clients that each sheet's XML outgrows a file buffer: a sheet streamed to a temp
# file would have the planted client's row on disk by the first progress call.
FILLER = 400
REPO = Path(__file__).resolve().parents[2]


def _plant(v, filler: int = 0) -> int:
    with v.sessions.begin() as s:
        client = Client(name=NAME, notes=NOTE, phones=[ClientPhone(number=PHONE)])
        s.add(client)
        s.flush()
        s.add(Contact(client_id=client.id, at=client.created_at, channel="visit", content=NOTE))
        for n in range(filler):
            other = Client(name=f"客户{n:04d}", notes="常规回访" * 8, phones=[ClientPhone(number=f"1370000{n:04d}")])
            s.add(other)
            s.flush()
            s.add(Contact(client_id=other.id, at=other.created_at, channel="call", content="电话回访" * 8))
        return client.id


def _needles() -> list[bytes]:
    needles = [
        text.encode(enc) for text in (NAME, PHONE, NOTE) for enc in ("utf-8", "utf-16-le", "utf-16-be", "gb18030")
    ]
    for text in (NAME, NOTE):  # as XML character references, should a writer escape non-ASCII
        needles.append("".join(f"&#{ord(c)};" for c in text).encode())
        needles.append("".join(f"&#x{ord(c):x};" for c in text).encode())
    return needles


def _contents(path: Path) -> list[tuple[str, bytes]]:
    """The file's bytes, and the members of a zip (an xlsx) uncompressed."""
    data = path.read_bytes()
    found = [(path.name, data)]
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found += [(f"{path.name}!{member}", archive.read(member)) for member in archive.namelist()]
    return found


def _leaks_in(path: Path) -> list[str]:
    try:
        contents = _contents(path)
    except OSError:  # deleted between listing and reading
        return []
    return [f"{name}: {needle!r}" for name, data in contents for needle in _needles() if needle in data]


def _scan(folder) -> list[str]:
    return [leak for path in sorted(Path(folder).rglob("*")) if path.is_file() for leak in _leaks_in(path)]


def test_planted_client_is_nowhere_in_plaintext(vault, vault_dir):
    _plant(vault)
    vs.backup_now(vault)
    files = {p.name for p in vault_dir.rglob("*") if p.is_file()}
    assert {"vault.db", "vault.header", "vault.db-wal"} <= files  # the scan covers the live WAL too
    assert _scan(vault_dir) == []
    vault.lock()
    again = vs.unlock(vault_dir, PASSWORD)  # a backup at unlock as well
    assert len(list((vault_dir / "backups").iterdir())) == 2
    again.lock()
    assert _scan(vault_dir) == []
    # The scan can fail: the same bytes written in the clear are found.
    (vault_dir / "canary.txt").write_text(NAME, encoding="utf-8")
    assert _scan(vault_dir) != []


# -- the temp folder ----------------------------------------------------------------------------


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The system temp folder, for this test: tempfile's and the environment's."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    for variable in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(variable, str(folder))
    return folder


class _Watch:
    """A progress callback that scans the temp folder at every call (during the export)."""

    def __init__(self, folder: Path, stop_at: int | None = None):
        self.folder, self.stop_at = folder, stop_at
        self.calls = 0
        self.leaks: list[str] = []

    def __call__(self, done: int, total: int) -> bool | None:
        self.calls += 1
        self.leaks += _scan(self.folder)
        return False if self.stop_at is not None and self.calls >= self.stop_at else None


def _assert_scan_works(folder: Path) -> None:
    """The scan looks where the libraries write: a temp file written in the clear is found."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix="canary.", delete=False) as canary:
        canary.write(NAME)
    assert Path(canary.name).parent == folder
    assert _scan(folder) != []
    os.remove(canary.name)


def test_exports_leave_no_plaintext_in_the_temp_folder(vault, temp_folder, tmp_path):
    _plant(vault, filler=FILLER)
    out = tmp_path / "out"
    out.mkdir()
    for run in (
        lambda watch: export_archive(vault, out / "archive.xlsx", progress=watch),
        lambda watch: export_list(vault, ClientQuery(), out / "list.xlsx", progress=watch),
        lambda watch: export_handover(vault, out / "handover.xlsx", "handover password", progress=watch),
    ):
        watch = _Watch(temp_folder)
        run(watch)
        assert watch.calls and watch.leaks == []
        assert _scan(temp_folder) == []
    assert _leaks_in(out / "handover.xlsx") == []  # encrypted
    assert _leaks_in(out / "archive.xlsx") != []  # the scan reads inside an xlsx
    _assert_scan_works(temp_folder)


def test_a_cancelled_export_leaves_no_plaintext_in_the_temp_folder(vault, temp_folder, tmp_path):
    _plant(vault, filler=FILLER)
    for stop_at in (2, 4):  # after the client sheet, and after the contacts
        watch = _Watch(temp_folder, stop_at=stop_at)
        with pytest.raises(Cancelled):
            export_handover(vault, tmp_path / "handover.xlsx", "handover password", progress=watch)
        assert watch.leaks == []
        assert _scan(temp_folder) == []  # openpyxl would delete its temp files at exit only
    assert not (tmp_path / "handover.xlsx").exists()
    _assert_scan_works(temp_folder)


def test_rejects_sms_sheet_and_plan_pdf_leave_no_plaintext_in_the_temp_folder(
    vault, temp_folder, tmp_path, pdf_font, monkeypatch
):
    client_id = _plant(vault)
    out = tmp_path / "out"
    out.mkdir()
    source = out / "import.csv"  # the RM's own file, outside the temp folder
    source.write_text(f"客户姓名,手机号码,证件号码,备注\n{NAME},{PHONE},12345,{NOTE}\n", encoding="utf-8")
    preview = preview_import(vault, source)
    assert save_rejects(preview, out / "rejects.xlsx") == 1
    assert _scan(temp_folder) == []

    during: list[str] = []

    def lines():
        yield RenderedScript(1, NAME, "C1", PHONE, NOTE, ())
        for n in range(FILLER):
            yield RenderedScript(n + 2, f"客户{n:04d}", f"C{n + 2}", f"1370000{n:04d}", "您好，" * 20, ())
        during.extend(_scan(temp_folder))  # the sheet is written, not yet saved

    export_bulk_xlsx(lines(), out / "sms.xlsx")
    assert during == [] and _scan(temp_folder) == []

    plan_id = plans.create_plan(vault, client_id).plan_id
    content = plans.get_plan(vault, plan_id).content
    content.summary = NOTE
    plans.save_revision(vault, plan_id, content)
    footer = plan_pdf._Pdf.footer
    pages: list[str] = []

    def scanning_footer(pdf):  # once a page, while the PDF is drawn
        pages.extend(_scan(temp_folder))
        footer(pdf)

    monkeypatch.setattr(plan_pdf._Pdf, "footer", scanning_footer)
    export_pdf(vault, plan_id, out / "plan.pdf")
    assert (out / "plan.pdf").stat().st_size > 0
    assert pages == [] and _scan(temp_folder) == []
    _assert_scan_works(temp_folder)


_CHILD = r"""
import pathlib, sys, tempfile, time

repo, vault_dir, ready, out, filler = sys.argv[1:6]
sys.path.insert(0, repo)
import keyring

from tests.conftest import FAST_KDF, PASSWORD, MemoryKeyring

keyring.set_keyring(MemoryKeyring())
from rm_desktop.services.exchange.handover import export_handover
from rm_desktop.services.vault.lifecycle import create_vault
from tests.architecture.test_no_plaintext import _plant

vault = create_vault(pathlib.Path(vault_dir), PASSWORD, kdf=FAST_KDF)
_plant(vault, filler=int(filler))


def progress(done, total):
    if 2 * done >= total:  # half-way: say so, then wait to be killed
        pathlib.Path(ready).write_text(tempfile.gettempdir(), encoding="utf-8")
        time.sleep(120)


export_handover(vault, out, "handover password", progress=progress)
"""


def test_a_handover_export_killed_half_way_leaves_no_plaintext_in_the_temp_folder(temp_folder, tmp_path):
    ready, out = tmp_path / "ready.txt", tmp_path / "handover.xlsx"
    args = [str(REPO), str(tmp_path / "vault"), str(ready), str(out), str(FILLER)]
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, *args],
        env={**os.environ},  # TMPDIR, TEMP and TMP: the test's temp folder
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not (ready.exists() and ready.read_text(encoding="utf-8")):
            if child.poll() is not None:
                pytest.fail(f"the export ended before half-way: {child.stderr.read().decode(errors='replace')}")
            if time.monotonic() > deadline:
                pytest.fail("the export did not reach half-way in 120 s")
            time.sleep(0.05)
        assert Path(ready.read_text(encoding="utf-8")) == temp_folder  # the child's temp folder is ours
        child.kill()  # SIGKILL / TerminateProcess: no finally, no atexit clean-up
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        child.stderr.close()
    if sys.platform != "win32":
        assert child.returncode == -signal.SIGKILL
    assert not out.exists()
    assert _scan(temp_folder) == []
    _assert_scan_works(temp_folder)
