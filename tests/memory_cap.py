"""Reading files in a child process whose address space is capped at 1 GB (Linux RLIMIT_AS):
a hostile file must end in a clean refusal there, not in calamine aborting the process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_SCRIPT = (
    "import resource, sys\n"
    "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
    "from rm_desktop.io.readers import read_workbook\n"
    "from rm_desktop.domain.errors import UserError\n"
    "for path in sys.argv[1:]:\n"
    "    try:\n"
    "        read_workbook(path)\n"
    "        print('read')\n"
    "    except UserError:\n"
    "        print('refused')\n"
)


def read_within_one_gigabyte(*paths: Path) -> list[str]:
    """'read' or 'refused' per file; fails the test if the child dies."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *map(str, paths)], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-500:]
    return done.stdout.split()
