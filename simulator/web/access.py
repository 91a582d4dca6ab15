"""Role checks for every page handler: who is asking, may they do this, is this session theirs."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from simulator.storage.database import RecordUnavailable
from simulator.storage.models import RehearsalSession
from simulator.storage.store import SessionStore
from simulator.web.accounts import Accounts, Capability, Viewer

SIGNED_OUT = "Your sign-in has ended. Reload the page to sign in again; your sessions are kept."
NOT_YOURS = "There is no session with that id among your sessions."
WHO_MAY = {
    Capability.practise: "every account",
    Capability.author_scenarios: "instructors",
    Capability.view_cohort: "instructors and researchers",
    Capability.run_studies: "instructors and researchers",
    Capability.export_data: "instructors and researchers",
    Capability.manage_accounts: "instructors",
}


class Access:
    def __init__(self, accounts: Accounts, store: SessionStore):
        self.accounts = accounts
        self.store = store
        self._owners: dict[str, str] = {}

    def viewer(self, request: gr.Request | None) -> Viewer:
        name = getattr(request, "username", None) if request is not None else None
        viewer = self.accounts.get(name) if name else None
        if viewer is None:
            raise gr.Error(SIGNED_OUT)
        return viewer

    def require(self, request: gr.Request | None, capability: Capability) -> Viewer:
        return self.check(self.viewer(request), capability)

    def check(self, viewer: Viewer, capability: Capability) -> Viewer:
        if not viewer.can(capability):
            raise gr.Error(f"Only {WHO_MAY[capability]} can do this; your account is a {viewer.role.value} account.")
        return viewer

    def own_session(self, request: gr.Request | None, session_id: str | None) -> Viewer:
        """The viewer's own session, to rehearse in: nobody else's, whatever their role."""
        return self.owned(self.viewer(request), session_id)

    def owned(self, viewer: Viewer, session_id: str | None) -> Viewer:
        if not session_id or self._owner(session_id) != viewer.username:
            raise gr.Error(NOT_YOURS)
        return viewer

    def _owner(self, session_id: str) -> str | None:
        """Who a session belongs to never changes, so it is looked up once per process."""
        if session_id not in self._owners:
            record = self.store.get_session(session_id)
            if record is None:
                return None
            if len(self._owners) > 100_000:
                self._owners.clear()
            self._owners[session_id] = record.learner_id
        return self._owners[session_id]

    def readable_session(self, request: gr.Request | None, session_id: str | None) -> tuple[Viewer, RehearsalSession]:
        """A session to read: the learner's own; instructors and researchers may read any."""
        viewer = self.viewer(request)
        return viewer, self.readable(viewer, session_id)

    def readable(self, viewer: Viewer, session_id: str | None) -> RehearsalSession:
        record = self.store.get_session(session_id) if session_id else None
        if record is None or (record.learner_id != viewer.username and not viewer.can(Capability.view_cohort)):
            raise gr.Error(NOT_YOURS)
        return record


def plain_errors(handler: Callable[..., Any]) -> Callable[..., Any]:
    """A database outage becomes the plain message a learner can act on, not a traceback."""
    if inspect.isgeneratorfunction(handler):

        @functools.wraps(handler)
        def streaming(*args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from handler(*args, **kwargs)
            except RecordUnavailable as error:
                raise gr.Error(str(error)) from error

        return streaming

    @functools.wraps(handler)
    def single(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        except RecordUnavailable as error:
            raise gr.Error(str(error)) from error

    return single
