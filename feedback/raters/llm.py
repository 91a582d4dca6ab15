"""The `llm` rater: a language model judges each skill against the rubric, shown the nearest
strong and weak exemplars as contrasting pairs, after a short reasoning step, answering in JSON
that a pydantic model validates (vLLM enforces the schema while decoding).

It never fails in the learner's face: a server that is down or late, or a reply that does not
parse, gives the knn rating for that skill with a note saying why.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from feedback.llm.chat import ChatClient, ChatUnavailable
from feedback.raters.base import RaterUnavailable, register_rater
from feedback.raters.knn import KnnOptions, KnnRater
from feedback.rating import Rating, RatingContext
from feedback.skills import Skill
from feedback.soothing import recomposed

CONTRAST_PAIRS = 2
# Bounded string lengths in the schema bound the reply (about 900 characters a skill), so a
# constrained decoder always closes the JSON within this budget.
MAX_TOKENS_PER_SKILL = 360


class LlmSkillRating(BaseModel):
    model_config = ConfigDict(extra="ignore")

    skill: str
    reasoning: str = Field(max_length=600)
    level: Literal["strong", "weak", "none"]
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: str = Field(max_length=600)
    reason: str = Field(max_length=400)
    rewrite: str = Field(max_length=600)


class LlmReply(BaseModel):
    ratings: list[LlmSkillRating]


def reply_schema(skills: list[str]) -> dict[str, Any]:
    """The JSON Schema the model must follow; the skill enum is the skills in play."""
    item = {
        "type": "object",
        "properties": {
            "skill": {"type": "string", "enum": skills},
            "reasoning": {"type": "string", "maxLength": 200},
            "level": {"type": "string", "enum": ["strong", "weak", "none"]},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "evidence": {"type": "string", "maxLength": 200},
            "reason": {"type": "string", "maxLength": 160},
            "rewrite": {"type": "string", "maxLength": 200},
        },
        "required": ["skill", "reasoning", "level", "confidence", "evidence", "reason", "rewrite"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {"ratings": {"type": "array", "items": item, "minItems": len(skills), "maxItems": len(skills)}},
        "required": ["ratings"],
        "additionalProperties": False,
    }


def build_messages(
    utterance: str, context: RatingContext, skills: dict[str, Skill], pairs: dict[str, list[tuple[str, str]]]
) -> list[dict[str, str]]:
    rubric = []
    for skill_id, contrasts in pairs.items():
        skill = skills[skill_id]
        lines = [
            f"- {skill_id} ({skill.name}): {skill.definition}",
            f"  strong: {skill.strong}",
            f"  weak: {skill.weak}",
            f"  none: {skill.none}",
        ]
        for strong, weak in contrasts:
            lines.append(f'  contrast: strong "{strong}" / weak "{weak}"')
        rubric.append("\n".join(lines))
    system = (
        "You rate one turn of a learner practising DBT interpersonal-effectiveness skills in a role-play. "
        "For each skill listed, rate only that skill's own words in the turn: strong, weak or none. A skill "
        "the learner did not attempt is none, not weak. Use the contrasting pairs to calibrate. For each "
        "skill: first a short reasoning (one or two sentences), then the level, your confidence (0-1), the "
        "exact words of the turn the rating rests on, a one-sentence reason in the rubric's terms, and a "
        "stronger rewrite of the learner's own words. Talk about words and skills only: no reassurance, "
        "no praise, never 'don't worry' or 'it's okay to feel'. Answer with JSON only.\n\nSkills:\n" + "\n".join(rubric)
    )
    user = (
        f"Situation: {context.situation or '(not given)'}\nLearner's goal: {context.goal or '(not given)'}\n"
        f"The other person just said: {context.partner_last or '(nothing yet)'}\n"
        f"Learner's turn: {utterance}\n\nRate these skills: {', '.join(pairs)}."
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def parse_reply(text: str) -> LlmReply:
    """The reply as a validated model; tolerates code fences and chatter around the JSON."""
    match = re.search(r"\{.*\}", text, re.DOTALL)
    if not match:
        raise ValueError("the reply holds no JSON object")
    return LlmReply.model_validate(json.loads(match.group(0)))


@dataclass(frozen=True)
class LlmRated:
    ratings: list[Rating]
    raw_reply: str | None  # what the server answered, for logs and tests


class LlmRater:
    name = "llm"

    def __init__(self, client: ChatClient, fallback: KnnRater, contrast_pairs: int = CONTRAST_PAIRS):
        self.client = client
        self.fallback = fallback
        self.contrast_pairs = contrast_pairs

    def prepare(self, scenario_exemplars: tuple[Any, ...]) -> None:
        self.fallback.prepare(scenario_exemplars)

    def rate(self, utterance: str, context: RatingContext) -> list[Rating]:
        return self.rate_with_reply(utterance, context).ratings

    def rate_with_reply(self, utterance: str, context: RatingContext) -> LlmRated:
        """The ratings and the server's reply as it came (None if none came). One rater serves
        every session at once, so nothing of one call is kept on it."""
        baseline = self.fallback.rate(utterance, context)
        rated = [r.skill for r in baseline]
        if not rated:
            return LlmRated(baseline, None)
        pairs = {skill: self.fallback.contrast_pairs(utterance, skill, self.contrast_pairs) for skill in rated}
        messages = build_messages(utterance, context, self.fallback.skills, pairs)
        try:
            raw = self.client.complete(
                messages, json_schema=reply_schema(rated), max_tokens=MAX_TOKENS_PER_SKILL * len(rated)
            )
        except ChatUnavailable as error:
            return LlmRated(_noted(baseline, f"LLM rater unavailable ({error}); showing the knn rating"), None)
        try:
            reply = parse_reply(raw)
        except (ValueError, ValidationError) as error:
            reason = error.errors()[0]["msg"] if isinstance(error, ValidationError) else str(error)
            return LlmRated(_noted(baseline, f"LLM reply could not be read ({reason}); showing the knn rating"), raw)
        by_skill = {r.skill: r for r in reply.ratings}
        return LlmRated([self._merge(knn, by_skill.get(knn.skill), utterance) for knn in baseline], raw)

    def _merge(self, knn: Rating, llm: LlmSkillRating | None, utterance: str) -> Rating:
        if llm is None:
            return knn.model_copy(update={"note": "the LLM reply did not rate this skill; showing the knn rating"})
        evidence = llm.evidence.strip().strip('"')
        # the reason speaks to the learner: guarded, the knn template when what is left is not whole;
        # the rewrite is words for the learner to say to their partner, where validating them is a skill
        reason = recomposed(llm.reason, knn.reason) if llm.reason.strip() else knn.reason
        rewrite = llm.rewrite.strip() or knn.rewrite
        return Rating(
            skill=knn.skill,
            level=llm.level,
            score=round(llm.confidence, 4),
            evidence=evidence if evidence and evidence.lower() in utterance.lower() else knn.evidence,
            nearest_strong=knn.nearest_strong,
            nearest_weak=knn.nearest_weak,
            reason=reason,
            rewrite=rewrite if rewrite and rewrite.strip() != utterance.strip() else knn.rewrite,
            rater=self.name,
        )


def _noted(ratings: list[Rating], note: str) -> list[Rating]:
    return [r.model_copy(update={"note": note}) for r in ratings]


class LlmOptions(KnnOptions):
    client: Any = None  # a ChatClient to use instead of a server at `url`
    url: str | None = None
    model: str | None = None
    timeout_s: float = 20.0


@register_rater("llm", LlmOptions)
def _build_llm(options: LlmOptions) -> LlmRater:
    from feedback.llm.openai_chat import OpenAIChat

    client = options.client
    if client is None:
        if not options.url:
            raise RaterUnavailable(
                "the llm rater needs a server: set REHEARSE_RATER_URL (e.g. http://gpu-host:8000/v1)"
            )
        client = OpenAIChat(options.url, model=options.model, timeout_s=options.timeout_s, retries=1)
    return LlmRater(client, KnnRater(bank=options.bank, cache_dir=options.cache_dir, skills=options.skills))
