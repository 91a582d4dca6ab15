"""Schema migrations for the record (Alembic, configured here; no alembic.ini).

`upgrade(engine)` brings any database to the newest schema and is what every app process runs at
start: it holds a lock while it migrates (a PostgreSQL advisory lock; on SQLite the file's write
lock), so several processes starting at once migrate once. A database that an earlier version
made without migrations (no `alembic_version` table) is stamped with the revision its tables
match, then upgraded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# Any fixed 64-bit number, the same in every process of every version: "Rehearse" in ASCII.
ADVISORY_LOCK_KEY = 0x5265686561727365
LANGGRAPH_TABLE_PREFIX = "checkpoint"  # checkpoints, checkpoint_blobs, checkpoint_writes, checkpoint_migrations
# Databases made before migrations: the newest revision whose tables are all there, newest first.
LEGACY_REVISIONS = (("0002", {"accounts", "sign_ins"}), ("0001", {"sessions", "turns", "ratings"}))


def ours(name: str | None, type_: str, parent_names: object = None) -> bool:
    """Alembic's include_name filter: LangGraph's checkpoint tables share a PostgreSQL database
    with the record but belong to LangGraph (PostgresSaver.setup), not to these migrations."""
    return not (type_ == "table" and name is not None and name.startswith(LANGGRAPH_TABLE_PREFIX))


@dataclass(frozen=True)
class UpgradeReport:
    before: str | None  # None: an empty database, or one made without migrations
    after: str
    stamped: str | None = None  # the revision a database made without migrations was found to match

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


@cache
def head() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads ({', '.join(heads)}); merge them into one")
    return heads[0]


def current(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database or one made without migrations."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> UpgradeReport:
    """Migrate to the newest schema (a no-op when it is there already)."""
    target = head()
    if current(engine) == target:
        return UpgradeReport(target, target)
    with _migration_lock(engine) as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        stamped = None
        if before is None:
            stamped = _legacy_revision(connection)
            if stamped is not None:
                command.stamp(alembic_config(connection), stamped)
                log.info("the database was made without migrations; its tables match revision %s", stamped)
        if (before or stamped) != target:
            command.upgrade(alembic_config(connection), "head")
            log.info("database upgraded from %s to %s", before or stamped or "empty", target)
    return UpgradeReport(before, target, stamped)


def new_revision(message: str, engine: Engine) -> Path:
    """Write a migration for the difference between the models and `engine`'s database at head
    (autogenerate); review it before committing."""
    upgrade(engine)
    number = int(head()) + 1
    with engine.begin() as connection:
        script = command.revision(
            alembic_config(connection), message=message, autogenerate=True, rev_id=f"{number:04d}"
        )
    head.cache_clear()
    path = Path(script.path) if script is not None and not isinstance(script, list) else MIGRATIONS_DIR
    return path


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """One connection in one transaction that holds the migration lock until it commits."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock: other processes wait (busy timeout)
        yield connection
        connection.commit()


def _legacy_revision(connection: Connection) -> str | None:
    tables = set(inspect(connection).get_table_names())
    return next((revision for revision, needed in LEGACY_REVISIONS if needed <= tables), None)
