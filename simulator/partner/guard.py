"""Keep an LLM partner in character: no AI talk, no coaching, no soothing, no role switch.

Checked sentence by sentence while the reply streams; the first sentence that breaks
character ends the reply, and an authored line for the stance stands in if nothing is left.
"""

from __future__ import annotations

import re

from feedback.soothing import is_soothing

OUT_OF_CHARACTER = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bas an ai\b",
        r"\b(an )?ai (language )?model\b",
        r"\blanguage model\b",
        r"\bi'?m (just )?an? (ai|bot|chatbot|assistant)\b",
        r"\bi am (just )?an? (ai|bot|chatbot|assistant)\b",
        r"\bchat ?bot\b",
        r"\bvirtual assistant\b",
        r"\bopenai\b",
        r"\bhugging ?face\b",
        r"\bsystem prompt\b",
        r"\bmy (instructions|prompt|programming|guidelines)\b",
        r"\bi was (trained|programmed)\b",
        r"\brole[- ]?play\b",
        r"\bsimulation\b",
        r"\bthe (learner|user)\b",
        r"\bhow (can|may) i (help|assist) you\b",
        r"\bi'?m here to (help|assist)\b",
        r"\b(arr+|matey|ahoy|shiver me timbers|ye be|pirate|captain kidd)\b",
        r"\bdear man\b",
        r"\b(describe|express|assert|reinforce), (express|assert|reinforce)\b",
        r"\byou (should|could) (try|use) (describing|expressing|asserting|the skill)\b",
        r"\bthat'?s a (great|good) (way|use) of\b",
    )
)
_SPEAKER_LABEL = re.compile(r"^\s*[\w .'-]{1,30}:\s+")
_STAGE_DIRECTION = re.compile(r"\s*[\(\[\*][^\)\]\*]{1,60}[\)\]\*]\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


_ROLE_REQUEST = re.compile(
    r"\b(?:you are now|you're now|from now on you are|from now on you're|pretend (?:you are|you're|to be)|act as|"
    r"act like|talk like|speak like|role-?play as|become|you are no longer \w+, you are)\s+"
    r"(?:a |an |the |my |your )?([a-z]+)",
    re.IGNORECASE,
)
_NOT_ROLES = {
    "not",
    "so",
    "very",
    "really",
    "just",
    "being",
    "always",
    "never",
    "going",
    "right",
    "wrong",
    "late",
    "the",
    "a",
    "an",
    "my",
    "your",
    "doing",
    "making",
    "still",
    "kidding",
    "serious",
    "sure",
    "welcome",
    "one",
    "that",
    "this",
    "it",
    "me",
    "him",
    "her",
    "them",
    "someone",
    "somebody",
    "normal",
    "yourself",
}


def requested_roles(learner_text: str) -> set[str]:
    """Roles the learner asks the partner to take on ("you are now a pirate" -> {"pirate"})."""
    roles = set()
    for match in _ROLE_REQUEST.finditer(learner_text):
        words = [w for w in match.group(1).lower().split() if w not in _NOT_ROLES]
        if words and len(words[-1]) > 2:
            roles.add(words[-1])
    return roles


def breaks_character(sentence: str, forbidden_roles: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    lowered = sentence.lower()
    return (
        is_soothing(sentence)
        or any(p.search(sentence) for p in OUT_OF_CHARACTER)
        or any(re.search(rf"\b{re.escape(role)}s?\b", lowered) for role in forbidden_roles)
    )


def clean(text: str, name: str) -> str:
    """Drop a leading speaker label and stage directions such as (sighs)."""
    text = _STAGE_DIRECTION.sub(" ", text)
    label = _SPEAKER_LABEL.match(text)
    if label and (
        name.lower() in label.group(0).lower() or label.group(0).strip(": ").lower() in ("partner", "assistant")
    ):
        text = text[label.end() :]
    return re.sub(r"\s{2,}", " ", text).strip()


def complete_sentences(buffer: str) -> tuple[list[str], str]:
    """Split off the complete sentences at the front of `buffer`; return them and the rest."""
    parts = _SENTENCE_END.split(buffer)
    if len(parts) == 1:
        return [], buffer
    return parts[:-1], parts[-1]
