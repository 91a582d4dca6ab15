"""Export the research record as tables for statistics: CSV, Parquet or JSONL.

Participants appear only under a keyed pseudonym (HMAC-SHA256 with REHEARSE_EXPORT_KEY); what
learners typed (and anything quoting it) is left out unless asked for. Times are given to the
day unless asked otherwise (REHEARSE_EXPORT_TIME_RESOLUTION), and CSV text that a spreadsheet
would run as a formula is defused. Rows are sorted and values formatted the same way every
time, so the same record gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, cast

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from sqlalchemy import Engine

from feedback.surveys import SURVEY_ITEMS
from simulator.research.time_resolution import TimeResolution

Format = Literal["csv", "parquet", "jsonl"]
TABLES = ("participants", "sessions", "turns", "ratings", "coach_events", "partner_states", "surveys", "outcomes")

# table -> column -> description; the data dictionary is written from this.
DICTIONARY: dict[str, dict[str, str]] = {
    "participants": {
        "participant": "Pseudonymous participant id (keyed hash; stable for the same export key).",
        "study_id": "Study id.",
        "arm": "Arm the participant was assigned to.",
        "block": "Randomization block (0-based).",
        "position": "Enrolment order within the study (0-based; empty for test participants, randomized apart).",
        "consented_at": "When consent was given (UTC).",
        "enrolled_at": "When the arm was assigned (UTC).",
        "status": "in_progress, completed (every step done, surveys answered) or withdrawn.",
        "current_step": "Study step the participant is on now (empty once completed or withdrawn).",
        "completed_at": "When the last step was done (UTC).",
        "withdrawn_at": "When the participant withdrew (UTC); nothing else of theirs is exported.",
        "test_participant": "1 for a test participant (exported only when asked: --include-test-participants).",
    },
    "sessions": {
        "session_id": "Session id.",
        "participant": "Pseudonymous learner id.",
        "study_id": "Study id, empty outside studies.",
        "step_id": "Study step.",
        "scenario_id": "Scenario id.",
        "scenario_hash": "SHA-256 of the scenario file used.",
        "rater": "Rater (knn, llm).",
        "partner_backend": "Partner backend.",
        "feedback_shown": "Whether ratings and coach were shown (false in evaluation chats and simulation-only arms).",
        "status": "active or ended.",
        "outcome": "agreed, not_agreed, walked_away, crisis, ended_by_learner, max_turns.",
        "final_openness": "Partner openness at the end (0-100).",
        "mastery": "Mean over skills in play of the best level reached (strong 2, weak 1, none 0).",
        "active_branch": "Branch shown last ('do it again from here' creates branches).",
        "started_at": "Start (UTC).",
        "ended_at": "End (UTC).",
        "values_emotion": "Emotion (rated 5+ before) the learner reflected on.",
        "values_honoured": "Debrief answer: did the conversation honour what the feeling pointed to?",
        "values_note": "(with --include-text) What the feeling says about what matters to the learner.",
    },
    "turns": {
        "session_id": "Session id.",
        "branch": "Branch (0 = first attempt).",
        "turn_index": "Learner turn number (1-based).",
        "status": "done; pending (cut off); crisis (the crisis check stopped the role-play) or "
        "check_in (it paused to ask whether the learner was safe): neither is rated nor answered.",
        "openness_before": "Partner openness before the turn.",
        "openness_after": "Partner openness after the turn.",
        "band": "Partner stance after the turn.",
        "learner_move": "What the turn did, as the partner read it: question, offer, request, give_in, attack, "
        "validate, apology, repeat, off_topic or other.",
        "created_at": "When the learner sent the turn (UTC).",
        "completed_at": "When the turn was processed (UTC).",
        "learner_text": "(with --include-text) What the learner wrote.",
        "partner_text": "(with --include-text) The partner's reply.",
        "coach_text": "(with --include-text) What the coach said.",
    },
    "ratings": {
        "session_id": "Session id.",
        "branch": "Branch.",
        "turn_index": "Learner turn number.",
        "skill": "Skill id.",
        "level": "strong, weak or none.",
        "score": "Rater's confidence that the skill is strong (0-1).",
        "rater": "Rater that produced the rating.",
        "note": "Set when a rater fell back to another, with why.",
        "nearest_strong": "Nearest strong exemplar shown as contrast.",
        "nearest_weak": "Nearest weak exemplar shown as contrast.",
        "evidence": "(with --include-text) The learner's words the rating rests on.",
        "reason": "(with --include-text) The rater's one-sentence reason.",
        "rewrite": "(with --include-text) Stronger rewrite.",
    },
    "coach_events": {
        "session_id": "Session id.",
        "branch": "Branch.",
        "turn_index": "Learner turn number.",
        "spoke": "Whether the coach spoke.",
        "focus_skill": "Skill the coach spoke about.",
        "next_skill": "Skill suggested next.",
        "text": "(with --include-text) What the coach said.",
    },
    "partner_states": {
        "session_id": "Session id.",
        "branch": "Branch.",
        "turn_index": "Learner turn number.",
        "openness": "Partner openness after the turn (0-100).",
        "band": "Stance band.",
        "reasons": "Every openness change this turn with its size, separated by '; '.",
    },
    "surveys": {
        "participant": "Pseudonymous learner id.",
        "session_id": "Session id.",
        "study_id": "Study id.",
        "step_id": "Study step.",
        "scenario_id": "Scenario id.",
        "phase": "pre or post.",
        "item": "Survey item.",
        "value": "Answer, 1 (not at all) to 7 (extremely).",
        "answered_at": "When answered (UTC).",
    },
    "outcomes": {
        "participant": "Pseudonymous learner id.",
        "study_id": "Study id.",
        "arm": "Arm (studies only).",
        "step_id": "Study step.",
        "scenario_id": "Scenario id.",
        "session_id": "Session id.",
        "outcome": "Session outcome.",
        "mastery": "Session mastery (0-2).",
        **{f"pre_{i}": f"'{i}' before the session (1-7)." for i in SURVEY_ITEMS},
        **{f"post_{i}": f"'{i}' after the session (1-7)." for i in SURVEY_ITEMS},
        **{f"delta_{i}": f"post_{i} minus pre_{i}." for i in SURVEY_ITEMS},
    },
}
TEXT_COLUMNS = {
    "sessions": ["values_note"],
    "turns": ["learner_text", "partner_text", "coach_text"],
    "ratings": ["evidence", "reason", "rewrite"],
    "coach_events": ["text"],
}
SORT_KEYS = {
    "participants": ["study_id", "position", "participant"],
    "sessions": ["started_at", "session_id"],
    "turns": ["session_id", "branch", "turn_index"],
    "ratings": ["session_id", "branch", "turn_index", "skill"],
    "coach_events": ["session_id", "branch", "turn_index"],
    "partner_states": ["session_id", "branch", "turn_index"],
    "surveys": ["session_id", "phase", "item"],
    "outcomes": ["study_id", "participant", "session_id"],
}
INTEGER_COLUMNS = {
    "block",
    "position",
    "test_participant",
    "feedback_shown",
    "final_openness",
    "active_branch",
    "branch",
    "turn_index",
    "openness_before",
    "openness_after",
    "spoke",
    "openness",
    "value",
}
FLOAT_COLUMNS = {"mastery", "score"}
TIME_COLUMNS = {
    "consented_at",
    "enrolled_at",
    "withdrawn_at",
    "started_at",
    "ended_at",
    "created_at",
    "completed_at",
    "answered_at",
}
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...), +cmd, @SUM).
FORMULA_START = r"^([=+\-@\t\r])"
CSV_TEXT_NOTE = (
    "In CSV files, a text value that begins with =, +, -, @, a tab or a carriage return is given "
    "a leading apostrophe (') so that spreadsheets show it instead of running it as a formula; "
    "Parquet and JSONL files keep the text as written."
)


class ExportError(RuntimeError):
    pass


@dataclass(frozen=True)
class ExportOptions:
    out: Path
    format: Format = "csv"
    study_id: str | None = None
    include_text: bool = False
    key: str | None = None
    time_resolution: TimeResolution = TimeResolution.day
    include_test: bool = False  # test participants pilot the flow: left out unless asked for

    def __post_init__(self) -> None:
        object.__setattr__(self, "time_resolution", TimeResolution(self.time_resolution))


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
        raise ExportError(
            "set REHEARSE_EXPORT_KEY to a long random secret before exporting; keep it safe and "
            "use the same key again to get the same pseudonyms"
        )
    if engine.dialect.name not in ("sqlite", "postgresql"):
        raise ExportError(f"export reads SQLite or PostgreSQL records, not {engine.dialect.name}")
    options.out.mkdir(parents=True, exist_ok=True)
    pseudonym = pseudonymizer(options.key)
    tables = _coarse_times(_read(engine, options), options.time_resolution)
    tables["outcomes"] = pa.Table.from_pandas(_outcomes(tables), preserve_index=False)
    counts: dict[str, int] = {}
    for name in TABLES:
        table = tables[name]
        if "participant" in table.column_names:
            index = table.column_names.index("participant")
            values = [None if v is None else pseudonym(v) for v in table.column("participant").to_pylist()]
            table = table.set_column(index, "participant", pa.array(values, pa.string()))
        _write(table, options.out / f"{name}.{_suffix(options.format)}", options.format)
        counts[name] = table.num_rows
        if progress:
            progress(name)
    _write_dictionary(options)
    return counts


def _columns(table: str, include_text: bool) -> list[str]:
    return [c for c in DICTIONARY[table] if include_text or c not in TEXT_COLUMNS.get(table, [])]


def _read(engine: Engine, options: ExportOptions) -> dict[str, pa.Table]:
    """Every table as Arrow, in SQL order, from one snapshot of the record, through the engine's
    own driver (sqlite3 or psycopg); columns are typed the same way for both."""
    study = options.study_id
    sqlite = engine.dialect.name == "sqlite"
    # The JSON list of reasons joined by '; ': in SQLite itself (a Python loop costs more than reading).
    reasons = (
        "(SELECT coalesce(group_concat(value, '; '), '') FROM json_each(reasons)) AS reasons" if sqlite else "reasons"
    )
    # Withdrawn participants keep only their participants row; test participants stay out unless asked for.
    withheld = "SELECT participant_id FROM enrolments WHERE withdrawn_at IS NOT NULL" + (
        "" if options.include_test else " OR test_participant = TRUE"
    )
    kept = f"learner_id NOT IN ({withheld})"
    chosen = f"SELECT id FROM sessions WHERE {kept}" + (" AND study_id = ?" if study else "")
    with_study = [study] if study else []
    sources = {
        "participants": (
            "SELECT p.id AS participant, p.study_id, p.arm, p.block, p.position, p.consented_at, p.enrolled_at, "
            "CASE WHEN e.withdrawn_at IS NOT NULL THEN 'withdrawn' WHEN e.completed_at IS NOT NULL THEN 'completed' "
            "ELSE 'in_progress' END AS status, e.current_step, e.completed_at, e.withdrawn_at, "
            "CASE WHEN e.test_participant THEN 1 ELSE 0 END AS test_participant "
            "FROM participants p LEFT JOIN enrolments e ON e.participant_id = p.id WHERE p.arm IS NOT NULL"
            + ("" if options.include_test else " AND (e.test_participant IS NULL OR e.test_participant = FALSE)")
            + (" AND p.study_id = ?" if study else ""),
            with_study,
        ),
        "sessions": (
            "SELECT id AS session_id, learner_id AS participant, study_id, step_id, scenario_id, scenario_hash, "
            "rater, partner_backend, feedback_shown, status, outcome, final_openness, mastery, active_branch, "
            "started_at, ended_at, values_emotion, values_honoured, values_note FROM sessions "
            f"WHERE {kept}" + (" AND study_id = ?" if study else ""),
            with_study,
        ),
        "turns": (
            (
                'SELECT session_id, branch, "index" AS turn_index, status, openness_before, openness_after, band, '
                "learner_move, created_at, completed_at, learner_text, partner_text, coach_text FROM turns "
                f"WHERE session_id IN ({chosen})"
            ),
            with_study,
        ),
        "ratings": (
            (
                "SELECT session_id, branch, turn_index, skill, level, score, rater, note, nearest_strong, nearest_weak, "
                f"evidence, reason, rewrite FROM ratings WHERE session_id IN ({chosen})"
            ),
            with_study,
        ),
        "coach_events": (
            (
                "SELECT session_id, branch, turn_index, spoke, focus_skill, next_skill, text FROM coach_events "
                f"WHERE session_id IN ({chosen})"
            ),
            with_study,
        ),
        "partner_states": (
            (
                f"SELECT session_id, branch, turn_index, openness, band, {reasons} FROM partner_states "
                f"WHERE session_id IN ({chosen})"
            ),
            with_study,
        ),
        "surveys": (
            (
                "SELECT s.learner_id AS participant, a.session_id, s.study_id, s.step_id, s.scenario_id, a.phase, "
                "a.item, a.value, a.answered_at FROM survey_answers a JOIN sessions s ON s.id = a.session_id "
                f"WHERE a.session_id IN ({chosen})"
            ),
            with_study,
        ),
        "_arms": ("SELECT id AS participant, arm FROM participants", []),
    }
    queries = {}
    for name, (sql, parameters) in sources.items():
        keys = SORT_KEYS.get(name)
        order = f" ORDER BY {', '.join(keys)}" if keys else ""
        columns = _columns(name, options.include_text) if name in DICTIONARY else None
        wrapped = (
            f"SELECT * FROM ({sql}) AS t{order}"
            if not columns
            else f"SELECT {', '.join(columns)} FROM ({sql}) AS t{order}"
        )
        queries[name] = (wrapped, parameters)
    tables = {
        name: _typed(table) for name, table in (_read_sqlite if sqlite else _read_postgres)(engine, queries).items()
    }
    if not sqlite:
        index = tables["partner_states"].column_names.index("reasons")
        joined = [
            "; ".join(json.loads(raw)) if raw else "" for raw in tables["partner_states"].column("reasons").to_pylist()
        ]
        tables["partner_states"] = tables["partner_states"].set_column(index, "reasons", pa.array(joined, pa.string()))
    return tables


def _read_sqlite(engine: Engine, queries: dict[str, tuple[str, list[str]]]) -> dict[str, pa.Table]:
    """Through the app's own sqlite3 connection pool. A second SQLite library in the same
    process (as a bundled driver brings) does not see this one's POSIX locks: closing it
    checkpoints and deletes the live -wal and -shm files under the app's writers."""
    tables = {}
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("BEGIN")  # one read transaction: every table from the same snapshot
        try:
            for name, (sql, parameters) in queries.items():
                cursor.execute(sql, parameters)
                row_type = pa.struct([pa.field(column[0], _arrow_type(column[0])) for column in cursor.description])
                tables[name] = pa.Table.from_struct_array(pa.array(cursor.fetchall(), row_type))
        finally:
            cursor.execute("ROLLBACK")
            cursor.close()
    finally:
        connection.close()
    return tables


# PostgreSQL type oids -> the Arrow type the same SQLite column gets.
_PG_INTEGERS = {16, 20, 21, 23}  # bool (as 0/1, like SQLite), int8, int2, int4
_PG_FLOATS = {700, 701, 1700}  # float4, float8, numeric
_PG_TIMESTAMPS = {1114, 1184}  # timestamp, timestamptz: written as SQLite stores them (UTC)
_PG_JSON = {114, 3802}


def _read_postgres(engine: Engine, queries: dict[str, tuple[str, list[str]]]) -> dict[str, pa.Table]:
    tables = {}
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        for name, (sql, parameters) in queries.items():
            cursor.execute(sql.replace("?", "%s"), parameters or None)
            rows = cursor.fetchall()
            columns = list(zip(*rows)) if rows else [()] * len(cursor.description)
            tables[name] = pa.table(
                {
                    column[0]: _pg_array(values, cast(int, column[1]))
                    for column, values in zip(cursor.description, columns)
                }
            )
        cursor.close()
    finally:
        connection.close()
    return tables


def _pg_array(values: tuple[object, ...], type_code: int) -> pa.Array:
    if type_code in _PG_INTEGERS:
        return pa.array([None if v is None else int(v) for v in values], pa.int64())  # type: ignore[call-overload]
    if type_code in _PG_FLOATS:
        return pa.array([None if v is None else float(v) for v in values], pa.float64())  # type: ignore[arg-type]
    if type_code in _PG_TIMESTAMPS:
        return pa.array([None if v is None else _sqlite_timestamp(v) for v in values], pa.string())  # type: ignore[arg-type]
    if type_code in _PG_JSON:
        return pa.array([None if v is None else json.dumps(v) for v in values], pa.string())
    return pa.array([None if v is None else str(v) for v in values], pa.string())


def _sqlite_timestamp(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _arrow_type(column: str) -> pa.DataType:
    return pa.int64() if column in INTEGER_COLUMNS else pa.float64() if column in FLOAT_COLUMNS else pa.string()


def _typed(table: pa.Table) -> pa.Table:
    """Every column as its declared type, even when all empty, so every export has one schema."""
    return table.cast(pa.schema([pa.field(column, _arrow_type(column)) for column in table.column_names]))


def _coarse_times(tables: dict[str, pa.Table], resolution: TimeResolution) -> dict[str, pa.Table]:
    """Every time column cut to `resolution`; tables sorted by a time sorted again, so the row
    order tells no more than the times do."""
    if resolution == TimeResolution.exact:
        return tables
    kept = 10 if resolution == TimeResolution.day else 13
    suffix = "" if resolution == TimeResolution.day else ":00"
    coarse = {}
    for name, table in tables.items():
        for index, column in enumerate(table.column_names):
            if column in TIME_COLUMNS:
                cut = pc.utf8_slice_codeunits(table.column(column), 0, kept)
                if suffix:
                    cut = pc.binary_join_element_wise(cut, pa.scalar(suffix), "")
                table = table.set_column(index, column, cut)
        keys = SORT_KEYS.get(name, [])
        if TIME_COLUMNS & set(keys):
            table = table.sort_by([(key, "ascending") for key in keys])
        coarse[name] = table
    return coarse


def _outcomes(tables: dict[str, pa.Table]) -> pd.DataFrame:
    sessions = (
        tables["sessions"]
        .select(["session_id", "participant", "study_id", "step_id", "scenario_id", "outcome", "mastery"])
        .to_pandas()
    )
    surveys = tables["surveys"].to_pandas()
    if len(surveys):
        wide = surveys.pivot_table(index="session_id", columns=["phase", "item"], values="value", aggfunc="first")
        wide.columns = [f"{phase}_{item}" for phase, item in wide.columns]
        wide = wide.reset_index()
    else:
        wide = pd.DataFrame({"session_id": pd.Series(dtype=str)})
    for phase in ("pre", "post"):
        for item in SURVEY_ITEMS:
            if f"{phase}_{item}" not in wide:
                wide[f"{phase}_{item}"] = pd.Series(dtype="Int64")
    for item in SURVEY_ITEMS:
        wide[f"delta_{item}"] = wide[f"post_{item}"] - wide[f"pre_{item}"]
    merged = sessions.merge(wide, on="session_id", how="inner" if len(surveys) else "left")
    merged = merged.merge(tables["_arms"].to_pandas(), on="participant", how="left")
    ordered = list(DICTIONARY["outcomes"])
    merged = merged[ordered].sort_values(SORT_KEYS["outcomes"], kind="stable").reset_index(drop=True)
    for column in ordered[8:]:
        merged[column] = merged[column].astype("Int64")
    return merged


def _suffix(format: Format) -> str:
    return {"csv": "csv", "parquet": "parquet", "jsonl": "jsonl"}[format]


def _write(table: pa.Table, path: Path, format: Format) -> None:
    if format == "csv":
        pa_csv.write_csv(_defused(table), path)
    elif format == "parquet":
        pq.write_table(table, path, compression="zstd")
    else:
        table.to_pandas().to_json(path, orient="records", lines=True, force_ascii=False, date_format="iso")


def _defused(table: pa.Table) -> pa.Table:
    """Text a spreadsheet would run as a formula, behind an apostrophe (CSV only)."""
    for index, field in enumerate(table.schema):
        column = table.column(index)
        if (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)) and pc.any(
            pc.match_substring_regex(column, FORMULA_START)
        ).as_py():
            table = table.set_column(index, field, pc.replace_substring_regex(column, FORMULA_START, r"'\1"))
    return table


def _write_dictionary(options: ExportOptions) -> None:
    times = f" Given {options.time_resolution.description} (REHEARSE_EXPORT_TIME_RESOLUTION: day, hour or exact)."
    rows = [
        {"table": table, "column": column, "description": description + (times if column in TIME_COLUMNS else "")}
        for table in TABLES
        for column, description in DICTIONARY[table].items()
        if options.include_text or column not in TEXT_COLUMNS.get(table, [])
    ]
    rows.append({"table": "(all)", "column": "(text in CSV)", "description": CSV_TEXT_NOTE})
    _write(pa.Table.from_pylist(rows), options.out / f"data_dictionary.{_suffix(options.format)}", options.format)
