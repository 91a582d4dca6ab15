"""An instructor uploads a broken scenario file, sees the problem at its line, fixes it in the
browser editor and saves it; learners can then choose it."""

from __future__ import annotations

import pytest

from scenarios.loader import LIBRARY_DIR
from simulator.web.accounts import Role
from tests.app.browser import browser_page, choose_scenario, open_tab, shot, sign_in_by_keyboard

pytestmark = pytest.mark.browser
FIXED = (LIBRARY_DIR / "roommate-dishes.yaml").read_text(encoding="utf-8").replace(
    "id: roommate-dishes", "id: landlord-boiler", 1).replace(
    "title: Dishes piling up in a shared flat", "title: Getting the landlord to fix the boiler", 1)
BROKEN = FIXED.replace("difficulty: moderate", "difficulty: impossible", 1)
BROKEN_LINE = next(n for n, line in enumerate(BROKEN.splitlines(), 1) if "difficulty: impossible" in line)


def test_an_instructor_fixes_an_uploaded_broken_file_at_the_reported_line(web_app, artifacts, tmp_path):
    assert FIXED != BROKEN and "Getting the landlord" in FIXED
    upload = tmp_path / "landlord-boiler.yaml"
    upload.write_text(BROKEN, encoding="utf-8")
    instructor = web_app.account(Role.instructor, prefix="teacher")
    with browser_page() as page:
        sign_in_by_keyboard(page, web_app.url, instructor)
        open_tab(page, "Console")
        page.locator("#console-scenario-table").get_by_text("roommate-dishes").first.wait_for()
        shot(page, artifacts, "10-instructor-scenarios")

        open_tab(page, "Write or upload")
        page.locator("#console-upload input[type=file]").set_input_files(str(upload))
        problems = page.locator("#console-problems")
        problems.get_by_text(f"Line {BROKEN_LINE}, column").wait_for()
        assert "partner.difficulty" in problems.inner_text()
        flagged = page.locator("#console-listing .rh-flagged")
        assert flagged.count() == 1
        assert flagged.get_attribute("data-line") == str(BROKEN_LINE)
        assert "difficulty: impossible" in flagged.inner_text()
        assert page.locator("#console-file-name input").input_value() == "landlord-boiler.yaml"
        shot(page, artifacts, "11-instructor-broken-upload")

        page.locator("#console-save").click()
        problems.get_by_text("Not saved").wait_for()

        page.locator("#console-editor .cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(FIXED)
        page.locator("#console-check").click()
        problems.get_by_text("No problems").wait_for()
        page.locator("#console-save").click()
        problems.get_by_text("Saved").wait_for()
        assert page.locator("#console-listing .rh-flagged").count() == 0
        shot(page, artifacts, "12-instructor-fixed-and-saved")

        page.locator("#console-preview").click()
        page.wait_for_function("() => document.querySelector('#console-preview-text textarea').value.includes('Learner card')")

    saved = web_app.data_dir / "scenarios" / "landlord-boiler.yaml"
    assert saved.read_text(encoding="utf-8").strip() == FIXED.strip()
    with browser_page() as page:
        sign_in_by_keyboard(page, web_app.url, web_app.account())
        choose_scenario(page, "landlord-boiler")
        page.locator("#start-button").click()
        page.locator("#session-heading").get_by_text("Getting the landlord to fix the boiler").wait_for()
