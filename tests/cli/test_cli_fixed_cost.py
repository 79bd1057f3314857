"""The CLI's fixed cost (issue 19.2): what a ``client list`` run must not pay for, checked in a
fresh process so that a gain cannot silently regress.

* no ORM mapper is configured (the settings read and the search's SQL are Core: configuring the
  ~30 mappers costs ~20 ms a run); the day's first unlock runs the housekeeping, which may;
* the areas' settings modules (worklist, reports, sales, exchange, profile …) are not imported:
  the registry makes their definitions when one of their keys or the whole list is asked;
* stdnum (and the pydoc it imports) is not imported: masking an ID needs no checksum;
* past the day's first unlock, the run is on the bare driver (services/vault/driver_vault):
  SQLAlchemy itself (so no engine, pool or session), the vault's life cycle module (the full
  unlock), Alembic and the keyring are not imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
from rm_desktop.cli.main import main
code = main(sys.argv[2:])
modules = sorted(sys.modules)  # before the models are imported below to ask about the mappers
from rm_desktop.storage.models import Base
configured = sorted(m.class_.__name__ for m in Base.registry.mappers if m.configured)
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": modules, "configured": configured}, out)
"""
AREA_SETTINGS = (
    "rm_desktop.services.worklist.settings",
    "rm_desktop.services.sales.settings",
    "rm_desktop.services.complaints.settings",
    "rm_desktop.services.exchange.layout",
    "rm_desktop.services.reminders.settings",
    "rm_desktop.services.settings.profile",
    "rm_desktop.domain.reports",
)


def probe(tmp_path: Path, vault: Path, *argv: str) -> dict:
    report = tmp_path / "probe.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RM_DESKTOP_")}
    env |= {"RM_DESKTOP_LANG": "zh_CN", "RM_DESKTOP_PASSWORD": PASSWORD, "RM_DESKTOP_VAULT": str(vault)}
    env["PYTHONIOENCODING"] = "utf-8"
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
    data["stdout"] = done.stdout
    return data


def test_client_list_configures_no_mapper_and_imports_no_area_settings(vault, tmp_path):
    from rm_desktop.services.clients.files import create_client

    # a phone and a tag: the row's subqueries; an ID: masked
    create_client(vault, {"name": "张三", "phone": "13800138000", "id_number": "11010519491231002X", "tags": "VIP"})
    vault.lock()
    argv = ("client", "list", "--search", "张", "--limit", "20")
    probe(tmp_path, vault.paths.root, *argv)  # the day's first unlock: housekeeping (once a day) runs
    data = probe(tmp_path, vault.paths.root, *argv)
    assert data["code"] == 0 and "张三" in data["stdout"] and "138****8000" in data["stdout"]
    modules = set(data["modules"])
    assert not {m for m in modules if m.startswith(AREA_SETTINGS)}
    assert not {m for m in modules if m.startswith(("stdnum", "pydoc"))}
    assert data["configured"] == []
    assert not modules & {"rm_desktop.services.vault.lifecycle", "keyring", "alembic", "sqlalchemy"}


def test_settings_show_still_makes_every_definition(vault, tmp_path):
    from rm_desktop.services.settings.registry import REGISTRY

    vault.lock()
    data = probe(tmp_path, vault.paths.root, "--json", "settings", "show")
    assert data["code"] == 0
    listed = set(json.loads(data["stdout"])["settings"])
    structured = {key for key, d in REGISTRY.items() if d.normalize is not None}
    assert listed == set(REGISTRY) - structured and "worklist_capacity" in listed
