"""security/hardening: keys overwritten in place, immutable copies scrubbed only when unshared,
and core dumps off in a started GUI or CLI process (Linux: RLIMIT_CORE 0 and not dumpable;
Windows through faked ctypes calls, since the Windows code cannot run here)."""

from __future__ import annotations

import ctypes
import json
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest

from rm_desktop.security import hardening

REPO = Path(__file__).resolve().parents[2]
NO_CORE_DUMPS = hardening.no_core_dumps  # the real one: conftest stubs it for in-process runs


@pytest.fixture(autouse=True)
def real_no_core_dumps(monkeypatch):
    monkeypatch.setattr(hardening, "no_core_dumps", NO_CORE_DUMPS)


def test_wipe_overwrites_a_bytearray_in_place():
    key = bytearray(secrets.token_bytes(32))
    view = key  # the engine's creator holds the same object
    hardening.wipe(key)
    assert view == bytearray(32) and len(key) == 32


def test_scrub_zeroes_unshared_bytes_and_str():
    raw = secrets.token_bytes(32)
    assert hardening.scrub(raw) and raw == bytes(32)
    ascii_text = "".join(["correct ", "horse 42"])  # built at run time: not a shared constant
    assert hardening.scrub(ascii_text) and ascii_text == "\0" * 16
    hanzi = "".join(["欧阳", "明澈"])
    assert hardening.scrub(hanzi) and list(map(ord, hanzi)) == [0] * 4  # still 2 bytes a character
    for parts in (["café", " 42"], ["密码", "😀"]):  # 1-byte non-ASCII, and 4-byte characters
        text = "".join(parts)  # held by this variable only
        assert hardening.scrub(text) and set(map(ord, text)) == {0}


def test_scrub_leaves_what_others_hold():
    raw = secrets.token_bytes(32)
    other = [raw]  # a second holder: zeroing would change it under them
    assert not hardening.scrub(raw) and raw != bytes(32)
    assert other[0] is raw
    assert not hardening.scrub(b"a constant of this module")
    assert not hardening.scrub(sys.intern("".join(["interned ", "text"])))  # the interned table holds it
    assert not hardening.scrub(b"x") and not hardening.scrub(bytearray(b"not immutable"))  # type: ignore[arg-type]


def test_secret_from_copies_and_scrubs_only_an_unshared_result():
    kept = secrets.token_bytes(32)
    secret = hardening.secret_from(kept)  # the caller still holds ``kept``: left alone
    assert isinstance(secret, bytearray) and secret == kept and kept != bytes(32)
    # (an unshared result is freed right after its scrub, so only the core dump test sees it)


def test_overwrite_free_memory_stays_within_its_budget():
    taken = hardening.overwrite_free_memory(budget=1024 * 1024)
    assert 512 * 1024 < taken <= 1024 * 1024
    assert hardening.overwrite_free_memory(budget=0) == 0  # (what it clears: test_core_dump)


_STARTED = r"""
import ctypes, json, resource, sys
sys.path.insert(0, sys.argv[1])
entry = sys.argv[2]
if entry == "cli":
    from rm_desktop.cli.main import main
else:
    from rm_desktop.app import main
try:
    # The CLI answers a bare --version before anything else (no vault, nothing to dump), so it
    # is probed with --help, which runs main's first lines and exits in argparse.
    main(["--help"] if entry == "cli" else ["--version"])
except SystemExit:
    pass
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
print(json.dumps({"core": [soft, hard], "dumpable": ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_CORE and PR_GET_DUMPABLE as on Linux")
@pytest.mark.parametrize("entry", ["cli", "gui"])
def test_a_started_process_has_core_dumps_off(entry):
    done = subprocess.run(
        [sys.executable, "-c", _STARTED, str(REPO), entry], capture_output=True, cwd=REPO, timeout=120, check=True
    )
    state = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert state == {"core": [0, 0], "dumpable": 0}


def test_a_started_cli_command_has_a_zero_core_limit(tmp_path):
    """The real ``rm-desktop-cli`` waiting at its password prompt: /proc/<pid>/limits says 0."""
    if not Path("/proc/self/limits").exists():
        pytest.skip("no /proc")
    child = subprocess.Popen(
        [sys.executable, "-m", "rm_desktop.cli", "--vault", str(tmp_path / "v"), "init"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert child.stderr is not None
        child.stderr.read(1)  # the prompt's first character: main() has long run no_core_dumps
        limits = Path(f"/proc/{child.pid}/limits").read_text()
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stderr.close()
        child.stdin.close()  # type: ignore[union-attr]
    line = next(row for row in limits.splitlines() if row.startswith("Max core file size"))
    assert line.split()[4:6] == ["0", "0"], line


class FakeWinDLL:
    """kernel32.SetErrorMode and wer.WerAddExcludedApplication as hardening calls them."""

    calls: ClassVar[list[tuple[Any, ...]]] = []
    previous_mode = 0x8000  # SEM_NOOPENFILEERRORBOX, as a parent process might have set
    wer_result = 0

    def __init__(self, name: str, use_last_error: bool = False):
        self.name = name
        if name == "kernel32":
            self.SetErrorMode = self._function("SetErrorMode", lambda mode: FakeWinDLL.previous_mode)
        elif name == "wer":
            self.WerAddExcludedApplication = self._function("Wer", lambda app, everyone: FakeWinDLL.wer_result)
        else:
            raise OSError(f"no {name}")

    @staticmethod
    def _function(label: str, result: Any) -> Any:
        def call(*args: Any) -> Any:
            FakeWinDLL.calls.append((label, *args))
            return result(*args)

        return call


@pytest.fixture
def fake_windows(monkeypatch):
    FakeWinDLL.calls = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "WinDLL", FakeWinDLL, raising=False)
    monkeypatch.setattr(sys, "executable", r"C:\Program Files\RM Desktop\RM Desktop.exe")
    return FakeWinDLL


def test_windows_turns_off_fault_dialogs_and_excludes_the_frozen_app_from_wer(fake_windows, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert hardening.no_core_dumps() == ["error_mode", "wer_excluded"]
    modes = [call[1] for call in fake_windows.calls if call[0] == "SetErrorMode"]
    wanted = hardening.SEM_FAILCRITICALERRORS | hardening.SEM_NOGPFAULTERRORBOX
    assert modes == [wanted, wanted | FakeWinDLL.previous_mode]  # the parent's flags are kept
    assert ("Wer", "RM Desktop.exe", 0) in fake_windows.calls  # per user: no administrator rights


def test_windows_from_source_leaves_wer_alone_and_a_refusal_is_no_crash(fake_windows, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert hardening.no_core_dumps() == ["error_mode"]  # python.exe is every Python program's
    assert not [call for call in fake_windows.calls if call[0] == "Wer"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(FakeWinDLL, "wer_result", 0x80070005)  # E_ACCESSDENIED
    assert hardening.no_core_dumps() == ["error_mode"]
