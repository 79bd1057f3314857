"""A workbook as LibreOffice reads it: the file converted to CSV by headless LibreOffice (the
second program that must open what the app writes). Skips the test where LibreOffice is not
installed; a conversion that fails is the test's failure."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

# Comma-separated, double quotes, UTF-8 (filter options: 44 = ',', 34 = '"', 76 = UTF-8).
_CSV = "csv:Text - txt - csv (StarCalc):44,34,76"


def as_csv(workbook: Path, scratch: Path) -> str:
    """The first sheet of ``workbook`` as CSV text; ``scratch`` holds the profile and output."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    out = scratch / "lo"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{scratch}/profile",  # its own profile: no first-run lock
            "--convert-to",
            _CSV,
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return next(out.glob("*.csv")).read_text(encoding="utf-8", errors="replace")
