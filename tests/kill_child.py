"""kill -9 tests' child process: it gets ready (imports, unlock), says "ready", waits for "go" on
stdin and runs the operation, so the kill lands in the operation and not in Python's start-up.

``SLOWED_FILE_STEPS`` starts each child script: the file renames and removals (storage/atomic)
take a few ms more, so the kills land between a swap's steps too; the times of the marked ones
(since ``started``, which the script resets at "go") are collected in ``marks``."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SLOWED_FILE_STEPS = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from rm_desktop.storage import atomic

    started, marks = time.monotonic(), []

    def slow_file_steps(marked=lambda args: True):
        def slowed(step):
            def run(*args, **kwargs):
                if marked(args):
                    marks.append(time.monotonic() - started)
                time.sleep(0.004)
                try:
                    return step(*args, **kwargs)
                finally:
                    time.sleep(0.004)
            return run

        atomic.replace, atomic.remove = slowed(atomic.replace), slowed(atomic.remove)
    """
)


def _env() -> dict[str, str]:
    return {**os.environ, "RM_DESKTOP_LANG": "zh_CN", "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}


def start_child(script: str, *args: str) -> subprocess.Popen:
    """The child running ``SLOWED_FILE_STEPS`` + ``script`` with ``args``, once it is ready."""
    child = subprocess.Popen(
        [sys.executable, "-c", SLOWED_FILE_STEPS + textwrap.dedent(script), *args],
        cwd=ROOT,
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = child.stdout.readline() if child.stdout else ""
    if line.strip() != "ready":
        child.kill()
        pytest.fail(f"the child did not start: {child.communicate(timeout=60)[1][-2000:]}")
    return child


def go(child: subprocess.Popen) -> None:
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()
