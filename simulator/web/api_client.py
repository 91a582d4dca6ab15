"""An HTTP client for the running app: sign in as a user, then call the pages' API by name
(`start`, `send`, `debrief`, ...) through Gradio's REST protocol (POST the inputs, read the
server-sent events). Used by `rehearse bench turns` and by the tests that act as a browser would."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from simulator.web.server import SIGN_IN_COOKIE


class SignInFailed(RuntimeError):
    pass


class CallFailed(RuntimeError):
    """The app answered the call with an error; the message is what a user would have seen."""

    def __init__(self, api_name: str, status: int, message: str):
        super().__init__(f"{api_name}: {message}")
        self.api_name, self.status, self.message = api_name, status, message


@dataclass(frozen=True)
class Update:
    final: bool
    data: list[Any]


def parse_events(lines: Iterator[str] | list[str], api_name: str) -> Iterator[Update]:
    event = None
    for line in lines:
        if line.startswith("event:"):
            event = line.partition(":")[2].strip()
        elif line.startswith("data:"):
            payload = line.partition(":")[2].strip()
            if event == "error":
                raise CallFailed(api_name, 200, error_message(payload))
            if event in ("generating", "complete"):
                yield Update(event == "complete", json.loads(payload))
            if event == "complete":
                return


def error_message(payload: str) -> str:
    detail = json.loads(payload) if payload and payload != "null" else None
    if isinstance(detail, dict):
        detail = detail.get("error") or detail.get("message")
    return detail if isinstance(detail, str) and detail else "the app reported an error"


FORM_TOKEN = re.compile(r'name="form_token" value="([^"]*)"')


def sign_in_form(page: httpx.Response, username: str, password: str) -> dict[str, str]:
    """The sign-in form's fields as the page filled them in (with its token), and the person's."""
    found = FORM_TOKEN.search(page.text)
    if page.status_code != 200 or found is None:
        raise SignInFailed(f"the sign-in page did not load (HTTP {page.status_code})")
    return {"username": username, "password": password, "next": "/", "form_token": found.group(1)}


def check_signed_in(response: httpx.Response, cookies: httpx.Cookies, username: str) -> None:
    if response.status_code != 303 or SIGN_IN_COOKIE not in cookies:
        raise SignInFailed(f"sign-in as '{username}' failed (HTTP {response.status_code})")


def _failed(api_name: str, response: httpx.Response) -> CallFailed:
    try:
        detail = response.json().get("detail", response.text)
    except ValueError:
        detail = response.text
    return CallFailed(api_name, response.status_code, detail if isinstance(detail, str) else json.dumps(detail))


class AppClient:
    def __init__(self, base_url: str, timeout: float = 120):
        self.http = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout)
        self.session_hash = uuid.uuid4().hex  # one per client, as one browser tab keeps one

    def sign_in(self, username: str, password: str) -> AppClient:
        form = sign_in_form(self.http.get("/login"), username, password)
        response = self.http.post("/login", data=form)
        check_signed_in(response, self.http.cookies, username)
        return self

    def stream(self, api_name: str, *data: Any) -> Iterator[Update]:
        posted = self.http.post(
            f"/gradio_api/call/{api_name}", json={"data": list(data), "session_hash": self.session_hash}
        )
        if posted.status_code != 200:
            raise _failed(api_name, posted)
        event_id = posted.json()["event_id"]
        with self.http.stream("GET", f"/gradio_api/call/{api_name}/{event_id}") as response:
            if response.status_code != 200:
                response.read()
                raise _failed(api_name, response)
            yield from parse_events(response.iter_lines(), api_name)

    def call(self, api_name: str, *data: Any) -> list[Any]:
        final = [update for update in self.stream(api_name, *data) if update.final]
        if not final:
            raise CallFailed(api_name, 200, "the call ended without a result")
        return final[-1].data

    def close(self) -> None:
        self.http.close()


class AsyncAppClient:
    def __init__(self, base_url: str, timeout: float = 120, limits: httpx.Limits | None = None):
        self.http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"), timeout=timeout, limits=limits or httpx.Limits(max_connections=10)
        )
        self.session_hash = uuid.uuid4().hex

    async def sign_in(self, username: str, password: str) -> AsyncAppClient:
        form = sign_in_form(await self.http.get("/login"), username, password)
        response = await self.http.post("/login", data=form)
        check_signed_in(response, self.http.cookies, username)
        return self

    async def stream(self, api_name: str, *data: Any) -> AsyncIterator[Update]:
        posted = await self.http.post(
            f"/gradio_api/call/{api_name}", json={"data": list(data), "session_hash": self.session_hash}
        )
        if posted.status_code != 200:
            raise _failed(api_name, posted)
        event_id = posted.json()["event_id"]
        async with self.http.stream("GET", f"/gradio_api/call/{api_name}/{event_id}") as response:
            if response.status_code != 200:
                await response.aread()
                raise _failed(api_name, response)
            lines = [line async for line in response.aiter_lines()]
        for update in parse_events(lines, api_name):
            yield update

    async def call(self, api_name: str, *data: Any) -> list[Any]:
        final = [update async for update in self.stream(api_name, *data) if update.final]
        if not final:
            raise CallFailed(api_name, 200, "the call ended without a result")
        return final[-1].data

    async def aclose(self) -> None:
        await self.http.aclose()
