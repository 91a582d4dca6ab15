"""The numbers a study report analyses, read from the record: who counts (agreed, not withdrawn,
not a test participant unless asked), and per participant and measure the value before and after.

Surveys: pre = the answers before the first step, post = the answers after the last step.
Skill mastery (0-2): pre = the mean over pre-evaluation sessions, post = the mean over
post-evaluation sessions (the first and last step when a study has none of that kind)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, text

from feedback.surveys import SURVEY_ITEMS
from scenarios.study_schema import Study

MASTERY = "mastery"
MEASURES = (*SURVEY_ITEMS, MASTERY)


def counted_participants(engine: Engine, study_id: str, include_test: bool = False) -> pd.DataFrame:
    """participant, arm: everyone who agreed and has not withdrawn (test participants only if asked)."""
    query = (
        "SELECT p.id AS participant, p.arm FROM participants p "
        "LEFT JOIN enrolments e ON e.participant_id = p.id "
        "WHERE p.study_id = :study AND p.arm IS NOT NULL AND e.withdrawn_at IS NULL"
        + ("" if include_test else " AND (e.test_participant IS NULL OR e.test_participant = :no)")
    )
    with engine.connect() as connection:
        return pd.read_sql_query(text(query), connection, params={"study": study_id, "no": False})


def survey_frame(engine: Engine, study_id: str, include_test: bool = False) -> pd.DataFrame:
    """arm, participant, step_id, phase, item, value for every counted participant."""
    query = (
        "SELECT a.learner_id AS participant, s.step_id, a.phase, a.item, a.value "
        "FROM survey_answers a JOIN sessions s ON s.id = a.session_id WHERE s.study_id = :study"
    )
    with engine.connect() as connection:
        answers = pd.read_sql_query(text(query), connection, params={"study": study_id})
    counted = counted_participants(engine, study_id, include_test)
    return counted.merge(answers, on="participant")[["arm", "participant", "step_id", "phase", "item", "value"]]


def mastery_frame(engine: Engine, study_id: str, include_test: bool = False) -> pd.DataFrame:
    """arm, participant, step_id, mastery of each ended session (the newest per step)."""
    query = (
        "SELECT learner_id AS participant, step_id, mastery, started_at FROM sessions "
        "WHERE study_id = :study AND status = 'ended' ORDER BY started_at"
    )
    with engine.connect() as connection:
        sessions = pd.read_sql_query(text(query), connection, params={"study": study_id})
    newest = sessions.drop_duplicates(["participant", "step_id"], keep="last")
    counted = counted_participants(engine, study_id, include_test)
    return counted.merge(newest, on="participant")[["arm", "participant", "step_id", "mastery"]]


def pre_post(engine: Engine, study: Study, include_test: bool = False) -> pd.DataFrame:
    """One row per counted participant and measure: participant, arm, measure, pre, post (NaN
    where missing)."""
    counted = counted_participants(engine, study.id, include_test)
    surveys = survey_frame(engine, study.id, include_test)
    first, last = study.sequence[0].id, study.sequence[-1].id
    pre = surveys[(surveys.step_id == first) & (surveys.phase == "pre")].pivot_table(
        index="participant", columns="item", values="value", aggfunc="first"
    )
    post = surveys[(surveys.step_id == last) & (surveys.phase == "post")].pivot_table(
        index="participant", columns="item", values="value", aggfunc="first"
    )
    mastery = mastery_frame(engine, study.id, include_test)
    before = [s.id for s in study.sequence if s.kind == "pre_evaluation"] or [first]
    after = [s.id for s in study.sequence if s.kind == "post_evaluation"] or [last]
    mastery_pre = mastery[mastery.step_id.isin(before)].groupby("participant").mastery.mean()
    mastery_post = mastery[mastery.step_id.isin(after)].groupby("participant").mastery.mean()
    rows = []
    for participant, arm in counted.itertuples(index=False):
        for measure in MEASURES:
            if measure == MASTERY:
                values = (mastery_pre.get(participant), mastery_post.get(participant))
            else:
                values = (_cell(pre, participant, measure), _cell(post, participant, measure))
            rows.append(
                {
                    "participant": participant,
                    "arm": arm,
                    "measure": measure,
                    "pre": _number(values[0]),
                    "post": _number(values[1]),
                }
            )
    return pd.DataFrame(rows, columns=["participant", "arm", "measure", "pre", "post"])


def _cell(table: pd.DataFrame, participant: str, item: str) -> object:
    if participant not in table.index or item not in table.columns:
        return None
    return table.at[participant, item]


def _number(value: object) -> float:
    return float("nan") if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]
