"""Database bytes per session and per learner turn, measured by playing sessions through the
real loop (knn rater, scripted partner, the record and the LangGraph checkpoints) into a fresh
database, then scaled to 1,000 learners.

    .venv/bin/python deploy/measure_storage.py [--sessions 60] [--turns 8] [--json]
    .venv/bin/python deploy/measure_storage.py --database-url postgresql://USER@HOST:PORT/EMPTY_DB

SQLite (default): a temporary REHEARSE_DATA_DIR; sizes are the files rehearse.sqlite and
checkpoints.sqlite after a WAL checkpoint, minus their size before the first session.
PostgreSQL: the database must be empty (a throwaway one); sizes are pg_total_relation_size
(table + indexes + TOAST) of every table, LangGraph's checkpoint* tables counted apart; also
transactions and rows written per turn (pg_stat_database; the survey and measuring queries are
counted too). `scripts/with-postgres.sh` gives a throwaway server:
    scripts/with-postgres.sh sh -c '.venv/bin/python deploy/measure_storage.py --database-url "$REHEARSE_TEST_POSTGRES_URL"'

Each session: pre survey (8 items), --turns learner turns taken from the labelled learner turns
in feedback/data (a session that ends earlier, e.g. agreed, stays shorter), post survey, end.
The scaling assumption is printed with the result (--sessions-per-learner, --turns-per-session):
bytes per session = a fixed part + a per-turn part, fitted over the sessions played.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCENARIOS = (
    "roommate-dishes",
    "sister-loan",
    "friend-concert-money",
    "manager-finish-time",
    "neighbour-driveway",
    "decline-unpaid-shifts",
)


def sqlite_sizes(data_dir: Path) -> dict[str, int]:
    sizes = {}
    for name in ("rehearse.sqlite", "checkpoints.sqlite"):
        path = data_dir / name
        if path.exists():
            with sqlite3.connect(path) as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        sizes["record" if name == "rehearse.sqlite" else "checkpoints"] = path.stat().st_size if path.exists() else 0
    return sizes


def postgres_sizes(url: str) -> dict[str, int]:
    import psycopg

    from simulator.storage.database import libpq_url

    query = (
        "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind = 'r' AND n.nspname = current_schema()"
    )
    sizes = {"record": 0, "checkpoints": 0}
    with psycopg.connect(libpq_url(url), autocommit=True) as connection:
        for name, size in connection.execute(query).fetchall():
            sizes["checkpoints" if name.startswith("checkpoint") else "record"] += size
    return sizes


def postgres_activity(url: str) -> dict[str, int]:
    """Transactions and rows written in this database so far (pg_stat_database)."""
    import psycopg

    from simulator.storage.database import libpq_url

    with psycopg.connect(libpq_url(url), autocommit=True) as connection:
        row = connection.execute(
            "SELECT xact_commit + xact_rollback, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database "
            "WHERE datname = current_database()"
        ).fetchone()
    return dict(zip(("transactions", "rows_inserted", "rows_updated", "rows_deleted"), row))


def play(rehearsal, sessions: int, turns: int, seed: int, sizes) -> list[tuple[int, int]]:
    """Plays the sessions; returns (learner turns, bytes the database grew) for each."""
    from feedback.labelled_data import load_labelled
    from feedback.surveys import SURVEY_ITEMS, SurveyAnswers
    from feedback.training import training_files
    from simulator.runtime import TurnResult

    rng = random.Random(seed)
    lines = [row.utterance for path in training_files() for row in load_labelled(path)]
    played = []
    last = sum(sizes().values())
    for number in range(sessions):
        session_id = rehearsal.start(SCENARIOS[number % len(SCENARIOS)], learner_id=f"learner-{number % 10}").session_id
        rehearsal.record_survey(
            session_id, SurveyAnswers(phase="pre", values={i: rng.randint(1, 7) for i in SURVEY_ITEMS})
        )
        count = 0
        for _ in range(turns):
            events = list(rehearsal.send(session_id, rng.choice(lines)))
            count += 1
            if isinstance(events[-1], TurnResult) and events[-1].outcome:
                break
        rehearsal.end(session_id)
        rehearsal.record_survey(
            session_id, SurveyAnswers(phase="post", values={i: rng.randint(1, 7) for i in SURVEY_ITEMS})
        )
        now = sum(sizes().values())
        played.append((count, now - last))
        last = now
    return played


def measure(sessions: int, turns: int, database_url: str | None, seed: int = 1) -> dict[str, object]:
    from simulator.bootstrap import bootstrap
    from simulator.partner.backends.scripted import ScriptedPartner
    from simulator.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        cache = os.environ.get("REHEARSE_CACHE_DIR")
        settings = Settings(
            data_dir=data_dir, database_url=database_url, **({"REHEARSE_CACHE_DIR": Path(cache)} if cache else {})
        )
        sizes = (lambda: postgres_sizes(database_url)) if database_url else (lambda: sqlite_sizes(data_dir))
        rehearsal = bootstrap(settings, partner=ScriptedPartner())
        activity_before = postgres_activity(database_url) if database_url else None
        before = sizes()
        per_session = play(rehearsal, sessions, turns, seed, sizes)
        close = getattr(rehearsal, "close", None)
        if close:
            close()
        after = sizes()
        if database_url:
            time.sleep(2)  # backends that just closed report their statistics on exit
            activity = {key: value - activity_before[key] for key, value in postgres_activity(database_url).items()}
    grown = {key: after[key] - before[key] for key in after}
    total = sum(grown.values())
    counts = {"sessions": len(per_session), "turns": sum(turns for turns, _ in per_session)}
    per_turn_activity = (
        {key: round(value / counts["turns"], 1) for key, value in activity.items()} if database_url else None
    )
    # bytes of one session = fixed part + per-turn part x its turns (least squares over sessions)
    per_turn, fixed = numpy.polyfit([t for t, _ in per_session], [b for _, b in per_session], 1)
    return {
        "database": "postgresql" if database_url else "sqlite",
        **counts,
        "fit": {"bytes_per_session_fixed": round(fixed), "bytes_per_turn": round(per_turn)},
        "turns_per_session": round(counts["turns"] / counts["sessions"], 2),
        "bytes": grown,
        "bytes_per_session": round(total / counts["sessions"]),
        "bytes_per_turn": round(total / counts["turns"]),
        "record_bytes_per_turn": round(grown["record"] / counts["turns"]),
        "checkpoint_bytes_per_turn": round(grown["checkpoints"] / counts["turns"]),
        **({"postgres_per_turn": per_turn_activity} if per_turn_activity else {}),
    }


def scale(
    result: dict[str, object], learners: int, sessions_per_learner: int, turns_per_session: int
) -> dict[str, object]:
    """Bytes for `learners`, each playing `sessions_per_learner` sessions of `turns_per_session` turns."""
    fit = result["fit"]
    per_session = fit["bytes_per_session_fixed"] + fit["bytes_per_turn"] * turns_per_session  # type: ignore[index]
    total = per_session * sessions_per_learner * learners
    return {
        "learners": learners,
        "sessions_per_learner": sessions_per_learner,
        "turns_per_session": turns_per_session,
        "bytes_per_learner": per_session * sessions_per_learner,
        "bytes": total,
        "gib": round(total / 2**30, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--turns", type=int, default=8, help="learner turns per session (most; see above)")
    parser.add_argument("--sessions-per-learner", type=int, default=10)
    parser.add_argument("--turns-per-session", type=int, default=8, help="for the scaling (default 8)")
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite in a temp folder)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.sessions, args.turns, args.database_url)
    result["scaled"] = scale(result, args.learners, args.sessions_per_learner, args.turns_per_session)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
