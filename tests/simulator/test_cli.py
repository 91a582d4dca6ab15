"""The `rehearse` console script, run as a user would run it."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.processes import BIN, REPO, rehearse_env

LEARNER_LINES = """\
Last week there were dishes from your dinners in the sink on Monday, Wednesday and Friday mornings.
I feel frustrated when I have to wash up before I can cook.
I'd like you to wash your own dishes the same evening you use them.

If you do, the kitchen is free for both of us and I'll stop leaving notes.
How about this: you do them by 10 pm on weekdays, and weekends by the next morning?
"""


def run_cli(args, tmp_path, vector_cache, timeout=300):
    return subprocess.run(
        [str(BIN / "rehearse"), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=rehearse_env(tmp_path / "data", vector_cache),
    )


@pytest.mark.parametrize("scenario", ["roommate-dishes", "sister-loan"])
def test_session_play_prints_the_session_as_json(scenario, tmp_path, vector_cache):
    lines = tmp_path / "lines.txt"
    lines.write_text(LEARNER_LINES, encoding="utf-8")
    result = run_cli(["session", "play", scenario, "--learner-lines", str(lines), "--json"], tmp_path, vector_cache)
    assert result.returncode == 0, result.stderr
    session = json.loads(result.stdout)
    assert session["scenario"] == scenario
    assert session["outcome"] in {
        "agreed",
        "gave_in",
        "not_agreed",
        "walked_away",
        "crisis",
        "ended_by_learner",
        "max_turns",
    }
    assert 1 <= len(session["turns"]) <= 5
    first = session["turns"][0]
    assert set(first) == {"learner", "learner_move", "partner", "ratings", "openness", "coach", "safety"}
    assert {turn["learner_move"] for turn in session["turns"]} <= {
        "question",
        "offer",
        "request",
        "give_in",
        "attack",
        "validate",
        "apology",
        "repeat",
        "off_topic",
        "other",
    }
    assert first["safety"] is None
    assert first["learner"] == LEARNER_LINES.splitlines()[0]
    assert first["partner"] and 0 <= first["openness"] <= 100
    assert set(first["ratings"].values()) <= {"strong", "weak", "none"}
    assert {"describe", "express", "assert", "reinforce", "mindful", "confident", "negotiate"} <= set(first["ratings"])


def test_session_play_marks_check_in_and_crisis_turns_and_carries_on_after_a_check_in(tmp_path, vector_cache):
    lines = tmp_path / "lines.txt"
    lines.write_text(
        "I can't keep doing this\n" + LEARNER_LINES.splitlines()[0] + "\nI want to kill myself\nHello?\n",
        encoding="utf-8",
    )
    result = run_cli(
        ["session", "play", "roommate-dishes", "--learner-lines", str(lines), "--json"], tmp_path, vector_cache
    )
    assert result.returncode == 0, result.stderr
    session = json.loads(result.stdout)
    assert [t["safety"] for t in session["turns"]] == ["check_in", None, "crisis"]
    check_in, rated, crisis = session["turns"]
    assert check_in["partner"] is None and check_in["ratings"] == {}
    assert rated["partner"] and rated["ratings"]
    assert crisis["partner"] is None and crisis["ratings"] == {}
    assert session["outcome"] == "crisis"

    plain = run_cli(["session", "play", "roommate-dishes", "--learner-lines", str(lines)], tmp_path, vector_cache)
    assert "check-in: role-play paused" in plain.stdout and "crisis: role-play stopped" in plain.stdout


def test_validate_passes_on_the_library_and_fails_with_located_messages(tmp_path, vector_cache):
    assert run_cli(["scenarios", "validate"], tmp_path, vector_cache).returncode == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: y\ncategory: hobby\n", encoding="utf-8")
    result = run_cli(["scenarios", "validate", str(broken)], tmp_path, vector_cache)
    assert result.returncode == 1
    assert f"{broken}:3:11: category: 'hobby' is not one of: family, social, work, health, other" in result.stdout


def test_an_unknown_scenario_id_gets_a_suggestion(tmp_path, vector_cache):
    lines = tmp_path / "lines.txt"
    lines.write_text("hello\n", encoding="utf-8")
    result = run_cli(["session", "play", "roomate-dishes", "--learner-lines", str(lines)], tmp_path, vector_cache)
    assert result.returncode == 2
    assert "did you mean 'roommate-dishes'?" in result.stderr
