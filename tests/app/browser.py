"""Playwright driving Debian's chromium (never a downloaded browser)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.processes import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 390, "height": 844}


@contextmanager
def browser_page(width: int = 1280, height: int = 900) -> Iterator[Any]:
    if not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (make system-deps installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


def sign_in_by_keyboard(page: Any, url: str, username: str, password: str = PASSWORD, path: str = "") -> None:
    """The sign-in page as a keyboard user meets it: the username field has focus, Tab, Enter."""
    page.goto(url + path)
    page.wait_for_selector("#username:focus")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_selector("#tabs, .problem")
    problem = page.locator(".problem")
    assert problem.count() == 0, f"sign-in as {username} refused: {problem.first.inner_text()}"
    page.wait_for_selector("#tabs")
    page.wait_for_function("() => document.querySelector('#header')?.innerText.includes('Signed in as')")


def choose_scenario(page: Any, scenario_id: str) -> None:
    page.locator(f"#scenario-cards input[value='{scenario_id}']").check()
    page.locator("#scenario-card").get_by_text("Your goal.").wait_for()


def open_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def shot(page: Any, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
