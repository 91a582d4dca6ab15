"""A session runs through the LangGraph loop: rated turns, a moving partner, a full record."""

from __future__ import annotations

from simulator.runtime import PartnerChunk, Refused, TurnResult

SKILLED_OPENING = (
    "Over the last four days the dishes from your dinners stayed in the sink overnight. "
    "I feel frustrated when I come home to that. I'd like you to wash your own dishes the same evening."
)


def play(rehearsal, session_id, text):
    events = list(rehearsal.send(session_id, text))
    return events, events[-1]


def test_a_session_opens_with_the_partner_and_waits_for_the_learner(make_rehearsal):
    rehearsal = make_rehearsal()
    status = rehearsal.start("roommate-dishes")
    assert status.waiting_for_learner and status.turn == 0
    assert status.messages == [
        {"role": "partner", "content": rehearsal.library().get("roommate-dishes").scenario.partner.opening}
    ]


def test_a_turn_streams_the_reply_then_returns_ratings_coach_and_openness(make_rehearsal):
    rehearsal = make_rehearsal()
    session = rehearsal.start("roommate-dishes").session_id
    events, result = play(rehearsal, session, SKILLED_OPENING)
    chunks = [e.text for e in events if isinstance(e, PartnerChunk)]
    assert isinstance(result, TurnResult)
    assert "".join(chunks).strip() == result.partner_text
    assert len(chunks) > 1
    assert {r.skill for r in result.ratings} == set(rehearsal.library().get("roommate-dishes").scenario.skills)
    assert result.changes and all(":" in reason for reason in result.changes)
    assert result.openness != 30


def test_every_turn_is_written_to_the_record_as_it_happens(make_rehearsal):
    rehearsal = make_rehearsal()
    session = rehearsal.start("roommate-dishes").session_id
    play(rehearsal, session, SKILLED_OPENING)
    play(rehearsal, session, "If you wash up the same evening, we can both cook when we get home.")
    turns = rehearsal.store.turns(session)
    assert [t.index for t in turns] == [1, 2]
    assert all(t.status == "done" and t.partner_text and t.ratings and t.reasons for t in turns)
    record = rehearsal.store.get_session(session)
    assert record.scenario_id == "roommate-dishes" and len(record.scenario_hash) == 64


def test_refused_input_is_not_stored_and_not_sent_to_the_partner(make_rehearsal):
    rehearsal = make_rehearsal()
    session = rehearsal.start("roommate-dishes").session_id
    for text in ("", "   ", "x" * 2001, "hi\x00"):
        events = list(rehearsal.send(session, text))
        assert len(events) == 1 and isinstance(events[0], Refused)
    assert rehearsal.store.turns(session) == []
    assert rehearsal.status(session).turn == 0


def test_ending_the_session_records_the_outcome(make_rehearsal):
    rehearsal = make_rehearsal()
    session = rehearsal.start("sister-loan").session_id
    play(rehearsal, session, "No, I won't lend you money this time.")
    status = rehearsal.end(session)
    assert status.outcome == "ended_by_learner"
    assert rehearsal.store.get_session(session).status == "ended"
    assert [type(e) for e in rehearsal.send(session, "hello?")] == [Refused]


def test_talk_of_self_harm_stops_the_role_play_and_shows_crisis_resources(make_rehearsal):
    rehearsal = make_rehearsal()
    session = rehearsal.start("sister-loan").session_id
    _, result = play(rehearsal, session, "Honestly I just want to kill myself over all this.")
    assert result.outcome == "crisis" and result.partner_text is None
    assert result.crisis_resources == rehearsal.crisis_resources.text()
    assert rehearsal.store.get_session(session).outcome == "crisis"
    assert [t.status for t in rehearsal.store.turns(session)] == ["crisis"]


def test_a_restarted_service_continues_the_session_where_it_was(make_rehearsal, tmp_path):
    first = make_rehearsal(tmp_path / "shared")
    session = first.start("roommate-dishes").session_id
    play(first, session, SKILLED_OPENING)
    del first
    second = make_rehearsal(tmp_path / "shared")
    status = second.status(session)
    assert status.turn == 1 and status.waiting_for_learner and not status.needs_recovery
    _, result = play(second, session, "If you do, we can both cook when we get home.")
    assert result.index == 2
    assert [t.index for t in second.store.turns(session)] == [1, 2]


def test_words_stored_before_a_crash_are_finished_on_retry(make_rehearsal, tmp_path):
    rehearsal = make_rehearsal(tmp_path / "shared")
    session = rehearsal.start("roommate-dishes").session_id
    # The process died after keeping the learner's words but before the graph took them.
    rehearsal.store.record_pending(session, 0, 1, SKILLED_OPENING)
    restarted = make_rehearsal(tmp_path / "shared")
    assert restarted.status(session).needs_recovery
    result = list(restarted.retry(session))[-1]
    assert isinstance(result, TurnResult) and result.learner_text == SKILLED_OPENING
    assert not restarted.status(session).needs_recovery


def test_new_and_broken_scenario_files_are_picked_up_without_a_restart(make_rehearsal, tmp_path):
    from scenarios.loader import LIBRARY_DIR

    extra = tmp_path / "instructor-scenarios"
    extra.mkdir()
    rehearsal = make_rehearsal(scenarios_dir=[extra])
    assert "my-dishes" not in rehearsal.library().scenarios
    text = (
        (LIBRARY_DIR / "roommate-dishes.yaml")
        .read_text(encoding="utf-8")
        .replace("id: roommate-dishes", "id: my-dishes")
    )
    (extra / "my-dishes.yaml").write_text(text, encoding="utf-8")
    (extra / "half-written.yaml").write_text("id: half\ntitle: [oops\n", encoding="utf-8")
    library = rehearsal.library()
    assert "my-dishes" in library.scenarios
    assert list(library.invalid_files) == [str(extra / "half-written.yaml")]
    session = rehearsal.start("my-dishes").session_id
    assert rehearsal.store.get_session(session).scenario_id == "my-dishes"


def test_a_session_keeps_the_scenario_it_started_with_after_the_file_is_edited(make_rehearsal, tmp_path):
    from scenarios.loader import LIBRARY_DIR

    extra = tmp_path / "instructor-scenarios"
    extra.mkdir()
    path = extra / "my-dishes.yaml"
    original = (
        (LIBRARY_DIR / "roommate-dishes.yaml")
        .read_text(encoding="utf-8")
        .replace("id: roommate-dishes", "id: my-dishes")
    )
    path.write_text(original, encoding="utf-8")
    rehearsal = make_rehearsal(scenarios_dir=[extra])
    status = rehearsal.start("my-dishes")
    first_hash = rehearsal.store.get_session(status.session_id).scenario_hash
    path.write_text(original.replace("max_turns: 12", "max_turns: 5"), encoding="utf-8")
    assert rehearsal.library().get("my-dishes").content_hash != first_hash
    assert rehearsal.store.scenario(first_hash).max_turns == 12
    assert rehearsal.start("my-dishes").turn == 0


def test_do_it_again_from_an_earlier_turn_keeps_the_old_branch(make_rehearsal):
    rehearsal = make_rehearsal()
    session = rehearsal.start("roommate-dishes").session_id
    first = play(rehearsal, session, SKILLED_OPENING)[1]
    play(rehearsal, session, "You never listen, do you.")
    play(rehearsal, session, "Honestly, you are impossible.")
    status = rehearsal.redo_from(session, 2)
    assert status.turn == 1 and status.waiting_for_learner and status.branch == 1
    assert status.openness == first.openness
    _, retried = play(rehearsal, session, "If you wash up the same evening, we can both cook when we get home.")
    assert retried.index == 2
    active = rehearsal.store.turns(session)
    assert [(t.index, t.branch) for t in active] == [(1, 0), (2, 1)]
    old = rehearsal.store.turns(session, branch=0)
    assert [t.learner_text for t in old][1:] == ["You never listen, do you.", "Honestly, you are impossible."]
    assert [(b.branch, b.parent_branch, b.from_turn) for b in rehearsal.store.branches(session)] == [(1, 0, 2)]
    assert rehearsal.store.coach_spoke(session) == [t.coach_text is not None for t in active]


def test_an_ended_session_can_be_done_again_from_a_turn(make_rehearsal):
    rehearsal = make_rehearsal()
    session = rehearsal.start("sister-loan").session_id
    play(rehearsal, session, "No, I won't lend you money this time.")
    rehearsal.end(session)
    status = rehearsal.redo_from(session, 1)
    assert status.outcome is None and status.waiting_for_learner and status.turn == 0
    assert rehearsal.store.branches(session)[0].parent_outcome == "ended_by_learner"
    _, result = play(rehearsal, session, "Jess, I'm not able to lend you the 600 pounds.")
    assert result.index == 1 and rehearsal.store.get_session(session).status == "active"


def test_learners_starting_the_same_new_scenario_at_once_all_get_their_session(make_rehearsal):
    from concurrent.futures import ThreadPoolExecutor

    first, second = make_rehearsal(), make_rehearsal()  # two processes' worth of caches, one database
    second.store.engine = first.store.engine
    with ThreadPoolExecutor(8) as pool:
        sessions = list(pool.map(lambda n: (first, second)[n % 2].start("friend-concert-money").session_id, range(8)))
    assert len(set(sessions)) == 8


def test_an_authored_partner_line_is_shown_as_written_and_a_generated_one_is_guarded(make_rehearsal):
    """The scripted partner says the instructor's lines (the scenario audit reads them when it loads);
    only a model's words pass through the no-soothing guard, so what streamed is what stays."""
    from simulator.graph.dependencies import Dependencies
    from simulator.partner.backends.llm_partner import LlmPartner
    from simulator.partner.backends.scripted import ScriptedPartner

    rehearsal = make_rehearsal()
    scenario = rehearsal.library().get("roommate-dishes").scenario
    soothing = "Don't worry, you're doing great. It's a few plates."
    authored = Dependencies(rater=rehearsal.rater, partner=ScriptedPartner(), store=rehearsal.store)
    generated = Dependencies(rater=rehearsal.rater, partner=LlmPartner("llm", chat=None), store=rehearsal.store)  # type: ignore[arg-type]
    assert authored.guard_partner_text(soothing, scenario) == soothing
    assert "worry" not in generated.guard_partner_text(soothing, scenario)
