"""An instructor uploads a broken scenario file, sees the problem at its line, fixes it in the
browser editor and saves it; learners can then choose it. A researcher downloads an export once
and signs out with the page's button."""

from __future__ import annotations

import zipfile

import pytest
from playwright.sync_api import expect

from scenarios.loader import LIBRARY_DIR
from simulator.web.accounts import Role
from tests.app.browser import browser_page, choose_scenario, open_tab, shot, sign_in_by_keyboard
from tests.processes import signed_in

pytestmark = pytest.mark.browser
FIXED = (
    (LIBRARY_DIR / "roommate-dishes.yaml")
    .read_text(encoding="utf-8")
    .replace("id: roommate-dishes", "id: landlord-boiler", 1)
    .replace("title: Dishes piling up in a shared flat", "title: Getting the landlord to fix the boiler", 1)
)
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
        page.wait_for_function(
            "() => document.querySelector('#console-preview-text textarea').value.includes('Learner card')"
        )

    saved = web_app.data_dir / "scenarios" / "landlord-boiler.yaml"
    assert saved.read_text(encoding="utf-8").strip() == FIXED.strip()
    with browser_page() as page:
        sign_in_by_keyboard(page, web_app.url, web_app.account())
        choose_scenario(page, "landlord-boiler")
        page.locator("#start-button").click()
        page.locator("#session-heading").get_by_text("Getting the landlord to fix the boiler").wait_for()


def test_a_researcher_downloads_an_export_once_then_signs_out_with_the_button(exporting_app, artifacts):
    learner = signed_in(exporting_app.url, exporting_app.account(prefix="exported"))
    learner.call("start", "roommate-dishes", "", *[None] * 8)
    with browser_page() as page:
        sign_in_by_keyboard(page, exporting_app.url, exporting_app.account(Role.researcher, prefix="analyst"))
        open_tab(page, "Console")
        for instructors_only in ("Write or upload", "Accounts"):  # researchers do not see them
            expect(page.get_by_role("tab", name=instructors_only)).to_have_count(0)
        open_tab(page, "Cohort")
        page.locator("#cohort-table").get_by_text("participant").first.wait_for()
        expect(page.locator(".toast-body.error")).to_have_count(0)  # no red error boxes
        open_tab(page, "Export")
        page.locator("#export-button").click()
        link = page.locator("#export-link")
        link.wait_for()
        with page.expect_download() as started:
            link.click()
        assert "sessions.csv" in zipfile.ZipFile(started.value.path()).namelist()
        again = page.request.get(exporting_app.url + link.get_attribute("href"))
        assert again.status == 404  # once only
        shot(page, artifacts, "14-researcher-export-downloaded")
        page.locator("#sign-out").click()
        page.wait_for_selector("#username")
        page.goto(exporting_app.url)
        page.wait_for_selector("#username")  # signed out: the app sends them to sign in


def test_an_instructor_opens_a_learners_debrief_from_the_cohort_to_read_only(web_app, artifacts):
    learner = web_app.account(prefix="cohort-learner")
    client = signed_in(web_app.url, learner)
    session_id = client.call("start", "roommate-dishes", "", *[None] * 8)[0]
    client.call("send", session_id, "Your dishes stayed in the sink on Monday, Wednesday and Friday.")
    with browser_page() as page:
        sign_in_by_keyboard(page, web_app.url, web_app.account(Role.instructor, prefix="cohort-teacher"))
        open_tab(page, "Console")
        open_tab(page, "Cohort")  # no Refresh needed: the tab reads the record when opened
        page.locator("#cohort-table").get_by_text(learner).filter(visible=True).first.wait_for()
        page.locator("#cohort-session input").click()
        page.get_by_role("option", name=learner).first.click()
        page.locator("#cohort-open").click()
        page.locator("#debrief-summary").get_by_text("to read only").wait_for()
        assert page.get_by_role("tab", name="Debrief").get_attribute("aria-selected") == "true"
        assert "Monday, Wednesday and Friday" in page.locator("#debrief-transcript").inner_text()
        expect(page.locator("#redo-row")).to_be_hidden()  # nobody redoes another learner's session
        shot(page, artifacts, "15-instructor-reads-a-learners-debrief")
