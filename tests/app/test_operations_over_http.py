"""The running app answers /healthz and /metrics without a sign-in, and counts turns."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.processes import signed_in

pytestmark = pytest.mark.slow


def done_turns(url: str) -> float:
    text = httpx.get(f"{url}metrics").text
    match = re.search(r'^rehearse_turns_total\{outcome="done"\} (\S+)$', text, re.MULTILINE)
    assert match, "the turn counter is missing from /metrics"
    return float(match.group(1))


def test_health_reports_the_database_and_partner(web_app):
    response = httpx.get(f"{web_app.url}healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert report["checks"]["database"]["ok"] and report["checks"]["checkpointer"]["ok"]
    assert report["checks"]["partner"]["backend"] == "scripted"


def test_metrics_count_the_turns_learners_send(web_app):
    before = done_turns(web_app.url)
    learner = signed_in(web_app.url, web_app.account())
    session_id = learner.call("start", "neighbour-driveway", "", *[None] * 8)[0]
    learner.call("send", session_id, "Your van has blocked my driveway three mornings this week.")
    learner.call("send", session_id, "I'd like you to park it on the street side from tomorrow.")
    assert done_turns(web_app.url) == before + 2
    text = httpx.get(f"{web_app.url}metrics").text
    assert 'rehearse_turn_seconds_bucket{le="+Inf",outcome="done"}' in text
