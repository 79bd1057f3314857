"""The CLI's start (issue 19.2): a command imports only its own module and what it uses;
--version imports no command and no SQLAlchemy; --help still lists every command with its help;
a password unlock does not even load the keyring."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rm_desktop.cli import main as cli_main
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
from rm_desktop.cli.main import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def run_probe(tmp_path: Path, *argv: str, vault: Path | None = None) -> tuple[int, set[str], str]:
    """``argv`` run by the CLI in a fresh process: (exit code, modules loaded at the end, stdout)."""
    report = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RM_DESKTOP_")}
    env |= {"RM_DESKTOP_LANG": "zh_CN", "RM_DESKTOP_PASSWORD": PASSWORD, "PYTHONIOENCODING": "utf-8"}
    if vault is not None:
        env["RM_DESKTOP_VAULT"] = str(vault)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    data = json.loads(report.read_text())
    return data["code"], set(data["modules"]), done.stdout


def _registered(module: str) -> list[str]:
    common = argparse.ArgumentParser(add_help=False)
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    importlib.import_module(f"rm_desktop.cli.{module}").register(sub, common)
    return list(sub.choices)


@pytest.mark.parametrize(("module", "names"), cli_main.COMMANDS, ids=[m for m, _ in cli_main.COMMANDS])
def test_each_module_registers_exactly_the_commands_listed_for_it(module, names):
    assert _registered(module) == list(names)


def test_no_command_is_listed_twice():
    names = [name for _module, names in cli_main.COMMANDS for name in names]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["client", "list", "--search", "张"], ("client", False)),
        (["--vault", "/x", "--json", "worklist"], ("worklist", False)),
        (["--vault=/x", "init", "--remember"], ("init", False)),
        (["--json", "client", "--help"], ("client", False)),  # the command's own help
        (["--help"], (None, True)),
        (["--he"], (None, True)),  # argparse's abbreviation of --help
        (["--version"], (None, False)),
        ([], (None, False)),
        (["--vault"], (None, True)),  # a bad option: the full parser says why, every command known
    ],
)
def test_the_command_is_read_as_argparse_reads_it(argv, expected):
    assert cli_main.command_name(argv) == expected


def test_help_lists_every_command_with_its_help(run_cli):
    code, out, _err = run_cli("--help")
    assert code == 0
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ") and line.split()}
    for _module, names in cli_main.COMMANDS:
        for name in names:
            assert name in listed, name
    assert "列出/搜索客户" not in out and "客户档案" in out  # the top level lists commands, not actions


def test_an_unknown_command_is_one_line_listing_the_choices(run_cli):
    code, _out, err = run_cli("clinet", "list")
    assert code == 1 and "clinet" in err and "'client'" in err and err.count("\n") == 1


def test_version_loads_no_command_and_no_database_code(tmp_path):
    code, modules, out = run_probe(tmp_path, "--version")
    assert code == 0 and out.startswith("rm-desktop ")
    assert not {m for m in modules if m.startswith(("sqlalchemy", "rm_desktop.services", "keyring", "alembic"))}
    assert not {m for m in modules if m.startswith("rm_desktop.cli.") and m.endswith("_cmds")}


def test_client_list_loads_its_own_module_only_and_no_keyring(vault, tmp_path):
    from rm_desktop.services.clients.files import create_client

    create_client(vault, {"name": "张三"})
    vault.lock()
    code, modules, out = run_probe(
        tmp_path, "client", "list", "--search", "张", "--limit", "20", vault=vault.paths.root
    )
    assert code == 0 and "张三" in out
    commands = {m for m in modules if m.startswith("rm_desktop.cli.") and m.endswith("_cmds")}
    assert commands == {"rm_desktop.cli.client_cmds"}
    # A password unlock never reads or writes the keyring, so it does not even load it; nor does a
    # list need the spreadsheet, PDF or calendar libraries, or the client file's other services.
    heavy = ("keyring", "openpyxl", "fpdf", "icalendar", "PIL", "rm_desktop.services.exchange.exporting")
    assert not {m for m in modules if m.startswith(heavy)}
    assert "rm_desktop.services.clients.contacts" not in modules


def test_verify_loads_neither_the_demo_generators_nor_the_rekeying(vault, tmp_path):
    vault.lock()
    code, modules, _out = run_probe(tmp_path, "verify", "--json", vault=vault.paths.root)
    assert code == 0
    assert not {"rm_desktop.services.clients.demo", "rm_desktop.services.vault.rekeying"} & modules
