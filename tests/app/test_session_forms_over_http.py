"""The per-session forms (pre-survey, the "what matters" note, post-survey, debrief question)
start empty for every session: two sessions in a row store only what was answered in each.

The test keeps what a browser tab holds in those forms, sends it with each call as the page
does, and takes back whatever the app's answer puts in them."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from feedback.surveys import SURVEY_ITEMS
from tests.processes import signed_in

pytestmark = pytest.mark.slow
TURN = "When your dishes stay in the sink for two days I feel frustrated. Would you wash them each evening?"
FORM = [
    *(f"pre_{item}" for item in SURVEY_ITEMS),
    "values_note",
    *(f"post_{item}" for item in SURVEY_ITEMS),
    "values_honoured",
    "post_saved",
]  # in the order the app's `forms` outputs come
SHOWN = 8  # outputs before the forms: session id, conversation, ratings, coach, openness, notice, phase, heading


class BrowserForms:
    """The values a page's per-session forms hold between calls."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = dict.fromkeys(FORM)

    def answer(self, **answers: Any) -> None:
        self.values.update({name: str(value) if isinstance(value, int) else value for name, value in answers.items()})

    def phase(self, phase: str) -> list[Any]:
        return [self.values[f"{phase}_{item}"] for item in SURVEY_ITEMS]

    def take(self, returned: list[Any]) -> None:
        """What the app's answer put in the forms (the outputs after the SHOWN ones)."""
        for name, value in zip(FORM, returned[SHOWN:]):
            if isinstance(value, dict) and value.get("__type__") == "update":
                if "value" in value:
                    self.values[name] = value["value"]
            else:
                self.values[name] = value


def stored(database: str, session_id: str) -> dict[str, Any]:
    with sqlite3.connect(database) as db:
        answers = db.execute(
            "SELECT phase, item, value FROM survey_answers WHERE session_id = ?", (session_id,)
        ).fetchall()
        note, honoured = db.execute(
            "SELECT values_note, values_honoured FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
    return {
        "pre": {item: value for phase, item, value in answers if phase == "pre"},
        "post": {item: value for phase, item, value in answers if phase == "post"},
        "note": note,
        "honoured": honoured,
    }


def play(client, forms: BrowserForms, scenario: str) -> str:  # type: ignore[no-untyped-def]
    started = client.call("start", scenario, forms.values["values_note"], *forms.phase("pre"))
    forms.take(started)
    session_id = started[0]
    client.call("send", session_id, TURN)
    client.call("end", session_id)
    return session_id


def test_two_sessions_in_a_row_store_only_what_was_answered_in_each(web_app):
    client = signed_in(web_app.url, web_app.account(prefix="forms"))
    forms = BrowserForms()

    forms.answer(pre_confident=3, pre_fear=6, values_note="Being able to cook in my own kitchen.")
    first = play(client, forms, "roommate-dishes")
    assert all(forms.values[name] in (None, "") for name in FORM), forms.values  # the form is empty again
    forms.answer(post_confident=5, post_fear=4, values_honoured="partly")
    client.call("save_post", first, forms.values["values_honoured"], *forms.phase("post"))

    forms.answer(pre_hopeful=2)
    second = play(client, forms, "sister-loan")
    forms.answer(post_motivated=6)
    client.call("save_post", second, forms.values["values_honoured"], *forms.phase("post"))

    database = str(web_app.data_dir / "rehearse.sqlite")
    assert stored(database, first) == {
        "pre": {"confident": 3, "fear": 6},
        "post": {"confident": 5, "fear": 4},
        "note": "Being able to cook in my own kitchen.",
        "honoured": "partly",
    }
    assert stored(database, second) == {"pre": {"hopeful": 2}, "post": {"motivated": 6}, "note": None, "honoured": None}


def test_opening_another_session_empties_the_forms_too(web_app):
    client = signed_in(web_app.url, web_app.account(prefix="forms"))
    unfinished = client.call("start", "roommate-dishes", "", *[None] * len(SURVEY_ITEMS))[0]
    forms = BrowserForms()
    forms.answer(pre_fear=7, post_confident=2, values_honoured="no")
    forms.take(client.call("open_session", unfinished))
    assert all(forms.values[name] in (None, "") for name in FORM), forms.values
