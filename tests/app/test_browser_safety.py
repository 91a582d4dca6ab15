"""The crisis check's pause and stop as a learner meets them in a real browser: a check-in steps out
of the role-play and the learner carries on; a crisis stops it and no questionnaire follows.
Screenshots land in test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.app.browser import browser_page, choose_scenario, shot, sign_in_by_keyboard

pytestmark = pytest.mark.browser
CHECK_IN = "I can't keep doing this"
SKILLED = "When your dishes stay in the sink for two days I feel frustrated. Would you wash them each evening?"
CRISIS = "I want to kill myself"


def type_turn(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("#message textarea").fill(text)
    page.locator("#message textarea").press("Enter")


def test_a_check_in_pauses_the_role_play_the_learner_carries_on_and_a_crisis_asks_no_questions(safety_app, artifacts):
    with browser_page() as page:
        sign_in_by_keyboard(page, safety_app.url, safety_app.account(prefix="safety"))
        choose_scenario(page, "roommate-dishes")
        page.locator("#start-button").click()
        page.locator("#conversation [data-testid='bot']").first.wait_for()

        type_turn(page, CHECK_IN)
        notice = page.locator("#notice .rh-check-in")
        notice.get_by_text("Are you safe right now?").wait_for()
        assert notice.get_attribute("role") == "alert"
        assert "Dr Priya Shah" in notice.inner_text()
        expect(page.locator("#check-in")).to_be_visible()
        expect(page.locator("#message textarea")).to_be_disabled()
        expect(page.locator("#send-button")).to_be_disabled()
        conversation = page.locator("#conversation")
        conversation.get_by_text("Check-in: the role-play paused here").wait_for()
        assert "Is this about the sink again?" in conversation.inner_text()  # the opening
        replies_before = page.locator("#conversation [data-testid='bot']").count()
        shot(page, artifacts, "safety-01-check-in-paused")

        page.get_by_role("button", name="This was part of the role-play – carry on").click()
        expect(page.locator("#check-in")).to_be_hidden()
        expect(page.locator("#message textarea")).to_be_enabled()
        type_turn(page, SKILLED)
        page.wait_for_function(
            "(n) => document.querySelectorAll(\"#conversation [data-testid='bot']\").length > n", arg=replies_before
        )
        page.locator("#ratings section.rh-ratings").wait_for()
        shot(page, artifacts, "safety-02-carried-on")

        type_turn(page, CRISIS)
        page.locator("#notice .rh-crisis").get_by_text("The role-play has stopped").wait_for()
        conversation.get_by_text("The role-play stopped here").wait_for()
        assert "07700 900 412" in page.locator("#notice").inner_text()
        expect(page.locator("#post-survey")).to_be_hidden()
        expect(page.get_by_text("How confident are you").locator("visible=true")).to_have_count(0)
        expect(page.locator("#message textarea")).to_be_disabled()
        shot(page, artifacts, "safety-03-crisis-stopped")
