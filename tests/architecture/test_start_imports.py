"""Issue 19.1: nothing heavy is imported before the first paint of the client list.

The real start path (``rm_desktop.app.main`` through benchmarks/_startup_probe.py) runs in a
fresh process, offscreen, on a small vault unlocked from the keyring copy; the probe lists
``sys.modules`` at the first paint of the client table with rows in it. Each module below is
imported only by what needs it (a page when first shown, an export, a PDF, a migration).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rm_desktop.services.clients import demo
from rm_desktop.services.vault import lifecycle as vs
from tests.conftest import FAST_KDF, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "benchmarks" / "_startup_probe.py"
# Not before the first paint: each is loaded on demand (reasons in the measurements).
# phonenumbers as a whole (its carrier data above all) and the lunar calendar's tables too; and
# SQLAlchemy: the list's first page is read and painted on the bare driver, the engine and the ORM
# opened after that paint (ui/shell/preview.py). cryptography too (the header's key derivation and
# unwrap: the keyring copy needs neither) and the client file's field rules (client_fields: the
# list's rows need only the tier and cadence rules of services/clients/tiers).
HEAVY = (
    "cryptography",
    "rm_desktop.domain.client_fields",
    "alembic",
    "mako",
    "openpyxl",
    "PIL",
    "fpdf",
    "icalendar",
    "phonenumbers",
    "lunar_python",
    "pygments",
    "sqlalchemy",
)


def first_paint(tmp_path: Path, clients: int = 300) -> dict:
    root = tmp_path / "vault"
    vault = vs.create_vault(root, PASSWORD, kdf=FAST_KDF)
    demo.fill(vault, clients)
    vault_id, key = vault.header.vault_id, bytes(vault.key).hex()
    vault.lock()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        RM_BENCH_VAULT=str(root),
        RM_BENCH_VAULT_ID=vault_id,
        RM_BENCH_KEY=key,
        RM_BENCH_SETTINGS=str(tmp_path / "qsettings"),
        RM_BENCH_MODULES="1",
    )
    out = subprocess.run(
        [sys.executable, str(PROBE), "app"], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_no_heavy_module_before_the_client_list_is_painted(tmp_path):
    report = first_paint(tmp_path)
    assert report["rows"] > 0 and report["total"] == 300  # the list painted, with the whole count
    loaded = set(report["modules"])
    early = sorted(name for name in loaded if any(name == h or name.startswith(h + ".") for h in HEAVY))
    assert not early, f"imported before the first paint of the client list: {early}"
    # Pages not shown are not built, so their modules are not imported either.
    assert "rm_desktop.ui.plans.plans_page" not in loaded
    assert "rm_desktop.ui.exchange.exchange_page" not in loaded


def test_keyring_is_imported_before_pyside6(tmp_path):
    """The keyring unlock's keyring is imported before PySide6, whose import hook taxes every
    later import (keyring's ~40 ms CPU became ~65 ms after it); the probe leaves keyring to the
    app (its backend is loaded by name from PYTHON_KEYRING_BACKEND)."""
    names = first_paint(tmp_path)["modules"]
    assert names.index("keyring.backend") < names.index("PySide6")


def test_the_orm_is_not_configured_before_the_client_list_is_painted(tmp_path):
    """Configuring every mapper (the vault's first ORM statement: the drafts looked for at
    unlock, the tag filter's GROUP BY) waits for the first paint, then runs in the backup's worker."""
    report = first_paint(tmp_path)
    assert report["rows"] > 0
    assert report["orm_configured"] is not True
