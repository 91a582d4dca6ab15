"""The LangGraph checkpointer for the configured database: a SQLite file by default, LangGraph's
PostgreSQL saver on a connection pool when REHEARSE_DATABASE_URL is postgresql://..."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from simulator.settings import Settings
from simulator.storage.database import is_postgres, libpq_url
from simulator.storage.migrate import ADVISORY_LOCK_KEY

# A different lock from the record's migrations, so the two set-ups never wait on each other.
CHECKPOINT_SETUP_LOCK_KEY = ADVISORY_LOCK_KEY + 1
SETUP_WAIT_S = 120


def make_checkpointer(settings: Settings) -> Any:
    """The checkpointer that goes with `settings.resolved_database_url`."""
    url = settings.resolved_database_url
    if is_postgres(url):
        return postgres_checkpointer(url, max_size=settings.database_pool_size, timeout_s=settings.database_timeout_s)
    return sqlite_checkpointer(settings.checkpoint_path)


def sqlite_checkpointer(path: Path) -> Any:
    from langgraph.checkpoint.sqlite import SqliteSaver

    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: survives a killed process, fsyncs at checkpoints
    saver = SqliteSaver(connection)
    saver.setup()
    return saver


def postgres_checkpointer(url: str, max_size: int = 10, timeout_s: float = 5.0) -> Any:
    """PostgresSaver on a psycopg pool. Every connection is checked as it leaves the pool, so
    after a PostgreSQL restart the next turn reconnects instead of failing on a dead socket."""
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    pool = ConnectionPool(
        libpq_url(url),
        min_size=1,
        max_size=max(2, max_size),
        timeout=timeout_s,
        open=True,
        check=ConnectionPool.check_connection,
        name="rehearse-checkpoints",
        # The pool reconnects in the background, backing off (1, 2, 4 ... s). Ending each round
        # of attempts after `timeout_s` keeps the gaps shorter than a request's wait, so the
        # first turn after PostgreSQL is back connects, however long it was down.
        reconnect_timeout=timeout_s,
        kwargs={
            "autocommit": True,
            "prepare_threshold": 0,
            "row_factory": dict_row,
            "connect_timeout": max(2, round(timeout_s)),
            "application_name": "rehearse-checkpoints",
        },
    )
    saver = PostgresSaver(pool)  # type: ignore[arg-type]
    try:
        _set_up(saver, pool)
    except BaseException:
        pool.close()  # no background reconnection for a checkpointer nobody will use
        raise
    return saver


def _set_up(saver: Any, pool: Any) -> None:
    # setup() creates or migrates LangGraph's tables; app processes starting together take turns.
    # The others poll for the lock rather than wait in a statement: setup() runs CREATE INDEX
    # CONCURRENTLY, which waits for every open transaction, a blocked lock request included.
    with pool.connection() as lock:
        deadline = time.monotonic() + SETUP_WAIT_S
        while not lock.execute("SELECT pg_try_advisory_lock(%s) AS got", (CHECKPOINT_SETUP_LOCK_KEY,)).fetchone()[
            "got"
        ]:
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"another process held the checkpoint set-up lock for {SETUP_WAIT_S} s; "
                    "check for a stuck `rehearse db upgrade` or app start"
                )
            time.sleep(0.2)
        try:
            saver.setup()
        finally:
            lock.execute("SELECT pg_advisory_unlock(%s)", (CHECKPOINT_SETUP_LOCK_KEY,))


def close_checkpointer(checkpointer: Any) -> None:
    """Close the checkpointer's connections (its pool, or its SQLite file)."""
    connection = getattr(checkpointer, "conn", None)
    if connection is not None and hasattr(connection, "close"):
        connection.close()
