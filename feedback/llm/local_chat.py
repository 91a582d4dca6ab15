"""A chat client running a transformers model in-process (CPU or GPU).

With a JSON schema, decoding is constrained by xgrammar's logits processor, so the reply is
valid JSON for that schema even from a small model."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from feedback.llm.chat import ChatUnavailable, Messages
from feedback.llm.local_models import load_causal_lm


class LocalChat:
    name = "local"

    def __init__(self, model_path: Path | str):
        self.model_path = Path(model_path)
        self.model, self.tokenizer = load_causal_lm(self.model_path)
        self._lock = threading.Lock()
        self._grammar_compiler: Any = None

    def complete(
        self,
        messages: Messages,
        *,
        json_schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.0,
    ) -> str:
        inputs = self._inputs(messages)
        processors = [self._json_processor(json_schema)] if json_schema is not None else []
        with self._lock:
            output = self.model.generate(
                **inputs, max_new_tokens=max_tokens, logits_processor=processors, **self._sampling(temperature)
            )
        return self.tokenizer.decode(output[0][inputs["input_ids"].shape[1] :], skip_special_tokens=True)

    def stream(self, messages: Messages, *, max_tokens: int = 200, temperature: float = 0.7) -> Iterator[str]:
        from transformers import TextIteratorStreamer

        inputs = self._inputs(messages)
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=120)
        failure: list[BaseException] = []

        def generate() -> None:
            try:
                with self._lock:
                    self.model.generate(
                        **inputs, max_new_tokens=max_tokens, streamer=streamer, **self._sampling(temperature)
                    )
            except BaseException as error:  # noqa: BLE001 - reported to the consumer below
                failure.append(error)
                streamer.end()

        threading.Thread(target=generate, daemon=True).start()
        for text in streamer:
            if text:
                yield text
        if failure:
            raise ChatUnavailable(f"the local model failed: {failure[0]}")

    def _inputs(self, messages: Messages) -> Any:
        return self.tokenizer.apply_chat_template(
            messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )

    @staticmethod
    def _sampling(temperature: float) -> dict[str, Any]:
        if temperature <= 0:
            return {"do_sample": False}
        return {"do_sample": True, "temperature": temperature, "top_p": 0.95, "repetition_penalty": 1.15}

    def _json_processor(self, schema: dict[str, Any]) -> Any:
        import xgrammar

        if self._grammar_compiler is None:
            info = xgrammar.TokenizerInfo.from_huggingface(self.tokenizer, vocab_size=self.model.config.vocab_size)
            self._grammar_compiler = xgrammar.GrammarCompiler(info)
        compiled = self._grammar_compiler.compile_json_schema(json.dumps(schema))
        return xgrammar.contrib.hf.LogitsProcessor(compiled)
