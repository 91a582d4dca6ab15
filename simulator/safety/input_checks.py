"""Refuse input that cannot be a turn (empty, too long, control characters) with a message
that says what to do."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

_CONTROL_ALLOWED = {"\n", "\t", "\r"}


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
