"""A Chinese Windows console redirected to a file or ``nul`` encodes stdout in cp936 (GBK), which
has no 䶮, 𠮷 or emoji. The CLI must still exit 0 after storing the client (a script seeing 1 runs
it again and stores a duplicate), print decodable text, and print JSON that parses in any code page.
Simulated with ``PYTHONIOENCODING=cp936`` and stdout redirected to a file, in a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import FAST_KDF, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
NAME = "夏䶮𠮷😀"  # 夏 is in GBK; 䶮 (CJK ext. A), 𠮷 (ext. B) and the emoji are not


@pytest.fixture
def cp936_cli(tmp_path):
    root = tmp_path / "v"
    vs.create_vault(root, PASSWORD, remember=False, kdf=FAST_KDF).lock()
    env = {
        **os.environ,
        "PYTHONIOENCODING": "cp936",
        "RM_DESKTOP_VAULT": str(root),
        "RM_DESKTOP_PASSWORD": PASSWORD,
        "RM_DESKTOP_LANG": "zh_CN",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    env.pop("PYTHONUTF8", None)
    count = iter(range(100))

    def run(*argv: str) -> tuple[int, str, str]:
        out = tmp_path / f"out{next(count)}.txt"
        with out.open("wb") as stdout:
            done = subprocess.run(
                [sys.executable, "-m", "rm_desktop.cli", *argv],
                cwd=ROOT,
                env=env,
                stdout=stdout,
                stderr=subprocess.PIPE,
                timeout=120,
            )
        stderr = done.stderr.decode("cp936")
        return done.returncode, out.read_bytes().decode("cp936"), stderr  # strict: must decode

    return run


def test_characters_outside_gbk_on_a_cp936_stdout(cp936_cli):
    code, out, err = cp936_cli("client", "add", "--set", f"name={NAME}", "--set", "tags=VIP👍")
    assert code == 0, err
    assert "Traceback" not in err and "夏" in out and "\\u4dae" in out  # readable where GBK can, escaped elsewhere
    code, out, err = cp936_cli("client", "list")
    assert code == 0 and "Traceback" not in err, err
    assert "夏" in out and "\\U00020bb7" in out
    code, out, err = cp936_cli("client", "list", "--json")
    assert code == 0, err
    [row] = json.loads(out)  # stored once, the name intact
    assert row["name"] == NAME and row["tags"] == ["VIP👍"]
