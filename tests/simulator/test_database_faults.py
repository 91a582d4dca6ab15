"""When the database goes away (PostgreSQL restarting, a SQLite file that cannot be written),
the learner reads a plain message instead of a traceback, nothing typed or rated is lost, and
the session goes on where it stopped once the database is back, without restarting the app."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator

import pytest

from simulator.bootstrap import bootstrap
from simulator.health import health_report
from simulator.partner.backends.base import PartnerRequest
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.runtime import (
    TURN_NOT_FINISHED,
    TURN_NOT_SAVED,
    PartnerChunk,
    Refused,
    Rehearsal,
    TurnFailed,
    TurnResult,
)
from simulator.settings import Settings
from simulator.storage.database import RecordUnavailable
from tests.postgres import PostgresCluster, create_database, private_cluster

SKILLED = (
    "Over the last four days the dishes from your dinners stayed in the sink overnight. "
    "I feel frustrated when I come home to that. I'd like you to wash your own dishes the same evening."
)
FOLLOW_UP = "If you wash up the same evening, we can both cook when we get home."


class InterruptedPartner(ScriptedPartner):
    """The scripted partner; part-way through one reply, something happens (the server stops)."""

    def __init__(self) -> None:
        super().__init__()
        self.during_next_reply: Callable[[], None] | None = None

    def stream(self, request: PartnerRequest) -> Iterator[str]:
        for number, chunk in enumerate(super().stream(request)):
            if number == 1 and self.during_next_reply is not None:
                happen, self.during_next_reply = self.during_next_reply, None
                happen()
            yield chunk


def snapshot(rehearsal: Rehearsal, session: str) -> list[tuple]:
    return [
        (
            t.index,
            t.learner_text,
            t.partner_text,
            t.openness_after,
            t.coach_text,
            sorted((r.skill, r.level, r.score) for r in t.ratings),
            t.reasons,
        )
        for t in rehearsal.store.turns(session)
    ]


def assert_plain(message: str) -> None:
    assert "Traceback" not in message and "psycopg" not in message and "sqlalchemy" not in message.lower()


@pytest.fixture
def cluster() -> Iterator[PostgresCluster]:
    try:
        with private_cluster() as server:
            yield server
    except LookupError as missing:
        pytest.skip(f"needs a PostgreSQL server of its own to stop and start: {missing}")


@pytest.fixture
def on_cluster(cluster, knn_rater, tmp_path) -> Iterator[tuple[Rehearsal, InterruptedPartner]]:
    partner = InterruptedPartner()
    settings = Settings(
        data_dir=tmp_path / "data", database_url=create_database(cluster.url, "rehearse"), database_timeout_s=2
    )
    rehearsal = bootstrap(settings, rater=knn_rater, partner=partner)
    yield rehearsal, partner
    rehearsal.close()


@pytest.mark.postgres
def test_a_postgresql_restart_between_turns_asks_the_learner_to_try_again_and_loses_nothing(on_cluster, cluster):
    rehearsal, _ = on_cluster
    session = rehearsal.start("roommate-dishes", learner_id="ana").session_id
    assert isinstance(list(rehearsal.send(session, SKILLED))[-1], TurnResult)
    before = snapshot(rehearsal, session)

    cluster.stop("fast")
    started = time.monotonic()
    events = list(rehearsal.send(session, FOLLOW_UP))
    assert events == [Refused(TURN_NOT_SAVED)]  # the app keeps the words in the box on Refused
    assert "try again in a moment" in events[0].message and time.monotonic() - started < 15
    with pytest.raises(RecordUnavailable) as unavailable:
        rehearsal.status(session)
    assert_plain(str(unavailable.value))
    health = health_report(rehearsal)
    assert health["status"] == "down" and health["http_status"] == 503 and not health["checks"]["database"]["ok"]

    cluster.start()  # the same app, no restart: its pools reconnect
    result = list(rehearsal.send(session, FOLLOW_UP))[-1]
    assert isinstance(result, TurnResult) and result.index == 2
    after = snapshot(rehearsal, session)
    assert after[:1] == before and [t[1] for t in after] == [SKILLED, FOLLOW_UP]
    assert health_report(rehearsal)["status"] == "ok"


@pytest.mark.postgres
def test_a_postgresql_restart_in_the_middle_of_a_turn_keeps_the_words_for_retry(on_cluster, cluster):
    rehearsal, partner = on_cluster
    session = rehearsal.start("roommate-dishes").session_id
    list(rehearsal.send(session, SKILLED))
    before = snapshot(rehearsal, session)

    partner.during_next_reply = lambda: cluster.stop("fast")
    events = list(rehearsal.send(session, FOLLOW_UP))
    assert any(isinstance(e, PartnerChunk) for e in events)
    assert events[-1] == TurnFailed(TURN_NOT_FINISHED) and "press Retry" in events[-1].message

    cluster.start()
    status = rehearsal.status(session)
    assert status.needs_recovery and status.turn == 1
    assert list(rehearsal.send(session, "something else")) == [
        Refused("The previous turn is still unfinished. Press Retry to finish it first.")
    ]
    result = list(rehearsal.retry(session))[-1]
    assert isinstance(result, TurnResult) and result.index == 2 and result.learner_text == FOLLOW_UP
    after = snapshot(rehearsal, session)
    assert after[:1] == before and [t[1] for t in after] == [SKILLED, FOLLOW_UP]
    assert [t.status for t in rehearsal.store.turns(session)] == ["done", "done"]


def test_a_sqlite_file_that_cannot_be_written_refuses_the_turn_with_a_plain_message(make_rehearsal, monkeypatch):
    rehearsal = make_rehearsal()
    session = rehearsal.start("roommate-dishes").session_id
    list(rehearsal.send(session, SKILLED))
    before = snapshot(rehearsal, session)

    def disk_full(*_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(rehearsal.store, "record_pending", disk_full)
    events = list(rehearsal.send(session, FOLLOW_UP))
    assert events == [Refused(TURN_NOT_SAVED)]
    monkeypatch.undo()
    assert snapshot(rehearsal, session) == before
    result = list(rehearsal.send(session, FOLLOW_UP))[-1]
    assert isinstance(result, TurnResult) and result.index == 2


def test_a_record_that_fails_at_the_end_of_a_turn_keeps_the_turn_for_retry(make_rehearsal, monkeypatch):
    from sqlalchemy.exc import OperationalError

    rehearsal = make_rehearsal()
    session = rehearsal.start("roommate-dishes").session_id

    def locked(*_: object, **__: object) -> None:
        raise OperationalError("UPDATE turns ...", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(rehearsal.store, "record_turn", locked)
    events = list(rehearsal.send(session, SKILLED))
    assert events[-1] == TurnFailed(TURN_NOT_FINISHED)
    assert [(t.status, t.learner_text) for t in rehearsal.store.turns(session)] == [("pending", SKILLED)]
    monkeypatch.undo()
    assert rehearsal.status(session).needs_recovery
    result = list(rehearsal.retry(session))[-1]
    assert isinstance(result, TurnResult) and result.learner_text == SKILLED
    assert [t.status for t in rehearsal.store.turns(session)] == ["done"]


def test_an_app_started_without_its_database_says_which_one_and_what_to_check(knn_rater, tmp_path):
    from tests.processes import free_port

    url = f"postgresql://rehearse:s3cret@127.0.0.1:{free_port()}/rehearse"
    with pytest.raises(RecordUnavailable) as unavailable:
        bootstrap(Settings(data_dir=tmp_path / "data", database_url=url), rater=knn_rater, partner=ScriptedPartner())
    message = str(unavailable.value)
    assert message.startswith("cannot reach the database at postgresql://rehearse:***@127.0.0.1:")
    assert "REHEARSE_DATABASE_URL" in message and "s3cret" not in message
