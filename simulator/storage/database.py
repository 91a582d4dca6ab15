"""Database URLs and engines: a SQLite file by default, PostgreSQL (psycopg 3) at scale, and
the one error a front end shows when the database cannot be reached."""

from __future__ import annotations

import sqlite3
from typing import Any

import psycopg
import sqlalchemy.exc
from sqlalchemy import Engine, event
from sqlmodel import create_engine

RECORD_UNAVAILABLE = "The record cannot be reached just now; nothing is lost. Try again in a moment."

# What a database outage looks like from here: the server is down or restarting, a connection
# broke, no connection came from the pool in time, or a SQLite file is locked or unreadable.
DATABASE_ERRORS: tuple[type[BaseException], ...] = (
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    sqlalchemy.exc.TimeoutError,  # no pooled connection in time
    psycopg.OperationalError,  # also psycopg_pool.PoolTimeout
    psycopg.InterfaceError,
    sqlite3.OperationalError,
)


class RecordUnavailable(RuntimeError):
    """The database could not be reached; nothing was lost, the learner can try again shortly."""

    def __init__(self, message: str = RECORD_UNAVAILABLE):
        super().__init__(message)


def describe(error: BaseException) -> str:
    """The driver's own first line ("connection refused ..."), without SQLAlchemy's wrapping."""
    cause = getattr(error, "orig", None) or error
    return (str(cause).strip().splitlines() or [type(cause).__name__])[0]


def is_postgres(url: str) -> bool:
    return url.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def sqlalchemy_url(url: str) -> str:
    """postgresql://... (any driver, or the postgres:// spelling) -> postgresql+psycopg://..."""
    if not is_postgres(url):
        return url
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def libpq_url(url: str) -> str:
    """The plain postgresql://... form that psycopg and LangGraph's checkpointer take."""
    if not is_postgres(url):
        raise ValueError(f"not a PostgreSQL URL: {redacted(url)}")
    return "postgresql://" + url.split("://", 1)[1]


def unreachable(url: str, error: BaseException) -> str:
    """What to tell an operator when the database at `url` did not answer."""
    return (
        f"cannot reach the database at {redacted(url)} ({describe(error)}); check REHEARSE_DATABASE_URL "
        "and that the server is running"
    )


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at or ":" not in credentials:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


def make_engine(url: str, pool_size: int = 10, timeout_s: float = 5.0) -> Engine:
    """An engine for the record. PostgreSQL connections are checked before use (a restarted
    server costs nothing but a reconnect) and store timestamps in UTC."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    if is_postgres(url):
        kept = max(1, pool_size // 2)
        return create_engine(
            sqlalchemy_url(url),
            pool_pre_ping=True,
            pool_size=kept,
            max_overflow=max(0, pool_size - kept),
            pool_timeout=timeout_s,
            pool_recycle=1800,
            connect_args={
                "connect_timeout": max(2, round(timeout_s)),
                "options": "-c timezone=UTC",
                "application_name": "rehearse",
            },
        )
    return create_engine(url, pool_pre_ping=True)
