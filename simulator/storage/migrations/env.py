"""Alembic environment: runs on the connection simulator.storage.migrate hands over, inside
that connection's transaction (which holds the migration lock)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import simulator.storage.models  # noqa: F401  (registers every table on SQLModel.metadata)
from simulator.storage.migrate import ours

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations through `rehearse db upgrade` (simulator.storage.migrate), not the alembic command"
    )

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=ours,
)
with context.begin_transaction():
    context.run_migrations()
