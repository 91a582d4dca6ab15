"""The coach says one thing, about what matters most now, or explains its silence."""

from feedback.coach import decide
from feedback.faults import Fault
from feedback.rating import Rating
from feedback.skills import DEAR_MAN_IDS


def rating(skill, level, evidence="my words", **extra):
    return Rating(
        skill=skill,
        level=level,
        score=0.9 if level == "strong" else 0.1,
        evidence=evidence,
        nearest_strong=f"stronger {skill}",
        nearest_weak=f"weaker {skill}",
        reason=f"{skill.title()} is {level}: the rubric says so.",
        **extra,
    )


def all_strong_but(**levels):
    return [rating(s, levels.get(s, "strong")) for s in DEAR_MAN_IDS]


def test_a_fault_in_the_words_comes_before_any_missing_skill():
    ratings = all_strong_but()
    ratings[5] = rating("confident", "none", evidence="sorry sorry I know it's stupid", fault=Fault.APOLOGY)
    decision = decide(ratings, turn=2, history=[], stance="guarded", skills_in_play=DEAR_MAN_IDS)
    assert decision.focus_skill == "confident"
    assert "apology for asking" in decision.text and '"sorry sorry I know it\'s stupid"' in decision.text


def test_a_missing_request_after_the_first_turn_is_named_plainly():
    ratings = [rating(s, "strong") if s != "assert" else rating(s, "none") for s in DEAR_MAN_IDS]
    decision = decide(ratings, turn=3, history=[{"describe": "strong"}], stance="guarded", skills_in_play=DEAR_MAN_IDS)
    assert decision.focus_skill == "assert" and "no clear request" in decision.text
    assert '"stronger assert"' in decision.text


def test_the_learners_note_on_what_matters_is_tied_to_the_request():
    ratings = [rating(s, "strong") if s != "assert" else rating(s, "weak") for s in DEAR_MAN_IDS]
    decision = decide(
        ratings,
        turn=2,
        history=[],
        stance="guarded",
        skills_in_play=DEAR_MAN_IDS,
        values_note="my weekends are for my kids",
    )
    assert decision.focus_skill == "assert"
    assert '"my weekends are for my kids"' in decision.text


def test_one_message_only_about_one_skill():
    ratings = [rating(s, "weak") for s in DEAR_MAN_IDS]
    decision = decide(ratings, turn=2, history=[], stance="guarded", skills_in_play=DEAR_MAN_IDS)
    assert decision.focus_skill == "assert"
    assert "stronger describe" not in decision.text and decision.text.count("A stronger way") == 1


def test_silence_is_explained_in_words():
    decision = decide(all_strong_but(), turn=2, history=[], stance="wavering", skills_in_play=DEAR_MAN_IDS)
    assert not decision.spoke
    assert decision.silence.startswith("The coach is quiet") and "Describe" in decision.silence


def test_a_missing_skill_without_a_fault_on_a_later_turn_stays_quiet():
    ratings = [rating(s, "strong") for s in ("describe", "express", "assert")] + [
        rating(s, "none") for s in ("reinforce", "mindful", "confident", "negotiate")
    ]
    decision = decide(ratings, turn=2, history=[], stance="wavering", skills_in_play=DEAR_MAN_IDS)
    assert not decision.spoke
