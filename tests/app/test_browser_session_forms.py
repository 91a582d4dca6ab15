"""In a real browser: after one session with surveys and a note, the next session's forms are
empty, and only what was answered for it is stored."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from feedback.surveys import SURVEY_ITEMS
from tests.app.browser import browser_page, choose_scenario, sign_in_by_keyboard
from tests.app.test_browser_learner import send_turn
from tests.app.test_session_forms_over_http import stored

pytestmark = pytest.mark.browser
TURN = "When your dishes stay in the sink for two days I feel frustrated. Would you wash them each evening?"


def rehearse_once(page, scenario: str, pre: dict[str, int], post: dict[str, int], note: str = "") -> str:  # type: ignore[no-untyped-def]
    choose_scenario(page, scenario)
    for item, value in pre.items():
        page.locator(f"#pre-{item} input[value='{value}']").check()
    if note:
        page.locator("#values-note textarea").fill(note)
    page.locator("#start-button").click()
    page.locator("#conversation [data-testid='bot']").first.wait_for()
    page.wait_for_function("() => new URL(location.href).searchParams.get('session')")
    session_id = parse_qs(urlparse(page.url).query)["session"][0]
    send_turn(page, 1, TURN)
    page.locator("#end-button").click()
    page.locator("#post-survey").get_by_text("how do you feel now").wait_for()
    for item in SURVEY_ITEMS:
        expect(page.locator(f"#post-{item} input:checked")).to_have_count(0)  # nothing carried over
    for item, value in post.items():
        page.locator(f"#post-{item} input[value='{value}']").check()
    page.locator("#save-post").click()
    page.locator("#debrief-summary").get_by_text("Outcome").wait_for()
    return session_id


def test_the_second_session_starts_with_empty_forms_and_stores_only_its_own_answers(web_app):
    learner = web_app.account(prefix="forms-browser")
    with browser_page() as page:
        sign_in_by_keyboard(page, web_app.url, learner)
        first = rehearse_once(
            page,
            "roommate-dishes",
            {"confident": 3, "fear": 6},
            {"confident": 5},
            note="Being able to cook in my own kitchen.",
        )
        page.get_by_role("tab", name="Practise").click()
        page.locator("#new-button").click()
        page.locator("#choose-step").wait_for()
        for item in SURVEY_ITEMS:
            expect(page.locator(f"#pre-{item} input:checked")).to_have_count(0)
        expect(page.locator("#values-note")).to_be_hidden()
        second = rehearse_once(page, "sister-loan", {"hopeful": 2}, {"motivated": 6})
    database = str(web_app.data_dir / "rehearse.sqlite")
    assert stored(database, first)["pre"] == {"confident": 3, "fear": 6}
    assert stored(database, second) == {"pre": {"hopeful": 2}, "post": {"motivated": 6}, "note": None, "honoured": None}
