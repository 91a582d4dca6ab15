"""Faults: what a learner's words do wrong, as evidence in the words, apart from skill levels.

The absence of a GIVE or FAST skill is no fault ("gentle: none" on a plain request says only that
gentleness was not shown). A fault needs evidence: an attack, an apology for asking, giving in,
a lie or acted helplessness, drifting off the goal, pleading. Faults close the partner; the
rater names them on the skills they undo.
"""

from __future__ import annotations

from enum import StrEnum


class Fault(StrEnum):
    ATTACK = "attack"
    APOLOGY = "apology"
    GIVES_IN = "gives_in"
    DISHONEST = "dishonest"
    OFF_TOPIC = "off_topic"
    HESITANT = "hesitant"


FAULT_WORDS: dict[Fault, str] = {
    Fault.ATTACK: "an attack, threat, sneer or judgement of the person",
    Fault.APOLOGY: "an apology for asking or for having a need",
    Fault.GIVES_IN: "giving in (dropping the goal or a value)",
    Fault.DISHONEST: "exaggeration or helplessness acted out",
    Fault.OFF_TOPIC: "drifting onto a side issue or taking the bait",
    Fault.HESITANT: "pleading or undercutting yourself",
}

# The skills each fault undoes. A skill listed here is rated "none" on evidence of one of its
# faults; without such evidence its "none" only means "not shown this turn".
SKILL_FAULTS: dict[str, tuple[Fault, ...]] = {
    "mindful": (Fault.OFF_TOPIC, Fault.GIVES_IN),
    "confident": (Fault.HESITANT, Fault.APOLOGY, Fault.ATTACK),
    "gentle": (Fault.ATTACK,),
    "easy_manner": (Fault.ATTACK,),
    "fair": (Fault.ATTACK, Fault.DISHONEST),
    "no_apologies": (Fault.APOLOGY,),
    "stick_to_values": (Fault.GIVES_IN,),
    "truthful": (Fault.DISHONEST,),
}

# Openness lost once per turn for each fault found (before the difficulty's loss factor).
FAULT_DELTAS: dict[Fault, int] = {
    Fault.ATTACK: -8,
    Fault.OFF_TOPIC: -5,
    Fault.DISHONEST: -4,
    Fault.HESITANT: -3,
    Fault.APOLOGY: -2,
    Fault.GIVES_IN: -2,
}

# Chosen by grouped cross-validation on the training turns: wrong feedback is worse than none, so
# a fault is named only when the head is sure (precision .6-.9, recall about .5 per fault there).
FAULT_THRESHOLD = 0.85
