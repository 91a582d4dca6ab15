"""The no-soothing guard: catches reassurance and flattery in what the coach, the llm rater and
LLM partners write; never touches the learner's words or the exemplars it quotes; and what it
leaves reads as a whole."""

from __future__ import annotations

import pytest

from feedback.coach import decide
from feedback.rating import Rating
from feedback.skills import DEAR_MAN_IDS
from feedback.soothing import is_soothing, recomposed, sentences, without_soothing

ISSUE_MISSES = [
    "You can do it!",
    "You've got an excellent attitude, you got this!",
    "This situation is not your fault!",
    "You will do well",
    "I know you are rightfully concerned",
    "That sounds like a great plan",
]


@pytest.mark.parametrize(
    "text", ISSUE_MISSES + ["Everything happens for a reason.", "I believe in you.", "Stay strong!", "You're so brave."]
)
def test_reassurance_platitudes_and_unearned_praise_are_caught(text):
    assert is_soothing(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Your request named a day; add what you want them to do.",
        "What day do you want the money back?",
        "So you want the rent paid by Friday.",
        "The scenario ends after twelve turns.",
        "I'm not paying that, it's your problem.",
        "Oh here we go again.",
        "Assert is weak: the request is a hint.",
    ],
)
def test_questions_restatements_information_feedback_and_partner_lines_pass(text):
    assert not is_soothing(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I'm genuinely scared that someone could get hurt in the pool.",
        "I feel proud of what I built on that project, and I'm hurt that it was handed over.",
        "I'm worried about my son; he's unhappy at school and I feel helpless.",
    ],
)
def test_strong_exemplars_that_state_a_feeling_are_not_soothing(text):
    assert not is_soothing(text), text


def test_a_comfort_word_that_gives_information_in_role_passes_and_one_that_reassures_does_not():
    assert not is_soothing("Don't worry about the bins, I put them out last night.")
    assert not is_soothing("Relax, I already booked the table for eight.")
    assert is_soothing("Don't worry, it will be fine.")
    assert is_soothing("There, there.")


def test_words_the_coach_quotes_in_single_quotes_are_the_learners_too():
    text = "Assert: 'no pressure, you can do it whenever' hedges the request; name a day."
    assert not is_soothing(text)
    assert without_soothing(text) == text


def test_quoted_words_are_never_judged_or_removed():
    text = 'Assert is weak: it hints. Your words: "No pressure, you can do it whenever." A weaker way: "Don\'t worry about it."'
    assert not is_soothing(text)
    assert without_soothing(text) == text


def rating(skill, level, evidence, nearest_weak, reason):
    return Rating(
        skill=skill,
        level=level,
        score=0.2,
        evidence=evidence,
        nearest_strong="I need the £200 by Friday.",
        nearest_weak=nearest_weak,
        reason=reason,
    )


def test_the_coach_keeps_the_learners_words_and_the_weaker_way_whole():
    learner = "Sorry, no pressure, you can pay me back whenever. Don't worry about it."
    weaker = "No worries if not, I know you're busy. You're doing great."
    ratings = [rating("assert", "weak", learner, weaker, "Assert is weak: it hints instead of asking.")]
    ratings += [rating(s, "strong", "x", "y", f"{s} is strong.") for s in DEAR_MAN_IDS if s != "assert"]
    decision = decide(ratings, turn=2, history=[], stance="guarded", skills_in_play=DEAR_MAN_IDS)
    assert f'You wrote: "{learner}"' in decision.text
    assert decision.weaker == weaker


def test_a_soothing_coach_reason_gives_way_to_the_rubric_template_not_a_fragment():
    reason = "Great job! But the request drops the goal."
    ratings = [rating("assert", "weak", "maybe you could pay me back", "whenever", reason)]
    ratings += [rating(s, "strong", "x", "y", f"{s} is strong.") for s in DEAR_MAN_IDS if s != "assert"]
    decision = decide(ratings, turn=2, history=[], stance="guarded", skills_in_play=DEAR_MAN_IDS)
    assert "Great job" not in decision.text and "But the request" not in decision.text
    assert decision.text.startswith("Assert: 'maybe' hedges it.")


def test_recomposition_keeps_whole_sentences_and_falls_back_when_a_kept_one_leans_on_a_dropped_one():
    template = "Assert is weak: the request has no day."
    assert recomposed("Well done! The request has no day.", template) == "The request has no day."
    assert recomposed("The request drops the goal. Don't worry. But please don't do it again.", template) == template
    assert recomposed("You've got this!", template) == template
    assert recomposed("The request has no day. Name one.", template) == "The request has no day. Name one."


def test_sentences_keep_quotations_inside_their_sentence():
    assert sentences('Your words: "Stop. Now." Next, try Express.') == [
        'Your words: "Stop. Now."',
        "Next, try Express.",
    ]


def test_the_llm_rater_reason_is_recomposed_and_its_rewrite_left_in_the_learners_voice(knn_rater):
    from feedback.raters.llm import LlmRater, LlmSkillRating

    knn = knn_rater.rate("Could you maybe pay me back?", _context())[0]
    llm = LlmSkillRating(
        skill=knn.skill,
        reasoning="r",
        level="weak",
        confidence=0.7,
        evidence="",
        reason="You're doing amazing! And the request is a hint.",
        rewrite="I know money's tight, and I need the £200 back by Friday.",
    )
    merged = LlmRater(client=None, fallback=knn_rater)._merge(knn, llm, "Could you maybe pay me back?")
    assert merged.reason == knn.reason
    assert merged.rewrite == "I know money's tight, and I need the £200 back by Friday."


def test_an_llm_partner_that_soothes_breaks_character_and_a_hostile_one_does_not():
    from simulator.partner.guard import breaks_character

    assert breaks_character("Don't worry, everything will be fine.")
    assert breaks_character("You've got this, I believe in you.")
    assert not breaks_character("Oh great, this again. I'm not paying that.")


def _context():
    from feedback.rating import RatingContext

    return RatingContext(
        situation="Your sister owes you £200.",
        goal="Get a date for the repayment.",
        partner_last="What now?",
        skills=("assert",),
    )


def test_authored_partner_lines_that_soothe_are_named_when_the_library_loads(caplog):
    from feedback.soothing.audit import partner_lines_that_soothe, warn_about
    from scenarios.loader import load_library

    scenario = load_library().get("roommate-dishes").scenario
    edited = scenario.model_copy(
        update={
            "partner": scenario.partner.model_copy(update={"opening": "Don't worry, everything will work out fine."})
        }
    )
    findings = partner_lines_that_soothe([edited])
    assert [f.where for f in findings if "opening" in f.where] == ["scenario roommate-dishes, partner.opening"]
    with caplog.at_level("WARNING"):
        warn_about(findings, "scenario partner lines")
    assert "Don't worry, everything will work out fine." in caplog.text
