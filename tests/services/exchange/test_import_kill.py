"""kill -9 during an import (issue 13, "prove it"): the import is one transaction, so after every
kill the vault opens with its password and holds either the clients it had or those plus every
imported row, never a part of the file.

Each try copies a prepared vault, starts a child (tests/kill_child.py) that unlocks and reads the
file's preview, then tells it to go and kills it after a random delay within the measured
duration of the write (every other one near its end, where the commit is). The counts are printed (``-s``) for the closing note.
"""

from __future__ import annotations

import random
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rm_desktop.services.clients import files as clients
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.storage.models import Client
from tests.conftest import FAST_KDF, PASSWORD
from tests.kill_child import go, start_child

KILLS = 10
BEFORE = 20
ROWS = 1500
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is simulated with SIGKILL")

CHILD = """
from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.exchange.writing import run_import
from rm_desktop.services.vault import lifecycle as vs

root, password, source = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
vault = vs.unlock(root, password, backup=False)
preview = preview_import(vault, source)
print("ready", flush=True)
sys.stdin.readline()
started = time.monotonic()
run_import(vault, preview)
vault.lock()
print(f"done {time.monotonic() - started:.4f}", flush=True)
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    base = tmp_path_factory.mktemp("import-kill")
    vault = vs.create_vault(base / "vault", PASSWORD, remember=False, kdf=FAST_KDF)
    for i in range(BEFORE):
        clients.create_client(vault, {"name": f"老客户{i:02d}"})
    vault.lock()
    source = base / "clients.csv"
    lines = ["姓名,客户号,金融资产"] + [f"新客户{i:04d},K{i:06d},{10000 + i}" for i in range(ROWS)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return base / "vault", source


def _clients(root: Path) -> int:
    vault = vs.unlock(root, PASSWORD, backup=False)
    try:
        with vault.sessions() as session:
            return session.scalar(select(func.count()).select_from(Client)) or 0
    finally:
        vault.lock()


def test_kill_9_during_an_import_leaves_all_or_nothing(prepared, tmp_path, capsys):
    source, csv = prepared
    measure = tmp_path / "measure"
    shutil.copytree(source, measure)
    child = start_child(CHILD, str(measure), PASSWORD, str(csv))
    go(child)
    out, err = child.communicate(timeout=180)
    assert child.returncode == 0, err
    duration = float(out.split()[1])
    assert _clients(measure) == BEFORE + ROWS  # uninterrupted, the whole file goes in

    rng = random.Random("import-13")
    survived, none_in, all_in = 0, 0, 0
    for attempt in range(KILLS):
        root = tmp_path / f"try{attempt}"
        shutil.copytree(source, root)
        child = start_child(CHILD, str(root), PASSWORD, str(csv))
        go(child)
        # every other kill aimed at the commit, at the end of the write
        time.sleep(rng.uniform(0, duration) if attempt % 2 == 0 else rng.uniform(0.85 * duration, 1.15 * duration))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
        count = _clients(root)
        assert count in (BEFORE, BEFORE + ROWS), f"try {attempt}: {count} clients, a part of the file"
        survived += 1
        none_in += count == BEFORE
        all_in += count == BEFORE + ROWS
    with capsys.disabled():
        print(
            f"\nkill -9 during import: {survived} of {KILLS} kills left a whole vault "
            f"({none_in} before the commit, {all_in} after it; write {duration * 1000:.0f} ms)"
        )
