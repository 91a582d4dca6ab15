"""Checks on what the learner types, before anything reaches the rater or the partner.

Two jobs: refuse input that cannot be a turn (empty, too long, control characters) with a
message that says what to do, and notice talk of harming oneself or others, which stops the
role-play and shows the deployment's crisis resources.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CONTROL_ALLOWED = {"\n", "\t", "\r"}

_SELF = r"(myself|my self|my life|it all)"
CRISIS_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b(kill|hurt|harm|cut|end)\w*\s+{_SELF}",
    r"\bsuicid\w*",
    r"\bself[- ]?harm\w*",
    r"\b(want|wanna|going|plan(ning)?)\s+(to\s+)?die\b",
    r"\b(don'?t|do not) want to (live|be alive|be here anymore)\b",
    r"\bbetter off (dead|without me)\b",
    r"\boverdose\b",
    r"\b(i('ll| will| am going to|'m going to| want to)|gonna)\s+(kill|hurt|stab|shoot|strangle|beat up)\s+(him|her|them|you|someone|somebody|my \w+)\b",
    r"\b(i('ll| will| am going to|'m going to)|gonna)\s+(get a|use a|bring a)\s+(gun|knife|weapon)\b",
))


@dataclass(frozen=True)
class InputProblem:
    code: str
    message: str


def check_utterance(text: str | None, max_chars: int = 2000) -> InputProblem | None:
    """None when `text` can be sent as a turn; otherwise what is wrong and what to do."""
    if text is None or not text.strip():
        return InputProblem("empty", "Type what you would say to them, then press Send.")
    if len(text) > max_chars:
        return InputProblem(
            "too_long",
            f"That is {len(text):,} characters; a turn can be at most {max_chars:,}. "
            "Say the most important part first; you can add the rest in your next turn.",
        )
    controls = [c for c in text if unicodedata.category(c) == "Cc" and c not in _CONTROL_ALLOWED]
    if controls:
        return InputProblem(
            "control_characters",
            "Your message contains invisible control characters (often from copy and paste). "
            "Retype it or paste it as plain text.",
        )
    return None


def mentions_harm(text: str) -> bool:
    """True when the learner writes about harming themselves or someone else."""
    return any(pattern.search(text) for pattern in CRISIS_PATTERNS)
