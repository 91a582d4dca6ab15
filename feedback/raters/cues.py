"""Surface cues the rubric names (time words, 'I feel', 'I'd like', 'how about', 'sorry'...).

They are features for the trained head next to the embedding neighbours; each list is short and
written from the rubric, not from any evaluation data.
"""

from __future__ import annotations

import re

_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_NUMBERS = r"one|two|three|four|five|six|seven|eight|nine|ten|twice|once"
_FEELINGS = (
    r"worried|anxious|stressed|upset|hurt|frustrated|angry|sad|scared|nervous|overwhelmed|disappointed|"
    r"annoyed|resentful|embarrassed|uncomfortable|exhausted|tired|drained|on edge|taken for granted|unsafe|"
    r"afraid|concerned|lonely|furious|helpless|guilty|ashamed"
)


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    "describe": _compile(
        rf"\b(on|last|this|every|since) ({_DAYS}|week|month|night|weekend|time|year)s?\b|\byesterday\b|\b\d+\b|\b({_NUMBERS})\b",
        r"\b(always|never|constantly|all the time|every single)\b",
        r"\b(lazy|selfish|rude|ridiculous|inconsiderate|disrespectful|clearly|obviously)\b",
        r"\byou (have|'ve|had|'d|were|was|did|called|left|said|asked|came|took|borrowed|missed|forgot)\b",
    ),
    "express": _compile(
        rf"\bi('m| am| feel| felt|'ve been| have been| get| got) (really |so |very |quite |a bit |pretty )?({_FEELINGS})\b",
        r"\bi feel\b|\bi felt\b|\bfeeling\b",
        r"\byou make me\b|\bmakes me (so )?(mad|angry|furious|sick)\b",
    ),
    "assert": _compile(
        r"\b(i'?d like|i would like|i want|i need|i'?m asking|i am asking|i'?d prefer)\b",
        r"\b(no,|i can'?t|i won'?t|i'?m not going to|i will not|i'?m not able to|i'?m saying no)\b",
        r"\b(maybe|might|possibly|i was wondering|would it be possible|if you don'?t mind|i guess|kind of|sort of|or else|or i'?ll)\b",
        r"\?",
    ),
    "reinforce": _compile(
        r"\b(that way|it would (mean|help|make)|it'?d (mean|help|make)|you'?d (get|have|be)|you won'?t have to|we'?d both|"
        r"we could both|so (that )?(you|we)|then (you|we|i)|i'?ll be (able|more|less|happier)|it will (mean|help|make))\b",
        r"\bif you\b.*\b(i'?ll|i will|we can|we'?ll|you'?ll)\b",
        r"\b(or else|or i'?ll|otherwise|you'?ll regret|i'?ll (report|tell|call))\b",
    ),
    "mindful": _compile(
        r"\b(anyway|whatever|forget it|never mind|that'?s not the point|what about (when )?you|you'?re the one|"
        r"at least i|you always do this|you too)\b",
        r"\b(still|again|as i said|i'?m asking|back to)\b",
    ),
    "confident": _compile(
        r"\b(sorry|i apologi[sz]e|i'?m not sure|i don'?t know|maybe|i guess|just|kind of|sort of|um+|uh+|if that'?s ok|"
        r"if it'?s ok|please please|i know this is|probably stupid|silly)\b",
        r"!|\b[A-Z]{3,}\b",
        r"\b(idiot|stupid|pathetic|shut up|ridiculous|whatever|damn|hell)\b",
    ),
    "negotiate": _compile(
        r"\b(how about|what if|would you be (open|willing)|what would (work|help|make)|could we|can we|instead|halfway|"
        r"compromise|alternatively|in exchange|in return|trade|swap|what do you think|what would you suggest|how can we|"
        r"would it work)\b",
        r"\bif you .* i('ll| will| can| could)\b",
        r"\b(figure (something|it) out|work something out)\b",
    ),
}


def cue_flags(skill: str, text: str) -> list[float]:
    return [1.0 if pattern.search(text) else 0.0 for pattern in CUES.get(skill, ())]
