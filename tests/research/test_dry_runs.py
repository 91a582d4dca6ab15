"""Dry runs (study pilots, benchmarks) write simulated learners into a record of their own:
never the live data folder, never the live database named by REHEARSE_DATABASE_URL."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from scenarios.study_schema import STUDIES_DIR, load_study
from simulator.research.dry_run import (
    MARKER,
    DryRunError,
    check_dry_run_folder,
    dry_run_environment,
    dry_run_settings,
)
from simulator.research.pilot import run_pilot
from simulator.settings import Settings
from tests.processes import BIN, REPO, add_account, rehearse_env

STUDY_FILE = STUDIES_DIR / "two-arm-trial.yaml"


def rows(database: Path, table: str) -> int:
    with sqlite3.connect(database) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_pilot_refuses_to_run_on_a_live_record(make_rehearsal):
    rehearsal = make_rehearsal()
    with pytest.raises(DryRunError, match="live record"):
        run_pilot(rehearsal, load_study(STUDY_FILE), participants=2, seed=1)
    assert rehearsal.store.sessions() == []


def test_dry_run_settings_and_children_ignore_the_live_database_url(tmp_path):
    live = Settings(data_dir=tmp_path / "live", database_url="postgresql://rehearse@db.example/rehearse")
    scratch = dry_run_settings(tmp_path / "scratch", live)
    assert scratch.resolved_database_url == f"sqlite:///{(tmp_path / 'scratch' / 'rehearse.sqlite').resolve()}"
    assert live.authored_dir in scratch.scenario_folders  # scenarios written in the console still run
    child = dry_run_environment(tmp_path / "scratch", {"REHEARSE_DATABASE_URL": live.database_url, "HOME": "/root"})
    assert child == {"REHEARSE_DATA_DIR": str(tmp_path / "scratch"), "HOME": "/root"}


def test_a_pilot_folder_is_never_the_live_one_or_a_folder_of_other_files(tmp_path):
    live = Settings(data_dir=tmp_path / "live")
    (tmp_path / "live").mkdir()
    with pytest.raises(DryRunError, match="live data folder"):
        check_dry_run_folder(tmp_path / "live", live)
    with pytest.raises(DryRunError, match="live database"):
        check_dry_run_folder(
            tmp_path / "elsewhere", Settings(database_url=f"sqlite:///{tmp_path / 'elsewhere' / 'rehearse.sqlite'}")
        )
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(DryRunError, match="no dry run made"):
        check_dry_run_folder(tmp_path / "other", live)
    check_dry_run_folder(tmp_path / "new", live)


@pytest.mark.slow
def test_study_simulate_leaves_the_live_record_as_it_was(tmp_path, vector_cache):
    env = rehearse_env(tmp_path / "live", vector_cache)
    add_account(env, "ana")  # a live record with a real account in it
    live = tmp_path / "live" / "rehearse.sqlite"

    def simulate(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "rehearse"), "study", "simulate", str(STUDY_FILE), "--participants", "2", *extra],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    thrown_away = simulate()
    assert thrown_away.returncode == 0, thrown_away.stderr[-2000:]
    assert "2 participants" in thrown_away.stdout and "thrown away" in thrown_away.stdout
    kept = simulate("--data-dir", str(tmp_path / "pilot"))
    assert kept.returncode == 0, kept.stderr[-2000:]
    pilot = tmp_path / "pilot" / "rehearse.sqlite"
    assert rows(pilot, "participants") == 2 and rows(pilot, "sessions") == 2 * 5
    assert (tmp_path / "pilot" / MARKER).exists()
    refused = simulate("--data-dir", str(tmp_path / "live"))
    assert refused.returncode == 2 and "live data folder" in refused.stderr
    assert rows(live, "participants") == 0 and rows(live, "sessions") == 0 and rows(live, "survey_answers") == 0
    assert rows(live, "accounts") == 1
