"""High-precision patterns for the crisis check, next to its trained classifier.

`CRISIS` names words that mean risk almost whenever a learner writes them about themselves
(slang such as kms and unalive, methods, purging, threats received). `DISTANCED` marks a
sentence about the resolved past or about someone else: a pattern there proves nothing, and
the classifier alone decides. `ANGER_IDIOM` marks the everyday "I'll kill you if..." of anger:
never a crisis on its own, at most a check-in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class RiskPattern:
    name: str
    pattern: re.Pattern[str]


def _patterns(table: dict[str, str]) -> tuple[RiskPattern, ...]:
    return tuple(RiskPattern(name, re.compile(regex, re.IGNORECASE)) for name, regex in table.items())


_ME = r"(?:my ?self|my own (?:life|body))"
_PERSON = (
    r"(?:he|she|they|him|partner|boyfriend|girlfriend|husband|wife|ex|dad|father|mum|mom|mother|stepdad|"
    r"stepmum|brother|sister|carer|uncle)"
)
CRISIS = _patterns(
    {
        "slang for killing oneself (kms, unalive, ctb)": r"\b(?:kms|unalive\w*|ctb)\b",
        "killing or ending oneself": rf"\b(?:kill\w*|off|end\w*|hang\w*)\s+{_ME}\b|\bend (?:it all|my life)\b",
        "wanting to die": r"\b(?:want|wanna|going|plan\w*|ready|deserve)\s+(?:to\s+)?die\b|\bwish (?:i was|i were|i'?d) dead\b",
        "not wanting to live": r"\b(?:don'?t|do not|dont) (?:want|wanna) to (?:live|be alive|exist)\b",
        "suicidal": r"\bsuicidal\b|\b(?:attempt\w*|commit\w*|thinking about|thoughts of) suicide\b",
        "others better off without me": r"\bbetter off (?:dead|without me|if i was(?:n'?t)? (?:dead|gone|here))\b",
        "overdose": r"\boverdos(?:e|ed|ing)\b|\b(?:took|taken|swallowed|downed|take|taking) (?:a load of|loads of|a bunch of|"
        r"too many|all (?:of )?my|a handful of|a whole (?:pack|box|bottle) of|\d{2,}) ?(?:\w+ )?"
        r"(?:pills|tablets|meds|paracetamol|ibuprofen|painkillers|sleeping pills)\b",
        "self-harm": rf"\b(?:self[- ]?harm\w*|sh again|relapsed on sh)\b|\b(?:cut|cutting|burn\w*|hurt\w*|harm\w*)\s+{_ME}\b",
        "purging": rf"\bpurg(?:e|ed|es|ing)\b(?! (?:my|the|our) (?:wardrobe|closet|files|inbox|emails|stuff))"
        rf"|\bmak\w* {_ME} (?:sick|throw up|vomit)\b|\bfingers down my throat\b",
        "threats from someone else": r"\b(?:said|says|threatened|told me)\b[^.!?]{0,30}\b(?:hurt|kill|beat|get) (?:me|the kids)\b",
        "not safe at home": r"\b(?:not|don'?t feel|never feel) safe (?:at home|in my (?:house|flat|home))\b",
        "abuse": rf"\b{_PERSON}\b[^.!?]{{0,20}}\b(?:hits|hit|beats|beat|choked|strangled|raped|abuses|abused) me\b"
        r"|\bbeing abused\b",
    }
)

DISTANCED = _patterns(
    {
        "the resolved past": r"\b(?:used to|years ago|a long time ago|when i was (?:a )?(?:kid|teen\w*|younger|\d+)|"
        r"back when|haven'?t (?:in|for)|clean (?:for|from)|in recovery|not in that place)\b",
        "someone else": r"\b(?:my (?:friend|sister|brother|cousin|mum|mom|dad|nan|aunt|uncle|best mate|client)'?s?|"
        r"(?:she|he|they) (?:used to|struggled|went through)|a character|documentary|essay|article|"
        r"training|volunteer\w*|prevention)\b",
    }
)

# words that put a distanced sentence back in the present ("I used to be fine, now I cut again")
PRESENT = _patterns(
    {
        "the present": r"\b(?:now|again|tonight|today|last night|this week|right now|rn|still|anymore|any more)\b",
    }
)

ANGER_IDIOM = _patterns(
    {
        "anger idiom (I'll kill you if ...)": r"\b(?:i'?ll|i will|i'?m (?:going to|gonna)|gonna|i could|i swear i'?ll)\s+"
        r"(?:kill|murder|strangle|throttle)\s+(?:you|him|her|them|my \w+)\b"
        r"(?=[^.!?]*\b(?:if|one more|again|sometimes|honestly)\b)",
    }
)

# figures of speech and the plain words the classifier sees instead
FIGURES = tuple(
    (re.compile(regex, re.IGNORECASE), plain)
    for regex, plain in (
        (r"\bkilling me\b", "bothering me"),
        (r"\bkill me now\b", "ugh"),
        (r"\b(?:murder|kill for) an?\b", "really want a"),
        (r"\b(?:i'?d )?die for an?\b", "love a"),
        (r"\bdying (?:to|for)\b", "eager for"),
        (r"\b(?:nearly |almost )?died (?:laughing|of embarrassment)\b", "laughed"),
        (r"\bi'?m (?:literally )?dead\b", "I'm laughing"),
        (r"\bkilled it\b", "did well"),
        (r"\bthe death of me\b", "too much"),
        (r"\bdead on my feet\b", "exhausted"),
        (r"\bover my dead body\b", "no way"),
        (r"\bdead serious\b", "serious"),
        (r"\bdying inside\b", "embarrassed"),
    )
)


def matches(patterns: tuple[RiskPattern, ...], text: str) -> list[str]:
    return [p.name for p in patterns if p.pattern.search(text)]


def plain_words(text: str) -> tuple[str, list[str]]:
    """`text` with figures of speech replaced by plain words, and the figures found."""
    found = []
    for pattern, plain in FIGURES:
        if pattern.search(text):
            found.append(pattern.search(text).group(0))  # type: ignore[union-attr]
            text = pattern.sub(plain, text)
    return text, found
