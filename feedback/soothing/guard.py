"""The no-soothing guard on text the coach, the llm rater and LLM partners write.

`without_soothing` drops the sentences that soothe and keeps quotations whole (they are the
learner's or an exemplar's words, never the guard's business). `recomposed` goes further for
messages that must read as a whole: when a kept sentence leans on a dropped one ("But please
don't do it again.") or nothing is left, the caller's template text stands in instead.
"""

from __future__ import annotations

import re

from feedback.soothing.model import SoothingVerdict, soothing_model

# a sentence ends at . ! ? or a closing quotation followed by space, never inside a quotation
_SPLIT = re.compile(r"(\"[^\"]*\"|“[^”]*”)|(?<=[.!?\"”])\s+(?=\S)")
_LEANS_BACK = re.compile(
    r"^(?:but|and|so|also|still|though|however|that said|then|anyway|even so|plus|"
    r"which|because|or|yet|this|that|it|these|those)\b",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    """`text` split into sentences; a quotation stays inside its sentence."""
    result, current = [], ""
    for index, piece in enumerate(_SPLIT.split(text.strip())):
        if index % 2 == 0 or piece is not None:
            current += piece
        else:
            result.append(current.strip())
            current = ""
    result.append(current.strip())
    return [s for s in result if s]


def assess(text: str) -> list[tuple[str, SoothingVerdict]]:
    parts = sentences(text)
    return list(zip(parts, soothing_model().verdicts(parts)))


def is_soothing(text: str) -> bool:
    """True when any sentence of `text` (outside quotations) soothes."""
    return any(verdict.soothing for _, verdict in assess(text))


def without_soothing(text: str) -> str:
    """`text` with every sentence that soothes removed."""
    return " ".join(sentence for sentence, verdict in assess(text) if not verdict.soothing).strip()


def recomposed(text: str, template: str) -> str:
    """`text` without soothing if what is left reads as a whole; otherwise `template`."""
    kept, dropped_before = [], False
    for sentence, verdict in assess(text):
        if verdict.soothing:
            dropped_before = True
            continue
        if dropped_before and _LEANS_BACK.match(sentence):
            return template
        kept.append(sentence)
        dropped_before = False
    return " ".join(kept) if kept else template
