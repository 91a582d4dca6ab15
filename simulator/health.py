"""Health of a running Rehearsal, for a /healthz endpoint and load balancers.

- database: the record answers SELECT 1 (down: no turn can be stored; HTTP 503)
- checkpointer: LangGraph's checkpoints can be read (down: no session can resume; HTTP 503)
- partner: the backend's name; for the `openai` backend, whether the server's /models answers
  within two seconds. A partner that is down degrades the service (turns fail with a Retry
  message) but the app still serves sessions' records, so it stays HTTP 200.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Literal

import httpx
from sqlalchemy import text

if TYPE_CHECKING:
    from simulator.runtime import Rehearsal

Status = Literal["ok", "degraded", "down"]
PARTNER_PROBE_TIMEOUT_S = 2.0


def health_report(rehearsal: Rehearsal, probe_partner: bool = True) -> dict[str, Any]:
    """{"status": "ok"|"degraded"|"down", "http_status": 200|503, "checks": {...}}"""
    checks = {
        "database": _timed(lambda: _select_one(rehearsal)),
        "checkpointer": _timed(lambda: _read_checkpoint(rehearsal)),
        "partner": _partner(rehearsal, probe_partner),
        "rater": {"ok": True, "backend": getattr(rehearsal.rater, "name", "unknown")},
    }
    status: Status = "ok"
    if not checks["database"]["ok"] or not checks["checkpointer"]["ok"]:
        status = "down"
    elif checks["partner"]["ok"] is False:
        status = "degraded"
    return {"status": status, "http_status": 503 if status == "down" else 200, "checks": checks}


def _select_one(rehearsal: Rehearsal) -> None:
    with rehearsal.engine.connect() as connection:
        connection.execute(text("SELECT 1")).scalar_one()


def _read_checkpoint(rehearsal: Rehearsal) -> None:
    # The same query a session's resume makes, for a thread that never exists.
    rehearsal.checkpointer.get_tuple({"configurable": {"thread_id": "healthz", "checkpoint_ns": ""}})


def _timed(check: Any) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        check()
    except Exception as error:  # noqa: BLE001  (a health check reports every failure, never raises)
        return {"ok": False, "error": _first_line(error), "ms": _ms(started)}
    return {"ok": True, "ms": _ms(started)}


def _partner(rehearsal: Rehearsal, probe: bool) -> dict[str, Any]:
    backend = getattr(rehearsal.partner, "name", "unknown")
    chat = getattr(rehearsal.partner, "chat", None)
    base_url = getattr(chat, "base_url", None)
    if backend != "openai" or not base_url:
        return {"ok": True, "backend": backend}
    if not probe:
        return {"ok": None, "backend": backend, "url": base_url}
    started = time.perf_counter()
    api_key = getattr(rehearsal.settings, "partner_api_key", "")
    try:
        response = httpx.get(
            f"{base_url}/models",
            timeout=PARTNER_PROBE_TIMEOUT_S,
            headers={"Authorization": f"Bearer {api_key}"} if api_key else {},
        )
    except httpx.TimeoutException:
        return {
            "ok": False,
            "backend": backend,
            "url": base_url,
            "ms": _ms(started),
            "error": f"no answer from {base_url}/models within {PARTNER_PROBE_TIMEOUT_S:g} s",
        }
    except httpx.HTTPError as error:
        return {
            "ok": False,
            "backend": backend,
            "url": base_url,
            "ms": _ms(started),
            "error": f"cannot reach {base_url} ({_first_line(error)})",
        }
    if response.status_code != 200:
        return {
            "ok": False,
            "backend": backend,
            "url": base_url,
            "ms": _ms(started),
            "error": f"{base_url}/models answered HTTP {response.status_code}",
        }
    return {"ok": True, "backend": backend, "url": base_url, "ms": _ms(started)}


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
