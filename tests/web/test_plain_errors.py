"""A database outage reaches the page as a plain message, for single and streaming handlers."""

from __future__ import annotations

import inspect

import gradio as gr
import pytest

from simulator.storage.database import RECORD_UNAVAILABLE, RecordUnavailable
from simulator.web.access import plain_errors


def test_a_handler_that_meets_an_outage_raises_a_message_for_the_page():
    @plain_errors
    def end(session_id: str, request: gr.Request) -> str:
        raise RecordUnavailable()

    with pytest.raises(gr.Error) as caught:
        end("abc", None)
    assert caught.value.message == RECORD_UNAVAILABLE
    assert list(inspect.signature(end).parameters) == ["session_id", "request"]  # Gradio still injects the request


def test_a_streaming_handler_keeps_streaming_until_the_outage():
    @plain_errors
    def send(text: str):
        yield "first chunk"
        raise RecordUnavailable()

    assert inspect.isgeneratorfunction(send)
    stream = send("hello")
    assert next(stream) == "first chunk"
    with pytest.raises(gr.Error):
        next(stream)
