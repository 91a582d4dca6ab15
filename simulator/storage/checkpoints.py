"""The LangGraph checkpointer for the configured database: a SQLite file by default."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def sqlite_checkpointer(path: Path) -> Any:
    from langgraph.checkpoint.sqlite import SqliteSaver

    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: survives a killed process, fsyncs at checkpoints
    saver = SqliteSaver(connection)
    saver.setup()
    return saver
