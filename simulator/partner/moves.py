"""What the learner's turn does in the conversation (its move), read on the CPU each turn.

A logistic-regression head reads the shared MiniLM sentence vector (the one the crisis check
uses) together with a few cues in the words (a question mark, "like I said", "sorry", "how
about"...) and how close the turn is to what the scenario is about (off-topic talk is far from
it). Two things a vector cannot see are settled before the head: the same turn typed again
(`repeat`, from the turn history) and a run of keywords with no sentence around them (keyword
salad, read as `other`).
"""

from __future__ import annotations

import difflib
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import numpy as np

from feedback.embedding import SentenceEncoder
from feedback.text_classifier import TextHead, encode_each, shared_encoder, warn_on_engine
from scenarios.schema import Scenario

PACKAGE = Path(__file__).resolve().parent
HEAD_PATH = PACKAGE / "models" / "moves-head.json"
DATA_PATH = PACKAGE / "data" / "moves-train.jsonl"
REGULARISATION = 4.0


class LearnerMove(StrEnum):
    QUESTION = "question"
    OFFER = "offer"  # a compromise or an alternative
    REQUEST = "request"  # asks for the goal, or says no to what is asked of them
    GIVE_IN = "give_in"  # concedes the goal
    ATTACK = "attack"
    VALIDATE = "validate"
    APOLOGY = "apology"
    REPEAT = "repeat"  # says again what they already asked
    OFF_TOPIC = "off_topic"
    OTHER = "other"  # greetings, facts or feelings without an ask, keyword salad


LABELS = tuple(move.value for move in LearnerMove)
# Same text typed again, allowing for a typo or a changed word.
VERBATIM_SIMILARITY = 0.9
SALAD_MIN_WORDS = 6
SALAD_MAX_FUNCTION_SHARE = 0.15
SALAD_SKILL_NAMES = 3
_SKILL_NAMES = frozenset(
    (
        "describe",
        "express",
        "assert",
        "reinforce",
        "mindful",
        "negotiate",
        "validate",
        "dearman",
        "dear",
        "give",
        "fast",
    )
)
_WORD = re.compile(r"[a-z0-9£$€:.']+")
_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        (
            "i i'm i'd i'll i've me my you you're you'd you'll your we us our he she they them it it's is are was "
            "were be been am do does did don't can can't could would will won't should shall have has had not no "
            "a an the to of for on in at by with from that this what when who why how if so and but or as "
            "just please like then there here"
        ),
    )
)


@dataclass(frozen=True)
class MoveReading:
    move: LearnerMove
    confidence: float
    salad: bool = False  # keywords strung together, not said to anyone
    verbatim: bool = False  # the same words as an earlier turn of this learner


def normalised_words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def is_keyword_salad(text: str) -> bool:
    """Keywords strung together: almost no function words, or the names of several skills (a
    learner gaming the rater, not talking to anyone)."""
    words = normalised_words(text)
    if len(words) < SALAD_MIN_WORDS:
        return False
    if sum(word in _SKILL_NAMES for word in words) >= SALAD_SKILL_NAMES:
        return True
    function_share = sum(word in _FUNCTION_WORDS for word in words) / len(words)
    return function_share <= SALAD_MAX_FUNCTION_SHARE


def repeats_earlier(text: str, earlier: list[str]) -> bool:
    words = " ".join(normalised_words(text))
    if not words:
        return False
    return any(
        difflib.SequenceMatcher(None, words, " ".join(normalised_words(before))).ratio() >= VERBATIM_SIMILARITY
        for before in earlier
    )


# Cues in the words, each a 0/1 feature beside the sentence vector.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("question_mark", r"\?\s*$"),
        ("asks", r"^\W*(who|what|when|where|why|how|which|is|are|do|does|did|has|have|was|were)\b"),
        ("sorry", r"\b(sorry|soz|sry|apologi[sz]e|my bad)\b"),
        (
            "again",
            (
                r"\b(like i said|as i said|as i say|said before|again|(?:i'?m|i|am|is) still"
                r"|still (?:asking|no|not|need|want|would)|i'?ll say it|repeat)\b"
            ),
        ),
        (
            "offer",
            (
                r"\b(how about|what about|what if|i could|(?<!before )(?<!until )(?<!so )(?<!that )i can|instead|happy to|would work|willing|as long as"
                r"|split|half|in return|i'?ll help|swap|meet you|compromise|alternatively)\b"
            ),
        ),
        (
            "ask",
            (
                r"\b(i'?d like|i would like|i need|i want|please|pls|can you|could you|would you|i'?m asking"
                r"|i'?m not|i won'?t|not going to|my answer)\b|^\W*no\b"
            ),
        ),
        (
            "concede",
            (
                r"\b(fine|forget it|never mind|nevermind|whatever|don'?t worry|it'?s fine|you win|doesn'?t matter"
                r"|i'?ll just|okay,? i'?ll|ok,? i'?ll|i suppose|it'?s sent|maybe next)\b"
            ),
        ),
        (
            "insult",
            (
                r"\b(idiot|pathetic|lazy|useless|joke|ridiculous|shut up|slob|pig|liar|incompetent|worst|typical"
                r"|stupid|selfish|cheapskate|get lost|waste of|clown|no wonder|disgusting|unbelievable|bully|regret it"
                r"|what are you even|thanks for nothing|do you think you own|can you not|shame you)\b|!{2,}"
            ),
        ),
        (
            "acknowledge",
            (
                r"\b(i (can )?see|i get (that|it|why)|i know|i understand|makes sense|fair enough|that'?s fair"
                r"|must be|sounds like|i can tell|i hear)\b"
            ),
        ),
    )
)
CUE_WEIGHT = 1.0
GIVE_IN_CONFIDENCE = 0.5
NO_CONTEXT = 0.35  # the scenario similarity used when a turn is read without its scenario


def cue_vector(text: str) -> np.ndarray:
    return np.array([CUE_WEIGHT * bool(pattern.search(text)) for _, pattern in CUES], dtype=np.float64)


def features(vectors: np.ndarray, texts: list[str], on_topic: list[float]) -> np.ndarray:
    """Sentence vectors, the cue flags and the similarity to the scenario, side by side."""
    cues = np.vstack([cue_vector(text) for text in texts]) if texts else np.zeros((0, len(CUES)))
    return np.hstack([vectors.astype(np.float64), cues, np.asarray(on_topic, dtype=np.float64)[:, None]])


def scenario_texts(scenario: Scenario) -> list[str]:
    """What the scenario is about, as the learner and the partner know it."""
    texts = [scenario.situation, scenario.goal, *scenario.facts.visible, *scenario.facts.hidden]
    texts += [line for exemplars in scenario.exemplars.values() for line in exemplars.strong]
    return texts


class MoveReader:
    def __init__(self, head: TextHead, encoder: SentenceEncoder):
        self.head = head
        self.encoder = encoder
        self._topics: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        warn_on_engine(head, encoder, "learner-move")

    def topic_vectors(self, scenario: Scenario) -> np.ndarray:
        """Vectors of what the scenario is about; made once per scenario (about 30 texts), when
        a session opens, so no learner turn waits for them."""
        key = "\n".join(scenario_texts(scenario))
        with self._lock:
            if key not in self._topics:
                self._topics[key] = encode_each(self.encoder, scenario_texts(scenario))
            return self._topics[key]

    def on_topic(self, vectors: np.ndarray, scenario: Scenario | None) -> list[float]:
        if scenario is None:
            return [NO_CONTEXT] * len(vectors)
        return list((vectors @ self.topic_vectors(scenario).T).max(axis=1))

    def probabilities(self, texts: list[str], scenario: Scenario | None = None) -> np.ndarray:
        vectors = encode_each(self.encoder, texts)
        return self.head.probabilities(features(vectors, texts, self.on_topic(vectors, scenario)))

    def read(
        self, text: str, earlier_turns: list[str] | tuple[str, ...] = (), scenario: Scenario | None = None
    ) -> MoveReading:
        """The move of `text`, given the learner's `earlier_turns` in this session."""
        if not text.strip():
            return MoveReading(LearnerMove.OTHER, 1.0)
        if is_keyword_salad(text):
            return MoveReading(LearnerMove.OTHER, 1.0, salad=True)
        if repeats_earlier(text, list(earlier_turns)):
            return MoveReading(LearnerMove.REPEAT, 1.0, verbatim=True)
        probabilities = self.probabilities([text], scenario)[0]
        ranked = [int(i) for i in np.argsort(probabilities)[::-1]]
        # Giving in ends the session, so it is read only when the head is sure of it.
        if LABELS[ranked[0]] == LearnerMove.GIVE_IN and probabilities[ranked[0]] < GIVE_IN_CONFIDENCE:
            ranked = ranked[1:]
        return MoveReading(LearnerMove(LABELS[ranked[0]]), float(probabilities[ranked[0]]))


_lock = threading.Lock()
_reader: MoveReader | None = None


def move_reader() -> MoveReader:
    """The process's move reader, loaded on first use."""
    global _reader
    with _lock:
        if _reader is None:
            _reader = MoveReader(TextHead.load(HEAD_PATH), shared_encoder())
        return _reader


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a JSONL file with "text" and "move" (and "scenario") on every line."""
    import json

    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "text" not in row or "move" not in row:
            raise ValueError(f'{path}:{number}: each line needs "text" and "move"')
        if row["move"] not in LABELS:
            raise ValueError(f"{path}:{number}: '{row['move']}' is not a move; use one of {', '.join(LABELS)}")
        rows.append(row)
    return rows


def row_features(reader: MoveReader, rows: list[dict[str, str]], scenarios: Mapping[str, Scenario]) -> np.ndarray:
    texts = [row["text"] for row in rows]
    vectors = encode_each(reader.encoder, texts)
    on_topic = [
        reader.on_topic(vectors[i : i + 1], scenarios.get(row.get("scenario", "")))[0] for i, row in enumerate(rows)
    ]
    return features(vectors, texts, on_topic)


def fit_head(x: np.ndarray, moves: list[str], c: float = REGULARISATION) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    y = np.array([LABELS.index(move) for move in moves])
    model = LogisticRegression(C=c, max_iter=5000, tol=1e-8, class_weight="balanced", solver="lbfgs")
    model.fit(x, y)
    coef = np.zeros((len(LABELS), x.shape[1]))
    intercept = np.zeros(len(LABELS))
    coef[model.classes_], intercept[model.classes_] = model.coef_, model.intercept_
    intercept[[i for i in range(len(LABELS)) if i not in model.classes_]] = -50.0
    return coef, intercept


def train_move_head(encoder: SentenceEncoder, scenarios: Mapping[str, Scenario], data: Path = DATA_PATH) -> TextHead:
    """Fit the head on our own learner lines (float64, deterministic solver)."""
    rows = read_rows(data)
    reader = MoveReader(TextHead(LABELS, np.zeros((len(LABELS), 1)), np.zeros(len(LABELS))), encoder)
    coef, intercept = fit_head(row_features(reader, rows, scenarios), [row["move"] for row in rows])
    counts = {label: sum(row["move"] == label for row in rows) for label in LABELS}
    return TextHead(
        LABELS,
        coef,
        intercept,
        {"engine": encoder.engine, "rows": len(rows), "counts": counts, "c": REGULARISATION, "data": data.name},
    )
