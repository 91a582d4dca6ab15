"""The no-soothing rule as code: coach and partner text must not comfort, reassure or flatter.

Emotions carry information; the product shows numbers and skills, it does not talk feelings
down. `soothing_phrases` finds the phrases; `without_soothing` drops the sentences holding them.
"""

from __future__ import annotations

import re

SOOTHING_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\bdon'?t (you )?worry\b",
    r"\bdo not worry\b",
    r"\bno need to worry\b",
    r"\bcalm down\b",
    r"\brelax\b",
    r"\b(it'?s|it is) (ok|okay|alright|all right|normal|natural|fine|understandable|valid) (to|that you) (feel|be)\b",
    r"\byour feelings are valid\b",
    r"\beverything (will|is going to|'ll) (be|turn out) (fine|ok|okay|alright|all right|great)\b",
    r"\bit('ll| will) (all )?(be|work out) (fine|ok|okay|alright)\b",
    r"\b(take a deep breath|deep breaths)\b",
    r"\byou('re| are) doing (great|amazing|so well|wonderfully|fantastic)\b",
    r"\b(great|amazing|awesome|fantastic|wonderful|excellent|brilliant) (job|work)\b",
    r"\bwell done\b",
    r"\bproud of you\b",
    r"\bbe (kind|gentle) (to|with) yourself\b",
    r"\bthere,? there\b",
    r"\bno pressure\b",
    r"\bno worries\b",
    r"\bi'?m (always )?here (to help|for you|to support|to listen)\b",
    r"\bhere to support you\b",
    r"\byou'?re not alone\b",
    r"\bi can (only )?imagine how\b",
    r"\bthat must (be|feel) (so |really )?(hard|difficult|tough|scary)\b",
    r"\b(it'?s|that'?s) (all )?(alright|all right|okay|ok) now\b",
    r"\bit'?s a relief to have you\b",
    r"\b(it'?s|that'?s) all about being supportive\b",
    r"\btake (all )?the time you need\b",
    r"\bsending (you )?(hugs|love|good vibes)\b",
    r"\b(you should|be) proud of yourself\b",
    r"\bbelieve in yourself\b",
    r"\byou'?ve got this\b",
))

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def soothing_phrases(text: str) -> list[str]:
    return [match.group(0) for pattern in SOOTHING_PATTERNS if (match := pattern.search(text))]


def is_soothing(text: str) -> bool:
    return bool(soothing_phrases(text))


def without_soothing(text: str) -> str:
    """`text` with every sentence that soothes removed."""
    return " ".join(s for s in _SENTENCE.split(text.strip()) if s and not is_soothing(s)).strip()
