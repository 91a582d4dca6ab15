"""The record as it was before migrations: sessions, turns, ratings, coach events, partner
states, scenario snapshots, branches, study participants and survey answers.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "learner",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "scenario_snapshots",
        sa.Column("hash", sa.String(), nullable=False),
        sa.Column("scenario_id", sa.String(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("hash"),
    )
    op.create_index("ix_scenario_snapshots_scenario_id", "scenario_snapshots", ["scenario_id"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("learner_id", sa.String(), nullable=False),
        sa.Column("scenario_id", sa.String(), nullable=False),
        sa.Column("scenario_hash", sa.String(), nullable=False),
        sa.Column("scenario_title", sa.String(), nullable=False),
        sa.Column("rater", sa.String(), nullable=False),
        sa.Column("partner_backend", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=True),
        sa.Column("final_openness", sa.Integer(), nullable=True),
        sa.Column("active_branch", sa.Integer(), nullable=False),
        sa.Column("feedback_shown", sa.Boolean(), nullable=False),
        sa.Column("study_id", sa.String(), nullable=True),
        sa.Column("step_id", sa.String(), nullable=True),
        sa.Column("mastery", sa.Float(), nullable=True),
        sa.Column("values_emotion", sa.String(), nullable=True),
        sa.Column("values_note", sa.String(), nullable=True),
        sa.Column("values_honoured", sa.String(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sessions_learner_id", "sessions", ["learner_id"])
    op.create_index("ix_sessions_scenario_id", "sessions", ["scenario_id"])
    op.create_index("ix_sessions_status", "sessions", ["status"])
    op.create_index("ix_sessions_study_id", "sessions", ["study_id"])
    op.create_table(
        "session_branches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(), nullable=False),
        sa.Column("branch", sa.Integer(), nullable=False),
        sa.Column("parent_branch", sa.Integer(), nullable=False),
        sa.Column("from_turn", sa.Integer(), nullable=False),
        sa.Column("parent_outcome", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "branch"),
    )
    op.create_index("ix_session_branches_session_id", "session_branches", ["session_id"])
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(), nullable=False),
        sa.Column("branch", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("learner_text", sa.String(), nullable=False),
        sa.Column("partner_text", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("openness_before", sa.Integer(), nullable=True),
        sa.Column("openness_after", sa.Integer(), nullable=True),
        sa.Column("band", sa.String(), nullable=True),
        sa.Column("coach_text", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "branch", "index"),
    )
    op.create_index("ix_turns_session_id", "turns", ["session_id"])
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(), nullable=False),
        sa.Column("branch", sa.Integer(), nullable=False),
        sa.Column("turn_index", sa.Integer(), nullable=False),
        sa.Column("skill", sa.String(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("evidence", sa.String(), nullable=False),
        sa.Column("nearest_strong", sa.String(), nullable=True),
        sa.Column("nearest_weak", sa.String(), nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("rewrite", sa.String(), nullable=True),
        sa.Column("rater", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ratings_session_id", "ratings", ["session_id"])
    op.create_table(
        "partner_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(), nullable=False),
        sa.Column("branch", sa.Integer(), nullable=False),
        sa.Column("turn_index", sa.Integer(), nullable=False),
        sa.Column("openness", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_partner_states_session_id", "partner_states", ["session_id"])
    op.create_table(
        "coach_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(), nullable=False),
        sa.Column("branch", sa.Integer(), nullable=False),
        sa.Column("turn_index", sa.Integer(), nullable=False),
        sa.Column("spoke", sa.Boolean(), nullable=False),
        sa.Column("focus_skill", sa.String(), nullable=True),
        sa.Column("next_skill", sa.String(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_coach_events_session_id", "coach_events", ["session_id"])
    op.create_table(
        "participants",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("study_id", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("arm", sa.String(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("block", sa.Integer(), nullable=True),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("study_id", "code"),
        sa.UniqueConstraint("study_id", "position"),
    )
    op.create_index("ix_participants_study_id", "participants", ["study_id"])
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(), nullable=False),
        sa.Column("learner_id", sa.String(), nullable=False),
        sa.Column("phase", sa.String(), nullable=False),
        sa.Column("item", sa.String(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "phase", "item"),
    )
    op.create_index("ix_survey_answers_learner_id", "survey_answers", ["learner_id"])
    op.create_index("ix_survey_answers_session_id", "survey_answers", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_survey_answers_learner_id", table_name="survey_answers")
    op.drop_index("ix_survey_answers_session_id", table_name="survey_answers")
    op.drop_table("survey_answers")
    op.drop_index("ix_participants_study_id", table_name="participants")
    op.drop_table("participants")
    op.drop_index("ix_coach_events_session_id", table_name="coach_events")
    op.drop_table("coach_events")
    op.drop_index("ix_partner_states_session_id", table_name="partner_states")
    op.drop_table("partner_states")
    op.drop_index("ix_ratings_session_id", table_name="ratings")
    op.drop_table("ratings")
    op.drop_index("ix_turns_session_id", table_name="turns")
    op.drop_table("turns")
    op.drop_index("ix_session_branches_session_id", table_name="session_branches")
    op.drop_table("session_branches")
    op.drop_index("ix_sessions_learner_id", table_name="sessions")
    op.drop_index("ix_sessions_scenario_id", table_name="sessions")
    op.drop_index("ix_sessions_status", table_name="sessions")
    op.drop_index("ix_sessions_study_id", table_name="sessions")
    op.drop_table("sessions")
    op.drop_index("ix_scenario_snapshots_scenario_id", table_name="scenario_snapshots")
    op.drop_table("scenario_snapshots")
    op.drop_table("learner")
