"""Phrases that comfort, reassure, pacify or flatter whenever a coach or partner writes them."""

from __future__ import annotations

import re

SOOTHING_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bdon'?t (you )?worry\b",
        r"\bdo not worry\b",
        r"\b(no need|nothing) to worry\b",
        r"\btry not to worry\b",
        r"\bcalm down\b",
        r"\brelax\b",
        r"\b(it'?s|it is) (ok|okay|alright|all right|normal|natural|fine|understandable|valid) (to|that you) (feel|be)\b",
        r"\byour feelings are valid\b",
        r"\beverything (will|is going to|'ll) (be|turn out|work out) (fine|ok|okay|alright|all right|great)?\b",
        r"\bit('ll| will) (all )?(be|work out) (fine|ok|okay|alright)\b",
        r"\b(it'?s|things are) going to (be )?(be )?(alright|all right|ok|okay|fine)\b",
        r"\bthings will get better\b",
        r"\b(take a deep breath|deep breaths|just breathe)\b",
        r"\byou('re| are) doing (great|amazing|so well|wonderfully|fantastic|brilliantly)\b",
        r"\b(great|amazing|awesome|fantastic|wonderful|excellent|brilliant|nice) (job|work|effort)\b",
        r"\bwell done\b",
        r"\bproud of (you|yourself)\b",
        r"\bbe (kind|gentle|easy) (to|with|on) yourself\b",
        r"\bgo easy on yourself\b",
        r"\bdon'?t be (so )?hard on yourself\b",
        r"\bthere,? there\b",
        r"\bno pressure\b",
        r"\bno worries\b",
        r"\bi'?m (always )?here (to help|for you|to support|to listen|if you need)\b",
        r"\bhere to support you\b",
        r"\byou'?re not alone\b",
        r"\bi can (only )?imagine how\b",
        r"\bthat must (be|have been|feel) (so |really )?(hard|difficult|tough|scary|awful)\b",
        r"\b(it'?s|that'?s) (all )?(alright|all right|okay|ok) now\b",
        r"\bit'?s a relief to have you\b",
        r"\b(it'?s|that'?s) all about being supportive\b",
        r"\btake (all )?the time you need\b",
        r"\bsending (you )?(hugs|love|good vibes)\b",
        r"\bbelieve in (yourself|you)\b",
        r"\byou'?ve got this\b|\byou got this\b",
        r"\byou can do (it|this)\b",
        r"\byou('ll| will) (do|be) (well|great|fine|amazing|brilliant)\b",
        r"\b(it'?s|this (situation )?is) not your fault\b|\bnone of this is your fault\b",
        r"\bthat sounds like a (great|good|really good|wonderful|fantastic) (plan|idea)\b",
        r"\bi know you('re| are) (rightfully|rightly|understandably)\b",
        r"\b(stay strong|hang in there|chin up|stay positive|this too shall pass)\b",
        r"\byou('re| are) (so )?(brave|strong|amazing|wonderful)\b",
    )
)


def soothing_phrases(text: str) -> list[str]:
    return [match.group(0) for pattern in SOOTHING_PATTERNS if (match := pattern.search(text))]
