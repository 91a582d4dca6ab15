"""An app-like process for the export tests: it holds the SQLite record open in WAL mode as the
server does, and on command writes sessions or runs an export in the same process.
Commands on standard input, one a line: `write N`, `export FOLDER`; it answers `ok` to each."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from sqlmodel import Session

from simulator.research.export import ExportOptions, export
from simulator.storage.models import RehearsalSession
from simulator.storage.store import SessionStore, make_engine


def main(database: str) -> None:
    engine = make_engine(f"sqlite:///{database}")
    SessionStore(engine)
    held = engine.connect()  # a connection kept open all along, as the server's pool keeps them
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "write":
            with Session(engine) as db:
                for _ in range(int(argument)):
                    db.add(
                        RehearsalSession(
                            id=uuid.uuid4().hex, learner_id="ana", scenario_id="roommate-dishes", scenario_hash="0" * 64
                        )
                    )
                    db.commit()
        elif command == "export":
            export(engine, ExportOptions(out=Path(argument), key="test-export-key"))
        print("ok", flush=True)
    held.close()


if __name__ == "__main__":
    main(sys.argv[1])
