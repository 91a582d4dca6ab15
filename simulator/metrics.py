"""Prometheus metrics for turns, their latency, partner and rater failures and database outages.

The counters live in prometheus_client's default registry (one per process, like the process
and garbage-collector metrics it already holds); the web layer serves `metrics_payload()` at
/metrics. With several app replicas, Prometheus scrapes each and sums.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

TURN_OUTCOMES = ("done", "failed", "refused")
ACTIVE_WINDOW_S = 15 * 60  # a session counts as active while its learner sent something this recently

TURNS = Counter(
    "rehearse_turns",
    "Learner turns by outcome: done (rated and answered), failed (stored, "
    "waiting for Retry), refused (not accepted; nothing stored).",
    ["outcome"],
)
TURN_SECONDS = Histogram(
    "rehearse_turn_seconds",
    "Seconds from the learner's send to the turn's result (done) or the failure message (failed).",
    ["outcome"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 21, 34, 60, 120),
)
PARTNER_ERRORS = Counter(
    "rehearse_partner_errors",
    "Partner replies that failed (server down, too slow, HTTP error); the turn waits for Retry.",
    ["backend"],
)
RATER_FALLBACKS = Counter(
    "rehearse_rater_fallbacks",
    "Turns where a rater fell back to another (the llm rater to knn) for at least one skill, by why.",
    ["rater", "reason"],
)
DATABASE_ERRORS = Counter(
    "rehearse_database_errors",
    "Turns and requests that met an unreachable database (the learner was asked to try again).",
)
CRISIS_ALERT_ERRORS = Counter(
    "rehearse_crisis_alert_errors",
    "Crisis alerts the webhook did not accept "
    "(unreachable, too slow, HTTP error); the learner's turn was not affected.",
)
ACTIVE_SESSIONS = Gauge(
    "rehearse_active_sessions",
    f"Sessions with a learner turn in the last {ACTIVE_WINDOW_S // 60} minutes in this process.",
)

for _outcome in TURN_OUTCOMES:  # show zeros from the start, so rates work before the first failure
    TURNS.labels(_outcome)

_last_seen: dict[str, float] = {}
_last_seen_lock = threading.Lock()


def _active_sessions() -> int:
    cutoff = time.monotonic() - ACTIVE_WINDOW_S
    with _last_seen_lock:
        for session_id in [s for s, seen in _last_seen.items() if seen < cutoff]:
            del _last_seen[session_id]
        return len(_last_seen)


ACTIVE_SESSIONS.set_function(_active_sessions)


def session_seen(session_id: str) -> None:
    with _last_seen_lock:
        _last_seen[session_id] = time.monotonic()


def turn_finished(outcome: str, seconds: float | None = None) -> None:
    if outcome not in TURN_OUTCOMES:
        raise ValueError(f"unknown turn outcome '{outcome}'; one of {', '.join(TURN_OUTCOMES)}")
    TURNS.labels(outcome).inc()
    if seconds is not None and outcome != "refused":
        TURN_SECONDS.labels(outcome).observe(seconds)


def partner_failed(backend: str) -> None:
    PARTNER_ERRORS.labels(backend).inc()


def database_failed() -> None:
    DATABASE_ERRORS.inc()


def crisis_alert_failed() -> None:
    CRISIS_ALERT_ERRORS.inc()


def rater_fallbacks(rater: str, ratings: Iterable[Any]) -> None:
    """Count a fallback when any rating came from another rater than the one asked (the llm
    rater answers with the knn rating and a note saying why)."""
    fallen = [r for r in ratings if getattr(r, "rater", rater) != rater]
    if fallen:
        RATER_FALLBACKS.labels(rater, fallback_reason(getattr(fallen[0], "note", None))).inc()


def fallback_reason(note: str | None) -> str:
    text = (note or "").lower()
    if "unavailable" in text:
        return "unavailable"  # down, too slow, or an HTTP error
    if "could not be read" in text:
        return "unreadable"
    if "did not rate" in text:
        return "incomplete"
    return "other"


def metrics_payload() -> tuple[bytes, str]:
    """The body and content type for a /metrics response."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def sample(name: str, **labels: str) -> float:
    """The current value of one sample, 0 if it has none yet (for tests and the CLI)."""
    value = REGISTRY.get_sample_value(name, labels or None)
    return value or 0.0
