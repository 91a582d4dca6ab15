"""The no-soothing guard's shipped classifier: a fine-tuned MiniLM in unsigned int8 ONNX that says
what it was trained on, gives the same figures on any x86 CPU, runs without PyTorch, and is what
its training data gives."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import numpy as np
import onnx
import pytest

from feedback.fine_tuned.onnx_classifier import ClassifierCard, OnnxClassifier
from feedback.soothing import model as soothing
from feedback.soothing.training import SOOTHING_FINE_TUNING, SoothingRows
from tests.processes import run_fresh_python

RECORDED = Path(__file__).resolve().parents[1] / "data" / "safety" / "soothing-encoder-outputs.json"
FINE_TUNING_TIMEOUT_S = 2400


@pytest.fixture(scope="module")
def committed() -> OnnxClassifier:
    return OnnxClassifier(soothing.MODEL_PATH, ClassifierCard.load(soothing.CARD_PATH))


def test_the_classifier_says_what_it_was_trained_on_and_the_data_has_not_changed_since():
    card = ClassifierCard.load(soothing.CARD_PATH)
    rows = SoothingRows.read()
    assert card.labels == soothing.LABELS
    assert card.trained_on["data"] == soothing.DATA_PATH.name
    assert card.trained_on["data_sha256"] == hashlib.sha256(soothing.DATA_PATH.read_bytes()).hexdigest()
    assert card.trained_on["fine_tuning"] == asdict(SOOTHING_FINE_TUNING)
    assert card.trained_on["rows"] == card.trained_on["rows_used"] == len(rows.texts)
    assert card.trained_on["counts_used"] == {label: rows.labels.count(label) for label in soothing.LABELS}


def test_the_training_lines_are_what_the_guard_scores_quotations_blanked():
    rows = SoothingRows.read()
    assert not [text for text in rows.texts if '"' in text.replace('""', "")]
    assert set(rows.labels) == set(soothing.LABELS)


def test_the_shipped_classifier_is_the_whole_encoder_in_unsigned_int8():
    """U8U8: weights and activations uint8, so results do not depend on AVX-512 VNNI."""
    graph = onnx.load(str(soothing.MODEL_PATH)).graph
    integer_products = [node for node in graph.node if node.op_type == "MatMulInteger"]
    weights = {init.name: init for init in graph.initializer}
    quantised = [weights[node.input[1]] for node in integer_products if node.input[1] in weights]
    dynamic_quantisers = [node for node in graph.node if node.op_type == "DynamicQuantizeLinear"]
    assert len(integer_products) >= 6 * 6  # six layers: q, k, v, output, two feed-forward each
    assert quantised and all(w.data_type == onnx.TensorProto.UINT8 for w in quantised)
    assert dynamic_quantisers  # activations are quantised to uint8 as they run
    assert soothing.MODEL_PATH.stat().st_size < 30 * 2**20


def test_the_shipped_classifier_gives_the_recorded_probabilities_on_any_cpu(committed):
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert recorded["model_sha256"] == hashlib.sha256(soothing.MODEL_PATH.read_bytes()).hexdigest(), (
        "the classifier changed: run scripts/record_classifier_outputs.py soothing"
    )
    assert list(committed.card.labels) == recorded["labels"]
    texts = [line["text"] for line in recorded["lines"]]
    expected = np.array([line["probabilities"] for line in recorded["lines"]])
    np.testing.assert_allclose(committed.probabilities(texts), expected, atol=1e-4)


def test_the_recorded_lines_cover_both_verdicts():
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    p_soothing = [line["probabilities"][0] for line in recorded["lines"]]
    assert sum(p >= soothing.THRESHOLD for p in p_soothing) >= 4
    assert sum(p < soothing.THRESHOLD for p in p_soothing) >= 8


def test_the_guard_loads_once_per_process_without_pytorch():
    script = (
        "import sys; from feedback.soothing.model import soothing_model; "
        "assert soothing_model() is soothing_model(); "
        "assert soothing_model().verdicts(['You have got this, well done!'])[0].soothing; "
        "print('torch' in sys.modules)"
    )
    result = run_fresh_python(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.training
@pytest.mark.timeout(FINE_TUNING_TIMEOUT_S)
def test_the_committed_classifier_is_what_the_training_data_gives(committed):
    """Within a tolerance, not bit for bit: float rounding differs between CPUs."""
    from feedback.fine_tuned.training import probabilities
    from feedback.soothing.training import train_soothing_classifier

    rows = SoothingRows.read()
    trained = train_soothing_classifier(rows)
    sample = np.random.default_rng(1).choice(len(rows.texts), 400, replace=False)
    texts = [rows.texts[i] for i in sample]
    p_torch, p_onnx = probabilities(trained.model, trained.tokenizer, texts), committed.probabilities(texts)
    same = (p_torch[:, 0] >= soothing.THRESHOLD) == (p_onnx[:, 0] >= soothing.THRESHOLD)
    assert same.mean() >= 0.98
    assert np.median(np.abs(p_torch - p_onnx)) < 0.02
