"""The terms a learner asked for or offered, turned round into the partner's words.

"I'd like you to wash your dishes by the morning." -> "I'll wash my dishes by the morning."
"I could start at 8:30." -> "You'll start at 8:30."
"No, I'm not lending you the £600." -> "You're not lending me the £600."
The partner's agreement line says these back, so it agrees to what was said and nothing else.
"""

from __future__ import annotations

import re

from feedback.spans import split_spans

MAX_WORDS = 30
_ASK = re.compile(
    r"\b(could i|can i|i'?m asking|i'?d like|i would like|i need|i want|please|can you|could you|would you|will you"
    r"|how about|what about|what if|i could|i won'?t|i'?m not|not going to|i'?ll [^.?!]*\bif"
    r"|instead|happy to|as long as|my answer)\b|^\W*no\b",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:(?:so|ok|okay|right|look|well|honestly|and|but|then|also|no|yes|fine)\b[,.!]?\s+)+", re.IGNORECASE
)
_NAME_TAIL = re.compile(r",\s*(?:[A-Z][a-z]+|please|thanks|then)\s*$")
_NAME_HEAD = re.compile(r"^[A-Z][a-z]+,\s+")
# (pattern at the start of the clause, what the partner says instead)
_OPENERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), r)
    for p, r in (
        (r"^(?:i'?d like you|i would like you|i need you|i want you|i'?m asking you) not to\s+", "I won't "),
        (
            (
                r"^(?:please\s+)?(?:i'?d like you to|i would like you to|i need you to|i want you to|i'?m asking you to"
                r"|can you please|could you please|can you|could you|would you|will you|please)\s+"
            ),
            "I'll ",
        ),
        (r"^(?:how about|what about|what if)\s+you\s+", "I'll "),
        (r"^(?:how about|what about|what if)\s+i\s+", "You "),
        (r"^(?:how about|what about|what if)\s+we\s+", "We "),
        (r"^(?:how about|what about)\s+", ""),
        (r"^(?:i'?d like to|i would like to|i need to|i want to)\s+", "You'll "),
        (r"^(?:i'?d like|i would like|i need|i want)\s+", ""),
        (r"^i\s+(?:could|can|will)\s+", "You'll "),
        (r"^i'll\s+", "You'll "),
    )
)
_SWAPS = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "am": "are",
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "you're": "I'm",
    "you've": "I've",
    "you'd": "I'd",
    "you'll": "I'll",
}
_SUBJECT_BEFORE = {
    "",
    "and",
    "but",
    "so",
    "if",
    "when",
    "that",
    "because",
    "then",
    "or",
    "until",
    "unless",
    "could",
    "would",
    "can",
    "will",
    "should",
    "do",
    "did",
    "are",
    "were",
}
_ASKED_OF_PARTNER = re.compile(r"\b(?:could|can|would|will) I\s+")  # "could you" in the learner's words
_ASKED_BY_LEARNER = re.compile(r"\b(?:could|can) you\s+")  # "could I"
_INNER_OFFER = re.compile(r"\b(?:how about|what about)\s+", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z']+|[^A-Za-z']+")


_META = re.compile(
    r"\b(ask you (?:for|about)|talk (?:to you )?about|have a word|a chat|sort this out)\b", re.IGNORECASE
)
_COMMITMENTS = ("I'll ", "I won't ", "You'll ", "You can ", "You're not ", "You won't ", "We ")


def terms_rank(terms: str | None) -> int:
    """2 for a commitment someone makes ("I'll...", "You won't..."), 1 for anything else stated."""
    if not terms:
        return 0
    return 2 if terms.startswith(_COMMITMENTS) else 1


def stated_terms(text: str) -> str | None:
    """What the learner asks for or offers in `text`, in the partner's words; None if nothing
    (or only an announcement that they want to talk about something)."""
    spans = [span for span in split_spans(text) if _ASK.search(span) and not _META.search(span)]
    if not spans:
        return None
    clause = _LEAD.sub("", _NAME_HEAD.sub("", spans[-1].strip())).strip()
    clause = _NAME_TAIL.sub("", clause.rstrip(" .!?")).strip(" ,")
    if not _INNER_OFFER.match(clause):
        clause = _INNER_OFFER.sub("", clause)
    if not clause:
        return None
    words = clause.split()
    if len(words) > MAX_WORDS:
        clause = " ".join(words[:MAX_WORDS])
    for pattern, replacement in _OPENERS:
        match = pattern.match(clause)
        if match:
            clause = replacement + swap_pronouns(clause[match.end() :], first_is_subject=not replacement)
            break
    else:
        clause = swap_pronouns(clause, first_is_subject=True)
    clause = clause.replace("you am", "you are").replace("I are", "I am")
    clause = _ASKED_OF_PARTNER.sub("I'll ", clause)
    clause = _ASKED_BY_LEARNER.sub("you can ", clause)
    return clause[:1].upper() + clause[1:] + "."


def swap_pronouns(text: str, first_is_subject: bool = True) -> str:
    """`text` said from the other side: I <-> you, my <-> your."""
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    previous = "" if first_is_subject else "object"
    for token in tokens:
        lower = token.lower().replace("’", "'")
        if not token[:1].isalpha():
            out.append(token)
            if any(mark in token for mark in ",.;:!?"):
                previous = ""
            continue
        if lower == "you":
            out.append("I" if previous in _SUBJECT_BEFORE else "me")
        elif lower in _SWAPS:
            out.append(_SWAPS[lower])
        else:
            out.append(token)
        previous = lower
    return "".join(out)
