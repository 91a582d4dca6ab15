"""Export speed on a large record: N sessions of T turns (7 ratings a turn), written straight
into a fresh SQLite database, then exported. Run: `rehearse bench export [--sessions N --turns T]`."""

from __future__ import annotations

import random
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from feedback.skills import DEAR_MAN_IDS
from feedback.surveys import SURVEY_ITEMS
from simulator.research.export import ExportOptions, export
from simulator.storage.models import (
    CoachEvent,
    Participant,
    PartnerStateRecord,
    RatingRecord,
    RehearsalSession,
    SurveyAnswer,
    Turn,
    utc_now,
)
from simulator.storage.store import SessionStore, make_engine

LEVELS = ("strong", "weak", "none")


def fill_database(path: Path, sessions: int, turns: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    engine = make_engine(f"sqlite:///{path}")
    SessionStore(engine)
    now = utc_now()
    with Session(engine) as db:
        for start in range(0, sessions, 500):
            chunk = range(start, min(sessions, start + 500))
            rows: dict[Any, list[dict[str, Any]]] = {
                t: []
                for t in (
                    Participant,
                    RehearsalSession,
                    Turn,
                    RatingRecord,
                    PartnerStateRecord,
                    CoachEvent,
                    SurveyAnswer,
                )
            }
            for number in chunk:
                learner, session = f"learner-{number // 5}", uuid.UUID(int=rng.getrandbits(128)).hex
                if number % 5 == 0:
                    rows[Participant].append(
                        {
                            "id": learner,
                            "study_id": "bench",
                            "code": f"C{number:07d}",
                            "arm": ("simulation", "simulation_feedback")[number // 5 % 2],
                            "position": number // 5,
                            "block": number // 20,
                            "consented_at": now,
                            "enrolled_at": now,
                        }
                    )
                rows[RehearsalSession].append(
                    {
                        "id": session,
                        "learner_id": learner,
                        "scenario_id": "roommate-dishes",
                        "scenario_hash": "0" * 64,
                        "status": "ended",
                        "outcome": "agreed",
                        "study_id": "bench",
                        "step_id": f"step-{number % 5}",
                        "started_at": now,
                        "mastery": round(rng.random() * 2, 3),
                        "feedback_shown": True,
                    }
                )
                for phase in ("pre", "post"):
                    rows[SurveyAnswer].extend(
                        {
                            "session_id": session,
                            "learner_id": learner,
                            "phase": phase,
                            "item": item,
                            "value": rng.randint(1, 7),
                            "answered_at": now,
                        }
                        for item in SURVEY_ITEMS
                    )
                for index in range(1, turns + 1):
                    rows[Turn].append(
                        {
                            "session_id": session,
                            "branch": 0,
                            "index": index,
                            "learner_text": "words " * 20,
                            "partner_text": "reply " * 15,
                            "status": "done",
                            "openness_before": 40,
                            "openness_after": 45,
                            "band": "guarded",
                            "created_at": now,
                            "completed_at": now,
                        }
                    )
                    rows[RatingRecord].extend(
                        {
                            "session_id": session,
                            "branch": 0,
                            "turn_index": index,
                            "skill": skill,
                            "level": rng.choice(LEVELS),
                            "score": round(rng.random(), 4),
                            "evidence": "words " * 8,
                            "nearest_strong": "a strong way",
                            "nearest_weak": "a weak way",
                            "reason": "reason",
                            "rater": "knn",
                        }
                        for skill in DEAR_MAN_IDS
                    )
                    rows[PartnerStateRecord].append(
                        {
                            "session_id": session,
                            "branch": 0,
                            "turn_index": index,
                            "openness": 45,
                            "band": "guarded",
                            "reasons": ["clear request: +7"],
                        }
                    )
                    rows[CoachEvent].append(
                        {
                            "session_id": session,
                            "branch": 0,
                            "turn_index": index,
                            "spoke": index % 2 == 0,
                            "focus_skill": "assert",
                            "next_skill": "reinforce",
                            "text": "coach",
                        }
                    )
            for table, values in rows.items():
                if values:
                    db.execute(insert(table), values)
            db.commit()


def run_export_benchmark(sessions: int = 10_000, turns: int = 10, format: str = "csv") -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite"
        started = time.perf_counter()
        fill_database(database, sessions, turns)
        fill_s = time.perf_counter() - started
        engine = make_engine(f"sqlite:///{database}")
        started = time.perf_counter()
        counts = export(engine, ExportOptions(out=Path(folder) / "out", format=format, key="bench"))  # type: ignore[arg-type]
        export_s = time.perf_counter() - started
    return {
        "sessions": sessions,
        "turns_per_session": turns,
        "format": format,
        "fill_s": round(fill_s, 2),
        "export_s": round(export_s, 2),
        "rows": counts,
    }
