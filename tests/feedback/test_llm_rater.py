"""The llm rater: rubric + contrasting pairs + reasoning, JSON validated, knn fallback with a note."""

from __future__ import annotations

import json

import jsonschema
import pytest

from feedback.llm.chat import ChatUnavailable
from feedback.llm.openai_chat import OpenAIChat
from feedback.raters.llm import LlmRater, parse_reply, reply_schema
from feedback.rating import RatingContext
from tests.processes import free_port

CONTEXT = RatingContext(
    situation="Your flatmate leaves dishes in the sink for days.",
    goal="Agree that everyone washes their own dishes the same evening.",
    partner_last="Is this about the sink again?",
    skills=("describe", "assert"),
)
UTTERANCE = (
    "On Monday and Tuesday your plates stayed in the sink overnight. I'd like you to wash them the same evening."
)


class RecordingClient:
    """Answers with a fixed text and records what it was asked."""

    name = "recording"

    def __init__(self, reply: str | Exception):
        self.reply = reply
        self.calls: list[dict] = []

    def complete(self, messages, *, json_schema=None, max_tokens=400, temperature=0.0):
        self.calls.append({"messages": messages, "json_schema": json_schema})
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply

    def stream(self, messages, *, max_tokens=200, temperature=0.7):
        yield self.complete(messages)


def llm_json(**levels):
    return json.dumps(
        {
            "ratings": [
                {
                    "skill": skill,
                    "reasoning": "Checked the words.",
                    "level": level,
                    "confidence": 0.8,
                    "evidence": "I'd like you to wash them the same evening."
                    if skill == "assert"
                    else "On Monday and Tuesday your plates stayed in the sink overnight.",
                    "reason": f"{skill} is {level}. Don't worry, you're doing great.",
                    "rewrite": "I'd like you to wash them tonight.",
                }
                for skill, level in levels.items()
            ]
        }
    )


def test_the_prompt_carries_rubric_contrasting_pairs_and_the_schema(knn_rater):
    client = RecordingClient(llm_json(describe="strong", assert_="strong").replace("assert_", "assert"))
    LlmRater(client, knn_rater).rate(UTTERANCE, CONTEXT)
    call = client.calls[0]
    system = call["messages"][0]["content"]
    assert "contrast: strong" in system and "describe (Describe)" in system and "assert (Assert)" in system
    assert call["json_schema"] == reply_schema(["describe", "assert"])
    assert UTTERANCE in call["messages"][1]["content"]


def test_a_valid_reply_becomes_llm_ratings_with_the_knn_contrast_and_no_soothing(knn_rater):
    ratings = LlmRater(RecordingClient(llm_json(describe="weak", **{"assert": "strong"})), knn_rater).rate(
        UTTERANCE, CONTEXT
    )
    by_skill = {r.skill: r for r in ratings}
    assert by_skill["describe"].level == "weak" and by_skill["describe"].rater == "llm"
    assert by_skill["assert"].evidence == "I'd like you to wash them the same evening."
    assert by_skill["assert"].nearest_strong and by_skill["assert"].nearest_weak
    assert "worry" not in by_skill["assert"].reason and "great" not in by_skill["assert"].reason
    assert [r.note for r in ratings] == [None, None]


@pytest.mark.parametrize(
    "reply, note",
    [
        ("Sure! Here is my rating: describe strong.", "could not be read"),
        ('{"ratings": [{"skill": "describe", "level": "excellent"}]}', "could not be read"),
        (ChatUnavailable("the language model did not answer in time"), "unavailable"),
    ],
)
def test_a_bad_or_missing_reply_falls_back_to_knn_with_a_note(knn_rater, reply, note):
    ratings = LlmRater(RecordingClient(reply), knn_rater).rate(UTTERANCE, CONTEXT)
    assert [r.skill for r in ratings] == ["describe", "assert"]
    assert all(r.rater == "knn" and note in r.note for r in ratings)


def test_a_skill_missing_from_the_reply_is_rated_by_knn_with_a_note(knn_rater):
    ratings = LlmRater(RecordingClient(llm_json(describe="strong")), knn_rater).rate(UTTERANCE, CONTEXT)
    by_skill = {r.skill: r for r in ratings}
    assert by_skill["describe"].rater == "llm"
    assert by_skill["assert"].rater == "knn" and "did not rate this skill" in by_skill["assert"].note


def test_replies_in_code_fences_are_parsed():
    reply = parse_reply("```json\n" + llm_json(describe="none") + "\n```")
    assert reply.ratings[0].level == "none"


def test_a_server_that_is_down_gives_knn_ratings_with_a_note(knn_rater):
    client = OpenAIChat(f"http://127.0.0.1:{free_port()}/v1", model="any", timeout_s=2, retries=0)
    ratings = LlmRater(client, knn_rater).rate(UTTERANCE, CONTEXT)
    assert [r.skill for r in ratings] == ["describe", "assert"]
    assert all(r.rater == "knn" and "cannot reach the language model" in r.note for r in ratings)


def test_a_server_that_never_answers_gives_knn_ratings_after_the_timeout(knn_rater):
    from tests.llm_servers import silent_server

    with silent_server() as url:
        client = OpenAIChat(url, model="any", timeout_s=1.5, retries=0)
        ratings = LlmRater(client, knn_rater).rate(UTTERANCE, CONTEXT)
    assert [r.skill for r in ratings] == ["describe", "assert"]
    assert all(r.rater == "knn" and "did not answer in time" in r.note for r in ratings)


@pytest.mark.slow
def test_grammar_constrained_smollm2_in_process_returns_schema_valid_parsed_ratings(knn_rater, smollm2_local_chat):
    rated = LlmRater(smollm2_local_chat, knn_rater).rate_with_reply(UTTERANCE, CONTEXT)
    ratings = rated.ratings
    assert rated.raw_reply is not None
    jsonschema.validate(json.loads(rated.raw_reply), reply_schema(["describe", "assert"]))
    assert [r.skill for r in ratings] == ["describe", "assert"]
    assert all(r.rater == "llm" and r.note is None for r in ratings)


@pytest.mark.slow
def test_against_transformers_serve_the_request_parsing_and_fallback_hold(knn_rater, smollm2_server):
    url, model = smollm2_server
    one_skill = CONTEXT.model_copy(update={"skills": ("assert",)})  # ~360 tokens: about 30 s on a 2-core CPU
    client = OpenAIChat(url, model=str(model), timeout_s=300, retries=0)
    rated = LlmRater(client, knn_rater).rate_with_reply(UTTERANCE, one_skill)
    ratings = rated.ratings
    assert rated.raw_reply is not None, f"the server never answered: {ratings[0].note}"
    assert [r.skill for r in ratings] == ["assert"]
    # transformers serve ignores response_format: a 135M model may or may not produce valid JSON.
    # Either it parsed (llm ratings) or each rating fell back to knn and says why.
    for rating in ratings:
        assert rating.rater == "llm" or (rating.rater == "knn" and rating.note)
