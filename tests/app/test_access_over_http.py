"""Every handler checks who is calling: tested by calling the HTTP API as the wrong user."""

from __future__ import annotations

import httpx
import pytest

from simulator.web.access import NOT_YOURS
from simulator.web.accounts import Role
from simulator.web.api_client import CallFailed, sign_in_form
from tests.processes import PASSWORD, signed_in

pytestmark = pytest.mark.slow
UNANSWERED = [None] * 8
TURN = "When your dishes stay in the sink for two days I feel frustrated. Would you wash them each evening?"


def refused(client, api_name, *data) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(CallFailed) as caught:
        client.call(api_name, *data)
    return caught.value.message


def test_without_a_sign_in_pages_redirect_and_the_api_answers_401(web_app):
    page = httpx.get(f"{web_app.url}?session=abc", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/%3Fsession%3Dabc"
    call = httpx.post(f"{web_app.url}gradio_api/call/send", json={"data": ["abc", "hello"]})
    assert call.status_code == 401


def post_sign_in(url: str, username: str, password: str, next_path: str = "/") -> httpx.Response:
    """The sign-in form filled in and sent, as a browser on the sign-in page sends it."""
    with httpx.Client(base_url=url.rstrip("/")) as browser:
        form = sign_in_form(browser.get("/login"), username, password)
        return browser.post("/login", data={**form, "next": next_path})


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(web_app):
    name = web_app.account()
    for username in (name, "nobody-here"):
        response = post_sign_in(web_app.url, username, "wrong-password-1")
        assert response.status_code == 401
        assert "do not match an account" in response.text
        assert "rehearse_sign_in" not in response.headers.get("set-cookie", "")


def test_a_learner_cannot_touch_another_learners_session(web_app):
    owner, other = signed_in(web_app.url, web_app.account()), signed_in(web_app.url, web_app.account())
    session_id = owner.call("start", "roommate-dishes", "", *UNANSWERED)[0]
    owner.call("send", session_id, TURN)
    for api_name, data in [
        ("send", (session_id, "This is not my session but I type anyway.")),
        ("open_session", (session_id,)),
        ("end", (session_id,)),
        ("retry", (session_id,)),
        ("debrief", (session_id,)),
        ("redo", (session_id, "1")),
        ("save_post", (session_id, None, *["1"] * 8)),
    ]:
        assert refused(other, api_name, *data) == NOT_YOURS, api_name
    reopened = owner.call("open_session", session_id)
    assert [m["role"] for m in reopened[1]] == ["assistant", "user", "assistant"]  # nothing added, nothing ended
    assert reopened[5] == ""  # no "Session ended" notice


def test_a_learner_cannot_use_the_console(web_app):
    learner = signed_in(web_app.url, web_app.account())
    for api_name, data in [
        ("console_scenarios", ()),
        ("console_cohort", ()),
        ("console_studies", ()),
        ("console_check", ("id: x", "x.yaml")),
        ("console_save", ("id: x", "x.yaml")),
        ("console_preview", ("id: x", "x.yaml")),
        ("console_codes", ("", 5)),
        ("console_export", ("csv", False)),
    ]:
        message = refused(learner, api_name, *data)
        assert message.startswith("Only instructors"), (api_name, message)
        assert "learner account" in message


def test_a_researcher_reads_the_cohort_but_cannot_author_scenarios(web_app):
    researcher = signed_in(web_app.url, web_app.account(Role.researcher))
    cohort = researcher.call("console_cohort")[0]
    assert cohort["headers"][0] == "participant"
    assert refused(researcher, "console_save", "id: x", "x.yaml").startswith("Only instructors can do this")


def test_an_instructor_reads_a_learners_debrief_but_cannot_rehearse_in_their_session(web_app):
    learner = signed_in(web_app.url, web_app.account())
    session_id = learner.call("start", "sister-loan", "", *UNANSWERED)[0]
    learner.call("send", session_id, TURN)
    instructor = signed_in(web_app.url, web_app.account(Role.instructor))
    debrief = instructor.call("debrief", session_id)
    assert debrief[0] == session_id
    assert "Turn 1" in debrief[4]
    assert refused(instructor, "send", session_id, "Let me type into it.") == NOT_YOURS


def test_signing_out_ends_the_sign_in(web_app):
    client = signed_in(web_app.url, web_app.account())
    cookie = dict(client.http.cookies)
    client.http.post("/logout")
    stale = httpx.Client(base_url=web_app.url.rstrip("/"), cookies=cookie)
    assert stale.post("/gradio_api/call/progress", json={"data": []}).status_code == 401


def test_the_trusted_header_is_ignored_unless_configured(web_app):
    instructor = web_app.account(Role.instructor)
    response = httpx.get(web_app.url, headers={"X-Forwarded-User": instructor}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_the_sign_in_page_is_labelled_and_a_sign_in_returns_where_the_learner_was_going(web_app):
    name = web_app.account()
    page = httpx.get(f"{web_app.url}login?next=/%3Fsession%3Dabc").text
    assert '<label for="username">' in page and '<label for="password">' in page
    response = post_sign_in(web_app.url, name, PASSWORD, "/?session=abc")
    assert response.status_code == 303 and response.headers["location"] == "/?session=abc"
    offsite = post_sign_in(web_app.url, name, PASSWORD, "//evil.example/")
    assert offsite.headers["location"] == "/"


def test_an_instructor_adds_a_learner_who_can_then_sign_in(web_app):
    instructor = signed_in(web_app.url, web_app.account(Role.instructor))
    note, table = instructor.call("console_add_account", "new-learner-7", "learner", "Nia", "a fine long password")
    assert "Created learner account" in note
    assert ["new-learner-7", "learner", "Nia"] == table["data"][
        [row[0] for row in table["data"]].index("new-learner-7")
    ][:3]
    assert signed_in(web_app.url, "new-learner-7", "a fine long password").call("progress")
    note, _ = instructor.call("console_add_account", "new-learner-7", "learner", "", "a fine long password")
    assert "Not created" in note and "taken" in note


def test_only_instructors_manage_accounts(web_app):
    for role in (Role.learner, Role.researcher):
        client = signed_in(web_app.url, web_app.account(role))
        assert refused(client, "console_add_account", "sneaky", "instructor", "", "a fine long password").startswith(
            "Only instructors can do this"
        )
        assert refused(client, "console_reset_password", "ana", "a fine long password").startswith("Only instructors")
        assert refused(client, "console_unlock", "ana").startswith("Only instructors")
