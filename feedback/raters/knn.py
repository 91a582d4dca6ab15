"""The `knn` rater: nearest labelled exemplars in sentence-embedding space, on the CPU.

A learner turn is split into spans and each span is embedded once. For every skill in play:
similarities to the skill's strong, weak and none exemplars, rubric cues, and a span head's
probabilities make a small feature vector, which the skill's trained utterance head turns
into strong/weak/none probabilities. Skills without a trained head (skill packs) fall back
to a plain vote of the nearest exemplars. Deterministic: same text and bank, same ratings.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from feedback.embedding import SentenceEncoder
from feedback.exemplar_bank import Exemplar, ExemplarBank, load_bank
from feedback.explain import reason_for, rewrite_for
from feedback.rating import Rating, RatingContext
from feedback.raters.base import register_rater
from feedback.raters.cues import cue_flags
from feedback.raters.head import RaterHead, SkillHead
from feedback.skills import BUILT_IN_SKILLS, LEVELS, Skill
from feedback.spans import split_spans

log = logging.getLogger(__name__)

TOP_K = 5
VOTE_TEMPERATURE = 0.04
SCENARIO_BONUS = 0.03
STRONG_THRESHOLD = 0.5


@dataclass
class SkillIndex:
    """Unit vectors of one skill's exemplars, grouped by level."""

    texts: dict[str, list[str]]
    vectors: dict[str, np.ndarray]


@dataclass(frozen=True)
class SkillEstimate:
    probability: np.ndarray  # (3,) in LEVELS order
    span: int  # index of the span the rating rests on


class KnnRater:
    name = "knn"

    def __init__(self, bank: ExemplarBank | None = None, encoder: SentenceEncoder | None = None,
                 cache_dir: Path | None = None, skills: dict[str, Skill] | None = None,
                 head: RaterHead | None | bool = True):
        self.bank = bank or load_bank()
        self.encoder = encoder or SentenceEncoder(cache_dir=cache_dir)
        self.skills = {**BUILT_IN_SKILLS, **(skills or {})}
        self.index = self._build_index(self.bank, cache_dir)
        self._stacked, self._slices = _stack(self.index)
        # The products here are tiny; BLAS worker threads would only spin against onnxruntime's
        # threads (measured: p50 15 ms with one BLAS thread, 35 ms without).
        threadpool_limits(limits=1, user_api="blas")
        self.heads = self._usable_heads(RaterHead.load() if head is True else (head or None))
        self._warn_about_soothing_exemplars()
        self._scenario_cache: dict[str, dict[str, SkillIndex]] = {}
        self._lock = threading.Lock()

    def rate(self, utterance: str, context: RatingContext) -> list[Rating]:
        spans = split_spans(utterance)
        vectors = self.encoder.encode(spans)
        extra = self._scenario_index(context.scenario_exemplars)
        all_similarities = vectors @ self._stacked.T
        ratings = []
        for skill_id in context.skills:
            if skill_id not in self.index or skill_id not in self.skills:
                continue
            estimate = self.estimate(skill_id, spans, vectors, utterance, precomputed=all_similarities)
            ratings.append(self._rating(skill_id, estimate, spans, vectors, extra.get(skill_id), all_similarities))
        return ratings

    def prepare(self, scenario_exemplars: tuple[Exemplar, ...]) -> None:
        """Embed a scenario's own exemplars ahead of its first turn."""
        self._scenario_index(scenario_exemplars)

    def contrast_pairs(self, utterance: str, skill_id: str, k: int = 2) -> list[tuple[str, str]]:
        """The k strong and k weak exemplars nearest to the utterance, paired (strong, weak)."""
        vectors = self.encoder.encode(split_spans(utterance))
        index = self.index[skill_id]
        nearest = {}
        for level in ("strong", "weak"):
            if not index.texts[level]:
                return []
            similarity = (vectors @ index.vectors[level].T).max(axis=0)
            nearest[level] = [index.texts[level][i] for i in np.argsort(-similarity, kind="stable")[:k]]
        return list(zip(nearest["strong"], nearest["weak"]))

    def estimate(self, skill_id: str, spans: list[str], vectors: np.ndarray, utterance: str,
                 exclude_self: bool = False, span_probability: np.ndarray | None = None,
                 precomputed: np.ndarray | None = None) -> SkillEstimate:
        head = self.heads.get(skill_id)
        similarity = self.similarities(skill_id, vectors, exclude_self, precomputed)
        if head is None:
            return self._vote(skill_id, similarity)
        spans_p = span_probability if span_probability is not None else head.span.probabilities(vectors)
        features = utterance_features(skill_id, similarity, spans_p, utterance)
        probability = head.utterance.probabilities(features)[0]
        manner = self.skills[skill_id].manner
        undercut = spans_p[:, 1] + spans_p[:, 2]
        span = int(np.argmax(undercut if manner and probability[0] < STRONG_THRESHOLD else
                             spans_p[:, 0] if manner else spans_p[:, 0] + spans_p[:, 1]))
        return SkillEstimate(probability, span)

    def similarities(self, skill_id: str, vectors: np.ndarray, exclude_self: bool = False,
                     precomputed: np.ndarray | None = None) -> np.ndarray:
        """(spans, 6): top-k mean then top-1 similarity to the strong, weak and none exemplars.
        `precomputed` is `vectors` against every exemplar of every skill, computed once per turn."""
        per_level = []
        for level in LEVELS:
            if precomputed is not None:
                start, stop = self._slices[(skill_id, level)]
                similarity = precomputed[:, start:stop]
            else:
                similarity = vectors @ self.index[skill_id].vectors[level].T
            if exclude_self:
                similarity = np.where(similarity > 0.9999, -1.0, similarity)
            per_level.append(similarity)
        return np.stack([_top_k_mean(s) for s in per_level] + [_top_1(s) for s in per_level], axis=1)

    def _vote(self, skill_id: str, similarity: np.ndarray) -> SkillEstimate:
        logits = similarity[:, :3] / VOTE_TEMPERATURE
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        if self.skills[skill_id].manner:
            span = int(np.argmax(p[:, 2] + 0.5 * p[:, 1]))
            return SkillEstimate(p[span] if p[span, 0] < 0.5 else p.mean(axis=0), span)
        span = int(np.argmax(p[:, 0] + p[:, 1]))
        return SkillEstimate(p[span], span)

    def _rating(self, skill_id: str, estimate: SkillEstimate, spans: list[str], vectors: np.ndarray,
                extra: SkillIndex | None, precomputed: np.ndarray | None = None) -> Rating:
        skill = self.skills[skill_id]
        p = estimate.probability
        level = "strong" if p[0] >= STRONG_THRESHOLD else ("weak" if p[1] >= p[2] else "none")
        evidence = spans[estimate.span]
        vector = vectors[estimate.span]
        return Rating(
            skill=skill_id,
            level=level,
            score=round(float(p[0]), 4),
            evidence=evidence,
            nearest_strong=self._nearest(skill_id, "strong", vector, extra, self._row(precomputed, estimate.span)),
            nearest_weak=self._nearest(skill_id, "weak", vector, extra, self._row(precomputed, estimate.span)),
            reason=reason_for(skill, level, evidence),
            rewrite=rewrite_for(skill, level, evidence),
            rater=self.name,
        )

    @staticmethod
    def _row(precomputed: np.ndarray | None, span: int) -> np.ndarray | None:
        return None if precomputed is None else precomputed[span]

    def _nearest(self, skill_id: str, level: str, vector: np.ndarray, extra: SkillIndex | None,
                 bank_similarity: np.ndarray | None = None) -> str | None:
        candidates: list[tuple[float, str]] = []
        for index, bonus in ((self.index[skill_id], 0.0), (extra, SCENARIO_BONUS)):
            if index is None or not index.texts.get(level):
                continue
            if bonus == 0.0 and bank_similarity is not None:
                start, stop = self._slices[(skill_id, level)]
                similarity = bank_similarity[start:stop]
            else:
                similarity = index.vectors[level] @ vector
            best = int(np.argmax(similarity))
            candidates.append((float(similarity[best]) + bonus, index.texts[level][best]))
        return max(candidates)[1] if candidates else None

    def _warn_about_soothing_exemplars(self) -> None:
        """Strong exemplars are shown as "a stronger way": name those that soothe (a warning)."""
        from feedback.soothing.audit import strong_exemplars_that_soothe, warn_about
        from feedback.soothing.model import soothing_model

        texts, skills, blocks = [], [], []
        for skill, index in self.index.items():
            texts += index.texts["strong"]
            skills += [skill] * len(index.texts["strong"])
            blocks.append(index.vectors["strong"])
        if not texts:
            return
        model = soothing_model()
        vectors = np.vstack(blocks) if model.encoder.engine == self.encoder.engine else model.encoder.encode(texts)
        warn_about(strong_exemplars_that_soothe(texts, skills, vectors), "strong exemplars in the bank")

    def _usable_heads(self, head: RaterHead | None) -> dict[str, SkillHead]:
        if head is None:
            return {}
        trained_engine = head.trained_on.get("engine")
        if trained_engine and trained_engine != self.encoder.engine:
            log.warning("the rater head was trained on %s embeddings but this encoder uses %s; ratings may be "
                        "less accurate", trained_engine, self.encoder.engine)
        usable = {}
        for skill_id, skill_head in head.skills.items():
            if skill_head.fingerprint == skill_fingerprint(self.bank, skill_id):
                usable[skill_id] = skill_head
            else:
                log.warning("the trained head for '%s' predates edits to its exemplars; using plain neighbours "
                            "until `rehearse feedback train` is run", skill_id)
        return usable

    def _build_index(self, bank: ExemplarBank, cache_dir: Path | None) -> dict[str, SkillIndex]:
        texts = [e.text for e in bank.exemplars]
        vectors = self._cached_encode(texts, bank.fingerprint(), cache_dir)
        return group_vectors(bank.exemplars, vectors)

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
        temporary = path.with_name(f"{path.stem}.{threading.get_ident()}.tmp.npy")
        np.save(temporary, vectors)
        temporary.replace(path)
        return vectors

    def _scenario_index(self, exemplars: tuple[Exemplar, ...]) -> dict[str, SkillIndex]:
        if not exemplars:
            return {}
        key = hashlib.sha256("\x1e".join(f"{e.skill}\x1f{e.level}\x1f{e.text}" for e in exemplars).encode()).hexdigest()
        with self._lock:
            if key not in self._scenario_cache:
                self._scenario_cache[key] = group_vectors(list(exemplars), self.encoder.encode([e.text for e in exemplars]))
            return self._scenario_cache[key]


def utterance_features(skill_id: str, similarity: np.ndarray, span_probability: np.ndarray, utterance: str) -> np.ndarray:
    """The utterance head's input; training (feedback.training) builds it with this same function."""
    return np.concatenate([
        similarity.max(axis=0), similarity.min(axis=0), similarity.mean(axis=0), [len(similarity) / 5],
        cue_flags(skill_id, utterance),
        [span_probability[:, 0].max(), span_probability[:, 0].min(), span_probability[:, 0].mean(),
         span_probability[:, 2].max(), span_probability[:, 2].min()],
    ]).astype(np.float32)


def skill_fingerprint(bank: ExemplarBank, skill_id: str) -> str:
    digest = hashlib.sha256()
    for exemplar in bank.of(skill_id):
        if exemplar.source == "bank":
            digest.update(f"{exemplar.level}\x1f{exemplar.text}\x1e".encode())
    return digest.hexdigest()[:16]


def _top_k_mean(similarity: np.ndarray) -> np.ndarray:
    k = min(TOP_K, similarity.shape[1])
    if k == 0:
        return np.full(similarity.shape[0], -1.0, dtype=np.float32)
    return np.partition(similarity, -k, axis=1)[:, -k:].mean(axis=1)


def _top_1(similarity: np.ndarray) -> np.ndarray:
    if similarity.shape[1] == 0:
        return np.full(similarity.shape[0], -1.0, dtype=np.float32)
    return similarity.max(axis=1)


def _stack(index: dict[str, SkillIndex]) -> tuple[np.ndarray, dict[tuple[str, str], tuple[int, int]]]:
    """All exemplar vectors in one matrix, so one product per turn covers every skill."""
    blocks, slices, start = [], {}, 0
    for skill, skill_index in index.items():
        for level in LEVELS:
            block = skill_index.vectors[level]
            slices[(skill, level)] = (start, start + len(block))
            blocks.append(block)
            start += len(block)
    stacked = np.vstack(blocks) if blocks else np.zeros((0, 384), dtype=np.float32)
    return np.ascontiguousarray(stacked, dtype=np.float32), slices


def group_vectors(exemplars: list[Exemplar], vectors: np.ndarray) -> dict[str, SkillIndex]:
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
