"""The schema check at unlock reads the revision files itself (no Alembic at start, issue 19.1):
its heads must be Alembic's own, and a vault at an older revision must still say it needs one."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from rm_desktop.storage import migrate


def test_known_heads_are_alembics_heads():
    script = ScriptDirectory.from_config(migrate._config())
    assert migrate.known_heads() == frozenset(script.get_heads())
    assert migrate.head_revision() == ",".join(sorted(script.get_heads()))


def test_a_vault_at_the_heads_needs_no_upgrade_and_an_older_one_does(vault):
    engine = vault.engine
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert not migrate.needs_upgrade(engine)
    with engine.begin() as conn:  # as if a later release had added a revision after these
        conn.exec_driver_sql("DELETE FROM alembic_version")
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('0008')")
    assert migrate.current_revision(engine) == "0008"
    assert migrate.needs_upgrade(engine)
