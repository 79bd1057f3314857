"""Running Alembic migrations on an open vault.

Batch migrations rebuild a table by copy-and-drop; with ``foreign_keys=ON`` the drop fires
ON DELETE CASCADE and silently deletes the children (reproduced on this stack). So migrations
run with foreign keys off, and ``PRAGMA foreign_key_check`` afterwards must come back empty or
the whole migration is rolled back. The caller takes a backup first (VaultService.unlock).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.storage.db import writer

SCRIPT_LOCATION = str(Path(__file__).with_name("migrations"))


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


# Feature areas add their tables in revisions that branch from the client schema (e.g. reminders
# and plans both revise 0002), so there may be several heads; "heads" upgrades all of them and a
# revision string lists them sorted and comma-separated.


def head_revision() -> str:
    return ",".join(sorted(ScriptDirectory.from_config(_config()).get_heads()))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    return ",".join(sorted(heads)) if heads else None


def needs_upgrade(engine: Engine, target: str = "heads") -> bool:
    goal = head_revision() if target in ("head", "heads") else target
    return current_revision(engine) != goal


def upgrade(engine: Engine, target: str = "heads") -> None:
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
