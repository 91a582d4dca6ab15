"""A study run in a real browser against the real server: two participants enrol with codes,
consent, and go through the pre-evaluation, training and post-evaluation with every survey (one
of them across a restart of the app), in different arms, never seeing feedback in an evaluation;
a third declines. The researcher's dashboard shows all three; the export and the report hold
exactly the two who completed. Screenshots land in test-artifacts/study-*.png."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from feedback.surveys import SURVEY_ITEMS
from simulator.web.accounts import Role
from tests.app.browser import browser_page, shot
from tests.app.conftest import EXPORT_KEY
from tests.processes import BIN, PASSWORD, REPO, add_account, free_port, rehearse_env, running_app

pytestmark = pytest.mark.browser
STUDIES = REPO / "tests" / "data" / "studies"
STUDY_ID = "short-trial"
EVALUATIONS = {"pre-eval", "post-eval"}
LINES = [
    "Last week your dishes stayed in the sink for three days. I feel frustrated when I can't cook.",
    "I'd like you to wash your own dishes the same evening. Could you do that from today?",
]


def rehearse(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "rehearse"), *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=True
    )
    return done.stdout


def page_name(page: Any) -> str:
    return page.locator("#study-page").get_attribute("data-page")


def submit(page: Any, selector: str) -> str:
    with page.expect_navigation():
        page.locator(selector).click()
    return page_name(page)


def answer_survey(page: Any, phase: str, value: int) -> str:
    assert page_name(page) == f"{phase}-survey"
    for item in SURVEY_ITEMS:
        page.locator(f"#{phase}-{item} input[value='{value}']").check()
    return submit(page, "#survey-submit")


def converse(page: Any, step: str, seen_feedback: dict[str, bool], turns: int | None = None) -> str:
    """Send turns until the conversation ends (the study allows two), or `turns` of them."""
    sent = 0
    while page_name(page) == "conversation" and (turns is None or sent < turns):
        page.locator("#message").fill(LINES[sent % len(LINES)])
        sent += 1
        if submit(page, "#send") == "conversation":
            seen_feedback[step] = seen_feedback.get(step, False) or page.locator("#feedback").count() > 0
    return page_name(page)


def step_heading(page: Any) -> str:
    return page.locator("h1").inner_text()


def enrol(page: Any, url: str, code: str) -> str:
    page.goto(f"{url}study/{STUDY_ID}")
    page.locator("#code").fill(code.lower())
    return submit(page, "#code-submit")


def take_step(page: Any, step: str, seen_feedback: dict[str, bool], folder: Path | None = None) -> str:
    answer_survey(page, "pre", 3)
    assert page_name(page) == "conversation"
    if folder:
        shot(page, folder, f"study-03-conversation-{step}")
    converse(page, step, seen_feedback)
    if folder:
        shot(page, folder, f"study-04-post-survey-{step}")
    return answer_survey(page, "post", 5)


def test_two_participants_complete_the_study_one_across_a_restart_and_a_third_declines(
    tmp_path, vector_cache, artifacts
):
    env = rehearse_env(
        tmp_path / "data", vector_cache, REHEARSE_EXPORT_KEY=EXPORT_KEY, REHEARSE_STUDIES_DIR=json.dumps([str(STUDIES)])
    )
    researcher = add_account(env, "researcher-1", Role.researcher)
    codes = rehearse(env, "study", "codes", str(STUDIES / "short-trial.yaml"), "--count", "3").split()
    assert len(codes) == 3
    port = free_port()
    feedback: dict[str, dict[str, bool]] = {"first": {}, "second": {}}
    with running_app(env, tmp_path / "app.log", port) as app, browser_page() as page:
        # the first participant, all the way through
        assert enrol(page, app.url, codes[0]) == "consent"
        assert "withdraw at any time" in page.locator("#consent-text").inner_text()
        shot(page, artifacts, "study-01-consent")
        assert submit(page, "#consent-agree") == "pre-survey"
        shot(page, artifacts, "study-02-pre-survey")
        page.locator("#survey-submit").click()  # nothing answered: the browser keeps the form
        assert page_name(page) == "pre-survey"
        for number, step in enumerate(["pre-eval", "training", "post-eval"]):
            assert f"Step {number + 1} of 3" in step_heading(page)
            take_step(page, step, feedback["first"], artifacts if number < 2 else None)
        assert page_name(page) == "finished"
        shot(page, artifacts, "study-05-finished")

        # the second participant stops in the middle of training...
        page.context.clear_cookies()
        assert enrol(page, app.url, codes[1]) == "consent"
        submit(page, "#consent-agree")
        take_step(page, "pre-eval", feedback["second"])
        answer_survey(page, "pre", 4)
        assert converse(page, "training", feedback["second"], turns=1) == "conversation"
        said = page.locator("#transcript").inner_text()

        app.stop()  # ...the app restarts...
        app.start()
        page.context.clear_cookies()  # ...and they come back another day, on another browser
        assert enrol(page, app.url, codes[1]) == "conversation"
        assert page.locator("#transcript").inner_text() == said and LINES[0] in said
        shot(page, artifacts, "study-06-resumed-after-restart")
        converse(page, "training", feedback["second"])
        answer_survey(page, "post", 6)
        take_step(page, "post-eval", feedback["second"])
        assert page_name(page) == "finished"

        # the third declines
        page.context.clear_cookies()
        enrol(page, app.url, codes[2])
        assert submit(page, "#consent-decline") == "declined"
        shot(page, artifacts, "study-07-declined")

        # the researcher's dashboard
        page.goto(f"{app.url}login?next=/study/{STUDY_ID}/dashboard")
        page.locator("#username").fill(researcher)
        page.locator("#password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("button[type=submit]").click()
        assert page_name(page) == "dashboard"
        shot(page, artifacts, "study-08-dashboard")
        arms = {
            row.get_attribute("data-arm"): row.locator("td").all_inner_texts()
            for row in page.locator("#arms-table tbody tr").all()
        }
        assert arms == {"simulation": ["1", "1", "0"], "simulation_feedback": ["1", "1", "0"]}
        assert page.locator("#declined").inner_text() == "1"
        assert page.locator("#missing-total").inner_text() == "0"
        steps = {
            row.get_attribute("data-step"): row.locator("td").all_inner_texts()[1:]
            for row in page.locator("#steps-table tbody tr").all()
        }
        assert steps == {step: ["2", "0"] for step in ("pre-eval", "training", "post-eval")}
        rows = page.locator("#participants-table tbody tr")
        assert rows.count() == 2 and {rows.nth(i).get_attribute("data-status") for i in range(2)} == {"completed"}
        assert not any(code in page.content() for code in codes)

    # never any feedback in an evaluation; in training only in the feedback arm, which one of them had
    for seen in feedback.values():
        assert not any(seen.get(step, False) for step in EVALUATIONS)
    assert sorted(seen.get("training", False) for seen in feedback.values()) == [False, True]

    rehearse(env, "export", "--out", str(tmp_path / "export"), "--study", STUDY_ID)
    participants = pd.read_csv(tmp_path / "export" / "participants.csv")
    assert len(participants) == 2 and set(participants.status) == {"completed"}
    assert set(participants.arm) == {"simulation", "simulation_feedback"}
    assert set(pd.read_csv(tmp_path / "export" / "sessions.csv").participant) == set(participants.participant)
    rehearse(env, "report", "--study", STUDY_ID, "--out", str(tmp_path / "report"))
    summary = pd.read_csv(tmp_path / "report" / "pre_post_summary.csv")
    assert summary[summary.measure == "confident"].set_index("arm").n.to_dict() == {
        "simulation": 1,
        "simulation_feedback": 1,
    }
    assert (tmp_path / "report" / "report.html").exists()
