"""The `knn` rater: nearest labelled exemplars in sentence-embedding space, on the CPU.

Each learner turn is split into spans; every span is compared with the strong, weak and none
exemplars of each skill. Skills that are present when any span shows them (describe, assert...)
rest on the span that shows them most; manner skills (mindful, confident) rest on the span that
undercuts them most. Deterministic: same text, same bank, same ratings.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from feedback.embedding import SentenceEncoder
from feedback.exemplar_bank import Exemplar, ExemplarBank, load_bank
from feedback.explain import reason_for, rewrite_for
from feedback.rating import Rating, RatingContext
from feedback.raters.base import register_rater
from feedback.skills import BUILT_IN_SKILLS, LEVELS, Skill
from feedback.spans import split_spans

TOP_K = 5
TEMPERATURE = 0.04
SCENARIO_BONUS = 0.03


@dataclass
class SkillIndex:
    """Unit vectors of one skill's exemplars, grouped by level."""

    texts: dict[str, list[str]]
    vectors: dict[str, np.ndarray]


@dataclass(frozen=True)
class SpanScores:
    spans: list[str]
    similarity: np.ndarray  # (spans, levels): mean of the top-k similarities per level
    probability: np.ndarray  # (spans, levels): softmax of the above


class KnnRater:
    name = "knn"

    def __init__(self, bank: ExemplarBank | None = None, encoder: SentenceEncoder | None = None,
                 cache_dir: Path | None = None, skills: dict[str, Skill] | None = None):
        self.bank = bank or load_bank()
        self.encoder = encoder or SentenceEncoder()
        self.skills = {**BUILT_IN_SKILLS, **(skills or {})}
        self.index = self._build_index(self.bank, cache_dir)
        self._scenario_cache: dict[str, dict[str, SkillIndex]] = {}
        self._lock = threading.Lock()

    def rate(self, utterance: str, context: RatingContext) -> list[Rating]:
        spans = split_spans(utterance)
        vectors = self.encoder.encode(spans)
        extra = self._scenario_index(context.scenario_exemplars)
        ratings = []
        for skill_id in context.skills:
            if skill_id not in self.index:
                continue
            scores = self._score(spans, vectors, self.index[skill_id])
            ratings.append(self._rating(skill_id, scores, vectors, extra.get(skill_id)))
        return ratings

    def _score(self, spans: list[str], vectors: np.ndarray, index: SkillIndex) -> SpanScores:
        similarity = np.stack([_top_k_mean(vectors @ index.vectors[level].T) for level in LEVELS], axis=1)
        logits = similarity / TEMPERATURE
        logits -= logits.max(axis=1, keepdims=True)
        probability = np.exp(logits)
        probability /= probability.sum(axis=1, keepdims=True)
        return SpanScores(spans, similarity, probability)

    def _rating(self, skill_id: str, scores: SpanScores, vectors: np.ndarray, extra: SkillIndex | None) -> Rating:
        skill = self.skills[skill_id]
        strong, weak, none = (scores.probability[:, i] for i in range(3))
        if skill.manner:
            span = int(np.argmax(none + 0.5 * weak))
            probability = scores.probability[span] if none[span] + weak[span] > strong[span] else scores.probability.mean(axis=0)
        else:
            span = int(np.argmax(strong + weak))
            probability = scores.probability[span]
        level = LEVELS[int(np.argmax(probability))]
        evidence = scores.spans[span]
        nearest_strong = self._nearest(skill_id, "strong", vectors[span], extra)
        nearest_weak = self._nearest(skill_id, "weak", vectors[span], extra)
        return Rating(
            skill=skill_id,
            level=level,
            score=round(float(probability[0]), 4),
            evidence=evidence,
            nearest_strong=nearest_strong,
            nearest_weak=nearest_weak,
            reason=reason_for(skill, level, evidence),
            rewrite=rewrite_for(skill, level, evidence),
            rater=self.name,
        )

    def _nearest(self, skill_id: str, level: str, vector: np.ndarray, extra: SkillIndex | None) -> str | None:
        candidates: list[tuple[float, str]] = []
        for index, bonus in ((self.index[skill_id], 0.0), (extra, SCENARIO_BONUS)):
            if index is None or not index.texts.get(level):
                continue
            similarity = index.vectors[level] @ vector
            best = int(np.argmax(similarity))
            candidates.append((float(similarity[best]) + bonus, index.texts[level][best]))
        return max(candidates)[1] if candidates else None

    def _build_index(self, bank: ExemplarBank, cache_dir: Path | None) -> dict[str, SkillIndex]:
        texts = [e.text for e in bank.exemplars]
        vectors = self._cached_encode(texts, bank.fingerprint(), cache_dir)
        return _group(bank.exemplars, vectors)

    def _cached_encode(self, texts: list[str], fingerprint: str, cache_dir: Path | None) -> np.ndarray:
        if cache_dir is None:
            return self.encoder.encode(texts)
        path = Path(cache_dir) / f"exemplar-vectors-{fingerprint}.npy"
        if path.exists():
            cached = np.load(path)
            if cached.shape == (len(texts), self.encoder.dimension):
                return cached
        vectors = self.encoder.encode(texts)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp.npy")
        np.save(temporary, vectors)
        temporary.replace(path)
        return vectors

    def _scenario_index(self, exemplars: tuple[Exemplar, ...]) -> dict[str, SkillIndex]:
        if not exemplars:
            return {}
        key = hashlib.sha256("\x1e".join(f"{e.skill}\x1f{e.level}\x1f{e.text}" for e in exemplars).encode()).hexdigest()
        with self._lock:
            if key not in self._scenario_cache:
                self._scenario_cache[key] = _group(list(exemplars), self.encoder.encode([e.text for e in exemplars]))
            return self._scenario_cache[key]


def _top_k_mean(similarity: np.ndarray) -> np.ndarray:
    k = min(TOP_K, similarity.shape[1])
    if k == 0:
        return np.full(similarity.shape[0], -1.0, dtype=np.float32)
    top = np.partition(similarity, -k, axis=1)[:, -k:]
    return top.mean(axis=1)


def _group(exemplars: list[Exemplar], vectors: np.ndarray) -> dict[str, SkillIndex]:
    index: dict[str, SkillIndex] = {}
    for skill in sorted({e.skill for e in exemplars}):
        texts: dict[str, list[str]] = {}
        grouped: dict[str, np.ndarray] = {}
        for level in LEVELS:
            rows = [i for i, e in enumerate(exemplars) if e.skill == skill and e.level == level]
            texts[level] = [exemplars[i].text for i in rows]
            grouped[level] = vectors[rows] if rows else np.zeros((0, vectors.shape[1]), dtype=np.float32)
        index[skill] = SkillIndex(texts, grouped)
    return index


@register_rater("knn")
def _build_knn(**options: object) -> KnnRater:
    return KnnRater(**options)  # type: ignore[arg-type]
