"""Split a learner turn into the spans a rating can rest on (sentences, roughly)."""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\s*[;\n]+\s*|\s+-{1,2}\s+")


def split_spans(utterance: str, min_words: int = 1) -> list[str]:
    """Sentences of `utterance`; very short fragments are merged into the following span."""
    parts = [part.strip() for part in _BOUNDARY.split(utterance.strip()) if part and part.strip()]
    spans: list[str] = []
    carry = ""
    for part in parts:
        text = f"{carry} {part}".strip() if carry else part
        if len(text.split()) < min_words:
            carry = text
            continue
        spans.append(text)
        carry = ""
    if carry:
        if spans:
            spans[-1] = f"{spans[-1]} {carry}"
        else:
            spans.append(carry)
    return spans or [utterance.strip()]
