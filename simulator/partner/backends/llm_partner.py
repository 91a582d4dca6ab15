"""LLM partners: the `openai` backend (any OpenAI-compatible endpoint, vLLM in production) and
the `local` backend (transformers in-process, GGUF file or HF folder). Both stream sentence by
sentence through the in-character guard; a broken sentence ends the reply, and an authored line
for the current stance stands in when nothing usable came."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from pydantic import Field

from feedback.llm.chat import ChatClient, ChatUnavailable
from simulator.partner.backends.base import PartnerOptions, PartnerRequest, PartnerUnavailable, register_partner
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

    def stream(self, request: PartnerRequest) -> Iterator[str]:
        return iter(self.reply(request))

    def reply(self, request: PartnerRequest) -> GuardedReply:
        """The reply to `request`, which streams when iterated and then says what the guard stopped."""
        return GuardedReply(self, request)

    def sentences(
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


class GuardedReply:
    """One LLM partner reply, streamed sentence by sentence through the in-character guard.
    `stopped` is the sentence the guard stopped, if any: it belongs to this reply, not to the
    backend, which serves every session at once."""

    def __init__(self, partner: LlmPartner, request: PartnerRequest):
        self.partner = partner
        self.request = request
        self.stopped: str | None = None

    def __iter__(self) -> Iterator[str]:
        request, partner = self.request, self.partner
        messages = build_messages(request, partner.count_tokens, partner.history_tokens)
        learner = request.history[-1].content if request.history else ""
        name = request.scenario.partner.name
        forbidden = (
            requested_roles(learner) - set(name.lower().split()) - set(request.scenario.partner.role.lower().split())
        )
        said = False
        for sentence in partner.sentences(messages, reply_token_budget(learner), said_anything=lambda: said):  # noqa: B023 (reads `said` as it is now)
            if not self._usable(sentence, name, forbidden):
                break
            yield ("" if not said else " ") + clean(sentence, name)
            said = True
        if not said:
            yield from partner.fallback.stream(request)

    def _usable(self, sentence: str, name: str, forbidden_roles: set[str]) -> bool:
        if breaks_character(sentence, forbidden_roles):
            self.stopped = sentence
            log.info("partner guard stopped: %r", sentence)
            return False
        return bool(clean(sentence, name))


class OpenAIPartnerOptions(PartnerOptions):
    url: str | None = Field(default=None, description="The OpenAI-compatible server's base URL (.../v1).")
    model: str | None = Field(default=None, description="The served model's name; default: the server's first.")
    api_key: str = "not-needed"
    timeout_s: float = Field(default=30.0, gt=0, description="Longest wait for the reply.")
    retries: int = Field(default=2, ge=0, le=5, description="Retries when the server cannot be reached.")
    history_tokens: int = Field(default=1500, gt=0, description="Conversation history sent with each request.")


@register_partner("openai", OpenAIPartnerOptions)
def _build_openai(options: OpenAIPartnerOptions) -> LlmPartner:
    from feedback.llm.openai_chat import OpenAIChat

    if not options.url:
        raise PartnerUnavailable(
            "the openai partner needs a server: set REHEARSE_PARTNER_URL (e.g. http://gpu-host:8000/v1)"
        )
    chat = OpenAIChat(
        options.url,
        model=options.model,
        api_key=options.api_key,
        timeout_s=options.timeout_s,
        retries=options.retries,
    )
    return LlmPartner("openai", chat, history_tokens=options.history_tokens)


class LocalPartnerOptions(PartnerOptions):
    model: str | None = Field(default=None, description="A GGUF file or model folder; default: the bundled GGUF.")
    history_tokens: int = Field(default=1500, gt=0, description="Conversation history given with each turn.")


@register_partner("local", LocalPartnerOptions)
def _build_local(options: LocalPartnerOptions) -> LlmPartner:
    from feedback.llm.local_chat import LocalChat
    from feedback.llm.local_models import bundled_gguf

    chat = LocalChat(options.model or bundled_gguf())
    count = lambda text: len(chat.tokenizer.encode(text, add_special_tokens=False))
    return LlmPartner("local", chat, count_tokens=count, history_tokens=options.history_tokens)
