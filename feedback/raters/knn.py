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

from feedback.contrast import ON_TOPIC_SIMILARITY, fits_situation, normalised
from feedback.embedding import SentenceEncoder, shared_encoder
from feedback.exemplar_bank import Exemplar, ExemplarBank, load_bank
from feedback.explain import reason_for, rewrite_for
from feedback.faults import FAULT_THRESHOLD, FAULT_WORDS, SKILL_FAULTS, Fault
from feedback.raters.base import RaterOptions, register_rater
from feedback.raters.cues import cue_flags
from feedback.raters.head import FaultHead, RaterHead, SkillHead
from feedback.rating import Rating, RatingContext
from feedback.skills import BUILT_IN_SKILLS, LEVELS, Skill
from feedback.spans import split_spans

log = logging.getLogger(__name__)

TOP_K = 5
VOTE_TEMPERATURE = 0.04
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

    def __init__(
        self,
        bank: ExemplarBank | None = None,
        encoder: SentenceEncoder | None = None,
        cache_dir: Path | None = None,
        skills: dict[str, Skill] | None = None,
        head: RaterHead | None | bool = True,
    ):
        self.bank = bank or load_bank()
        self.encoder = encoder or shared_encoder(cache_dir)
        self.skills = {**BUILT_IN_SKILLS, **(skills or {})}
        self.index = self._build_index(self.bank, cache_dir)
        self._stacked, self._slices = _stack(self.index)
        loaded = RaterHead.load() if head is True else (head or None)
        self.heads = self._usable_heads(loaded)
        self.fault_heads: dict[Fault, FaultHead] = {Fault(f): h for f, h in (loaded.faults if loaded else {}).items()}
        self._warn_about_soothing_exemplars()
        self._scenario_cache: dict[str, dict[str, SkillIndex]] = {}
        self._topic_cache: dict[str, np.ndarray] = {}
        self._verified: dict[tuple[int, str, str], np.ndarray] = {}
        self._lock = threading.Lock()
        self._check_bank()

    def rate(self, utterance: str, context: RatingContext) -> list[Rating]:
        spans = split_spans(utterance)
        vectors = self.encoder.encode(spans)
        extra = self._scenario_index(context.scenario_exemplars)
        all_similarities = vectors @ self._stacked.T
        faults = self.faults(spans, vectors, utterance)
        topic = self._topic(context)
        ratings = []
        for skill_id in context.skills:
            if skill_id not in self.index or skill_id not in self.skills:
                continue
            estimate = self.estimate(skill_id, spans, vectors, utterance, precomputed=all_similarities)
            rating = self._rating(skill_id, estimate, spans, vectors, extra.get(skill_id), topic)
            ratings.append(with_fault(rating, self.skills[skill_id], faults))
        return ratings

    def faults(self, spans: list[str], vectors: np.ndarray, utterance: str) -> dict[Fault, str]:
        """Each fault found in the turn, with the span it rests on."""
        found: dict[Fault, str] = {}
        if not self.fault_heads:
            return found
        whole = turn_features(vectors, utterance)
        per_span = np.vstack([turn_features(vectors[i : i + 1], span) for i, span in enumerate(spans)])
        for fault, head in self.fault_heads.items():
            if float(head.probability(whole)[0]) >= FAULT_THRESHOLD:
                found[fault] = spans[int(np.argmax(head.probability(per_span)))]
        if Fault.OFF_TOPIC in found and self._owns_a_feeling_about_it(spans, vectors, utterance):
            del found[Fault.OFF_TOPIC]
        return found

    def _owns_a_feeling_about_it(self, spans: list[str], vectors: np.ndarray, utterance: str) -> bool:
        """A feeling owned and tied to what happened (Express strong) is on the goal by definition:
        a strong emotion is information about what matters, never a drift off it."""
        if "express" not in self.index:
            return False
        return bool(self.estimate("express", spans, vectors, utterance).probability[0] >= STRONG_THRESHOLD)

    def prepare(self, scenario_exemplars: tuple[Exemplar, ...]) -> None:
        """Embed and check a scenario's own exemplars ahead of its first turn."""
        for skill_id, index in self._scenario_index(scenario_exemplars).items():
            if skill_id in self.skills:
                for level in ("strong", "weak"):
                    self._rates_as_labelled(skill_id, level, index, exclude_self=False)

    def _check_bank(self) -> None:
        """Which bank exemplars may stand as contrasts: each rated once, at load."""
        for skill_id, index in self.index.items():
            if skill_id in self.skills:
                for level in ("strong", "weak"):
                    self._rates_as_labelled(skill_id, level, index, exclude_self=True)

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

    def estimate(
        self,
        skill_id: str,
        spans: list[str],
        vectors: np.ndarray,
        utterance: str,
        exclude_self: bool = False,
        span_probability: np.ndarray | None = None,
        precomputed: np.ndarray | None = None,
    ) -> SkillEstimate:
        head = self.heads.get(skill_id)
        similarity = self.similarities(skill_id, vectors, exclude_self, precomputed)
        if head is None:
            return self._vote(skill_id, similarity)
        spans_p = span_probability if span_probability is not None else head.span.probabilities(vectors)
        features = utterance_features(skill_id, similarity, spans_p, utterance, vectors)
        probability = head.utterance.probabilities(features)[0]
        manner = self.skills[skill_id].manner
        undercut = spans_p[:, 1] + spans_p[:, 2]
        span = int(
            np.argmax(
                undercut
                if manner and probability[0] < STRONG_THRESHOLD
                else spans_p[:, 0]
                if manner
                else spans_p[:, 0] + spans_p[:, 1]
            )
        )
        return SkillEstimate(probability, span)

    def similarities(
        self, skill_id: str, vectors: np.ndarray, exclude_self: bool = False, precomputed: np.ndarray | None = None
    ) -> np.ndarray:
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

    def _rating(
        self,
        skill_id: str,
        estimate: SkillEstimate,
        spans: list[str],
        vectors: np.ndarray,
        extra: SkillIndex | None,
        topic: tuple[str, np.ndarray] | None,
    ) -> Rating:
        skill = self.skills[skill_id]
        p = estimate.probability
        level = "strong" if p[0] >= STRONG_THRESHOLD else ("weak" if p[1] >= p[2] else "none")
        evidence = spans[estimate.span]
        vector = vectors[estimate.span]
        said = (evidence, " ".join(spans))
        return Rating(
            skill=skill_id,
            level=level,
            score=round(float(p[0]), 4),
            evidence=evidence,
            nearest_strong=self._contrast(skill_id, "strong", vector, extra, topic, said),
            nearest_weak=self._contrast(skill_id, "weak", vector, extra, topic, said),
            reason=reason_for(skill, level, evidence),
            rewrite=self._checked_rewrite(skill, level, evidence),
            rater=self.name,
        )

    def _checked_rewrite(self, skill: Skill, level: str, evidence: str) -> str | None:
        """A rule-based rewrite of the learner's words, offered only if it itself rates strong."""
        rewrite = rewrite_for(skill, level, evidence)
        if rewrite is None or skill.id not in self.heads:
            return None
        vectors = self.encoder.encode([rewrite])
        strong = self.estimate(skill.id, [rewrite], vectors, rewrite).probability[0] >= STRONG_THRESHOLD
        return rewrite if strong else None

    def _topic(self, context: RatingContext | None) -> tuple[str, np.ndarray] | None:
        """The situation and goal as text and as one vector, for judging whether a bank exemplar is on topic."""
        if context is None or not (context.situation or context.goal):
            return None
        text = f"{context.situation} {context.goal}".strip()
        with self._lock:
            if text not in self._topic_cache:
                if len(self._topic_cache) > 256:
                    self._topic_cache.clear()
                self._topic_cache[text] = self.encoder.encode([text])[0]
            return text, self._topic_cache[text]

    def _contrast(
        self,
        skill_id: str,
        level: str,
        vector: np.ndarray,
        extra: SkillIndex | None,
        topic: tuple[str, np.ndarray] | None,
        said: tuple[str, str],
    ) -> str | None:
        """The scenario's own exemplar of `level` nearest to the learner's words; else a bank one that
        fits the situation; never the learner's words; a "strong" one always rates strong itself."""
        said_words = {normalised(words) for words in said}
        for index, from_bank in ((extra, False), (self.index[skill_id], True)):
            if index is None or not index.texts.get(level):
                continue
            usable = self._rates_as_labelled(skill_id, level, index, exclude_self=from_bank).copy()
            if from_bank:
                if topic is None:
                    continue
                usable &= index.vectors[level] @ topic[1] >= ON_TOPIC_SIMILARITY
            similarity = np.where(usable, index.vectors[level] @ vector, -np.inf)
            for row in np.argsort(-similarity, kind="stable")[: int(usable.sum())]:
                text = index.texts[level][row]
                if normalised(text) in said_words or (
                    from_bank and topic is not None and not fits_situation(text, topic[0])
                ):
                    continue
                return text
        return None

    def _rates_as_labelled(self, skill_id: str, level: str, index: SkillIndex, exclude_self: bool) -> np.ndarray:
        """For each exemplar of `level`: does this rater rate it strong (level strong) or not strong (weak)?
        A skill without a trained head (a pack skill) has only its author's few exemplars: they stand
        as labelled."""
        if skill_id not in self.heads:
            return np.ones(len(index.texts[level]), dtype=bool)
        key = (id(index), skill_id, level)
        with self._lock:
            cached = self._verified.get(key)
        if cached is not None:
            return cached
        texts, vectors = index.texts[level], index.vectors[level]
        strong = np.array(
            [
                self.estimate(skill_id, [text], vectors[i : i + 1], text, exclude_self=exclude_self).probability[0]
                >= STRONG_THRESHOLD
                for i, text in enumerate(texts)
            ],
            dtype=bool,
        )
        usable = strong if level == "strong" else ~strong
        with self._lock:
            self._verified[key] = usable
        return usable

    def _warn_about_soothing_exemplars(self) -> None:
        """Strong exemplars are shown as "a stronger way": name those that soothe (a warning)."""
        from feedback.soothing.audit import strong_exemplars_that_soothe, warn_about

        texts, skills = [], []
        for skill, index in self.index.items():
            texts += index.texts["strong"]
            skills += [skill] * len(index.texts["strong"])
        warn_about(strong_exemplars_that_soothe(texts, skills), "strong exemplars in the bank")

    def _usable_heads(self, head: RaterHead | None) -> dict[str, SkillHead]:
        if head is None:
            return {}
        trained_engine = head.trained_on.get("engine")
        if trained_engine and trained_engine != self.encoder.engine:
            log.warning(
                "the rater head was trained on %s embeddings but this encoder uses %s; ratings may be less accurate",
                trained_engine,
                self.encoder.engine,
            )
        usable = {}
        for skill_id, skill_head in head.skills.items():
            if skill_head.fingerprint == skill_fingerprint(self.bank, skill_id):
                usable[skill_id] = skill_head
            else:
                log.warning(
                    "the trained head for '%s' predates edits to its exemplars; using plain neighbours "
                    "until `rehearse feedback train` is run",
                    skill_id,
                )
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
                self._scenario_cache[key] = group_vectors(
                    list(exemplars), self.encoder.encode([e.text for e in exemplars])
                )
            return self._scenario_cache[key]


def utterance_features(
    skill_id: str, similarity: np.ndarray, span_probability: np.ndarray, utterance: str, vectors: np.ndarray
) -> np.ndarray:
    """The utterance head's input; training (feedback.training) builds it with this same function:
    neighbour similarities, the rubric's cues, the span head's probabilities, and the turn itself
    (mean- and max-pooled span vectors), so the head can learn what neighbours alone miss
    (sarcasm, giving in, a "please" that asks for nothing)."""
    return np.concatenate(
        [
            similarity.max(axis=0),
            similarity.min(axis=0),
            similarity.mean(axis=0),
            [len(similarity) / 5],
            cue_flags(skill_id, utterance),
            [
                span_probability[:, 0].max(),
                span_probability[:, 0].min(),
                span_probability[:, 0].mean(),
                span_probability[:, 2].max(),
                span_probability[:, 2].min(),
            ],
            [min(len(utterance), 400) / 100],
            vectors.mean(axis=0),
            vectors.max(axis=0),
        ]
    ).astype(np.float32)


def turn_features(vectors: np.ndarray, utterance: str) -> np.ndarray:
    """The fault heads' input: mean- and max-pooled span vectors and the rubric's surface cues."""
    cues = [flag for skill in ("mindful", "confident", "assert", "reinforce") for flag in cue_flags(skill, utterance)]
    return np.concatenate([vectors.mean(axis=0), vectors.max(axis=0), cues]).astype(np.float32)


def with_fault(rating: Rating, skill: Skill, faults: dict[Fault, str]) -> Rating:
    """The rating with the fault that undoes its skill, if the words show one; otherwise a "none"
    of a skill whose absence is no fault says only that it was not shown."""
    undoing = [fault for fault in SKILL_FAULTS.get(skill.id, ()) if fault in faults]
    if undoing:
        fault = undoing[0]
        return rating.model_copy(
            update={
                "level": "none",
                "fault": fault,
                "evidence": faults[fault],
                "score": min(rating.score, 0.2),
                "reason": f"{skill.name} is undone by {FAULT_WORDS[fault]} in your words.",
                "rewrite": None,
            }
        )
    if skill.id in SKILL_FAULTS and rating.level == "none":
        return rating.model_copy(update={"reason": f"{skill.name} is not shown in this turn; that is no fault."})
    return rating


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


class KnnOptions(RaterOptions):
    cache_dir: Path | None = None
    skills: dict[str, Skill] | None = None
    bank: ExemplarBank | None = None


@register_rater("knn", KnnOptions)
def _build_knn(options: KnnOptions) -> KnnRater:
    return KnnRater(bank=options.bank, cache_dir=options.cache_dir, skills=options.skills)
