"""The record survives a researcher's day and a crash: the app serves on SQLite, learners play,
a researcher runs a study dry run, an export and a report from the command line and presses
Export in the console, learners play on, and the server is killed with SIGKILL. Every session
is there, the database is intact, and no simulated participant is in it."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from feedback.surveys import SURVEY_ITEMS
from scenarios.study_schema import STUDIES_DIR
from simulator.web.accounts import Role
from tests.processes import BIN, REPO, add_account, rehearse_env, running_app, signed_in

pytestmark = pytest.mark.slow
TURN = "When your dishes stay in the sink for two days I feel frustrated. Would you wash them each evening?"
UNANSWERED = [None] * len(SURVEY_ITEMS)


def rehearse(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "rehearse"), *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def play(client, scenario: str) -> str:  # type: ignore[no-untyped-def]
    session_id = client.call("start", scenario, "", *UNANSWERED)[0]
    client.call("send", session_id, TURN)
    client.call("end", session_id)
    return session_id


def test_sessions_survive_a_researchers_day_and_a_crash_with_no_simulated_participant(tmp_path, vector_cache):
    env = rehearse_env(tmp_path / "data", vector_cache, REHEARSE_EXPORT_KEY="a-long-random-export-key-for-tests")
    for name, role in (("ana", Role.learner), ("ben", Role.learner), ("rita", Role.researcher)):
        add_account(env, name, role)
    database = tmp_path / "data" / "rehearse.sqlite"
    with running_app(env, tmp_path / "app.log") as app:
        ana, ben, rita = (signed_in(app.url, name) for name in ("ana", "ben", "rita"))
        played = [play(ana, "roommate-dishes"), play(ben, "sister-loan")]

        simulated = rehearse(
            env,
            "study",
            "simulate",
            str(STUDIES_DIR / "two-arm-trial.yaml"),
            "--participants",
            "2",
            "--data-dir",
            str(tmp_path / "pilot"),
        )
        assert simulated.returncode == 0, simulated.stderr[-2000:]
        exported = rehearse(env, "export", "--out", str(tmp_path / "export"))
        assert exported.returncode == 0, exported.stderr[-2000:]
        report = rehearse(env, "report", "--study", "two-arm-trial", "--out", str(tmp_path / "report"))
        assert (
            report.returncode == 2
            and "no participants have agreed to take part in study 'two-arm-trial'" in report.stderr
        )
        pilot_report = rehearse(
            {**env, "REHEARSE_DATA_DIR": str(tmp_path / "pilot")},
            "report",
            "--study",
            "two-arm-trial",
            "--out",
            str(tmp_path / "pilot-report"),
        )
        assert pilot_report.returncode == 0, pilot_report.stderr[-2000:]
        rita.call("console_export", "csv", False)

        played += [play(ana, "sister-loan"), play(ben, "roommate-dishes")]
        unfinished = ana.call("start", "roommate-dishes", "", *UNANSWERED)[0]
        ana.call("send", unfinished, TURN)
        assert Path(f"{database}-wal").exists(), "the write-ahead log was removed under the running app"
        app.kill()

    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        sessions = dict(db.execute("SELECT id, learner_id FROM sessions").fetchall())
        turns = dict(db.execute("SELECT session_id, count(*) FROM turns GROUP BY session_id").fetchall())
        assert db.execute("SELECT count(*) FROM participants").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM sessions WHERE study_id IS NOT NULL").fetchone()[0] == 0
    assert set(sessions) == {*played, unfinished}
    assert set(sessions.values()) == {"ana", "ben"}
    assert all(turns.get(session_id) == 1 for session_id in [*played, unfinished])
    exported_sessions = pd.read_csv(tmp_path / "export" / "sessions.csv")
    assert set(exported_sessions["session_id"]) == set(played[:2])  # the CLI export saw only the live learners
    assert pd.read_csv(tmp_path / "export" / "participants.csv").empty
