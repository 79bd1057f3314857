"""Running Alembic migrations on an open vault.

Batch migrations rebuild a table by copy-and-drop; with ``foreign_keys=ON`` the drop fires
ON DELETE CASCADE and silently deletes the children (reproduced on this stack). So migrations
run with foreign keys off, and ``PRAGMA foreign_key_check`` afterwards must come back empty or
the whole migration is rolled back. The caller takes a backup first (VaultService.unlock).

Alembic (with mako and pygments, ~60 ms) is imported only to upgrade: whether a vault needs one
is the ``alembic_version`` table against :func:`known_heads`, which reads the shipped revision
files' own ``revision`` / ``down_revision`` lines (tests/storage/test_migrate_heads.py checks it
gives Alembic's heads).
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

if TYPE_CHECKING:  # known_heads runs before SQLAlchemy is loaded (the CLI's list, the GUI's first page)
    from alembic.config import Config
    from sqlalchemy.engine import Engine

SCRIPT_LOCATION = str(Path(__file__).with_name("migrations"))
# A revision file's top-level ``revision = '0007'`` / ``down_revision = ('0003', '0004')`` lines.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


# Feature areas add their tables in revisions that branch from the client schema (e.g. reminders
# and plans both revise 0002), so there may be several heads; "heads" upgrades all of them and a
# revision string lists them sorted and comma-separated.


def head_revision() -> str:
    return ",".join(sorted(known_heads()))


@cache
def known_heads() -> frozenset[str]:
    """The heads of the revisions shipped (those no other revision revises), without Alembic."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in Path(SCRIPT_LOCATION, "versions").glob("*.py"):
        lines = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in lines:
            continue
        revisions.add(str(ast.literal_eval(lines["revision"])))
        down = ast.literal_eval(lines.get("down_revision", "None"))
        revised.update((down,) if isinstance(down, str) else down or ())
    return frozenset(revisions - revised)


def revisions_on(dbapi_conn: Any) -> frozenset[str]:
    """The vault's revisions as Alembic stores them (one row per head), read on a DB-API
    connection (the engine's, or the bare one of services/vault/driver_vault)."""
    found = dbapi_conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    return (
        frozenset(row[0] for row in dbapi_conn.execute("SELECT version_num FROM alembic_version"))
        if found
        else frozenset()
    )


def current_revision(engine: Engine) -> str | None:
    """The vault's revisions, sorted, comma-joined (None for none)."""
    with engine.connect() as conn:
        heads = revisions_on(conn.connection.driver_connection)
    return ",".join(sorted(heads)) if heads else None


def needs_upgrade(engine: Engine, target: str = "heads") -> bool:
    goal = head_revision() if target in ("head", "heads") else target
    return current_revision(engine) != goal


def upgrade(engine: Engine, target: str = "heads") -> None:
    from alembic import command

    from rm_desktop.storage.db import writer

    target = "heads" if target == "head" else target
    cfg = _config()
    with writer(engine).connect() as conn:
        # The pragma is a no-op inside a transaction, so it goes to the driver connection directly,
        # before SQLAlchemy begins one.
        raw = conn.connection.driver_connection
        assert raw is not None  # a connection just checked out of the pool holds its driver's
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    # Raising inside begin() rolls the whole migration back.
                    raise UserError(
                        t(
                            "数据库升级后发现 {} 条外键不一致，已撤销升级。",
                            "The schema upgrade left {} broken references; it was rolled back.",
                        ).format(len(broken))
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
