"""A participant's pages, served by the study routes on a real record: the code admits them, a
decline keeps only the decline, surveys are required, evaluation conversations never show
feedback, a participant comes back exactly where they were, and withdrawal closes the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from markupsafe import escape

from feedback.surveys import SURVEY_ITEMS, SurveyAnswers
from scenarios.study_schema import load_study
from simulator.research.export import pseudonymizer
from simulator.research.studies import ParticipationStatus, StudyRunner, status_of
from simulator.research.study_status import study_overview
from simulator.web.accounts import Accounts
from simulator.web.server import SIGN_IN_COOKIE
from simulator.web.study import build

STUDY_FILE = Path(__file__).resolve().parent.parent / "data" / "studies" / "short-trial.yaml"
STUDY = load_study(STUDY_FILE)
LINK = f"/study/{STUDY.id}"
KEY = "a-test-export-key"
SKILLED = (
    "On Sunday eleven of your dishes were in the sink. I feel frustrated when I can't cook. "
    "I'd like you to wash your own dishes by the next morning."
)


@pytest.fixture
def study_app(make_rehearsal):  # type: ignore[no-untyped-def]
    rehearsal = make_rehearsal(studies_dir=[STUDY_FILE.parent])
    app = FastAPI()
    app.include_router(build(rehearsal, Accounts(rehearsal.engine)))
    return rehearsal, app


def answers(phase: str, value: int = 4) -> dict[str, str]:
    return {"phase": phase, **{item: str(value) for item in SURVEY_ITEMS}}


def page_of(response) -> str:  # type: ignore[no-untyped-def]
    text = response.text
    return text.split('data-page="', 1)[1].split('"', 1)[0]


def enter(client: TestClient, code: str) -> str:
    return page_of(client.post(f"{LINK}/code", data={"code": code}))


def play_step(client: TestClient) -> str:
    """Pre survey, two turns (the study's limit), post survey; returns the conversation page."""
    assert page_of(client.get(f"{LINK}/step")) == "pre-survey"
    client.post(f"{LINK}/survey", data=answers("pre"))
    client.post(f"{LINK}/say", data={"text": SKILLED})
    conversation = client.get(f"{LINK}/step").text
    client.post(f"{LINK}/say", data={"text": "Could you wash them tonight, please?"})
    assert page_of(client.get(f"{LINK}/step")) == "post-survey"
    client.post(f"{LINK}/survey", data=answers("post", 5))
    return conversation


def test_a_wrong_code_is_refused_and_an_unknown_study_is_a_plain_404(study_app):
    _, app = study_app
    client = TestClient(app)
    refused = client.post(f"{LINK}/code", data={"code": "NOPE2345"})
    assert refused.status_code == 400 and "not valid for this study" in refused.text
    assert client.get("/study/no-such-study").status_code == 404
    assert client.get(f"{LINK}/step", follow_redirects=False).headers["location"] == LINK


def test_declining_keeps_only_the_decision_and_the_code_no_longer_opens_the_study(study_app):
    rehearsal, app = study_app
    runner = StudyRunner(rehearsal, STUDY)
    code = runner.issue_codes(1)[0]
    client = TestClient(app)
    assert enter(client, code.lower()) == "consent"
    assert "withdraw at any time" in client.get(f"{LINK}/consent").text
    assert page_of(client.post(f"{LINK}/consent", data={"decision": "declined"})) == "declined"
    participant, record = runner.lookup(code)
    assert status_of(record) == ParticipationStatus.declined and participant.arm is None
    assert rehearsal.store.sessions() == []
    assert "decline" in TestClient(app).post(f"{LINK}/code", data={"code": code}).text


def test_surveys_are_required_and_evaluations_never_show_feedback_in_either_arm(study_app):
    rehearsal, app = study_app
    runner = StudyRunner(rehearsal, STUDY)
    seen: dict[str, list[str]] = {}
    for code in runner.issue_codes(2):
        client = TestClient(app)
        enter(client, code)
        client.post(f"{LINK}/consent", data={"decision": "agreed"})
        partial = {k: v for k, v in answers("pre").items() if k != "fear"}
        refused = client.post(f"{LINK}/survey", data=partial)
        assert refused.status_code == 400 and "Answer every question" in refused.text
        assert rehearsal.store.sessions(learner_id=runner.lookup(code)[0].id) == []
        pages = [play_step(client) for _ in STUDY.sequence]
        arm = runner.lookup(code)[0].arm
        seen[arm] = pages
        assert page_of(client.get(f"{LINK}/step")) == "finished"
        assert status_of(runner.lookup(code)[1]) == ParticipationStatus.completed
    assert set(seen) == {"simulation", "simulation_feedback"}
    for arm, (pre_eval, training, post_eval) in seen.items():
        assert 'id="feedback"' not in pre_eval and 'id="feedback"' not in post_eval
        assert ('id="feedback"' in training) == (arm == "simulation_feedback")
        assert escape(SKILLED) in pre_eval


def test_a_participant_comes_back_with_their_code_exactly_where_they_stopped(study_app):
    rehearsal, app = study_app
    code = StudyRunner(rehearsal, STUDY).issue_codes(1)[0]
    first = TestClient(app)
    enter(first, code)
    first.post(f"{LINK}/consent", data={"decision": "agreed"})
    first.post(f"{LINK}/survey", data=answers("pre"))
    first.post(f"{LINK}/say", data={"text": SKILLED})
    later = TestClient(app)  # another day, another browser
    assert enter(later, code) == "conversation"
    assert escape(SKILLED) in later.get(f"{LINK}/step").text


def test_withdrawing_ends_participation_and_closes_the_code(study_app):
    rehearsal, app = study_app
    runner = StudyRunner(rehearsal, STUDY)
    code = runner.issue_codes(1)[0]
    client = TestClient(app)
    enter(client, code)
    client.post(f"{LINK}/consent", data={"decision": "agreed"})
    client.post(f"{LINK}/survey", data=answers("pre"))
    assert "left out of every export and report" in client.get(f"{LINK}/withdraw").text
    assert page_of(client.post(f"{LINK}/withdraw")) == "withdrawn"
    assert status_of(runner.lookup(code)[1]) == ParticipationStatus.withdrawn
    assert all(s.status == "ended" for s in rehearsal.store.sessions(learner_id=runner.lookup(code)[0].id))
    assert "withdrawn" in TestClient(app).post(f"{LINK}/code", data={"code": code}).text


def finish_by_hand(rehearsal, runner: StudyRunner, code: str) -> str:  # type: ignore[no-untyped-def]
    """A participant who goes through every step with all surveys; returns their participant id."""
    enrolment = runner.enrol(code, consent=True)
    while (step := runner.next_step(enrolment.participant_id)) is not None:
        session_id = runner.start_step(enrolment, step).session_id
        rehearsal.record_survey(session_id, SurveyAnswers(phase="pre", values=dict.fromkeys(SURVEY_ITEMS, 3)))
        rehearsal.end(session_id)
        rehearsal.record_survey(session_id, SurveyAnswers(phase="post", values=dict.fromkeys(SURVEY_ITEMS, 4)))
    return enrolment.participant_id


def test_the_dashboard_counts_arms_steps_declines_withdrawals_and_missing_surveys_in_pseudonyms(study_app):
    rehearsal, app = study_app
    runner = StudyRunner(rehearsal, STUDY)
    done, declining, leaving, midway, unused = runner.issue_codes(5)
    finish_by_hand(rehearsal, runner, done)
    runner.decline(declining)
    runner.withdraw(runner.enrol(leaving, consent=True).participant_id)
    stopped = runner.enrol(midway, consent=True)
    runner.start_step(stopped, STUDY.sequence[0])  # started the first conversation, no pre survey yet
    crisis = runner.enrol(runner.issue_codes(1)[0], consent=True)
    crisis_session = runner.start_step(crisis, STUDY.sequence[0]).session_id
    rehearsal.record_survey(crisis_session, SurveyAnswers(phase="pre", values=dict.fromkeys(SURVEY_ITEMS, 3)))
    list(rehearsal.send(crisis_session, "I want to kill myself tonight"))
    pilot = runner.issue_codes(1, test=True)[0]
    finish_by_hand(rehearsal, runner, pilot)

    accounts = Accounts(rehearsal.engine)
    researcher = accounts.create("res-1", "researcher", "a-long-test-password").username
    learner = accounts.create("learner-1", "learner", "a-long-test-password").username
    client = TestClient(app)
    assert client.get(f"{LINK}/dashboard", follow_redirects=False).headers["location"].startswith("/login?next=")
    client.cookies.set(SIGN_IN_COOKIE, accounts.open_sign_in(learner))
    assert client.get(f"{LINK}/dashboard").status_code == 403
    client.cookies.set(SIGN_IN_COOKIE, accounts.open_sign_in(researcher))
    page = client.get(f"{LINK}/dashboard")
    assert page.status_code == 503 and "REHEARSE_EXPORT_KEY" in page.text  # pseudonyms need the key

    rehearsal.settings.export_key = KEY
    overview = study_overview(runner, pseudonymizer(KEY))
    assert sum(overview.enrolled.values()) == 4 and sum(overview.completed.values()) == 1
    assert sum(overview.withdrawn.values()) == 1 and overview.declined == 1 and overview.unused_codes == 1
    assert overview.reached == {"pre-eval": 2, "training": 1, "post-eval": 1}  # a crisis step asks no more
    assert overview.on_step == {"pre-eval": 1, "training": 1}
    assert overview.crisis_flags == 1
    assert [line.crisis_flags for line in overview.participants if line.crisis_flags] == [["pre-eval: crisis"]]
    assert sorted(line.missing_surveys for line in overview.participants if line.status == "in_progress") == [
        [],
        ["pre-eval: pre"],
    ]
    page = client.get(f"{LINK}/dashboard").text
    pseudonym = pseudonymizer(KEY)
    for code in (done, declining, leaving, midway, unused, pilot):
        assert code not in page
        assert runner.lookup(code)[0].id not in page
    assert pseudonym(runner.lookup(done)[0].id) in page and pseudonym(runner.lookup(pilot)[0].id) not in page
    test_view = client.get(f"{LINK}/dashboard?test=true").text
    assert pseudonym(runner.lookup(pilot)[0].id) in test_view and pseudonym(runner.lookup(done)[0].id) not in test_view
    issued = client.post(f"{LINK}/dashboard/test-codes", data={"count": "2"}).text
    assert issued.count("new-test-codes") == 1
    assert study_overview(runner, pseudonym, test=True).unused_codes == 2


def test_a_test_participant_is_told_so_and_a_survey_sent_twice_starts_one_conversation(study_app):
    rehearsal, app = study_app
    runner = StudyRunner(rehearsal, STUDY)
    code = runner.issue_codes(1, test=True)[0]
    client = TestClient(app)
    enter(client, code)
    assert 'id="test-banner"' in client.get(f"{LINK}/consent").text
    client.post(f"{LINK}/consent", data={"decision": "agreed"})
    first = client.post(f"{LINK}/survey", data=answers("pre"))
    again = client.post(f"{LINK}/survey", data=answers("pre", 6))  # the same form, sent a second time
    assert page_of(first) == page_of(again) == "conversation"
    assert len(rehearsal.store.sessions(learner_id=runner.lookup(code)[0].id)) == 1
