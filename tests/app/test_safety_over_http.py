"""The crisis check's flows in the running app, called over HTTP as the page calls them, in an app
configured as a clinic would (its own crisis text file, a webhook that pages someone)."""

from __future__ import annotations

import pytest

from simulator.runtime import CHECK_IN_WAITING
from simulator.web.access import NOT_YOURS
from simulator.web.accounts import Role
from simulator.web.api_client import CallFailed
from tests.processes import signed_in

pytestmark = pytest.mark.slow
UNANSWERED = [None] * 8
CRISIS = "I want to kill myself, I mean it"
CHECK_IN = "I can't keep doing this anymore"
SKILLED = "When your dishes stay in the sink for two days I feel frustrated. Would you wash them each evening?"
UNHEARD = "Not rated; the partner did not hear this."
SESSION, CHAT, RATINGS, NOTICE, PHASE, MESSAGE = 0, 1, 2, 5, 6, 8


def chat_texts(chat):  # type: ignore[no-untyped-def]
    def text(content):  # type: ignore[no-untyped-def]
        if isinstance(content, list):
            return " ".join(block.get("text", "") for block in content if isinstance(block, dict))
        return content if isinstance(content, str) else content.get("text", "")

    return [(m["role"], text(m["content"])) for m in chat]


def started(app, scenario: str = "roommate-dishes", username: str | None = None):  # type: ignore[no-untyped-def]
    client = signed_in(app.url, username or app.account())
    return client, client.call("start", scenario, "", *UNANSWERED)[SESSION]


def refused(client, api_name, *data) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(CallFailed) as caught:
        client.call(api_name, *data)
    return caught.value.message


def alerts_for(app, session_id: str, count: int):  # type: ignore[no-untyped-def]
    """The webhook's bodies for this session, waiting until `count` of them arrived."""

    def mine():  # type: ignore[no-untyped-def]
        return [body for body in app.webhook.wait_for(len(app.webhook.bodies)) if body["session_id"] == session_id]

    while len(mine()) < count:
        app.webhook.wait_for(len(app.webhook.bodies) + 1)
    return mine()


def test_a_crisis_turn_stops_the_role_play_shows_the_programmes_text_and_asks_no_questions(safety_app):
    client, session_id = started(safety_app)
    shown = client.call("send", session_id, CRISIS)
    assert shown[PHASE] == "crisis"
    assert "The role-play has stopped" in shown[NOTICE]
    assert "Dr Priya Shah" in shown[NOTICE] and "07700 900 412" in shown[NOTICE]  # the deployment's own text
    assert "questions" not in shown[NOTICE]
    assert chat_texts(shown[CHAT])[-2:] == [("user", CRISIS), ("assistant", UNHEARD)]  # no reply, a mark
    assert shown[CHAT][-1]["metadata"]["title"] == "The role-play stopped here"
    assert "data-skill" not in shown[RATINGS]  # not rated
    assert refused(client, "save_post", session_id, None, *["4"] * 8).startswith("No questions follow")
    assert "This session has ended (crisis)" in client.call("send", session_id, SKILLED)[NOTICE]
    [alert] = alerts_for(safety_app, session_id, 1)
    assert alert["verdict"] == "crisis" and alert["turn"] == 1


def test_a_check_in_pauses_the_role_play_and_the_learner_carries_on_where_they_were(safety_app):
    client, session_id = started(safety_app)
    paused = client.call("send", session_id, CHECK_IN)
    assert paused[PHASE] == "paused"
    assert "Are you safe right now?" in paused[NOTICE] and "Dr Priya Shah" in paused[NOTICE]
    assert chat_texts(paused[CHAT])[-2:] == [("user", CHECK_IN), ("assistant", UNHEARD)]
    assert paused[CHAT][-1]["metadata"]["title"] == "Check-in: the role-play paused here"
    assert "data-skill" not in paused[RATINGS]
    typed_too_soon = client.call("send", session_id, SKILLED)
    assert CHECK_IN_WAITING in typed_too_soon[NOTICE] and typed_too_soon[MESSAGE] == SKILLED

    resumed = client.call("carry_on", session_id)
    assert resumed[PHASE] == "active" and resumed[NOTICE] == ""
    answered = client.call("send", session_id, SKILLED)
    texts = chat_texts(answered[CHAT])
    assert [text for role, text in texts if role == "user"] == [CHECK_IN, SKILLED]
    assert texts[-1][0] == "assistant" and texts[-1][1] not in (UNHEARD, "")  # the partner answers this turn
    assert answered[PHASE] == "active" and "data-skill" in answered[RATINGS]
    [alert] = alerts_for(safety_app, session_id, 1)
    assert alert["verdict"] == "check_in" and CHECK_IN not in str(safety_app.webhook.bodies)


def test_i_need_help_now_ends_the_session_as_a_crisis_without_questions(safety_app):
    client, session_id = started(safety_app)
    client.call("send", session_id, CHECK_IN)
    shown = client.call("need_help", session_id)
    assert shown[PHASE] == "crisis" and "The role-play has stopped" in shown[NOTICE]
    assert refused(client, "save_post", session_id, None, *["4"] * 8).startswith("No questions follow")
    assert [a["verdict"] for a in alerts_for(safety_app, session_id, 2)] == ["check_in", "crisis"]


def test_only_the_learner_answers_their_own_check_in(safety_app):
    client, session_id = started(safety_app)
    client.call("send", session_id, CHECK_IN)
    other = signed_in(safety_app.url, safety_app.account())
    for api_name in ("carry_on", "need_help"):
        assert refused(other, api_name, session_id) == NOT_YOURS
    assert client.call("open_session", session_id)[PHASE] == "paused"


def test_instructors_see_the_flags_in_the_cohort_and_the_marked_turns_in_the_debrief(safety_app):
    stopped_learner, paused_learner = safety_app.account(), safety_app.account()
    stopped, stopped_id = started(safety_app, username=stopped_learner)
    stopped.call("send", stopped_id, CRISIS)
    paused, paused_id = started(safety_app, "sister-loan", username=paused_learner)
    paused.call("send", paused_id, CHECK_IN)
    paused.call("carry_on", paused_id)
    paused.call("send", paused_id, "No, I won't lend you money this time.")

    instructor = signed_in(safety_app.url, safety_app.account(Role.instructor))
    learners, flagged, *_ = instructor.call("console_cohort")
    safety_of = {row[0]: row[learners["headers"].index("safety")] for row in learners["data"]}
    assert safety_of[stopped_learner] == "crisis in 1 session"
    assert safety_of[paused_learner] == "check-in in 1 session"
    by_session = {row[flagged["headers"].index("session")]: row[0] for row in flagged["data"]}
    assert by_session[stopped_id] == "crisis (turn 1 crisis)"
    assert by_session[paused_id] == "check-in (turn 1 check-in)"

    debrief = instructor.call("debrief", stopped_id)
    summary, transcript = debrief[1], debrief[4]
    assert "Safety: crisis at turn 1" in summary
    assert "rh-safety-crisis" in transcript and "the partner did not answer" in transcript
    debrief = instructor.call("debrief", paused_id)
    summary, transcript = debrief[1], debrief[4]
    assert "Safety: check-in at turn 1" in summary
    assert "rh-safety-check_in" in transcript and "id='turn-2'" in transcript
