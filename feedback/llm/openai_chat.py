"""A chat client for any OpenAI-compatible endpoint: `vllm serve` in production,
`transformers serve` or another server in tests and on laptops."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import openai

from feedback.llm.chat import ChatUnavailable, Messages


class OpenAIChat:
    name = "openai"

    def __init__(
        self,
        base_url: str,
        model: str | None = None,
        api_key: str = "not-needed",
        timeout_s: float = 30.0,
        retries: int = 2,
    ):
        self.base_url = base_url.rstrip("/")
        self.client = openai.OpenAI(base_url=self.base_url, api_key=api_key, timeout=timeout_s, max_retries=retries)
        self._model = model

    @property
    def model(self) -> str:
        if self._model is None:
            try:
                self._model = next(iter(self.client.models.list())).id
            except (openai.OpenAIError, StopIteration) as error:
                raise ChatUnavailable(self._explain(error)) from error
        return self._model

    def complete(
        self,
        messages: Messages,
        *,
        json_schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.0,
    ) -> str:
        extra: dict[str, Any] = {}
        if json_schema is not None:
            # vLLM enforces this schema during decoding; servers that ignore it are handled by the caller.
            extra["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "reply", "schema": json_schema, "strict": True},
            }
        try:
            response = self.client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=temperature,
                **extra,
            )
        except openai.OpenAIError as error:
            raise ChatUnavailable(self._explain(error)) from error
        return response.choices[0].message.content or ""

    def stream(self, messages: Messages, *, max_tokens: int = 200, temperature: float = 0.7) -> Iterator[str]:
        try:
            chunks = self.client.chat.completions.create(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=temperature,
                stream=True,
            )
            for chunk in chunks:
                if isinstance(chunk, tuple):  # the SDK's stream type also admits raw pairs
                    continue
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        except openai.OpenAIError as error:
            raise ChatUnavailable(self._explain(error)) from error

    def _explain(self, error: BaseException) -> str:
        if isinstance(error, openai.APITimeoutError):
            return f"the language model at {self.base_url} did not answer in time"
        if isinstance(error, openai.APIConnectionError):
            return f"cannot reach the language model at {self.base_url} (is the server running?)"
        if isinstance(error, openai.APIStatusError):
            return f"the language model at {self.base_url} answered with HTTP {error.status_code}"
        if isinstance(error, StopIteration):
            return f"the server at {self.base_url} lists no models; set the model name"
        return f"the language model at {self.base_url} failed: {error}"
