"""Hostile and careless input through the real CLI (issue 13, points 12-16): each case runs
``python -m rm_desktop.cli`` in a child process on its own copy of a small vault and must end
in exit 1 with exactly one line on stderr, no traceback, the vault's files unchanged, within
60 s and a 1 GB address space (RLIMIT_AS, Linux). The cases live in ``hostile_cases.py``.

The module's last line of output says how many cases were tried and passed.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.hostile_cases import CASES, Case, Place, mounted_tmpfs
from tests.conftest import FAST_KDF, PASSWORD
from tests.vault_content import vault_content

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 1 << 30
TIME_CAP = 60
RESULTS = {"tried": 0, "passed": 0}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A vault with a client, a holding, an appointment and a plan, made once (cheap KDF)."""
    from rm_desktop.services.clients import files, holdings
    from rm_desktop.services.plans.store import demo_plans
    from rm_desktop.services.reminders import appointments
    from rm_desktop.services.scripts import library
    from rm_desktop.services.vault.lifecycle import backup_now, create_vault

    folder = tmp_path_factory.mktemp("hostile") / "vault"
    vault = create_vault(folder, PASSWORD, kdf=FAST_KDF)
    try:
        client = files.create_client(vault, {"name": "张三", "phone": "13800138000"})
        holdings.add_holding(
            vault,
            client.id,
            {"product_type": "wealth", "name": "稳健理财", "amount": "100000", "maturity_date": "2030-01-01"},
        )
        appointments.add_appointment(vault, appointments.parse_when("2026-12-01T10:00"), "面谈", rrule="daily")
        library.ensure_builtins(vault)  # a vault's first template command stores the shipped ones
        assert demo_plans(vault, share=1.0, seed=1) == 1
        backup_now(vault)  # one backup to cut short
    finally:
        vault.lock()
    return folder


@pytest.fixture(scope="module", autouse=True)
def report_counts(request):
    yield
    line = f"hostile CLI inputs: {RESULTS['tried']} cases tried, {RESULTS['passed']} passed"
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():  # teardown output is captured otherwise
            reporter.write("\n" + line + "\n")


def vault_hash(folder: Path) -> dict[str, str]:
    """Every file of the vault by content and the database's tables, the owner lock, the logs and
    the audit log's own entries aside (each command's unlock is one: tests/vault_content)."""
    return vault_content(folder, password=PASSWORD)


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_cli(argv: list[str], vault: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("RM_DESKTOP_")}
    environ |= {"RM_DESKTOP_VAULT": str(vault), "RM_DESKTOP_PASSWORD": PASSWORD, "RM_DESKTOP_LANG": "zh_CN"}
    environ |= {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "rm_desktop.cli", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIME_CAP,
        cwd=ROOT,
        env=environ,
        preexec_fn=_capped,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="devices, FIFOs and RLIMIT_AS as on Linux")
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input_is_one_line_exit_1_and_changes_nothing(case: Case, seeded: Path, tmp_path: Path):
    RESULTS["tried"] += 1
    vault = tmp_path / "vault"
    shutil.copytree(seeded, vault, symlinks=True)
    place = Place(vault=vault, work=tmp_path / "work")
    place.work.mkdir()
    argv = case.argv(place)  # also damages the vault or lays out the hostile files
    before, work_before = vault_hash(vault), sorted(p.name for p in place.work.iterdir())
    done = run_cli(argv, vault, case.env)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert "Traceback" not in done.stderr + done.stdout, done.stderr[-2000:]
    assert done.returncode == 1, (done.returncode, done.stderr[-1000:], done.stdout[-300:])
    assert len(lines) == 1, done.stderr[-2000:]
    assert case.expect in lines[0], lines[0]
    assert vault_hash(vault) == before, "the vault's files changed"
    assert sorted(p.name for p in place.work.iterdir()) == work_before, "a file was left behind"
    case.check(place)
    RESULTS["passed"] += 1


DISK_CASES = {
    "export archive": ["export", "archive", "{out}/archive.xlsx", "--plain"],
    "reminders ics": ["reminders", "ics", "{out}/r.ics"],
    "backup": ["backup", "{out}/vault.rmbak"],
    "template export": ["template", "export", "{out}/templates.json"],
}
# The backup's copy is written by SQLite, whose error names the full disk in its own words.
ALSO_SAID = {"磁盘已满": "database or disk is full"}


@pytest.fixture(params=["full disk", "read-only folder"])
def bad_disk(request, tmp_path):
    """A folder on a full disk (a 64 KiB tmpfs filled up) or one that cannot be written (a
    read-only tmpfs as root, who ignores permissions; mode 0500 for anyone else)."""
    folder = tmp_path / "disk"
    if request.param == "read-only folder" and os.geteuid() != 0:
        folder.mkdir()
        folder.chmod(0o500)
        yield folder, "只读"
        folder.chmod(0o700)
        return
    # A tmpfs takes memory only for what is written; the read-only one is large, not to look full.
    options = "size=64k" if request.param == "full disk" else "ro,size=1g"
    if not mounted_tmpfs(folder, options):
        pytest.skip("cannot mount a small tmpfs here")
    try:
        if request.param == "full disk":
            with contextlib.suppress(OSError), open(folder / "filler", "wb") as filler:
                for _ in range(1000):  # 4 MB at most: the disk holds 64 KiB
                    filler.write(b"\0" * 4096)
                    filler.flush()
        yield folder, "磁盘已满" if request.param == "full disk" else "只读"
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.skipif(sys.platform != "linux", reason="tmpfs and RLIMIT_AS as on Linux")
@pytest.mark.parametrize("command", DISK_CASES.values(), ids=DISK_CASES.keys())
def test_outputs_onto_a_full_or_read_only_disk_are_one_line_and_leave_nothing(command, bad_disk, seeded, tmp_path):
    RESULTS["tried"] += 1
    out, expect = bad_disk
    vault = tmp_path / "vault"
    shutil.copytree(seeded, vault, symlinks=True)
    before, left = vault_hash(vault), sorted(p.name for p in out.iterdir())
    done = run_cli([arg.format(out=out) for arg in command], vault)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert "Traceback" not in done.stderr and done.returncode == 1, done.stderr[-1500:]
    assert len(lines) == 1 and (expect in lines[0] or ALSO_SAID.get(expect, expect) in lines[0]), lines
    assert vault_hash(vault) == before and sorted(p.name for p in out.iterdir()) == left
    RESULTS["passed"] += 1


def test_control_characters_in_a_name_are_dropped_not_stored_or_printed(seeded, tmp_path):
    vault = tmp_path / "vault"
    shutil.copytree(seeded, vault, symlinks=True)
    name = "\x1b[31m王\x07五\x1b]0;owned\x07\x1b[0m"
    done = run_cli(["client", "add", "--set", f"name={name}", "--json"], vault)
    assert done.returncode == 0, done.stderr[-1000:]
    assert json.loads(done.stdout)["name"] == "王五"
    listed = run_cli(["client", "list"], vault)
    assert "王五" in listed.stdout and not any(ord(ch) < 0x20 and ch not in "\t\n" for ch in listed.stdout)
