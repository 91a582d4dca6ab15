"""The committed heads of the crisis check and the no-soothing guard come from the packaged data."""

from __future__ import annotations

import json

import numpy as np
import pytest

from feedback.soothing import model as soothing
from feedback.text_classifier import TextHead, encode_each, read_labelled, shared_encoder
from simulator.safety import risk_model

HEADS = [(risk_model.HEAD_PATH, risk_model.DATA_PATH), (soothing.HEAD_PATH, soothing.DATA_PATH)]


@pytest.mark.parametrize("head_path, data_path", HEADS)
def test_each_head_says_what_it_was_trained_on(head_path, data_path):
    head = TextHead.load(head_path)
    texts, labels = read_labelled(data_path)
    assert head.trained_on["engine"] == "onnx-int8" and head.trained_on["data"] == data_path.name
    assert head.trained_on["rows"] == len(texts)
    assert head.trained_on["counts"] == {label: labels.count(label) for label in head.labels}


def test_the_held_out_sets_share_no_line_with_the_training_data():
    for data_path in (risk_model.DATA_PATH, soothing.DATA_PATH):
        held_out = data_path.with_name(data_path.name.replace("-train", "-heldout"))
        train = {t.lower().strip(" .!?") for t in read_labelled(data_path)[0]}
        assert not [t for t in read_labelled(held_out)[0] if t.lower().strip(" .!?") in train]


@pytest.mark.slow
def test_retraining_matches_the_committed_heads_within_a_tolerance():
    """Within a tolerance, not bit for bit: int8 embeddings differ slightly between CPUs."""
    from simulator.safety.training import train_heads

    encoder = shared_encoder()
    for trained in train_heads():
        committed = TextHead.load(trained.path)
        assert committed.labels == trained.head.labels
        texts, _ = read_labelled(data_path_of(trained.path))
        vectors = encode_each(encoder, risk_model.training_texts(texts) if trained.name == "crisis" else texts)
        before, after = committed.probabilities(vectors), trained.head.probabilities(vectors)
        assert np.abs(before - after).max() < 0.1, trained.name
        assert (before.argmax(axis=1) == after.argmax(axis=1)).mean() > 0.99, trained.name
        assert json.loads(json.dumps(trained.head.to_json()))["labels"] == list(committed.labels)


def data_path_of(head_path):
    return dict(HEADS)[head_path]
