"""Issue 13.7: after a lock, the process's memory holds neither the key nor the master password.

A child process creates a vault with a planted client, reads the client back, locks (Vault.lock;
a first core), then overwrites free memory as the GUI's lock does (a second core), and waits;
the test takes each core with gdb's ``gcore`` and searches it for the database key (hex, either
case, and raw), the master password and the client's name. The child gets the password and
the name on stdin, as a prompt would, so that neither is in its command line or environment.

The password str is its caller's (the product scrubs only the copies it makes), so the child
scrubs its own input once used, as the CLI's prompt path does. It did not before: in ~1 of 7
runs the freed str "correct horse 42" (refcount slot the allocator's free-list link, hash -1)
had not been reused by the time of the first core, and the test failed on the harness's own
leftover rather than on anything the lock should have wiped.

``PR_SET_DUMPABLE`` 0 does not stop gcore run as root (CAP_SYS_PTRACE); as another user it
would, so the test needs root (as in CI's container) or skips saying why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rm_desktop.security.header import VaultHeader
from tests.conftest import PASSWORD

NAME = "欧阳明澈"
REPO = Path(__file__).resolve().parents[2]

_CHILD = r"""
import os, pathlib, sys, time

repo, vault_dir, ready, go = sys.argv[1:5]
sys.path.insert(0, repo)
from rm_desktop.security import hardening

hardening.no_core_dumps()  # as app.main and cli.main do first
from rm_desktop.security.keystore import NoKeyStore
from rm_desktop.services.clients import files
from rm_desktop.services.search.query import ClientQuery, search_clients
from rm_desktop.security.header import KdfParams
from rm_desktop.services.vault import lifecycle as vs

FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)  # not tests.conftest: its PASSWORD constant
raw = os.read(0, 4096)
text = raw.decode("utf-8")
password, name = text.split("\n")
# The harness owns these like a prompt's caller owns its str (security/hardening.py): it scrubs
# them, so what the cores hold is what the product left (see the module doc).
assert hardening.scrub(raw) and hardening.scrub(text)
del raw, text
vault = vs.create_vault(pathlib.Path(vault_dir), password, kdf=FAST_KDF, remember=False, keystore=NoKeyStore())
files.create_client(vault, {"name": name, "notes": name})
# Read back while SQLCipher's memory security is still off (storage/db.py turns it on at the lock).
assert [row.name for row in search_clients(vault, ClientQuery())] == [name]
vault.lock()
vault = vs.unlock(pathlib.Path(vault_dir), password, keystore=NoKeyStore())  # with a backup
assert hardening.scrub(password)  # as cli/common.py does with a prompted password after the unlock
del password
found = [row.name for row in search_clients(vault, ClientQuery())]
assert found == [name], found
del found, name
vault.lock()  # Ctrl+L
del vault
pathlib.Path(ready).write_text("locked", encoding="utf-8")  # first core: as the CLI leaves it
while not pathlib.Path(go).exists():
    time.sleep(0.02)
hardening.overwrite_free_memory()  # what the GUI's lock does after Vault.lock (ui/shell/session.py)
pathlib.Path(ready).write_text("overwritten", encoding="utf-8")  # second core
time.sleep(120)
"""


def _needles(key: bytes) -> dict[str, bytes]:
    return {
        "key hex": key.hex().encode(),
        "key HEX": key.hex().upper().encode(),
        "raw key": key,
        # A freed block's first 8 bytes become the allocator's free-list link: look past them too.
        "key hex (tail)": key.hex()[16:].encode(),
        "raw key (tail)": key[8:],
        "password (UTF-8)": PASSWORD.encode(),
        "password (UTF-16)": PASSWORD.encode("utf-16-le"),
        "client name (UTF-8)": NAME.encode(),
        "client name (UTF-16)": NAME.encode("utf-16-le"),
        "client name (UCS-4)": NAME.encode("utf-32-le"),
    }


def _gcore(pid: int, prefix: Path) -> bytes:
    done = subprocess.run(["gcore", "-o", str(prefix), str(pid)], capture_output=True, timeout=300, check=False)
    cores = list(prefix.parent.glob(f"{prefix.name}.*"))
    assert cores, done.stderr.decode(errors="replace")
    try:
        return cores[0].read_bytes()
    finally:
        cores[0].unlink()


def _cores_of_locked_child(tmp_path: Path) -> tuple[bytes, bytes, bytes]:
    """(the core right after Vault.lock, the core after overwrite_free_memory, the database key)."""
    vault_dir, ready, go = tmp_path / "vault", tmp_path / "ready", tmp_path / "go"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(REPO), str(vault_dir), str(ready), str(go)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert child.stdin is not None
        child.stdin.write(f"{PASSWORD}\n{NAME}".encode())
        child.stdin.close()
        cores = []
        for state in ("locked", "overwritten"):
            deadline = time.monotonic() + 120
            while not (ready.exists() and ready.read_text(encoding="utf-8") == state):
                if child.poll() is not None:
                    pytest.fail(f"the child ended early: {child.stderr.read().decode(errors='replace')}")
                assert time.monotonic() < deadline, f"the child was not {state} within 120 s"
                time.sleep(0.05)
            cores.append(_gcore(child.pid, tmp_path / state))
            go.touch()
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stderr.close()
    key = VaultHeader.load(vault_dir / "vault.header").unwrap(PASSWORD)
    return cores[0], cores[1], key


def _found(core: bytes, needles: dict[str, bytes]) -> dict[str, int]:
    return {what: core.count(needle) for what, needle in needles.items() if needle in core}


needs_gcore = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("gcore") is None or os.geteuid() != 0,
    reason="needs Linux, gdb's gcore and root: a non-dumpable process is cored only with CAP_SYS_PTRACE",
)


@pytest.fixture(scope="module")
def locked_cores(tmp_path_factory) -> tuple[dict[str, int], dict[str, int]]:
    """What of the key, the password and the name each core holds (counts)."""
    locked, overwritten, key = _cores_of_locked_child(tmp_path_factory.mktemp("core"))
    assert len(locked) > 1_000_000 and len(overwritten) > 1_000_000  # real cores of a Python process
    return _found(locked, _needles(key)), _found(overwritten, _needles(key))


def _of(found: dict[str, int], *prefixes: str) -> dict[str, int]:
    return {what: n for what, n in found.items() if what.startswith(prefixes)}


@needs_gcore
def test_a_locked_process_holds_neither_the_key_nor_the_password(locked_cores):
    locked, overwritten = locked_cores
    # The first core is taken before any overwriting of free memory: the key bytearray is wiped,
    # the library copies scrubbed, the password's bytes scrubbed (what a CLI command leaves).
    assert _of(locked, "key", "raw key", "password") == {}, f"right after the lock: {locked}"
    assert _of(overwritten, "key", "raw key", "password") == {}


@needs_gcore
def test_sqlites_copies_of_the_client_are_zeroed_at_the_lock(locked_cores):
    locked, _ = locked_cores
    # UTF-8 is how SQLite holds text (pages, rows, statements): cipher_memory_security zeroes them
    # when freed. Without it the name was found 5 times here.
    assert _of(locked, "client name (UTF-8)") == {}, f"right after the lock: {locked}"


@needs_gcore
def test_after_the_guis_lock_the_process_holds_no_client_name(locked_cores):
    locked, overwritten = locked_cores
    # Right after Vault.lock the freed Python str objects (UCS-2: refcount 0, hash -1) still hold
    # the name (found 1-2 times in 3 of 3 runs); overwrite_free_memory reuses those blocks zeroed.
    assert _of(overwritten, "client") == {}, f"after overwrite_free_memory: {overwritten} (before: {locked})"
