"""A fine-tuned MiniLM classifier as shipped: an int8 ONNX file run by onnxruntime.

`feedback.fine_tuned.training` trains it (PyTorch); `export_classifier` writes the float ONNX
graph and quantises it exactly as the sentence encoder is (`feedback.embedding.quantise_onnx`:
BERT operators fused, weights and activations uint8, U8U8), so verdicts are the same on CPUs with
and without AVX-512 VNNI. A JSON file beside it says what it was trained on and how.

Each text runs alone (batch of one, no padding): the int8 engine quantises activations per batch,
so a verdict must not depend on what else was scored with it.
"""

from __future__ import annotations

import json
import logging
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from feedback.embedding import bundled_model_dir, quantise_onnx

MAX_TOKENS = 128


@dataclass(frozen=True)
class ClassifierCard:
    """What a shipped classifier is: its labels and how it was trained (the JSON file beside it)."""

    labels: tuple[str, ...]
    trained_on: dict[str, Any] = field(default_factory=dict)

    def save(self, path: Path) -> None:
        path.write_text(
            json.dumps({"labels": list(self.labels), "trained_on": self.trained_on}, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )

    @classmethod
    def load(cls, path: Path) -> ClassifierCard:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(tuple(data["labels"]), dict(data.get("trained_on", {})))


class OnnxClassifier:
    """Texts in, label probabilities out (rows, labels); thread-safe."""

    def __init__(self, onnx_file: Path, card: ClassifierCard, model_dir: Path | None = None):
        import onnxruntime
        from tokenizers import Tokenizer

        if not onnx_file.exists():
            raise FileNotFoundError(f"{onnx_file} is missing: run `rehearse safety train` to write it")
        self.card = card
        self.labels = card.labels
        self._tokenizer = Tokenizer.from_file(str(Path(model_dir or bundled_model_dir()) / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()

    def probabilities(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.labels)))
        for row, text in enumerate(texts):
            ids = np.asarray([self._tokenizer.encode(text).ids], dtype=np.int64)
            with self._lock:
                logits = self._session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
            shifted = np.exp(logits.astype(np.float64) - logits.max())
            out[row] = shifted / shifted.sum()
        return out


def export_classifier(model: Any, tokenizer: Any, target: Path) -> None:
    """Write the fine-tuned PyTorch classifier as an int8 (U8U8) ONNX file at `target`."""
    import torch

    float_path = target.with_name(f"{target.stem}.{threading.get_ident()}.float.onnx")
    example = tokenizer(["an example sentence to trace", "a short one"], padding=True, return_tensors="pt")
    batch, sequence = torch.export.Dim("batch"), torch.export.Dim("sequence")
    logging.getLogger("torch.onnx").setLevel(logging.ERROR)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            program = torch.onnx.export(
                model.eval(),
                (example["input_ids"], example["attention_mask"]),
                input_names=["input_ids", "attention_mask"],
                output_names=["logits"],
                dynamic_shapes={"input_ids": {0: batch, 1: sequence}, "attention_mask": {0: batch, 1: sequence}},
                dynamo=True,
                verbose=False,
            )
        assert program is not None, "torch.onnx.export with dynamo=True returns the program"
        program.save(str(float_path), external_data=False)
        quantise_onnx(float_path, target)
    finally:
        float_path.unlink(missing_ok=True)
