"""One contract for every page handler, declared where the handler is written:

    @handler(Capability.view_cohort)
    def cohort(pages: Pages, viewer: Viewer) -> CohortView: ...

When an event runs it, the bound handler finds the signed-in viewer (or says the sign-in has
ended), checks the capability, maps a database outage to the plain message a learner can act on,
and logs anything unforeseen before the page gets a plain message. Handlers return values keyed by
component: a dataclass whose field names are the names the page components were registered under
(nested dataclasses flatten), or one value for an event with one output.
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
import typing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import gradio as gr

from simulator.storage.database import RecordUnavailable
from simulator.storage.turn_locks import TurnBusy
from simulator.web.accounts import Capability

if TYPE_CHECKING:
    from simulator.runtime import Rehearsal
    from simulator.storage.store import SessionStore
    from simulator.web.access import Access

log = logging.getLogger(__name__)
UNEXPECTED = (
    "Something went wrong on our side and it has been logged. Try again; if it happens again, "
    "reload the page (your sessions are kept)."
)


@dataclass(frozen=True)
class Handler:
    """A page handler and the capability its caller needs."""

    fn: Callable[..., Any]
    capability: Capability
    with_request: bool = False  # given the request after the viewer (for the page address)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # handlers may call one another
        return self.fn(*args, **kwargs)

    @property
    def name(self) -> str:
        return self.fn.__name__


def handler(
    capability: Capability = Capability.practise, with_request: bool = False
) -> Callable[[Callable[..., Any]], Handler]:
    """Mark a module-level function `fn(pages, viewer, *inputs)` as a page handler."""

    def mark(fn: Callable[..., Any]) -> Handler:
        return Handler(fn, capability, with_request)

    return mark


class Pages:
    """What every handler is given: the service, the access rules, and the page components by name."""

    def __init__(self, rehearsal: Rehearsal, access: Access):
        self.rehearsal = rehearsal
        self.access = access
        self.store: SessionStore = rehearsal.store
        self.components: dict[str, Any] = {}

    def register(self, parts: Any) -> None:
        """Make a page's components (a dataclass of them) reachable by their field names."""
        for field in dataclasses.fields(parts):
            if field.name in self.components:
                raise ValueError(f"two page components are both called {field.name!r}; rename one")
            self.components[field.name] = getattr(parts, field.name)

    def outputs(self, view: type) -> list[Any]:
        """The components a handler returning `view` updates, in the view's field order."""
        found: list[Any] = []
        for name in leaf_names(view):
            component = self.components[name]
            found.extend(component if isinstance(component, list) else [component])
        return found

    def updates(self, value: Any) -> Any:
        """A view as {component: value}; anything else as it is."""
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            return value
        keyed: dict[Any, Any] = {}
        for name, item in leaf_values(value):
            component = self.components[name]
            if isinstance(component, list):
                keyed.update(zip(component, item, strict=True))
            else:
                keyed[component] = item
        return keyed

    def bind(self, handler: Handler) -> Callable[..., Any]:
        """The function Gradio calls for `handler`. Gradio passes the request to a first parameter
        annotated `gr.Request` and the inputs after it; a generator streams."""
        pages = self
        if inspect.isgeneratorfunction(handler.fn):

            def streaming(request: gr.Request, *inputs: Any) -> Iterator[Any]:
                with contract(handler.name):
                    viewer = pages.access.require(request, handler.capability)
                    extra = (request,) if handler.with_request else ()
                    for value in handler.fn(pages, viewer, *extra, *inputs):
                        yield pages.updates(value)

            bound: Callable[..., Any] = streaming
        else:

            def single(request: gr.Request, *inputs: Any) -> Any:
                with contract(handler.name):
                    viewer = pages.access.require(request, handler.capability)
                    extra = (request,) if handler.with_request else ()
                    return pages.updates(handler.fn(pages, viewer, *extra, *inputs))

            bound = single
        bound.__name__ = bound.__qualname__ = handler.name  # Gradio names events after it
        return bound


@contextmanager
def contract(name: str) -> Iterator[None]:
    """Messages meant for the page pass; an outage or a turn running elsewhere becomes its plain
    message; the rest is logged."""
    try:
        yield
    except gr.Error:
        raise
    except (RecordUnavailable, TurnBusy) as error:
        raise gr.Error(str(error)) from error
    except Exception as error:
        log.exception("page handler %s failed", name)
        raise gr.Error(UNEXPECTED) from error


@cache
def leaf_names(view: type) -> tuple[str, ...]:
    hints = typing.get_type_hints(view)
    names: list[str] = []
    for field in dataclasses.fields(view):
        hint = hints[field.name]
        names.extend(leaf_names(hint) if isinstance(hint, type) and dataclasses.is_dataclass(hint) else [field.name])
    return tuple(names)


def leaf_values(value: Any) -> Iterator[tuple[str, Any]]:
    for field in dataclasses.fields(value):
        item = getattr(value, field.name)
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            yield from leaf_values(item)
        else:
            yield field.name, item


def choices_update(choices: Sequence[tuple[str, str]], value: str | None = None) -> Any:
    return gr.update(choices=list(choices), value=value)


def visible(shown: bool) -> Any:
    return gr.update(visible=shown)
