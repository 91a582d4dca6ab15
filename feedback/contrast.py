"""Which exemplar may stand beside a learner's words as "a stronger way" or "a weaker way".

A contrast must be about the learner's situation: the scenario's own exemplars first; an
exemplar from the shared bank only when it names no person, place, amount or currency that the
situation does not, and is close to the situation in meaning. Never the learner's own words
back to them.
"""

from __future__ import annotations

import functools
import re

ON_TOPIC_SIMILARITY = 0.35

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,:]*")
_CURRENCY = re.compile(r"[£$€¥]|\b(dollars?|pounds?|quid|euros?|bucks|pence|cents?)\b", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(^|[.!?]\s+|[\"“(]\s*)([A-Z][A-Za-z'’-]*)")
_ALWAYS_CAPITAL = {"I", "I'd", "I'm", "I'll", "I've", "OK", "Mum", "Mom", "Dad"}
_DAYS_MONTHS = {
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
}


@functools.lru_cache(maxsize=8192)
def particulars(text: str) -> frozenset[str]:
    """Names, numbers and currencies in `text`: what ties it to one situation."""
    starts = {match.group(2) for match in _SENTENCE_START.finditer(text)}
    found = {
        word
        for word in _WORD.findall(text)
        if word[0].isdigit() or (word[0].isupper() and word not in starts and word not in _ALWAYS_CAPITAL)
    }
    found |= {match.group(0).lower() for match in _CURRENCY.finditer(text)}
    return frozenset(found - _DAYS_MONTHS)


def fits_situation(exemplar: str, situation: str) -> bool:
    """True when every name, number and currency in the exemplar also appears in the situation."""
    context = situation.lower()
    return all(item.lower() in context for item in particulars(exemplar))


def same_words(a: str, b: str) -> bool:
    """Equal apart from case, spacing and punctuation."""
    return normalised(a) == normalised(b)


@functools.lru_cache(maxsize=8192)
def normalised(text: str) -> str:
    return " ".join(word.lower() for word in _WORD.findall(text))
