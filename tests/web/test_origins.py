"""Which pages may send changes: the app's own origin by default, or the origins an operator lists."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from simulator.settings import Settings
from simulator.web.server import SameOriginChanges, origin_of


def client(allowed: frozenset[str] = frozenset()) -> TestClient:
    async def echo(request):  # type: ignore[no-untyped-def]
        return PlainTextResponse("done")

    inner = Starlette(routes=[Route("/act", echo, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])])
    return TestClient(SameOriginChanges(inner, allowed), base_url="http://rehearse.uni.example")


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_changes_from_another_origin_are_refused_by_default(method):
    app = client()
    for foreign in (
        "https://students.uni.example",
        "http://rehearse.uni.example:8081",
        "https://rehearse.uni.example",
        "null",
    ):
        assert app.request(method, "/act", headers={"Origin": foreign}).status_code == 403, foreign
    assert app.request(method, "/act", headers={"Referer": "https://students.uni.example/page"}).status_code == 403
    assert app.request(method, "/act", headers={"Origin": "http://rehearse.uni.example"}).status_code == 200
    assert app.request(method, "/act", headers={"Referer": "http://rehearse.uni.example/?session=1"}).status_code == 200
    assert app.request(method, "/act").status_code == 200  # a program, not a page: no one's cookies ride along


def test_reading_is_never_refused_for_its_origin():
    assert client().get("/act", headers={"Origin": "https://students.uni.example"}).status_code == 200


def test_listed_origins_replace_the_host_header_guess():
    app = client(
        Settings(allowed_origins="https://rehearse.uni.example, https://rehearse.uni.example:8443/").allowed_origin_set
    )
    assert app.post("/act", headers={"Origin": "https://rehearse.uni.example"}).status_code == 200
    assert app.post("/act", headers={"Origin": "https://rehearse.uni.example:8443"}).status_code == 200
    assert app.post("/act", headers={"Origin": "http://rehearse.uni.example"}).status_code == 403


def test_origins_compare_without_default_ports_or_case():
    assert origin_of("HTTPS://Rehearse.Uni.Example:443/login?next=/") == "https://rehearse.uni.example"
    assert origin_of("http://127.0.0.1:7860") == "http://127.0.0.1:7860"
    assert origin_of("null") is None and origin_of("javascript:alert(1)") is None


def test_an_allowed_origin_must_be_an_origin():
    with pytest.raises(ValidationError, match="is not an origin"):
        Settings(allowed_origins="rehearse.uni.example")
    with pytest.raises(ValidationError, match="is not an origin"):
        Settings(allowed_origins="https://rehearse.uni.example/app")
