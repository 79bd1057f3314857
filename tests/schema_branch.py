"""What every feature revision's schema test checks, in one place: the head schema of a
branch's tables matches its models (Alembic's autogenerate finds no difference) and a downgrade
of that branch alone removes them. Each test names its tables, revision and what must stay."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from rm_desktop.storage import migrate
from rm_desktop.storage.models import Base


def tables(engine) -> set[str]:
    with engine.connect() as conn:
        return {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}


def schema_drift(engine, mine: set[str]) -> list:
    """Upgrade to the heads, then the differences between the models and the database for the
    tables in ``mine`` (and their indexes): [] when the revision builds what the models say."""

    def include(obj, name, type_, reflected, compare_to):
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
        return table in mine

    migrate.upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include, "compare_type": False})
        return compare_metadata(context, Base.metadata)


def downgrade_branch(engine, revision: str) -> set[str]:
    """Step ``revision``'s branch of an upgraded database back one ("<rev>-1": the other
    branches stay), and return the tables left."""
    with engine.begin() as conn:
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, f"{revision}-1")
    return tables(engine)
