"""LLM partners: the `openai` backend (any OpenAI-compatible endpoint, vLLM in production) and
the `local` backend (transformers in-process, GGUF file or HF folder). Both stream sentence by
sentence through the in-character guard; a broken sentence ends the reply, and an authored line
for the current stance stands in when nothing usable came."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

from feedback.llm.chat import ChatClient, ChatUnavailable
from simulator.partner.backends.base import PartnerRequest, PartnerUnavailable, register_partner
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.partner.guard import breaks_character, clean, complete_sentences, requested_roles
from simulator.partner.prompt import build_messages, reply_token_budget, rough_token_count

log = logging.getLogger(__name__)


class LlmPartner:
    authored = False

    def __init__(
        self,
        name: str,
        chat: ChatClient,
        count_tokens: Callable[[str], int] = rough_token_count,
        history_tokens: int = 1500,
        temperature: float = 0.7,
    ):
        self.name = name
        self.chat = chat
        self.count_tokens = count_tokens
        self.history_tokens = history_tokens
        self.temperature = temperature
        self.fallback = ScriptedPartner()
        self.last_guarded: str | None = None  # the sentence the guard stopped, for logs and tests

    def stream(self, request: PartnerRequest) -> Iterator[str]:
        messages = build_messages(request, self.count_tokens, self.history_tokens)
        learner = request.history[-1].content if request.history else ""
        name = request.scenario.partner.name
        self.last_guarded = None
        forbidden = (
            requested_roles(learner) - set(name.lower().split()) - set(request.scenario.partner.role.lower().split())
        )
        said = False
        for sentence in self._sentences(messages, reply_token_budget(learner), said_anything=lambda: said):  # noqa: B023 (reads `said` as it is now)
            if not self._usable(sentence, name, forbidden):
                break
            yield ("" if not said else " ") + clean(sentence, name)
            said = True
        if not said:
            yield from self.fallback.stream(request)

    def _sentences(
        self, messages: list[dict[str, str]], max_tokens: int, said_anything: Callable[[], bool]
    ) -> Iterator[str]:
        """Complete sentences as the model produces them; the unfinished tail at the end."""
        buffer = ""
        try:
            for chunk in self.chat.stream(messages, max_tokens=max_tokens, temperature=self.temperature):
                buffer += chunk
                sentences, buffer = complete_sentences(buffer)
                yield from sentences
        except ChatUnavailable as error:
            if said_anything():
                return
            raise PartnerUnavailable(f"The partner could not answer: {error}.") from error
        if buffer.strip():
            yield buffer

    def _usable(self, sentence: str, name: str, forbidden_roles: set[str]) -> bool:
        if breaks_character(sentence, forbidden_roles):
            self.last_guarded = sentence
            log.info("partner guard stopped: %r", sentence)
            return False
        return bool(clean(sentence, name))


@register_partner("openai")
def _build_openai(settings: Any = None, **_: object) -> LlmPartner:
    from feedback.llm.openai_chat import OpenAIChat

    if settings is None or not settings.partner_url:
        raise PartnerUnavailable(
            "the openai partner needs a server: set REHEARSE_PARTNER_URL (e.g. http://gpu-host:8000/v1)"
        )
    chat = OpenAIChat(
        settings.partner_url,
        model=settings.partner_model,
        api_key=settings.partner_api_key,
        timeout_s=settings.partner_timeout_s,
        retries=settings.partner_retries,
    )
    return LlmPartner("openai", chat, history_tokens=settings.partner_history_tokens)


@register_partner("local")
def _build_local(settings: Any = None, **_: object) -> LlmPartner:
    from feedback.llm.local_chat import LocalChat
    from feedback.llm.local_models import bundled_gguf

    path = settings.partner_model if settings is not None and settings.partner_model else bundled_gguf()
    chat = LocalChat(path)
    count = lambda text: len(chat.tokenizer.encode(text, add_special_tokens=False))
    return LlmPartner(
        "local",
        chat,
        count_tokens=count,
        history_tokens=settings.partner_history_tokens if settings is not None else 1500,
    )
