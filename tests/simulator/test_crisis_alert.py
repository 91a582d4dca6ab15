"""The optional crisis alert (REHEARSE_CRISIS_WEBHOOK), against a real local HTTP server: it names
the session, the verdict and the time, never what the learner wrote, and a webhook that fails or
hangs never breaks or holds up the learner's turn."""

from __future__ import annotations

import time

from prometheus_client import REGISTRY

from simulator.bootstrap import bootstrap
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.runtime import Rehearsal, TurnResult
from simulator.settings import Settings
from tests.llm_servers import silent_server
from tests.processes import free_port
from tests.webhook_server import WebhookServer

CHECK_IN = "Honestly I just want to disappear"
CRISIS = "I want to kill myself tonight"


def rehearsal_with(knn_rater, tmp_path, webhook: str, timeout_s: float = 5) -> Rehearsal:  # type: ignore[no-untyped-def]
    settings = Settings(data_dir=tmp_path / "data", crisis_webhook=webhook, crisis_webhook_timeout_s=timeout_s)
    return bootstrap(settings, rater=knn_rater, partner=ScriptedPartner())


def turn(rehearsal: Rehearsal, session_id: str, text: str) -> TurnResult:
    result = list(rehearsal.send(session_id, text))[-1]
    assert isinstance(result, TurnResult), result
    return result


def alert_failures() -> float:
    return REGISTRY.get_sample_value("rehearse_crisis_alert_errors_total") or 0.0


def wait_until(condition, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition did not become true"
        time.sleep(0.05)


def test_the_webhook_gets_session_verdict_and_time_but_never_the_learners_words(knn_rater, tmp_path):
    with WebhookServer() as hook:
        rehearsal = rehearsal_with(knn_rater, tmp_path, hook.url)
        session = rehearsal.start("roommate-dishes").session_id
        turn(rehearsal, session, CHECK_IN)
        rehearsal.carry_on(session)
        turn(rehearsal, session, CRISIS)
        other = rehearsal.start("sister-loan").session_id
        turn(rehearsal, other, CHECK_IN)
        rehearsal.need_help(other)
        bodies = hook.wait_for(4)
        rehearsal.close()
    assert sorted((b["session_id"], b["verdict"], b["turn"]) for b in bodies) == sorted(
        [(session, "check_in", 1), (session, "crisis", 2), (other, "check_in", 1), (other, "crisis", 1)]
    )
    assert all(set(b) == {"event", "session_id", "verdict", "turn", "at"} for b in bodies)
    assert all(b["at"].endswith("+00:00") for b in bodies)
    raw = b"".join(hook.bodies).decode().lower()
    for word in ("disappear", "kill", "tonight", "honestly"):
        assert word not in raw


def test_no_alert_is_sent_for_an_ordinary_turn(knn_rater, tmp_path):
    with WebhookServer() as hook:
        rehearsal = rehearsal_with(knn_rater, tmp_path, hook.url)
        session = rehearsal.start("roommate-dishes").session_id
        turn(rehearsal, session, "Could you wash your dishes the same evening?")
        turn(rehearsal, session, CRISIS)
        bodies = hook.wait_for(1)
        rehearsal.close()
    assert [b["verdict"] for b in bodies] == ["crisis"] and len(hook.bodies) == 1


def test_a_webhook_that_refuses_or_cannot_be_reached_is_logged_and_the_turn_goes_on(knn_rater, tmp_path, caplog):
    with WebhookServer(status=500) as hook:
        for url in (hook.url, f"http://127.0.0.1:{free_port()}/nobody-listens"):
            before = alert_failures()
            rehearsal = rehearsal_with(knn_rater, tmp_path / str(len(caplog.records)), url)
            session = rehearsal.start("roommate-dishes").session_id
            result = turn(rehearsal, session, CHECK_IN)
            assert result.safety == "check_in" and rehearsal.status(session).paused
            wait_until(lambda: alert_failures() == before + 1)  # noqa: B023
            rehearsal.close()
    assert len(hook.bodies) == 1
    warnings = [r.getMessage() for r in caplog.records if "crisis alert" in r.getMessage()]
    assert len(warnings) == 2 and all("disappear" not in w for w in warnings)


def test_a_webhook_that_never_answers_does_not_hold_up_the_turn(knn_rater, tmp_path):
    with silent_server() as url:
        rehearsal = rehearsal_with(knn_rater, tmp_path, url, timeout_s=3)
        session = rehearsal.start("roommate-dishes").session_id
        before = alert_failures()
        result = turn(rehearsal, session, CRISIS)
        assert result.outcome == "crisis"
        assert alert_failures() == before  # the turn came back while the alert was still waiting
        wait_until(lambda: alert_failures() == before + 1)
        rehearsal.close()
