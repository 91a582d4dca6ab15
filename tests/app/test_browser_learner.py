"""A learner's whole flow in a real browser, from sign-in to debrief and progress; and a learner
who tries to open someone else's session. Screenshots of each page land in test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from simulator.web.access import NOT_YOURS
from tests.app.browser import (
    PHONE,
    browser_page,
    choose_scenario,
    open_tab,
    shot,
    sign_in_by_keyboard,
)
from tests.processes import signed_in

pytestmark = pytest.mark.browser
TURNS = [
    "Over the last week your dinner dishes stayed in the sink on Monday, Wednesday and Friday.",
    "I feel frustrated when I have to wash up before I can cook. I'd like you to wash your own dishes the same evening.",
]
DEAR_MAN = {"describe", "express", "assert", "reinforce", "mindful", "confident", "negotiate"}


def send_turn(page, number: int, text: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("#message textarea").fill(text)
    page.locator("#message textarea").press("Enter")
    page.locator("#conversation [data-testid='user']").nth(number - 1).wait_for()
    page.wait_for_function(f"document.querySelectorAll(\"#conversation [data-testid='bot']\").length >= {number + 1}")
    page.locator("#ratings section.rh-ratings").wait_for()


def clear_buttons(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Visible buttons in the conversation that would clear it."""
    return page.evaluate("""() => [...document.querySelectorAll('#conversation button')]
        .filter(b => b.offsetParent !== null)
        .map(b => (b.getAttribute('aria-label') || b.getAttribute('title') || '').trim())
        .filter(label => /clear|delete|trash/i.test(label))""")


def test_a_learner_goes_from_sign_in_to_debrief_and_progress(web_app, artifacts):
    learner = web_app.account(prefix="flow")
    with browser_page() as page:
        sign_in_by_keyboard(page, web_app.url, learner)
        assert "Signed in as" in page.locator("#header").inner_text()
        assert page.get_by_role("tab", name="Console").count() == 0  # learners have no console
        shot(page, artifacts, "01-learner-scenarios")

        choose_scenario(page, "roommate-dishes")
        page.locator("#pre-confident input[value='3']").check()
        page.locator("#pre-fear input[value='6']").check()
        page.locator("#values-note textarea").fill("Being able to cook in my own kitchen.")
        page.locator("#start-button").click()
        page.locator("#conversation [data-testid='bot']").first.wait_for()
        assert "session=" in page.url
        assert "What matters to you here" in page.locator("#session-heading").inner_text()

        for number, text in enumerate(TURNS, start=1):
            send_turn(page, number, text)
            page.wait_for_function(
                "(t) => document.querySelector('#conversation').innerText.includes(t)", arg=text[:40]
            )
        rows = page.locator("#ratings [data-skill]")
        assert DEAR_MAN <= {rows.nth(i).get_attribute("data-skill") for i in range(rows.count())}
        # each card shown sets the learner's words beside an exemplar (a stronger way only where one fits)
        ratings_text = page.locator("#ratings").inner_text()
        assert "A stronger way" in ratings_text or "A weaker way" in ratings_text
        coach = page.locator("#coach .rh-coach")
        assert (
            coach.get_attribute("role") == "status" and coach.inner_text().strip()
        )  # its words or why it is quiet, never empty
        assert "Partner openness" in page.locator("#openness").inner_text()
        shot(page, artifacts, "02-learner-rehearsing")

        page.locator("#end-button").click()
        page.locator("#post-survey").get_by_text("how do you feel now").wait_for()
        page.locator("#post-confident input[value='5']").check()
        page.locator("#post-fear input[value='4']").check()
        page.locator("#values-honoured input[value='partly']").check()
        shot(page, artifacts, "03-learner-post-survey")
        page.locator("#save-post").click()

        page.locator("#debrief-summary").get_by_text("Outcome").wait_for()
        assert page.get_by_role("tab", name="Debrief").get_attribute("aria-selected") == "true"
        summary_rows = page.locator("#debrief-skills tbody tr")
        assert summary_rows.count() >= 7
        assert page.locator("#debrief-skills thead").inner_text().count("Turn") == 2
        page.locator("#debrief-openness img, #debrief-openness svg").first.wait_for()
        transcript = page.locator("#debrief-transcript")
        assert transcript.locator("article.rh-turn").count() == 2
        assert transcript.locator("ul.rh-turn-ratings").count() == 2
        assert TURNS[1][:30] in transcript.inner_text()
        shot(page, artifacts, "04-learner-debrief")

        page.locator("#redo-turn input").click()
        page.get_by_role("option", name="Turn 2:").first.click()
        page.locator("#redo-button").click()
        page.wait_for_function("document.querySelectorAll(\"#conversation [data-testid='user']\").length === 1")
        assert page.get_by_role("tab", name="Practise").get_attribute("aria-selected") == "true"
        expect(page.locator("#message textarea")).to_be_enabled()
        expect(page.locator("#post-survey")).to_be_hidden()
        assert "A new attempt from turn 2" in page.locator("#notice").inner_text()
        send_turn(page, 2, "Would you wash them by nine each evening? Then I can cook without clearing up first.")
        assert clear_buttons(page) == []  # nothing wipes the conversation unasked
        shot(page, artifacts, "05-learner-redo-from-turn-2")

        open_tab(page, "Debrief")
        page.locator("#debrief-picker input").click()
        page.get_by_role("option", name="earlier attempt").first.click()
        page.locator("#debrief-button").click()
        page.locator("#debrief-summary").get_by_text("An earlier attempt").wait_for()
        assert TURNS[1][:30] in page.locator("#debrief-transcript").inner_text()  # kept as it was
        expect(page.locator("#redo-row")).to_be_hidden()

        open_tab(page, "Progress")  # no Refresh needed: the tab reads the record when opened
        page.locator("#progress-summary").get_by_text("started,").wait_for()
        for plot in ("#progress-efficacy", "#progress-emotions", "#progress-mastery"):
            page.locator(f"{plot} img, {plot} svg").first.wait_for()
        shot(page, artifacts, "06-learner-progress")


def test_a_learner_who_opens_another_learners_session_is_refused(web_app, artifacts):
    owner = web_app.account(prefix="owner")
    client = signed_in(web_app.url, owner)
    session_id = client.call("start", "sister-loan", "", *[None] * 8)[0]
    client.call("send", session_id, "I can't lend you money again this month, and I want to say it clearly.")
    intruder = web_app.account(prefix="intruder")
    with browser_page() as page:
        sign_in_by_keyboard(page, web_app.url, intruder, path=f"?session={session_id}")
        page.locator("#page-notice").get_by_text(NOT_YOURS).wait_for()
        assert page.locator("#conversation [data-testid='user']").count() == 0
        assert "lend you money" not in page.content()
        open_tab(page, "Debrief")
        page.locator("#debrief-picker input").fill(session_id)
        page.locator("#debrief-button").click()
        page.get_by_text(NOT_YOURS).filter(visible=True).first.wait_for()
        assert "lend you money" not in page.locator("#debrief-transcript").inner_text()
        shot(page, artifacts, "07-learner-refused-other-session")


def test_the_practise_page_works_at_phone_width_with_every_control_labelled(web_app, artifacts):
    learner = web_app.account(prefix="phone")
    with browser_page(**PHONE) as page:
        sign_in_by_keyboard(page, web_app.url, learner)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, textarea, select, button')]
            .filter(el => el.offsetParent !== null && el.type !== 'hidden')
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                          && !el.getAttribute('aria-labelledby') && !(el.innerText || '').trim()
                          && !(el.closest('label') && el.closest('label').innerText.trim()))
            .map(el => el.outerHTML.slice(0, 120))""")
        assert unlabelled == []
        page.locator("#scenario-cards input[value='roommate-dishes']").focus()
        page.keyboard.press("Space")
        page.locator("#scenario-card").get_by_text("Your goal.").wait_for()
        page.locator("#start-button").focus()
        page.keyboard.press("Enter")
        page.locator("#conversation [data-testid='bot']").first.wait_for()
        page.locator("#message textarea").focus()
        page.keyboard.type("I'd like you to wash your dishes the same evening, please.")
        page.keyboard.press("Enter")
        page.locator("#ratings section.rh-ratings").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        shot(page, artifacts, "08-learner-phone-width")
