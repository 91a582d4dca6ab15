"""Every page handler runs under one contract: the viewer is found, the capability checked, a
database outage becomes the plain message, anything else is logged and reaches the page plainly;
values go to components by name, never by position."""

from __future__ import annotations

import inspect
import logging
import typing
from dataclasses import dataclass

import gradio as gr
import pytest

from simulator.storage.database import RECORD_UNAVAILABLE, RecordUnavailable
from simulator.web.access import SIGNED_OUT, Access
from simulator.web.accounts import Accounts, Capability, Role, Viewer
from simulator.web.handlers import UNEXPECTED, Pages, handler

PASSWORD = "correct horse battery"


class Caller:
    """What Gradio hands a handler about the caller: the signed-in username."""

    def __init__(self, username: str | None):
        self.username = username


@pytest.fixture
def pages(make_rehearsal) -> Pages:
    rehearsal = make_rehearsal()
    accounts = Accounts(rehearsal.engine)
    accounts.create("lena", Role.learner, PASSWORD)
    accounts.create("ravi", Role.researcher, PASSWORD)
    accounts.create("ines", Role.instructor, PASSWORD)
    return Pages(rehearsal, Access(accounts, rehearsal.store))


@dataclass
class Greeting:
    notice: str
    count: int


@handler()
def greet(pages: Pages, viewer: Viewer, text: str) -> Greeting:
    return Greeting(f"{viewer.username}: {text}", len(text))


@handler(Capability.manage_accounts)
def manage(pages: Pages, viewer: Viewer) -> str:
    return "managed"


@handler()
def outage(pages: Pages, viewer: Viewer) -> str:
    raise RecordUnavailable()


@handler()
def bug(pages: Pages, viewer: Viewer) -> str:
    raise KeyError("a slip in the code")


@handler()
def stream(pages: Pages, viewer: Viewer) -> typing.Iterator[str]:
    yield "first chunk"
    raise RecordUnavailable()


def registered(pages: Pages) -> tuple[gr.HTML, gr.Number]:
    with gr.Blocks():
        notice, count = gr.HTML(), gr.Number()
    pages.components.update(notice=notice, count=count)
    return notice, count


def test_gradio_passes_the_request_first_and_the_inputs_after_it(pages):
    bound = pages.bind(greet)
    first = next(iter(inspect.signature(bound).parameters.values()))
    assert typing.get_type_hints(bound)[first.name] is gr.Request
    assert bound.__name__ == "greet"


def test_a_handler_returns_values_keyed_by_component_in_the_views_order(pages):
    notice, count = registered(pages)
    assert pages.outputs(Greeting) == [notice, count]
    assert pages.bind(greet)(Caller("lena"), "hello") == {notice: "lena: hello", count: 5}


def test_a_signed_out_caller_is_told_to_sign_in_again(pages):
    with pytest.raises(gr.Error) as caught:
        pages.bind(greet)(Caller(None), "hello")
    assert caught.value.message == SIGNED_OUT


def test_the_capability_is_checked_before_the_handler_runs(pages):
    for username in ("lena", "ravi"):
        with pytest.raises(gr.Error) as caught:
            pages.bind(manage)(Caller(username))
        assert "Only instructors can do this" in caught.value.message
    assert pages.bind(manage)(Caller("ines")) == "managed"


def test_a_database_outage_becomes_the_plain_message(pages):
    with pytest.raises(gr.Error) as caught:
        pages.bind(outage)(Caller("lena"))
    assert caught.value.message == RECORD_UNAVAILABLE


def test_anything_unforeseen_is_logged_and_reaches_the_page_as_a_plain_message(pages, caplog):
    with caplog.at_level(logging.ERROR, logger="simulator.web.handlers"), pytest.raises(gr.Error) as caught:
        pages.bind(bug)(Caller("lena"))
    assert caught.value.message == UNEXPECTED
    assert "page handler bug failed" in caplog.text and "a slip in the code" in caplog.text


def test_a_streaming_handler_keeps_streaming_until_the_outage(pages):
    bound = pages.bind(stream)
    assert inspect.isgeneratorfunction(bound)  # Gradio streams only generator functions
    chunks = bound(Caller("lena"))
    assert next(chunks) == "first chunk"
    with pytest.raises(gr.Error) as caught:
        next(chunks)
    assert caught.value.message == RECORD_UNAVAILABLE
