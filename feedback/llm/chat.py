"""The chat-client interface: messages in, text out (whole or streamed)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

Messages = list[dict[str, str]]


class ChatUnavailable(RuntimeError):
    """The model did not answer in time or at all; the message says what to check."""


class ChatClient(Protocol):
    name: str

    def complete(
        self,
        messages: Messages,
        *,
        json_schema: dict[str, Any] | None = None,
        max_tokens: int = 400,
        temperature: float = 0.0,
    ) -> str:
        """The whole reply. With `json_schema`, ask the server to constrain output to it."""
        ...

    def stream(self, messages: Messages, *, max_tokens: int = 200, temperature: float = 0.7) -> Iterator[str]:
        """The reply in chunks as they are generated."""
        ...
