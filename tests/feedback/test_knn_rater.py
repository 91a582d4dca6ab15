"""The knn rater: real embeddings from the packaged model over the exemplar bank."""

from __future__ import annotations

import numpy as np
import pytest

from feedback.exemplar_bank import load_bank
from feedback.rating import RatingContext
from feedback.skills import DEAR_MAN_IDS

CONTEXT = RatingContext(
    situation="Your flatmate leaves dishes in the sink for days.",
    goal="Agree that everyone washes their own dishes the same evening.",
    skills=DEAR_MAN_IDS,
)


def levels(rater, text):
    return {r.skill: r.level for r in rater.rate(text, CONTEXT)}


def test_the_bank_has_60_exemplars_per_level_for_dear_man_and_20_for_give_and_fast():
    from feedback.skills import FAST, GIVE

    bank = load_bank()
    for skill in DEAR_MAN_IDS:
        for level in ("strong", "weak", "none"):
            assert len(bank.of(skill, level)) >= 60, (skill, level)
    for skill in GIVE + FAST:
        for level in ("strong", "weak", "none"):
            assert len(bank.of(skill.id, level)) >= 20, (skill.id, level)
    texts = [e.text for e in bank.exemplars]
    assert len(texts) == len({(e.skill, e.level, e.text) for e in bank.exemplars})


def test_a_broken_exemplar_file_is_reported_with_file_and_line(tmp_path):
    from scenarios.problems import YamlFileError

    (tmp_path / "describe.yaml").write_text(
        "skill: describe\nstrong: [a]\nweak: []\nnone: []\nextra: 1\n", encoding="utf-8"
    )
    with pytest.raises(YamlFileError) as caught:
        load_bank(tmp_path)
    messages = [str(p).split("describe.yaml:", 1)[1] for p in caught.value.problems]
    assert "2:9: strong: needs at least 15 items, found 1 (hint: add 14 more)" in messages
    assert "5:1: extra: unknown field 'extra' (hint: allowed here: none, skill, strong, weak)" in messages


def test_every_skill_in_play_gets_a_rating_with_its_contrast(knn_rater):
    ratings = knn_rater.rate("On Monday and Tuesday your plates stayed in the sink overnight.", CONTEXT)
    assert [r.skill for r in ratings] == list(DEAR_MAN_IDS)
    with_contrast = [r for r in ratings if r.nearest_strong and r.nearest_weak]
    assert len(with_contrast) >= 5, "most skills find an on-topic stronger and weaker way"
    for rating in ratings:
        assert rating.level in ("strong", "weak", "none")
        assert 0.0 <= rating.score <= 1.0
        assert rating.evidence not in (rating.nearest_strong, rating.nearest_weak)
        assert rating.evidence
        assert rating.reason


def test_a_clear_request_is_a_strong_assert_and_a_hint_is_not(knn_rater):
    assert (
        levels(knn_rater, "I'd like you to wash your own dishes the same evening, starting tonight.")["assert"]
        == "strong"
    )
    assert levels(knn_rater, "Hi! How was your weekend?")["assert"] == "none"


def test_a_factual_description_is_strong_and_a_judgemental_one_is_not(knn_rater):
    assert levels(knn_rater, "On Monday and Tuesday your plates stayed in the sink overnight.")["describe"] == "strong"
    assert levels(knn_rater, "You are always so lazy and you never clean up after yourself.")["describe"] != "strong"


def test_ratings_are_deterministic(knn_rater):
    text = "I feel frustrated when the sink is full. Could you wash up the same evening?"
    assert knn_rater.rate(text, CONTEXT) == knn_rater.rate(text, CONTEXT)


@pytest.mark.slow
def test_embeddings_match_sentence_transformers_for_the_packaged_model(knn_rater, vector_cache):
    from sentence_transformers import SentenceTransformer

    from feedback.embedding import SentenceEncoder

    texts = ["I'd like you to stop.", "The sink was full on Monday and Tuesday, and again on Friday night."]
    reference = SentenceTransformer(str(knn_rater.encoder.model_dir), device="cpu").encode(texts)
    for engine in ("torch", "onnx"):
        assert np.allclose(
            SentenceEncoder(cache_dir=vector_cache, engine=engine).encode(texts), reference, atol=1e-5
        ), engine
    assert knn_rater.encoder.engine == "onnx-int8"
    cosine = (knn_rater.encoder.encode(texts) * reference).sum(axis=1)
    assert cosine.min() > 0.97


def test_an_owned_feeling_about_what_happened_is_never_called_a_drift_off_topic(knn_rater):
    from feedback.rating import scenario_context
    from scenarios.loader import load_library

    scenario = load_library().get("mum-weight-comments").scenario
    owned = "I felt humiliated when you asked about the potato in front of Dan"
    ratings = {r.skill: r for r in knn_rater.rate(owned, scenario_context(scenario))}
    assert ratings["express"].level == "strong"
    assert all(r.fault != "off_topic" for r in ratings.values())
    baited = "and ur gravy is always lumpy anyway so"  # taking the bait: still a drift
    assert "off_topic" in {str(f) for f in knn_rater.faults(*_embedded(knn_rater, baited))}


def _embedded(rater, text):
    from feedback.spans import split_spans

    spans = split_spans(text)
    return spans, rater.encoder.encode(spans), text
