"""When the language-model server is down or slower than its timeout, the learner reads what
happened and what to do; their words stay stored; Retry finishes the turn once the server
answers again. An llm rater that is down or slow gives the knn rating, with a note, and the turn
goes on. Real HTTP servers throughout: a port nobody listens on, and a tiny one that dawdles."""

from __future__ import annotations

import time

from feedback.llm.openai_chat import OpenAIChat
from feedback.raters.llm import LlmRater
from simulator.bootstrap import bootstrap
from simulator.health import health_report
from simulator.metrics import sample
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.runtime import Rehearsal, TurnFailed, TurnResult
from simulator.settings import Settings
from tests.llm_servers import FakeOpenAIServer
from tests.processes import free_port

SKILLED = (
    "Over the last four days the dishes from your dinners stayed in the sink overnight. "
    "I feel frustrated when I come home to that. I'd like you to wash your own dishes the same evening."
)


def openai_partner(knn_rater, tmp_path, url: str) -> Rehearsal:
    settings = Settings(
        data_dir=tmp_path / "data",
        partner="openai",
        partner_url=url,
        partner_model="fake",
        partner_timeout_s=1,
        partner_retries=0,
    )
    return bootstrap(settings, rater=knn_rater)


def pending(rehearsal: Rehearsal, session: str) -> list[tuple[str, str]]:
    return [(t.status, t.learner_text) for t in rehearsal.store.turns(session)]


def test_a_partner_server_nobody_answers_at_fails_the_turn_clearly_and_retry_finishes_it_once_it_is_up(
    knn_rater, tmp_path
):
    port = free_port()
    rehearsal = openai_partner(knn_rater, tmp_path, f"http://127.0.0.1:{port}/v1")
    session = rehearsal.start("roommate-dishes").session_id
    errors = sample("rehearse_partner_errors_total", backend="openai")

    failed = list(rehearsal.send(session, SKILLED))[-1]
    assert isinstance(failed, TurnFailed)
    assert failed.message == (
        f"The partner could not answer: cannot reach the language model at http://127.0.0.1:{port}/v1 "
        "(is the server running?). Your words are saved; press Retry to get the reply."
    )
    assert pending(rehearsal, session) == [("pending", SKILLED)]
    assert sample("rehearse_partner_errors_total", backend="openai") == errors + 1
    health = health_report(rehearsal)
    assert health["status"] == "degraded" and health["http_status"] == 200
    assert "cannot reach" in health["checks"]["partner"]["error"]

    with FakeOpenAIServer(port=port):
        result = list(rehearsal.retry(session))[-1]
        assert isinstance(result, TurnResult) and result.learner_text == SKILLED
        assert result.partner_text == FakeOpenAIServer.PARTNER_REPLY
        assert health_report(rehearsal)["status"] == "ok"
    assert pending(rehearsal, session) == [("done", SKILLED)]
    rehearsal.close()


def test_a_partner_server_slower_than_its_timeout_fails_the_turn_clearly_and_retry_finishes_it_when_it_is_quick_again(
    knn_rater, tmp_path
):
    with FakeOpenAIServer(delay_s=4) as server:
        rehearsal = openai_partner(knn_rater, tmp_path, server.url)
        session = rehearsal.start("roommate-dishes").session_id
        started = time.monotonic()
        failed = list(rehearsal.send(session, SKILLED))[-1]
        assert time.monotonic() - started < 3.5  # REHEARSE_PARTNER_TIMEOUT_S=1, not the server's 4 s
        assert isinstance(failed, TurnFailed)
        assert failed.message == (
            f"The partner could not answer: the language model at {server.url} did not answer "
            "in time. Your words are saved; press Retry to get the reply."
        )
        assert pending(rehearsal, session) == [("pending", SKILLED)]

        server.delay_s = 0
        result = list(rehearsal.retry(session))[-1]
        assert isinstance(result, TurnResult) and result.partner_text == FakeOpenAIServer.PARTNER_REPLY
        assert pending(rehearsal, session) == [("done", SKILLED)]
        rehearsal.close()


def test_an_llm_rater_that_is_down_or_slow_gives_knn_ratings_with_a_note_and_the_turn_goes_on(knn_rater, tmp_path):
    with FakeOpenAIServer(delay_s=4) as slow:
        for case, url in (("down", f"http://127.0.0.1:{free_port()}/v1"), ("slow", slow.url)):
            rater = LlmRater(OpenAIChat(url, model="fake", timeout_s=1, retries=0), fallback=knn_rater)
            rehearsal = bootstrap(Settings(data_dir=tmp_path / case), rater=rater, partner=ScriptedPartner())
            session = rehearsal.start("roommate-dishes").session_id
            fallbacks = sample("rehearse_rater_fallbacks_total", rater="llm", reason="unavailable")
            result = list(rehearsal.send(session, SKILLED))[-1]
            assert isinstance(result, TurnResult) and result.partner_text, case
            assert result.ratings and all(
                r.rater == "knn" and r.note.startswith("LLM rater unavailable") for r in result.ratings
            ), case
            stored = rehearsal.store.turns(session)[0].ratings
            assert {r.skill for r in stored} == {r.skill for r in result.ratings}
            assert all(r.note and "knn rating" in r.note for r in stored), case
            assert sample("rehearse_rater_fallbacks_total", rater="llm", reason="unavailable") == fallbacks + 1

        slow.delay_s = 0  # the server is quick again: the next turn is rated by the llm rater
        result = list(rehearsal.send(session, "If you wash up the same evening, we can both cook."))[-1]
        assert isinstance(result, TurnResult) and all(r.rater == "llm" and r.note is None for r in result.ratings)
        rehearsal.close()
