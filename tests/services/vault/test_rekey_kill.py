"""kill -9 during ``rekey`` and ``passwd`` (issue 13.4): after every kill the vault opens with
exactly one key (rekey: the password; passwd: the old password or the new one, never both and
never neither) and holds every client.

Each try copies a prepared vault, starts a child process that unlocks it and waits, then tells
it to go and kills it after a random delay: every other one in 0..(the operation's duration, as
measured uninterrupted), the others from just before the commit point (the journal's write) to
the end. The child (test code only) slows the file renames and removals by a few ms, so those
kills land between the swap's steps too. The counts are printed (``-s``) for the closing note.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.services.clients import demo
from rm_desktop.services.search.query import ClientQuery, search_page
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import FAST_KDF, PASSWORD
from tests.kill_child import go, start_child

NEW = "the next long password"
KILLS = 10
CLIENTS = 60
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is simulated with SIGKILL")

CHILD = """
from rm_desktop.services.vault import lifecycle as vs, rekeying

slow_file_steps(lambda args: str(args[-1]).endswith("rekey.journal"))  # the commit point
root, operation, old, new = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
vault = vs.unlock(root, old, backup=False)
print("ready", flush=True)
sys.stdin.readline()
started = time.monotonic()
if operation == "rekey":
    rekeying.rekey(vault, old)
else:
    rekeying.change_password(vault, old, new)
print(f"done {time.monotonic() - started:.4f} {marks[0]:.4f}", flush=True)
vault.lock()
"""


def _start(root: Path, operation: str) -> subprocess.Popen:
    return start_child(CHILD, str(root), operation, PASSWORD, NEW)


def _opens(root: Path, password: str) -> tuple[bytes, list[str]] | None:
    """(key, client names) when ``password`` opens the vault, None for a wrong password."""
    try:
        vault = vs.unlock(root, password, backup=False)
    except UserError as exc:
        if type(exc).__name__ == "WrongPassword":
            return None
        raise AssertionError(f"the vault does not open with {password!r}: {exc}") from None
    try:
        names = sorted(row.name for row in search_page(vault, ClientQuery(), 0, CLIENTS + 10).rows)
        return bytes(vault.key), names
    finally:
        vault.lock()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> tuple[Path, bytes, list[str]]:
    root = tmp_path_factory.mktemp("template") / "vault"
    vault = vs.create_vault(root, PASSWORD, remember=False, kdf=FAST_KDF)
    demo.fill(vault, CLIENTS)
    key = bytes(vault.key)
    names = sorted(row.name for row in search_page(vault, ClientQuery(), 0, CLIENTS + 10).rows)
    vault.lock()
    return root, key, names


@pytest.mark.parametrize("operation", ["rekey", "passwd"])
def test_kill_9_at_any_moment_leaves_a_vault_one_password_opens(prepared, tmp_path, operation):
    template, old_key, names = prepared
    # How long the operation takes here, uninterrupted: the kills are spread over that time.
    calibration = tmp_path / "calibration"
    shutil.copytree(template, calibration)
    child = _start(calibration, operation)
    go(child)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0 and out.startswith("done"), err[-2000:]
    duration, commit_at = (float(word) for word in out.split()[1:3])

    rng = random.Random(f"{operation}-13.4")
    counts: Counter[str] = Counter()
    for attempt in range(KILLS):
        root = tmp_path / f"try-{attempt}"
        shutil.copytree(template, root)
        child = _start(root, operation)
        go(child)
        # Every other kill aims at the swap: from just before the journal's write to the end.
        time.sleep(rng.uniform(0, duration) if attempt % 2 else rng.uniform(max(commit_at - 0.02, 0), duration))
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=60)
        counts["tried"] += 1
        counts["finished before the kill" if "done" in out else "killed mid-way"] += 1

        with_old = _opens(root, PASSWORD)
        with_new = _opens(root, NEW) if operation == "passwd" else None
        opened = [found for found in (with_old, with_new) if found is not None]
        assert len(opened) == 1, f"try {attempt}: old opens: {bool(with_old)}, new opens: {bool(with_new)}"
        key, found_names = opened[0]
        assert found_names == names, f"try {attempt}: clients lost"
        assert not [p.name for p in root.iterdir() if "rekey" in p.name], "leftovers after the unlock"
        counts["survived"] += 1
        counts["old key (before the commit point)" if key == old_key else "new key (after it)"] += 1
    print(f"\n{operation} kill -9: {dict(counts)} ({duration * 1000:.0f} ms, commit at {commit_at * 1000:.0f} ms)")
    assert counts["survived"] == counts["tried"] == KILLS
