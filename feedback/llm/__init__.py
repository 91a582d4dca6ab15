"""Chat clients for language models: an OpenAI-compatible server (vLLM in production) or a
transformers model in-process. Shared by the llm rater and the LLM partner backends."""

from feedback.llm.chat import ChatClient, ChatUnavailable

__all__ = ["ChatClient", "ChatUnavailable"]
