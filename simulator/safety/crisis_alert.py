"""The optional crisis alert: a POST to the clinic's webhook (REHEARSE_CRISIS_WEBHOOK) when a
turn stops or pauses the role-play for safety, so someone can be paged.

The body names the session, the verdict, the turn and the time, never what the learner wrote.
It is sent from a background thread with a short timeout: a slow or failing webhook is logged and
counted, and never delays or breaks the learner's turn.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from simulator import metrics

log = logging.getLogger(__name__)


def alert_body(session_id: str, verdict: str, turn: int) -> dict[str, str | int]:
    """What the webhook receives; deliberately without the learner's words."""
    return {
        "event": "rehearse.safety",
        "session_id": session_id,
        "verdict": verdict,
        "turn": turn,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


class CrisisAlerts:
    def __init__(self, url: str | None, timeout_s: float = 5.0):
        self.url, self.timeout_s = url, timeout_s
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="crisis-alert") if url else None

    def notify(self, session_id: str, verdict: str, turn: int) -> Future[bool] | None:
        """Send the alert in the background; None when no webhook is configured."""
        if self._pool is None:
            return None
        return self._pool.submit(self._post, alert_body(session_id, verdict, turn))

    def _post(self, body: dict[str, str | int]) -> bool:
        try:
            response = httpx.post(self.url, json=body, timeout=self.timeout_s)  # type: ignore[arg-type]
            response.raise_for_status()
        except httpx.HTTPError as error:
            metrics.crisis_alert_failed()
            log.warning("crisis alert for session %s to %s failed: %s", body["session_id"], _host(self.url), error)
            return False
        return True

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=False)


def _host(url: str | None) -> str:
    """The webhook's host only: its path may hold a secret token."""
    return urlsplit(url or "").netloc or "the webhook"
