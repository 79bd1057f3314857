"""The plaintext scan (tests/architecture/test_no_plaintext.py) extended to the whole process, as
a user runs it (issue 13.7, "prove it"): no client data in any file the app writes outside the
vault unless the user asked for a plain file, and no core file when it crashes.

The real CLI runs in a sandbox: HOME, the XDG folders and the temp folder all point into it, the
vault is in its default place under them. After a day's commands (add, search, a
contact, a backup, an encrypted archive and handover, a plain archive the user asked for), every
file under the sandbox outside the vault and outside the asked-for plain file is scanned.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.architecture.test_no_plaintext import NAME, NOTE, PHONE, _leaks_in, _scan

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "Sandbox vault 2718"


def _sandbox(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    folders = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
        "TMPDIR": tmp_path / "tmp",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("RM_DESKTOP", "XDG_"))}
    env.update({key: str(folder) for key, folder in folders.items()})
    env.update(
        TEMP=str(folders["TMPDIR"]),
        TMP=str(folders["TMPDIR"]),
        RM_DESKTOP_PASSWORD=PASSWORD,
        EXPORT_PW="Export password 5150",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # no real keyring of the machine
    )
    return env


def _cli(env: dict[str, str], cwd: Path, *argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "rm_desktop.cli", *argv],
        env=env,
        cwd=cwd,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout.decode("utf-8", errors="replace")


def _vault_folder(env: dict[str, str]) -> Path:
    found = list(Path(env["HOME"]).rglob("vault.header"))
    assert len(found) == 1, found
    return found[0].parent


def test_no_client_data_outside_the_vault_but_in_the_plain_file_asked_for(tmp_path):
    env = _sandbox(tmp_path)
    home = Path(env["HOME"])
    out = home / "Documents"
    out.mkdir()
    _cli(env, home, "init")
    _cli(env, home, "client", "add", "--set", f"name={NAME}", "--set", f"phone={PHONE}", "--set", f"notes={NOTE}")
    assert NAME in _cli(env, home, "client", "list", "--search", NAME[:2])
    _cli(env, home, "contact", "add", "1", "--channel", "visit", "--text", NOTE)
    _cli(env, home, "backup")
    _cli(env, home, "export", "archive", str(out / "archive.xlsx"), "--password-env", "EXPORT_PW")
    _cli(env, home, "handover", "export", str(out / "handover.xlsx"), "--all", "--password-env", "EXPORT_PW")
    _cli(env, home, "export", "archive", str(out / "plain.xlsx"), "--plain")  # the user asked for it

    vault = _vault_folder(env)
    assert vault.is_relative_to(home)  # the default place: the scan below covers its neighbours
    assert _leaks_in(out / "plain.xlsx") != []  # a plain file asked for holds the data: the scan sees it
    leaks = [
        leak
        for path in sorted(tmp_path.rglob("*"))
        if path.is_file() and not path.is_relative_to(vault) and path != out / "plain.xlsx"
        for leak in _leaks_in(path)
    ]
    assert leaks == []
    assert _scan(vault) == []  # and the vault itself only holds ciphertext
    assert sorted(p.name for p in out.iterdir()) == ["archive.xlsx", "handover.xlsx", "plain.xlsx"]


_CRASH = r"""
import os, sys
sys.path.insert(0, sys.argv[1])
if sys.argv[2] == "unprotected":  # the control: the same process without the hardening
    import rm_desktop.security.hardening as hardening
    hardening.no_core_dumps = lambda: []
from rm_desktop.cli.main import main

assert main(["client", "list"]) == 0  # the vault was unlocked and read in this process
os.abort()  # a crash: SIGABRT, which dumps core where allowed
"""


def _unlimited_core() -> None:
    # A user's shell with ``ulimit -c unlimited`` (or a distribution default): the app must lower it.
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="core_pattern and RLIMIT_CORE as on Linux")
def test_a_crash_after_reading_the_vault_leaves_no_core_file(tmp_path):
    pattern = Path("/proc/sys/kernel/core_pattern").read_text().strip()
    if pattern.startswith("|") or "/" in pattern:
        pytest.skip(f"cores go to a handler or folder here ({pattern}), not to the working folder")
    env = _sandbox(tmp_path)
    home = Path(env["HOME"])
    _cli(env, home, "init")
    _cli(env, home, "client", "add", "--set", f"name={NAME}")
    for mode, cores in (("unprotected", 1), ("as shipped", 0)):
        cwd = tmp_path / mode.replace(" ", "-")
        cwd.mkdir()
        crashed = subprocess.run(
            [sys.executable, "-c", _CRASH, str(REPO), mode],
            env=env,
            cwd=cwd,
            capture_output=True,
            timeout=300,
            preexec_fn=_unlimited_core,  # only sets a limit: safe before exec
            check=False,
        )
        assert crashed.returncode < 0, crashed.stderr.decode(errors="replace")  # killed by SIGABRT
        assert len(list(cwd.glob("core*"))) == cores, mode
