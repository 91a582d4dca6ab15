"""The crisis check on real chat language: three verdicts, slang and methods, idioms left alone."""

from __future__ import annotations

import pytest

from simulator.safety import CrisisVerdict, assess_risk

ISSUE_MISSES = [
    "I've been cutting again since all this started",
    "I took a load of pills last night",
    "I'm going to end it",
    "I wish I wasn't here anymore",
    "honestly kms",
    "I've been making myself sick after Sunday lunches",
    "I don't feel safe at home",
    "Dan said he'd hurt me if I told you",
    "I just want to disappear",
]


@pytest.mark.parametrize("text", ISSUE_MISSES)
def test_every_turn_the_old_patterns_missed_is_flagged(text):
    assessment = assess_risk(text)
    assert assessment.flagged and assessment.reasons, text


@pytest.mark.parametrize(
    "text",
    [
        "honestly kms",
        "i'm gonna unalive myself",
        "I took a load of pills last night",
        "I've been burning myself with a lighter",
        "I purged three times today",
        "Dan said he'd hurt me if I told you",
        "I'm going to stab him when he gets home",
    ],
)
def test_explicit_risk_stops_the_role_play(text):
    assert assess_risk(text).verdict is CrisisVerdict.CRISIS


@pytest.mark.parametrize(
    "text", ["I can't keep doing this", "what's even the point anymore", "I'm not okay", "I just want to disappear"]
)
def test_ambiguous_distress_asks_whether_the_learner_is_safe(text):
    assert assess_risk(text).verdict is CrisisVerdict.CHECK_IN


@pytest.mark.parametrize(
    "text",
    [
        "This deadline is killing me",
        "I could murder a coffee",
        "I'd die for a day off",
        "my feet are killing me",
        "I nearly died laughing",
        "I'm starving, what's for dinner?",
        "I burnt the toast again",
        "I'd like you to pay back the £200 by Friday.",
        "My therapist asked me to practise distress tolerance this week.",
        "I did the self-soothe exercise with music and a warm drink.",
    ],
)
def test_idioms_dbt_words_and_ordinary_requests_are_none(text):
    assert assess_risk(text).verdict is CrisisVerdict.NONE, assess_risk(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "I swear I'll kill you if you leave the pans again",
        "I'll kill you if you eat my leftovers again",
        "I'm going to kill him if he borrows my charger one more time",
    ],
)
def test_anger_idioms_never_stop_the_role_play(text):
    assert assess_risk(text).verdict is not CrisisVerdict.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "I used to self-harm when I was a teenager, but I haven't in years.",
        "My sister struggled with anorexia when we were kids.",
    ],
)
def test_the_resolved_past_and_someone_elses_story_do_not_stop_the_role_play(text):
    assert assess_risk(text).verdict is not CrisisVerdict.CRISIS


def test_risk_inside_a_role_play_turn_is_found_sentence_by_sentence():
    turn = (
        "I know I'm meant to be asking about the rent. Sorry. I took a load of pills last night "
        "and I don't know why I'm telling you this"
    )
    assessment = assess_risk(turn)
    assert assessment.verdict is CrisisVerdict.CRISIS
    assert any("pills" in reason for reason in assessment.reasons)


def test_the_reasons_say_which_words_and_why():
    assessment = assess_risk("honestly kms")
    assert any("kms" in reason and "slang" in reason for reason in assessment.reasons)
    figure = assess_risk("This deadline is killing me")
    assert any("killing me" in reason for reason in figure.reasons)
