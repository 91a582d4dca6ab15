"""The committed crisis classifier comes from the packaged data, and a retrain with the committed
seed gives the same model within a tolerance."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

import numpy as np
import onnx
import pytest

from feedback.fine_tuned import training as fine_tuning
from feedback.fine_tuned.onnx_classifier import ClassifierCard, OnnxClassifier
from feedback.soothing import model as soothing
from feedback.text_classifier import read_labelled
from simulator.safety import risk_model
from simulator.safety.fine_tuning import ORDINARY_THEMES, CrisisFineTuning
from simulator.safety.training import TrainingRows
from tests.processes import run_fresh_python

HARD_THEMES = ("idiom", "idiom_in_context", "past_dbt", "past_dbt_in_context")
# a fine-tuning run takes 5-15 minutes on one busy core
FINE_TUNING_TIMEOUT_S = 2400


@pytest.fixture(scope="module")
def committed() -> OnnxClassifier:
    return OnnxClassifier(risk_model.MODEL_PATH, ClassifierCard.load(risk_model.CARD_PATH))


def test_the_crisis_classifier_says_what_it_was_trained_on_and_the_data_has_not_changed_since():
    card = ClassifierCard.load(risk_model.CARD_PATH)
    rows = TrainingRows.read()
    kept = rows.subset(CrisisFineTuning().kept_rows(rows.labels, rows.themes))
    assert card.labels == risk_model.LABELS
    assert card.trained_on["data"] == risk_model.DATA_PATH.name
    assert card.trained_on["data_sha256"] == hashlib.sha256(risk_model.DATA_PATH.read_bytes()).hexdigest()
    assert card.trained_on["fine_tuning"] == asdict(CrisisFineTuning())
    assert card.trained_on["rows"] == len(rows.texts) and card.trained_on["rows_used"] == len(kept.texts)
    assert card.trained_on["counts_used"] == {label: kept.labels.count(label) for label in risk_model.LABELS}


def test_the_sample_keeps_every_risk_and_hard_negative_line_and_some_ordinary_ones():
    rows = TrainingRows.read()
    kept = set(CrisisFineTuning().kept_rows(rows.labels, rows.themes).tolist())
    ordinary = [
        i
        for i, (label, theme) in enumerate(zip(rows.labels, rows.themes))
        if label == "none" and theme in ORDINARY_THEMES
    ]
    assert all(i in kept for i in range(len(rows.texts)) if i not in set(ordinary))
    assert 0.3 < sum(i in kept for i in ordinary) / len(ordinary) < 0.5


def test_the_shipped_classifier_is_the_whole_encoder_in_unsigned_int8():
    """U8U8: weights and activations uint8, so results do not depend on AVX-512 VNNI."""
    graph = onnx.load(str(risk_model.MODEL_PATH)).graph
    integer_products = [node for node in graph.node if node.op_type == "MatMulInteger"]
    weights = {init.name: init for init in graph.initializer}
    quantised = [weights[node.input[1]] for node in integer_products if node.input[1] in weights]
    assert len(integer_products) >= 6 * 6  # six layers: q, k, v, output, two feed-forward each
    assert quantised and all(w.data_type == onnx.TensorProto.UINT8 for w in quantised)
    assert risk_model.MODEL_PATH.stat().st_size < 30 * 2**20


def test_the_classifier_reads_text_with_the_encoders_own_tokenizer(committed):
    from transformers import AutoTokenizer

    from feedback.embedding import bundled_model_dir

    reference = AutoTokenizer.from_pretrained(bundled_model_dir())
    for text in ["honestly kms", "I'd like the £200 back by Friday, pls", "ngl   I CAN'T keep doing this 😔"]:
        assert committed._tokenizer.encode(text).ids == reference(text)["input_ids"]


def test_a_verdict_does_not_depend_on_what_else_is_scored_with_it(committed):
    alone = committed.probabilities(["I can't keep doing this"])
    together = committed.probabilities(["I can't keep doing this", "Please wash your pans by Sunday night."])
    assert np.array_equal(alone[0], together[0])


def test_the_shipped_classifier_gives_the_recorded_probabilities_on_any_cpu(committed):
    """Recorded on a CPU with AVX-512 VNNI; unsigned int8 products are exact on every x86 CPU, so a
    machine without it must give the same figures (float rounding aside)."""
    recorded = json.loads(
        (Path(__file__).resolve().parents[1] / "data" / "safety" / "risk-encoder-outputs.json").read_text(
            encoding="utf-8"
        )
    )
    assert recorded["model_sha256"] == hashlib.sha256(risk_model.MODEL_PATH.read_bytes()).hexdigest(), (
        "the classifier changed: run scripts/record_classifier_outputs.py crisis"
    )
    assert list(committed.card.labels) == recorded["labels"]
    texts = [line["text"] for line in recorded["lines"]]
    expected = np.array([line["probabilities"] for line in recorded["lines"]])
    np.testing.assert_allclose(committed.probabilities(texts), expected, atol=1e-4)


def test_the_crisis_classifier_loads_once_per_process_without_pytorch():
    script = (
        "import sys; from simulator.safety.risk_model import risk_model; "
        "assert risk_model() is risk_model(); risk_model().assess('honestly kms'); "
        "print('torch' in sys.modules)"
    )
    result = run_fresh_python(script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_held_out_sets_share_no_line_with_the_training_data():
    for data_path in (risk_model.DATA_PATH, soothing.DATA_PATH):
        held_out = data_path.with_name(data_path.name.replace("-train", "-heldout"))
        train = {t.lower().strip(" .!?") for t in read_labelled(data_path)[0]}
        assert not [t for t in read_labelled(held_out)[0] if t.lower().strip(" .!?") in train]


def split_figures(p: np.ndarray, rows: TrainingRows) -> dict[str, float]:
    """What the crisis check needs from the classifier, on lines it did not train on."""
    from sklearn.metrics import roc_auc_score

    labels, themes = np.array(rows.labels), np.array(rows.themes)
    risk = p[:, 0] + p[:, 1]
    at_risk, crisis = labels != "none", labels == "crisis"
    ordinary = (labels == "none") & np.isin(themes, ORDINARY_THEMES)
    hard = (labels == "none") & np.isin(themes, HARD_THEMES)
    return {
        "risk_auc": float(roc_auc_score(at_risk, risk)),
        "risk_recall": float((risk[at_risk] >= risk_model.RISK_THRESHOLD).mean()),
        "crisis_recall": float((p[crisis, 0] >= risk_model.CRISIS_THRESHOLD).mean()),
        "ordinary_flagged": float((risk[ordinary] >= risk_model.RISK_THRESHOLD).mean()),
        "hard_stopped": float((p[hard, 0] >= risk_model.CRISIS_THRESHOLD).mean()),
    }


# Measured on this split when the committed classifier was made (first fold of a grouped 4-fold
# split of the training lines; the same recipe and seed as the committed model).
SPLIT_FIGURES = {
    "risk_auc": 0.984,
    "risk_recall": 0.864,
    "crisis_recall": 0.739,
    "ordinary_flagged": 0.011,
    "hard_stopped": 0.115,
}


@pytest.mark.training
@pytest.mark.timeout(FINE_TUNING_TIMEOUT_S)
def test_retraining_on_a_fixed_split_gives_the_recorded_figures_and_the_int8_export_agrees(tmp_path):
    """Within a tolerance, not bit for bit: float rounding differs between CPUs."""
    from sklearn.model_selection import GroupKFold

    from simulator.safety.training import train_crisis_classifier

    rows = TrainingRows.read()
    train, test = next(GroupKFold(n_splits=4).split(rows.texts, rows.labels, rows.groups))
    trained = train_crisis_classifier(rows.subset(train))
    held_in = rows.subset(test)
    p = fine_tuning.probabilities(trained.model, trained.tokenizer, held_in.texts)
    figures = split_figures(p, held_in)
    assert abs(figures["risk_auc"] - SPLIT_FIGURES["risk_auc"]) <= 0.01, figures
    assert all(abs(figures[name] - SPLIT_FIGURES[name]) <= 0.03 for name in SPLIT_FIGURES), figures

    trained.write(tmp_path / "split.onnx", tmp_path / "split.json")
    exported = OnnxClassifier(tmp_path / "split.onnx", ClassifierCard.load(tmp_path / "split.json"))
    sample = np.random.default_rng(0).choice(len(held_in.texts), 400, replace=False)
    p_int8 = exported.probabilities([held_in.texts[i] for i in sample])
    assert_same_verdicts(p[sample], p_int8)


@pytest.mark.training
@pytest.mark.timeout(FINE_TUNING_TIMEOUT_S)
def test_the_committed_classifier_is_what_the_training_data_gives(committed):
    from simulator.safety.training import train_crisis_classifier

    rows = TrainingRows.read()
    trained = train_crisis_classifier(rows)
    sample = np.random.default_rng(1).choice(len(rows.texts), 400, replace=False)
    texts = [rows.texts[i] for i in sample]
    assert_same_verdicts(
        fine_tuning.probabilities(trained.model, trained.tokenizer, texts), committed.probabilities(texts)
    )


def assert_same_verdicts(p_torch: np.ndarray, p_onnx: np.ndarray) -> None:
    """The same crisis and check-in decisions on at least 98% of lines, probabilities close."""

    def decisions(p: np.ndarray) -> np.ndarray:
        return np.stack([p[:, 0] >= risk_model.CRISIS_THRESHOLD, p[:, 0] + p[:, 1] >= risk_model.RISK_THRESHOLD])

    assert (decisions(p_torch) == decisions(p_onnx)).all(axis=0).mean() >= 0.98
    assert np.median(np.abs(p_torch - p_onnx)) < 0.02
