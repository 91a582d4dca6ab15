"""The committed rater head matches the exemplar bank and is reproducible from our own data."""

from __future__ import annotations

import json

import pytest

from feedback.raters.head import HEAD_PATH, RaterHead
from feedback.raters.knn import KnnRater, skill_fingerprint
from feedback.skills import DEAR_MAN_IDS
from feedback.training import load_training_data, train_head


def test_every_dear_man_skill_has_a_head_trained_on_the_current_bank(knn_rater):
    head = RaterHead.load()
    assert head is not None, "run `rehearse feedback train`"
    for skill in DEAR_MAN_IDS:
        assert head.skills[skill].fingerprint == skill_fingerprint(knn_rater.bank, skill), (
            f"the exemplars of '{skill}' changed since the head was trained: run `rehearse feedback train`")
    assert set(knn_rater.heads) >= set(DEAR_MAN_IDS)


def test_the_training_data_never_includes_the_evaluation_file():
    ids = {row.id for row in load_training_data()}
    assert ids and not any(i.startswith("s0") for i in ids)
    assert all(not str(p).endswith("dearman-dev.jsonl") for p in HEAD_PATH.parent.parent.glob("data/*.jsonl"))


@pytest.mark.slow
def test_retraining_reproduces_the_committed_head(vector_cache):
    rater = KnnRater(cache_dir=vector_cache, head=False)
    head, _ = train_head(rater, load_training_data(), skills=["describe", "negotiate"], cross_validate=False)
    committed = json.loads(HEAD_PATH.read_text(encoding="utf-8"))["skills"]
    for skill in ("describe", "negotiate"):
        retrained = head.skills[skill]
        assert retrained.fingerprint == committed[skill]["fingerprint"]
        assert retrained.utterance.to_json() == committed[skill]["utterance"]
