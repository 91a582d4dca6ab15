"""Prometheus metrics count what learners met (turns done, failed, refused; how long they took;
partner and database failures), and the health report says whether the app can serve turns."""

from __future__ import annotations

import time
from collections.abc import Iterator

from sqlalchemy import create_engine

from simulator.bootstrap import bootstrap
from simulator.health import health_report
from simulator.metrics import metrics_payload, sample
from simulator.partner.backends.base import PartnerRequest, PartnerUnavailable
from simulator.runtime import Refused, TurnFailed, TurnResult
from simulator.settings import Settings
from tests.llm_servers import FakeOpenAIServer

SKILLED = (
    "Over the last four days the dishes from your dinners stayed in the sink overnight. "
    "I feel frustrated when I come home to that. I'd like you to wash your own dishes the same evening."
)


class DownPartner:
    name = "down"

    def stream(self, request: PartnerRequest) -> Iterator[str]:
        raise PartnerUnavailable("The partner could not answer: the test server is switched off.")
        yield ""


def counts() -> dict[str, float]:
    return {
        **{outcome: sample("rehearse_turns_total", outcome=outcome) for outcome in ("done", "failed", "refused")},
        **{
            f"timed_{outcome}": sample("rehearse_turn_seconds_count", outcome=outcome) for outcome in ("done", "failed")
        },
        "seconds_done": sample("rehearse_turn_seconds_sum", outcome="done"),
        "partner_errors": sample("rehearse_partner_errors_total", backend="down"),
        "database_errors": sample("rehearse_database_errors_total"),
    }


def test_turns_are_counted_by_outcome_and_timed_from_send_to_result(make_rehearsal, knn_rater, tmp_path):
    rehearsal = make_rehearsal()
    session = rehearsal.start("roommate-dishes").session_id
    before = counts()
    started = time.perf_counter()
    assert isinstance(list(rehearsal.send(session, SKILLED))[-1], TurnResult)
    took = time.perf_counter() - started
    assert isinstance(list(rehearsal.send(session, "   "))[-1], Refused)
    after = counts()
    assert after["done"] == before["done"] + 1 and after["timed_done"] == before["timed_done"] + 1
    assert 0 < after["seconds_done"] - before["seconds_done"] <= took
    assert after["refused"] == before["refused"] + 1 and after["failed"] == before["failed"]
    assert sample("rehearse_active_sessions") >= 1

    down = bootstrap(Settings(data_dir=tmp_path / "down"), rater=knn_rater, partner=DownPartner())
    other = down.start("roommate-dishes").session_id
    assert isinstance(list(down.send(other, SKILLED))[-1], TurnFailed)
    failed = counts()
    assert failed["failed"] == after["failed"] + 1 and failed["timed_failed"] == after["timed_failed"] + 1
    assert failed["partner_errors"] == after["partner_errors"] + 1
    down.close()


def test_a_database_outage_is_counted(make_rehearsal, monkeypatch):
    import sqlite3

    rehearsal = make_rehearsal()
    session = rehearsal.start("roommate-dishes").session_id
    before = counts()

    def unwritable(*_: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(rehearsal.store, "record_pending", unwritable)
    assert isinstance(list(rehearsal.send(session, SKILLED))[-1], Refused)
    after = counts()
    assert after["database_errors"] == before["database_errors"] + 1 and after["refused"] == before["refused"] + 1


def test_the_metrics_payload_is_prometheus_text_with_every_rehearse_metric(make_rehearsal):
    rehearsal = make_rehearsal()
    session = rehearsal.start("roommate-dishes").session_id
    list(rehearsal.send(session, SKILLED))
    body, content_type = metrics_payload()
    assert content_type.startswith("text/plain") and "version=" in content_type
    text = body.decode()
    for line in (
        'rehearse_turns_total{outcome="done"}',
        'rehearse_turns_total{outcome="failed"}',
        'rehearse_turn_seconds_bucket{le="0.5",outcome="done"}',
        "rehearse_active_sessions",
        "# TYPE rehearse_partner_errors_total counter",
        "# TYPE rehearse_rater_fallbacks_total counter",
        "rehearse_database_errors_total",
    ):
        assert line in text, line


def test_health_is_ok_when_the_record_and_checkpoints_answer(make_rehearsal):
    report = health_report(make_rehearsal())
    assert report["status"] == "ok" and report["http_status"] == 200
    checks = report["checks"]
    assert checks["database"]["ok"] and checks["checkpointer"]["ok"] and checks["database"]["ms"] >= 0
    assert checks["partner"] == {"ok": True, "backend": "scripted"} and checks["rater"]["backend"] == "knn"


def test_health_is_down_with_http_503_when_the_database_cannot_be_reached(make_rehearsal, tmp_path):
    rehearsal = make_rehearsal()
    rehearsal.engine = create_engine(f"sqlite:///{tmp_path / 'no-such-folder' / 'rehearse.sqlite'}")
    report = health_report(rehearsal)
    assert report["status"] == "down" and report["http_status"] == 503
    assert "unable to open database file" in report["checks"]["database"]["error"]


def test_health_probes_an_openai_partner_and_reports_it_slow_without_failing(knn_rater, tmp_path):
    with FakeOpenAIServer() as server:
        settings = Settings(data_dir=tmp_path / "data", partner="openai", partner_url=server.url, partner_model="fake")
        rehearsal = bootstrap(settings, rater=knn_rater)
        quick = health_report(rehearsal)
        assert (
            quick["status"] == "ok"
            and quick["checks"]["partner"]["ok"]
            and quick["checks"]["partner"]["url"] == server.url
        )
        server.delay_s = 3
        started = time.monotonic()
        slow = health_report(rehearsal)
        assert time.monotonic() - started < 2.8
        assert slow["status"] == "degraded" and slow["http_status"] == 200
        assert slow["checks"]["partner"]["error"] == f"no answer from {server.url}/models within 2 s"
        assert health_report(rehearsal, probe_partner=False)["checks"]["partner"]["ok"] is None
        rehearsal.close()
