"""Issue 19.5: importing a plain client list loads neither openpyxl nor the archive's child sheets
(nor the decryption or charset-guessing libraries).

A fresh process previews and stores a small xlsx client list (no archive sheets) and lists which
of these modules it has loaded by then: openpyxl (the writer, ~0.12 s: the importer only needs
io/formula_escape's unescape) and the modules that read or write an archive's child sheets
(~0.3 s together), which exchange/importing and exchange/writing load only for an archive.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[3]

NOT_FOR_A_PLAIN_LIST = (
    "openpyxl",
    "rm_desktop.io.xlsx_safe",
    "rm_desktop.services.exchange.children_write",
    "rm_desktop.services.exchange.sales_sheets",
    "rm_desktop.services.exchange.complaint_sheets",
    "rm_desktop.services.exchange.event_sheets",
    "rm_desktop.services.exchange.consent_sheets",
    "rm_desktop.services.plans.content",
    "rm_desktop.services.reminders.appointments",
    "msoffcrypto",  # io/office_crypto: only for a file that opens as OLE2 (~14 ms)
    "charset_normalizer",  # io/csv_text: only for text in none of the encodings it tries first
)

PROBE = """
import datetime as dt, json, sys
from pathlib import Path
from rm_desktop.security.header import KdfParams
from rm_desktop.services.vault.lifecycle import create_vault
from rm_desktop.services.exchange.importing import preview_import
from rm_desktop.services.exchange.writing import run_import

folder, password, names = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
kdf = KdfParams(memory_kib=1024, iterations=1, lanes=1)
vault = create_vault(folder / "vault", password, kdf=kdf, remember=False)
try:
    summary = run_import(vault, preview_import(vault, folder / "clients.xlsx"), today=dt.date(2026, 1, 5))
    print(json.dumps({"imported": summary.imported, "loaded": [n for n in names if n in sys.modules]}))
finally:
    vault.lock()
"""


def test_a_plain_client_list_imports_without_openpyxl_or_the_archive_modules(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["客户姓名", "手机号码", "备注"])
    sheet.append(["张三", "13800138000", "=1+1"])  # an escaped-looking note: the unescape runs
    sheet.append(["李四", "13900139000", None])
    book.save(tmp_path / "clients.xlsx")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path), PASSWORD, json.dumps(NOT_FOR_A_PLAIN_LIST)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"imported": 2, "loaded": []}
