"""Export the research record as tables for statistics: CSV, Parquet or JSONL.

Participants appear only under a keyed pseudonym (HMAC-SHA256 with REHEARSE_EXPORT_KEY); what
learners typed (and anything quoting it) is left out unless asked for. Rows are sorted and
values formatted the same way every time, so the same record gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
from sqlalchemy import Engine

from feedback.surveys import SURVEY_ITEMS

Format = Literal["csv", "parquet", "jsonl"]
TABLES = ("participants", "sessions", "turns", "ratings", "coach_events", "partner_states", "surveys", "outcomes")

# table -> column -> description; the data dictionary is written from this.
DICTIONARY: dict[str, dict[str, str]] = {
    "participants": {
        "participant": "Pseudonymous participant id (keyed hash; stable for the same export key).",
        "study_id": "Study id.", "arm": "Arm the participant was assigned to.",
        "block": "Randomization block (0-based).", "position": "Enrolment order within the study (0-based).",
        "consented_at": "When consent was given (UTC).", "enrolled_at": "When the arm was assigned (UTC).",
    },
    "sessions": {
        "session_id": "Session id.", "participant": "Pseudonymous learner id.", "study_id": "Study id, empty outside studies.",
        "step_id": "Study step.", "scenario_id": "Scenario id.", "scenario_hash": "SHA-256 of the scenario file used.",
        "rater": "Rater (knn, llm).", "partner_backend": "Partner backend.",
        "feedback_shown": "Whether ratings and coach were shown (false in evaluation chats and simulation-only arms).",
        "status": "active or ended.", "outcome": "agreed, not_agreed, walked_away, crisis, ended_by_learner, max_turns.",
        "final_openness": "Partner openness at the end (0-100).",
        "mastery": "Mean over skills in play of the best level reached (strong 2, weak 1, none 0).",
        "active_branch": "Branch shown last ('do it again from here' creates branches).",
        "started_at": "Start (UTC).", "ended_at": "End (UTC).",
        "values_emotion": "Emotion (rated 5+ before) the learner reflected on.",
        "values_honoured": "Debrief answer: did the conversation honour what the feeling pointed to?",
        "values_note": "(with --include-text) What the feeling says about what matters to the learner.",
    },
    "turns": {
        "session_id": "Session id.", "branch": "Branch (0 = first attempt).", "turn_index": "Learner turn number (1-based).",
        "status": "done, pending (cut off) or crisis.", "openness_before": "Partner openness before the turn.",
        "openness_after": "Partner openness after the turn.", "band": "Partner stance after the turn.",
        "created_at": "When the learner sent the turn (UTC).", "completed_at": "When the turn was processed (UTC).",
        "learner_text": "(with --include-text) What the learner wrote.", "partner_text": "(with --include-text) The partner's reply.",
        "coach_text": "(with --include-text) What the coach said.",
    },
    "ratings": {
        "session_id": "Session id.", "branch": "Branch.", "turn_index": "Learner turn number.", "skill": "Skill id.",
        "level": "strong, weak or none.", "score": "Rater's confidence that the skill is strong (0-1).",
        "rater": "Rater that produced the rating.", "note": "Set when a rater fell back to another, with why.",
        "nearest_strong": "Nearest strong exemplar shown as contrast.", "nearest_weak": "Nearest weak exemplar shown as contrast.",
        "evidence": "(with --include-text) The learner's words the rating rests on.",
        "reason": "(with --include-text) The rater's one-sentence reason.", "rewrite": "(with --include-text) Stronger rewrite.",
    },
    "coach_events": {
        "session_id": "Session id.", "branch": "Branch.", "turn_index": "Learner turn number.",
        "spoke": "Whether the coach spoke.", "focus_skill": "Skill the coach spoke about.",
        "next_skill": "Skill suggested next.", "text": "(with --include-text) What the coach said.",
    },
    "partner_states": {
        "session_id": "Session id.", "branch": "Branch.", "turn_index": "Learner turn number.",
        "openness": "Partner openness after the turn (0-100).", "band": "Stance band.",
        "reasons": "Every openness change this turn with its size, separated by '; '.",
    },
    "surveys": {
        "participant": "Pseudonymous learner id.", "session_id": "Session id.", "study_id": "Study id.", "step_id": "Study step.",
        "scenario_id": "Scenario id.", "phase": "pre or post.", "item": "Survey item.",
        "value": "Answer, 1 (not at all) to 7 (extremely).", "answered_at": "When answered (UTC).",
    },
    "outcomes": {
        "participant": "Pseudonymous learner id.", "study_id": "Study id.", "arm": "Arm (studies only).",
        "step_id": "Study step.", "scenario_id": "Scenario id.", "session_id": "Session id.", "outcome": "Session outcome.",
        "mastery": "Session mastery (0-2).", **{f"pre_{i}": f"'{i}' before the session (1-7)." for i in SURVEY_ITEMS},
        **{f"post_{i}": f"'{i}' after the session (1-7)." for i in SURVEY_ITEMS},
        **{f"delta_{i}": f"post_{i} minus pre_{i}." for i in SURVEY_ITEMS},
    },
}
TEXT_COLUMNS = {"sessions": ["values_note"], "turns": ["learner_text", "partner_text", "coach_text"],
                "ratings": ["evidence", "reason", "rewrite"], "coach_events": ["text"]}
SORT_KEYS = {"participants": ["study_id", "position", "participant"], "sessions": ["started_at", "session_id"],
             "turns": ["session_id", "branch", "turn_index"], "ratings": ["session_id", "branch", "turn_index", "skill"],
             "coach_events": ["session_id", "branch", "turn_index"],
             "partner_states": ["session_id", "branch", "turn_index"],
             "surveys": ["session_id", "phase", "item"], "outcomes": ["study_id", "participant", "session_id"]}


class ExportError(RuntimeError):
    pass


@dataclass(frozen=True)
class ExportOptions:
    out: Path
    format: Format = "csv"
    study_id: str | None = None
    include_text: bool = False
    key: str | None = None


def pseudonymizer(key: str) -> Callable[[str], str]:
    secret = key.encode()
    cache: dict[str, str] = {}

    def pseudonym(value: str) -> str:
        if value not in cache:
            cache[value] = "p_" + hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()[:16]
        return cache[value]

    return pseudonym


def export(engine: Engine, options: ExportOptions, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Write every table to `options.out`; return the row count of each."""
    if not options.key:
        raise ExportError("set REHEARSE_EXPORT_KEY to a long random secret before exporting; keep it safe and "
                          "use the same key again to get the same pseudonyms")
    if engine.dialect.name != "sqlite":
        raise ExportError("export reads the SQLite record in this version; PostgreSQL export arrives with the deploy work")
    options.out.mkdir(parents=True, exist_ok=True)
    pseudonym = pseudonymizer(options.key)
    database = engine.url.database
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        frames = _read(connection, options.study_id)
    frames["outcomes"] = _outcomes(frames)
    counts: dict[str, int] = {}
    for table in TABLES:
        frame = frames[table]
        for column in ("participant",):
            if column in frame:
                frame[column] = frame[column].map(pseudonym)
        if not options.include_text:
            frame = frame.drop(columns=[c for c in TEXT_COLUMNS.get(table, []) if c in frame])
        frame = frame.sort_values(SORT_KEYS[table], kind="stable").reset_index(drop=True)
        _write(frame, options.out / f"{table}.{_suffix(options.format)}", options.format)
        counts[table] = len(frame)
        if progress:
            progress(table)
    _write_dictionary(options, frames)
    return counts


def _read(connection: sqlite3.Connection, study_id: str | None) -> dict[str, pd.DataFrame]:
    where = "WHERE s.study_id = :study" if study_id else ""
    params = {"study": study_id} if study_id else {}
    chosen = f"SELECT s.id FROM sessions s {where}"
    query = lambda sql: pd.read_sql_query(sql, connection, params=params)  # noqa: E731
    frames = {
        "participants": query(
            "SELECT id AS participant, study_id, arm, block, position, consented_at, enrolled_at FROM participants p "
            f"WHERE arm IS NOT NULL {'AND study_id = :study' if study_id else ''}"),
        "sessions": query(
            "SELECT s.id AS session_id, s.learner_id AS participant, s.study_id, s.step_id, s.scenario_id, s.scenario_hash, "
            "s.rater, s.partner_backend, s.feedback_shown, s.status, s.outcome, s.final_openness, s.mastery, "
            "s.active_branch, s.started_at, s.ended_at, s.values_emotion, s.values_honoured, s.values_note "
            f"FROM sessions s {where}"),
        "turns": query(
            "SELECT session_id, branch, \"index\" AS turn_index, status, openness_before, openness_after, band, created_at, "
            f"completed_at, learner_text, partner_text, coach_text FROM turns WHERE session_id IN ({chosen})"),
        "ratings": query(
            "SELECT session_id, branch, turn_index, skill, level, score, rater, note, nearest_strong, nearest_weak, "
            f"evidence, reason, rewrite FROM ratings WHERE session_id IN ({chosen})"),
        "coach_events": query(
            "SELECT session_id, branch, turn_index, spoke, focus_skill, next_skill, text FROM coach_events "
            f"WHERE session_id IN ({chosen})"),
        "partner_states": query(
            f"SELECT session_id, branch, turn_index, openness, band, reasons FROM partner_states WHERE session_id IN ({chosen})"),
        "surveys": query(
            "SELECT s.learner_id AS participant, a.session_id, s.study_id, s.step_id, s.scenario_id, a.phase, a.item, a.value, "
            f"a.answered_at FROM survey_answers a JOIN sessions s ON s.id = a.session_id {where}"),
    }
    frames["partner_states"]["reasons"] = frames["partner_states"]["reasons"].map(
        lambda raw: "; ".join(json.loads(raw)) if isinstance(raw, str) else "")
    arms = query("SELECT id AS participant, arm FROM participants")
    frames["_arms"] = arms
    return frames


def _outcomes(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    sessions = frames["sessions"][["session_id", "participant", "study_id", "step_id", "scenario_id", "outcome", "mastery"]]
    surveys = frames["surveys"]
    if len(surveys):
        wide = surveys.pivot_table(index="session_id", columns=["phase", "item"], values="value", aggfunc="first")
        wide.columns = [f"{phase}_{item}" for phase, item in wide.columns]
        wide = wide.reset_index()
    else:
        wide = pd.DataFrame({"session_id": pd.Series(dtype=str)})
    for phase in ("pre", "post"):
        for item in SURVEY_ITEMS:
            if f"{phase}_{item}" not in wide:
                wide[f"{phase}_{item}"] = pd.NA
    for item in SURVEY_ITEMS:
        wide[f"delta_{item}"] = wide[f"post_{item}"] - wide[f"pre_{item}"]
    merged = sessions.merge(wide, on="session_id", how="inner" if len(surveys) else "left")
    merged = merged.merge(frames["_arms"], on="participant", how="left")
    ordered = ["participant", "study_id", "arm", "step_id", "scenario_id", "session_id", "outcome", "mastery",
               *[f"{p}_{i}" for p in ("pre", "post", "delta") for i in SURVEY_ITEMS]]
    return merged[ordered]


def _suffix(format: Format) -> str:
    return {"csv": "csv", "parquet": "parquet", "jsonl": "jsonl"}[format]


def _write(frame: pd.DataFrame, path: Path, format: Format) -> None:
    if format == "csv":
        frame.to_csv(path, index=False, lineterminator="\n")
    elif format == "parquet":
        frame.to_parquet(path, index=False, engine="pyarrow", compression="zstd")
    else:
        with path.open("w", encoding="utf-8") as handle:
            for record in frame.to_dict(orient="records"):
                handle.write(json.dumps({k: (None if _missing(v) else v) for k, v in record.items()},
                                        ensure_ascii=False, default=str) + "\n")


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _write_dictionary(options: ExportOptions, frames: dict[str, pd.DataFrame]) -> None:
    rows = []
    for table in TABLES:
        for column, description in DICTIONARY[table].items():
            if column in TEXT_COLUMNS.get(table, []) and not options.include_text:
                continue
            rows.append({"table": table, "column": column, "description": description})
    _write(pd.DataFrame(rows), options.out / f"data_dictionary.{_suffix(options.format)}", options.format)


def table_files(out: Path, format: Format) -> Iterable[Path]:
    return [out / f"{table}.{_suffix(format)}" for table in (*TABLES, "data_dictionary")]
