"""A learner rehearses in a real browser: partner replies and skill feedback after each turn."""

from __future__ import annotations

import pytest

from tests.app.browser import browser_page, pick_scenario
from tests.processes import rehearse_env, running_app

TURNS = [
    "Over the last week your dinner dishes stayed in the sink on Monday, Wednesday and Friday.",
    "I feel frustrated when I have to wash up before I can cook. I'd like you to wash your own dishes the same evening.",
]


@pytest.mark.browser
def test_a_learner_plays_two_turns_and_sees_replies_and_feedback(tmp_path, vector_cache, artifacts):
    env = rehearse_env(tmp_path / "data", vector_cache)
    with running_app(env, tmp_path / "app.log") as app, browser_page() as page:
        page.goto(app.url)
        pick_scenario(page, "Dishes piling up")
        page.get_by_text("Your goal.").wait_for()
        page.locator("#start-button").click()
        bot = page.locator("#conversation [data-testid='bot']")
        bot.first.wait_for()
        assert page.url.find("session=") > 0
        for number, text in enumerate(TURNS, start=1):
            page.locator("#message textarea").fill(text)
            page.locator("#send-button").click()
            page.locator("#conversation [data-testid='user']").nth(number - 1).wait_for()
            page.wait_for_function(f"document.querySelectorAll(\"#conversation [data-testid='bot']\").length >= {number + 1}")
            page.locator("#ratings table.rh-ratings").wait_for()
            page.wait_for_function(
                "(t) => document.querySelector('#ratings tbody') && document.querySelector('#conversation').innerText.includes(t)",
                arg=text[:40])
        assert bot.count() == 3
        assert all(bot.nth(i).inner_text().strip() for i in range(3))
        rows = page.locator("#ratings tbody tr")
        assert rows.count() >= 7
        skills = [rows.nth(i).get_attribute("data-skill") for i in range(rows.count())]
        assert {"describe", "express", "assert", "reinforce", "mindful", "confident", "negotiate"} <= set(skills)
        assert page.locator("#ratings").inner_text().count("A stronger way") == 1
        assert "Partner openness" in page.locator("#openness").inner_text()
        page.screenshot(path=str(artifacts / "learner-two-turns.png"), full_page=True)
