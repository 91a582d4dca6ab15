"""The learner's move travels with each turn: into the partner's reply and prompt, the record,
the export and the debrief; an agreement or a learner giving in ends the session."""

from __future__ import annotations

import csv

from feedback.catalog import load_catalog
from scenarios.loader import LIBRARY_DIR, load_library
from simulator.calibration import Script, script_lines
from simulator.partner.backends.base import Message, PartnerRequest
from simulator.partner.prompt import system_prompt
from simulator.partner.terms import stated_terms
from simulator.research.export import ExportOptions, export
from simulator.web.views import card_label, scenario_details, transcript

LIBRARY = load_library([LIBRARY_DIR])


def _send(rehearsal, session_id, text):
    return list(rehearsal.send(session_id, text))[-1]


def test_each_turn_keeps_its_move_in_the_record_the_export_and_the_debrief(make_rehearsal, tmp_path):
    rehearsal = make_rehearsal()
    session = rehearsal.start("manager-finish-time").session_id
    asked = _send(rehearsal, session, "Who books the late reviews, is it you or Martin?")
    assert asked.learner_move == "question"
    assert "Martin" in asked.partner_text  # the authored answer about who books them
    asking = "I'd like to leave at half five on my working days."
    assert _send(rehearsal, session, asking).learner_move == "request"
    again = _send(rehearsal, session, asking)
    assert again.learner_move == "repeat"
    assert again.openness <= rehearsal.store.turns(session)[1].openness_after  # no gain for the same words
    turns = rehearsal.store.turns(session)
    assert [t.learner_move for t in turns] == ["question", "request", "repeat"]
    assert "Read as: a question" in transcript(turns, "Rachel", load_catalog().skills)
    export(rehearsal.engine, ExportOptions(out=tmp_path / "out", key="a-long-random-test-secret-0123456789"))
    with open(tmp_path / "out" / "turns.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["learner_move"] for row in rows] == ["question", "request", "repeat"]


def test_a_learner_who_gives_in_ends_the_session_gave_in_and_is_accepted(make_rehearsal):
    rehearsal = make_rehearsal()
    scenario = rehearsal.library().get("sister-loan").scenario
    session = rehearsal.start("sister-loan").session_id
    result = _send(rehearsal, session, "Okay, fine. I'll transfer you the £600 tonight.")
    assert result.learner_move == "give_in" and result.outcome == "gave_in"
    assert any(result.partner_text.startswith(scenario.fill(line)) for line in scenario.partner.give_in)
    assert rehearsal.status(session).outcome == "gave_in" and not rehearsal.status(session).waiting_for_learner


def test_the_session_ends_at_agreement_with_the_learners_terms_said_back(make_rehearsal):
    rehearsal = make_rehearsal()
    scenario = rehearsal.library().get("roommate-dishes").scenario
    session = rehearsal.start("roommate-dishes").session_id
    asks = []
    for text in script_lines(scenario, Script.SKILLED):
        result = _send(rehearsal, session, text)
        if result.learner_move in ("request", "offer") and stated_terms(text):
            asks.append(stated_terms(text))
        if result.outcome:
            break
    assert result.outcome == "agreed", [t.openness_after for t in rehearsal.store.turns(session)]
    assert any(terms in result.partner_text for terms in asks), (asks, result.partner_text)
    status = rehearsal.status(session)
    assert status.outcome == "agreed" and not status.waiting_for_learner


def test_llm_partners_are_told_the_move_and_the_terms():
    scenario = LIBRARY.get("roommate-dishes").scenario
    request = PartnerRequest(
        "s1",
        scenario,
        "wavering",
        60,
        (Message("learner", "Who did them last week?"),),
        move="question",
        terms="I'll wash my dishes by noon the next day.",
    )
    prompt = system_prompt(request)
    assert "asked you a question" in prompt
    assert "I'll wash my dishes by noon the next day." in prompt
    closing = system_prompt(
        PartnerRequest(
            "s1", scenario, "agreeing", 80, (), outcome="agreed", terms="I'll wash my dishes by noon the next day."
        )
    )
    assert "exactly what they asked for or offered" in closing


def test_a_content_note_is_shown_on_the_card_with_the_choice_to_pick_another():
    loaded = LIBRARY.get("mum-weight-comments")
    assert loaded.scenario.content_note
    assert "content note" in card_label(loaded, load_catalog().skills)
    details = scenario_details(loaded, load_catalog().skills)
    assert loaded.scenario.content_note in details and "pick another scenario" in details
    plain = LIBRARY.get("neighbour-driveway")
    assert not plain.scenario.content_note and "Content note" not in scenario_details(plain, load_catalog().skills)
