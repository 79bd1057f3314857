"""Alembic environment: always runs on the caller's already-keyed connection.

There is no alembic.ini and no URL: the key never leaves the process. ``render_as_batch`` because
SQLite can only alter tables by copying them (see rm_desktop/storage/migrate.py for why foreign
keys are off while that happens).
"""

from alembic import context

from rm_desktop.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
