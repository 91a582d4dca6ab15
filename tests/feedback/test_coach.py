"""The coach speaks when a weak or missing skill matters now, and never soothes."""

from feedback.coach import decide, next_skill_to_try
from feedback.no_soothing import is_soothing, without_soothing
from feedback.rating import Rating
from feedback.skills import DEAR_MAN_IDS


def rating(skill, level, **extra):
    return Rating(
        skill=skill,
        level=level,
        score=0.9 if level == "strong" else 0.1,
        evidence="my words",
        nearest_strong="a strong way",
        nearest_weak="a weak way",
        reason=f"{skill} is {level}.",
        **extra,
    )


def test_the_coach_stays_silent_when_every_skill_that_matters_is_strong():
    ratings = [rating(s, "strong") for s in DEAR_MAN_IDS]
    decision = decide(ratings, turn=2, history=[], stance="guarded", skills_in_play=DEAR_MAN_IDS)
    assert not decision.spoke and decision.text == ""


def test_the_coach_speaks_about_a_weak_skill_with_the_learners_words_and_a_stronger_way():
    ratings = [rating("describe", "weak"), *(rating(s, "strong") for s in DEAR_MAN_IDS[1:])]
    decision = decide(ratings, turn=2, history=[], stance="guarded", skills_in_play=DEAR_MAN_IDS)
    assert decision.spoke and decision.focus_skill == "describe"
    assert '"my words"' in decision.text and '"a strong way"' in decision.text
    assert decision.weaker == "a weak way"


def test_describe_is_suggested_first():
    assert next_skill_to_try(DEAR_MAN_IDS, ever_strong=set()) == "describe"
    assert next_skill_to_try(DEAR_MAN_IDS, ever_strong={"describe", "express"}) == "assert"


def test_soothing_phrases_are_caught_and_removed():
    for text in (
        "Don't worry, you'll get there.",
        "It's okay to feel that way.",
        "Calm down and try again.",
        "Everything will be fine.",
        "Great job!",
        "You're doing great.",
    ):
        assert is_soothing(text), text
    assert without_soothing("Don't worry. Your request was a hint.") == "Your request was a hint."
    assert not is_soothing("Your request was a hint; say what you want and by when.")


def test_no_coach_text_for_any_skill_and_level_soothes():
    for skill in DEAR_MAN_IDS:
        for level in ("weak", "none"):
            ratings = [rating(skill, level)] + [rating(s, "strong") for s in DEAR_MAN_IDS if s != skill]
            for turn in (1, 2, 5):
                decision = decide(ratings, turn=turn, history=[], stance="resistant", skills_in_play=DEAR_MAN_IDS)
                assert not is_soothing(decision.text), (skill, level, decision.text)


def test_the_guard_holds_against_recorded_language_model_outputs():
    import json
    from pathlib import Path

    recorded = [
        json.loads(line)
        for line in (Path(__file__).parent / "data" / "recorded-llm-outputs.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    soothing_before = [r for r in recorded if is_soothing(r["output"])]
    assert len(soothing_before) >= 5, "the recordings should include the reassurance small models produce"
    for record in recorded:
        assert not is_soothing(without_soothing(record["output"])), record["output"]
    kept = without_soothing("I'm here to help. Your request was a hint; name the day.")
    assert kept == "Your request was a hint; name the day."


def test_every_rater_reason_template_passes_the_guard():
    from feedback.explain import reason_for
    from feedback.skills import BUILT_IN_SKILLS

    for skill in BUILT_IN_SKILLS.values():
        for level in ("strong", "weak", "none"):
            for evidence in ("You always leave it.", "Sorry, maybe you could?", "I'd like you to stop."):
                assert not is_soothing(reason_for(skill, level, evidence)), (skill.id, level)
