"""The partner moves only with the learner's skill (real knn rater, scripted partner):
skilled scripts reach agreement within 8 turns at moderate difficulty, judgemental, vague or
apologetic ones do not within 12, and hostile ones end with the partner walking away or refusing."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.runtime import TurnResult

SCRIPTS = Path(__file__).parent / "learner_scripts"
SCENARIOS = ["roommate-dishes", "sister-loan", "friend-concert-money"]


def play_script(rehearsal, scenario: str, kind: str) -> tuple[str | None, list[TurnResult]]:
    lines = (SCRIPTS / f"{scenario}.{kind}.txt").read_text(encoding="utf-8").splitlines()
    session = rehearsal.start(scenario).session_id
    results = []
    for line in lines:
        result = list(rehearsal.send(session, line))[-1]
        results.append(result)
        if result.outcome:
            return result.outcome, results
        if result.safety == "check_in":  # the learner says it was part of the role-play and goes on
            rehearsal.carry_on(session)
    return None, results


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_skilled_learner_reaches_agreement_within_eight_turns(make_rehearsal, scenario):
    rehearsal = make_rehearsal()
    assert rehearsal.library().get(scenario).scenario.partner.difficulty.value == "moderate"
    outcome, turns = play_script(rehearsal, scenario, "skilled")
    assert outcome == "agreed" and len(turns) <= 8, [t.openness for t in turns]
    assert turns[-1].band in ("agreeing", "wavering")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_judgemental_vague_or_apologetic_learner_does_not_reach_agreement_in_twelve(make_rehearsal, scenario):
    outcome, turns = play_script(make_rehearsal(), scenario, "poor")
    assert outcome != "agreed" and len(turns) <= 12
    assert max(t.openness for t in turns) < 55


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_hostile_learner_ends_with_the_partner_walking_away_or_refusing(make_rehearsal, scenario):
    outcome, turns = play_script(make_rehearsal(), scenario, "hostile")
    assert outcome in ("walked_away", "not_agreed"), [t.openness for t in turns]
    reasons = [reason for t in turns for reason in t.changes]
    assert any("attack" in r or "aggressive" in r for r in reasons)


def test_the_trajectory_and_its_reasons_are_kept_for_the_debrief(make_rehearsal):
    rehearsal = make_rehearsal()
    outcome, turns = play_script(rehearsal, "friend-concert-money", "skilled")
    session = rehearsal.store.sessions()[0]
    recorded = rehearsal.store.turns(session.id)
    assert [t.openness_after for t in recorded] == [t.openness for t in turns]
    assert all(t.reasons for t in recorded)
    assert session.outcome == outcome
