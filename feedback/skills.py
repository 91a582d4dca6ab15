"""The DBT interpersonal-effectiveness skills Rehearse rates: DEAR MAN, GIVE and FAST."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    family: str
    definition: str
    strong: str
    weak: str
    none: str
    # Manner skills describe how the whole turn is delivered (a single apology undoes confidence);
    # the others are present if any part of the turn shows them.
    manner: bool = False

    def level_description(self, level: str) -> str:
        return {"strong": self.strong, "weak": self.weak, "none": self.none}[level]


DEAR_MAN = (
    Skill(
        "describe",
        "Describe",
        "DEAR MAN",
        "States the facts of the situation the learner is reacting to.",
        "Concrete, factual and free of judgement: what happened and when.",
        "Refers to the situation but judges, exaggerates (always, never), blames, guesses motives or stays vague.",
        "Does not describe the situation.",
    ),
    Skill(
        "express",
        "Express",
        "DEAR MAN",
        "Says how the learner feels or what they think about the situation.",
        "Names the learner's own feeling, owned with 'I' and tied to the situation, without blame.",
        "The feeling is implied, hedged, played down, or turned into an accusation ('you make me...').",
        "Does not express a feeling or opinion.",
    ),
    Skill(
        "assert",
        "Assert",
        "DEAR MAN",
        "Asks clearly for what the learner wants, or says no clearly.",
        "An explicit, specific request or refusal.",
        "A hint, an over-hedged ask, a question that invites no, or a demand or threat.",
        "Makes no request and no refusal.",
    ),
    Skill(
        "reinforce",
        "Reinforce",
        "DEAR MAN",
        "Tells the other person what they gain (or what naturally follows) if they do what is asked.",
        "A concrete benefit for the other person or the relationship.",
        "A vague benefit, a benefit only for the learner, or a threat dressed as a reward.",
        "Offers no reason for the other person to say yes.",
    ),
    Skill(
        "mindful",
        "Stay mindful",
        "DEAR MAN",
        "Keeps to the goal; does not take the bait; repeats the request calmly if needed.",
        "On the goal, including calmly repeating the request after a deflection.",
        "Partly pulled onto a side issue, then back to the point.",
        "Drifts off topic, counter-attacks or drops the goal.",
        manner=True,
    ),
    Skill(
        "confident",
        "Appear confident",
        "DEAR MAN",
        "Sounds effective and competent: direct, no excess apology, no pleading, no aggression.",
        "Direct and calm.",
        "Mild hedging.",
        "Apologetic, self-deprecating, pleading, or aggressive.",
        manner=True,
    ),
    Skill(
        "negotiate",
        "Negotiate",
        "DEAR MAN",
        "Offers or asks for alternatives, gives to get, or turns the problem over to the other person.",
        "A concrete alternative or a genuine invitation to solve it together.",
        "Vague openness, or a 'compromise' that is the same demand.",
        "Does not negotiate.",
    ),
)

GIVE = (
    Skill(
        "gentle",
        "Be gentle",
        "GIVE",
        "No attacks, threats, judging or sneering; tolerates a no.",
        "Courteous throughout.",
        "Some edge: sarcasm or a mild dig.",
        "Attacks, threatens or sneers.",
        manner=True,
    ),
    Skill(
        "interested",
        "Act interested",
        "GIVE",
        "Listens and asks about the other person's view.",
        "Asks about and follows the other's view.",
        "A token question that is not followed.",
        "Ignores or talks over the other's view.",
    ),
    Skill(
        "validate",
        "Validate",
        "GIVE",
        "Says out loud that the other person's feelings or position make sense.",
        "Names what makes sense from where they stand.",
        "'I get it, but...' that dismisses.",
        "No acknowledgement of the other's position.",
    ),
    Skill(
        "easy_manner",
        "Use an easy manner",
        "GIVE",
        "A light touch: some warmth or humour, not heavy or lecturing.",
        "Warm and light.",
        "Somewhat stiff or heavy.",
        "Lecturing, cold or heavy.",
        manner=True,
    ),
)

FAST = (
    Skill(
        "fair",
        "Be fair",
        "FAST",
        "Fair to oneself and to the other person.",
        "Fair to both.",
        "Tilted, but not much.",
        "Unfair to self or other.",
        manner=True,
    ),
    Skill(
        "no_apologies",
        "No apologies",
        "FAST",
        "Does not apologise for asking, for an opinion or for existing.",
        "No unneeded apology.",
        "One small unneeded apology.",
        "Apologises repeatedly for asking.",
        manner=True,
    ),
    Skill(
        "stick_to_values",
        "Stick to values",
        "FAST",
        "Does not give up own values to be liked or to win.",
        "Holds to own values.",
        "Wobbles on a value.",
        "Gives up own values to be liked.",
        manner=True,
    ),
    Skill(
        "truthful",
        "Be truthful",
        "FAST",
        "No lies, exaggeration or acted-out helplessness.",
        "Accurate and honest.",
        "Some exaggeration.",
        "Lies, exaggerates or acts helpless.",
        manner=True,
    ),
)

BUILT_IN_SKILLS: dict[str, Skill] = {skill.id: skill for skill in DEAR_MAN + GIVE + FAST}
DEAR_MAN_IDS: tuple[str, ...] = tuple(skill.id for skill in DEAR_MAN)
LEVELS = ("strong", "weak", "none")
