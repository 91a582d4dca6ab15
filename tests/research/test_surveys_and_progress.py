"""Surveys are stored as answered; progress shows the numbers across sessions as they are."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from feedback.surveys import SurveyAnswers, mastery_score, session_mastery
from simulator.research.progress import learner_progress

SKILLED = (
    "On Sunday eleven of your dishes were in the sink. I feel frustrated when I can't cook. "
    "I'd like you to wash your own dishes by the next morning."
)


def test_answers_outside_the_scale_or_unknown_items_are_refused():
    with pytest.raises(ValidationError, match="between 1 and 7"):
        SurveyAnswers(phase="pre", values={"fear": 9})
    with pytest.raises(ValidationError, match="unknown survey item"):
        SurveyAnswers(phase="pre", values={"calm": 3})
    answers = SurveyAnswers(phase="pre", values={"fear": 6, "anger": 2, "confident": 3})
    assert answers.strong_emotions() == ["fear"]
    assert "hopeful" in answers.missing()


def test_mastery_is_the_best_level_per_skill_averaged_over_skills_in_play():
    per_skill = session_mastery(
        [{"describe": "weak", "assert": "none"}, {"describe": "strong"}], ["describe", "assert"]
    )
    assert per_skill == {"describe": 2, "assert": 0}
    assert mastery_score(per_skill) == 1.0


def test_progress_lists_sessions_surveys_mastery_weak_skills_and_a_next_scenario(make_rehearsal):
    rehearsal = make_rehearsal()
    for scenario in ("roommate-dishes", "sister-loan"):
        session = rehearsal.start(scenario, learner_id="ana").session_id
        rehearsal.record_survey(session, SurveyAnswers(phase="pre", values={"confident": 2, "fear": 6}))
        rehearsal.record_values_note(session, "fear", "It tells me I care about being treated fairly.")
        list(rehearsal.send(session, SKILLED))
        rehearsal.end(session)
        rehearsal.record_survey(session, SurveyAnswers(phase="post", values={"confident": 3, "fear": 5}))
        rehearsal.record_values_honoured(session, "partly")
    progress = learner_progress(rehearsal.store.engine, "ana", rehearsal.library())
    assert [p.scenario_id for p in progress.sessions] == ["roommate-dishes", "sister-loan"]
    assert progress.sessions[0].pre == {"confident": 2, "fear": 6} and progress.sessions[0].post == {
        "confident": 3,
        "fear": 5,
    }
    assert all(0 <= p.mastery <= 2 for p in progress.sessions)
    assert progress.recurring_weak and progress.next_scenario in rehearsal.library().scenarios
    record = rehearsal.store.get_session(rehearsal.store.sessions(learner_id="ana")[0].id)
    assert record.values_note.startswith("It tells me") and record.values_honoured == "partly"
