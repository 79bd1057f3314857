"""Nothing of a client is readable on disk: database, WAL, shared memory, header or backups."""

from __future__ import annotations

from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.storage.models import Client, ClientPhone, Contact
from tests.conftest import PASSWORD

NAME = "欧阳明澈"
PHONE = "13912345678"
NOTE = "客户在考虑购买学区房"


def _plant(v):
    with v.sessions.begin() as s:
        client = Client(name=NAME, notes=NOTE, phones=[ClientPhone(number=PHONE)])
        s.add(client)
        s.flush()
        s.add(Contact(client_id=client.id, at=client.created_at, channel="visit", content=NOTE))


def _scan(folder) -> list[str]:
    needles = [text.encode(enc) for text in (NAME, PHONE, NOTE) for enc in ("utf-8", "utf-16-le", "gb18030")]
    leaks = []
    files = [p for p in folder.rglob("*") if p.is_file()]
    for path in files:
        data = path.read_bytes()
        leaks += [f"{path.name}: {needle!r}" for needle in needles if needle in data]
    return leaks


def test_planted_client_is_nowhere_in_plaintext(vault, vault_dir):
    _plant(vault)
    vs.backup_now(vault)
    files = {p.name for p in vault_dir.rglob("*") if p.is_file()}
    assert {"vault.db", "vault.header", "vault.db-wal"} <= files  # the scan covers the live WAL too
    assert _scan(vault_dir) == []
    vault.lock()
    again = vs.unlock(vault_dir, PASSWORD)  # a backup at unlock as well
    assert len(list((vault_dir / "backups").iterdir())) == 2
    again.lock()
    assert _scan(vault_dir) == []
    # The scan can fail: the same bytes written in the clear are found.
    (vault_dir / "canary.txt").write_text(NAME, encoding="utf-8")
    assert _scan(vault_dir) != []
