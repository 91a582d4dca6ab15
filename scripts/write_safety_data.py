"""Write the training data of the crisis check and the no-soothing guard as JSONL.

    python scripts/write_safety_data.py

The lines are hand-written (scripts/safety_data/); this adds the chat register learners use
(lower case, no apostrophes, text-speak, one typo, openers such as "ngl") and puts risk lines
inside role-play and venting turns. Seeded: the same files every run.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from safety_data import risk_lines, soothing_lines

RISK_OUT = ROOT / "simulator" / "safety" / "data" / "risk-train.jsonl"
# risk lines inside longer turns: the classifier scores sentence by sentence, so these check the
# whole check and are not training rows (the role-play sentence in them is not the risk)
RISK_TURNS_OUT = ROOT / "simulator" / "safety" / "data" / "risk-turns.jsonl"
SOOTHING_OUT = ROOT / "feedback" / "soothing" / "data" / "soothing-train.jsonl"
LEARNER_TURNS = 300  # DEAR MAN learner turns sampled as ok lines for the no-soothing guard

OPENERS = [
    "",
    "",
    "",
    "tbh ",
    "ngl ",
    "honestly ",
    "idk ",
    "sorry, ",
    "um ",
    "ok so ",
    "can i say something, ",
    "not gonna lie ",
    "I know this isn't the exercise but ",
    "sorry this is off topic but ",
    "before we carry on, ",
    "I need to say something. ",
    "this is hard to type but ",
]
CLOSERS = ["", "", "", ".", "...", " lol", " idk", " tbh", " :(", " 😔", " x", " sorry", "!!"]
TEXT_SPEAK = [
    (r"\byou\b", "u"),
    (r"\byour\b", "ur"),
    (r"\bbecause\b", "cos"),
    (r"\bI'm\b", "im"),
    (r"\bdon't\b", "dont"),
    (r"\bcan't\b", "cant"),
    (r"\bgoing to\b", "gonna"),
    (r"\bwant to\b", "wanna"),
    (r"\breally\b", "rly"),
    (r"\bright now\b", "rn"),
    (r"\bI've\b", "ive"),
    (r"\bto be honest\b", "tbh"),
    (r"\bthough\b", "tho"),
    (r"\btonight\b", "tonite"),
    (r"\bplease\b", "pls"),
    (r"\bwith\b", "w"),
]
VENT_NONE = [
    "work has been mental this week",
    "my flatmate still hasn't paid the electric",
    "I had a massive row with my mum on the phone",
    "my manager moved the deadline again",
    "I've barely slept because of the neighbours",
    "everything feels like a lot at the minute",
    "the landlord still hasn't fixed the heating",
    "my sister keeps borrowing money and not paying it back",
    "I practised the DEAR MAN thing in the mirror",
    "I've got my group session on Thursday",
    "my boyfriend keeps leaving his stuff everywhere",
    "uni is stressing me out so much",
    "I keep putting off the conversation with my boss",
    "I'm so tired of arguing about the dishes",
]


def lines(block: str) -> list[str]:
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def text_speak(text: str) -> str:
    for pattern, replacement in TEXT_SPEAK:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text


def typo(text: str, rng: random.Random) -> str:
    words = text.split()
    candidates = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def chat_variants(text: str, rng: random.Random, count: int) -> list[str]:
    """`text` as typed by different people: the original first, then distinct variants."""
    variants = [text]
    makers = [
        lambda t: t.lower().rstrip(".!"),
        lambda t: t.replace("'", "").replace("\u2019", ""),
        text_speak,
        lambda t: typo(t, rng),
        lambda t: rng.choice(OPENERS) + t[0].lower() + t[1:] + rng.choice(CLOSERS),
        lambda t: text_speak(t.lower()).rstrip(".") + rng.choice(CLOSERS),
    ]
    for _ in range(count * 3):
        if len(variants) > count:
            break
        candidate = rng.choice(makers)(text).strip()
        if candidate and candidate not in variants:
            variants.append(candidate)
    return variants


def risk_rows(rng: random.Random) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    role_play = lines(risk_lines.ROLE_PLAY)
    themes = {
        "crisis": [
            ("suicide", risk_lines.SUICIDE),
            ("self_harm", risk_lines.SELF_HARM),
            ("eating", risk_lines.EATING),
            ("harmed", risk_lines.HARMED),
            ("harm_others", risk_lines.HARM_OTHERS),
            ("crisis_more", risk_lines.CRISIS_MORE),
            ("crisis_4", risk_lines.CRISIS_ROUND_4),
        ],
        "check_in": [
            ("distress", risk_lines.CHECK_IN),
            ("distress_more", risk_lines.CHECK_IN_MORE),
            ("distress_4", risk_lines.CHECK_IN_ROUND_4),
        ],
        "none": [
            ("role_play", risk_lines.ROLE_PLAY),
            ("idiom", risk_lines.IDIOMS),
            ("past_dbt", risk_lines.PAST_AND_DBT),
            ("none_more", risk_lines.NONE_MORE),
            ("none_4", risk_lines.NONE_ROUND_4),
            ("body", risk_lines.BODY_AND_HEALTH),
        ],
    }
    per_line = {"crisis": 4, "check_in": 4, "none": 3}
    for label, groups in themes.items():
        for theme, block in groups:
            for text in lines(block):
                group = f"{theme}:{lines(block).index(text)}"
                for variant in chat_variants(text, rng, per_line[label]):
                    rows.append({"text": variant, "label": label, "theme": theme, "group": group})
                # the same words inside a role-play turn or a vent: the turn takes the risk's label
                context = rng.choice(role_play) if rng.random() < 0.5 else rng.choice(VENT_NONE).capitalize() + "."
                joined = f"{context} {text}" if rng.random() < 0.5 else f"{text}. {context}"
                rows.append({"text": joined, "label": label, "theme": f"{theme}_in_context", "group": group})
    # the project's DEAR MAN role-play turns (feedback/data), whole and sentence by sentence: none
    from feedback.text_classifier import segments

    for path in sorted((ROOT / "feedback" / "data").glob("*.jsonl")):
        for number, line in enumerate(path.read_text().splitlines()):
            utterance = json.loads(line)["utterance"]
            for text in dict.fromkeys([utterance, *segments(utterance)]):
                rows.append({"text": text, "label": "none", "theme": "dearman", "group": f"{path.stem}:{number}"})
    # the library scenarios' own lines (exemplars a learner may type, partner lines): none. Pain,
    # injury and worry about a tooth, a knee or a prescription are what those scenarios are about.
    from scenarios.loader import load_library

    for scenario_id, loaded in sorted(load_library().scenarios.items()):
        scenario = loaded.scenario
        for number, line in enumerate(library_lines(scenario)):
            for text in dict.fromkeys([line, *segments(line)]):
                rows.append({"text": text, "label": "none", "theme": "library", "group": f"{scenario_id}:{number}"})
    # long venting turns with nothing risky in them
    for _ in range(150):
        parts = rng.sample(VENT_NONE, 3) + [rng.choice(role_play)]
        rows.append(
            {
                "text": ". ".join(p.rstrip(".") for p in parts) + ".",
                "label": "none",
                "theme": "vent",
                "group": f"vent:{len(rows)}",
            }
        )
    return rows


def soothing_rows(rng: random.Random) -> list[dict[str, str]]:
    rows = []
    for label, block, count in (
        (
            "soothing",
            soothing_lines.SOOTHING
            + soothing_lines.SOOTHING_MORE
            + soothing_lines.SOOTHING_ROUND_4
            + soothing_lines.SOOTHING_ROUND_5,
            2,
        ),
        (
            "ok",
            soothing_lines.OK
            + soothing_lines.OK_MORE
            + soothing_lines.OK_FEELINGS
            + soothing_lines.OK_ROUND_4
            + soothing_lines.OK_ROUND_5
            + soothing_lines.OK_ROUND_6,
            1,
        ),
    ):
        for number, text in enumerate(lines(block)):
            for variant in chat_variants(text, rng, count):
                rows.append({"text": variant, "label": label, "group": f"{label}:{number}"})
    # the coach's own template sentences are what the guard sees most
    for number, text in enumerate(coach_templates()):
        rows.append({"text": text, "label": "ok", "group": f"template:{number}"})
    # what learners and partners say in role-plays is neutral text for this guard
    for number, text in enumerate(lines(risk_lines.ROLE_PLAY)):
        rows.append({"text": text, "label": "ok", "group": f"role_play:{number}"})
    # a seeded sample of the project's DEAR MAN learner turns (feedback/data), leaving out those
    # with a soothing phrase (a learner easing the partner is GIVE, not this guard's business)
    from feedback.soothing.patterns import soothing_phrases

    turns = [
        (f"{path.stem}:{number}", json.loads(line)["utterance"])
        for path in sorted((ROOT / "feedback" / "data").glob("*.jsonl"))
        for number, line in enumerate(path.read_text().splitlines())
    ]
    for group, text in rng.sample(turns, LEARNER_TURNS):
        if not soothing_phrases(text):
            rows.append({"text": text, "label": "ok", "group": f"learner:{group}"})
    return rows


def coach_templates() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from feedback.explain import reason_for
    from feedback.skills import BUILT_IN_SKILLS

    evidence = [
        "I always do the dishes and you never do",
        "sorry, maybe you could kind of pay me back?",
        "I need the money by Friday",
        "you make me so angry",
    ]
    texts = []
    for skill in BUILT_IN_SKILLS.values():
        for level in ("strong", "weak", "none"):
            texts.extend(reason_for(skill, level, e) for e in evidence)
            texts.append(f"{skill.id} is {level}.")
            texts.append(f"{skill.name} is {level}.")
        texts.append(f"Next, try {skill.name}.")
    return list(dict.fromkeys(texts))


def library_lines(scenario: object) -> list[str]:
    """Every exemplar and partner line of a scenario, its placeholders filled."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str) and len(value.split()) >= 3:
            found.append(scenario.fill(value))  # type: ignore[attr-defined]
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    dumped = scenario.model_dump()  # type: ignore[attr-defined]
    walk(dumped.get("exemplars"))
    walk(dumped.get("partner", {}).get("lines"))
    return list(dict.fromkeys(found))


def write(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    seen, unique = set(), []
    for row in rows:
        if row["text"] not in seen:
            seen.add(row["text"])
            unique.append(row)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in unique), encoding="utf-8")
    counts: dict[str, int] = {}
    for row in unique:
        counts[row["label"]] = counts.get(row["label"], 0) + 1
    print(f"{path.relative_to(ROOT)}: {len(unique)} lines {counts}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    risk = risk_rows(random.Random(13))
    in_turns = [r for r in risk if r["theme"].endswith("_in_context") and r["label"] != "none"]
    write(RISK_OUT, [r for r in risk if r not in in_turns])
    write(RISK_TURNS_OUT, in_turns)
    write(SOOTHING_OUT, soothing_rows(random.Random(31)))
