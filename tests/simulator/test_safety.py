"""Input checks and crisis detection run before anything reaches the rater or the partner."""

import pytest

from simulator.safety import check_utterance, mentions_harm


@pytest.mark.parametrize(
    "text, code",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("x" * 2001, "too_long"),
        ("hello\x00there", "control_characters"),
        ("bell\x07", "control_characters"),
    ],
)
def test_unusable_input_is_refused_with_a_reason(text, code):
    problem = check_utterance(text, max_chars=2000)
    assert problem is not None and problem.code == code and problem.message


def test_ordinary_input_passes():
    assert check_utterance("I'd like you to wash up tonight.\nThanks.") is None
    assert check_utterance("x" * 2000) is None


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "Sometimes I think about suicide",
        "I'm going to hurt him when he gets home",
        "I've been self-harming again",
        "everyone would be better off without me",
    ],
)
def test_talk_of_harm_is_noticed(text):
    assert mentions_harm(text)


@pytest.mark.parametrize(
    "text",
    [
        "This deadline is killing me",
        "I could murder a coffee",
        "The dishes are driving me mad",
        "I'd die for a day off",
    ],
)
def test_everyday_figures_of_speech_are_not_taken_as_crisis(text):
    assert not mentions_harm(text)
