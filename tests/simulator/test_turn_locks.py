"""One turn at a time per session, held in the record so every replica sees it: a second taker
is refused (or waits), the lease is gone when the turn is done, and a dead holder's lease runs out."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from simulator.storage.models import TurnLease, utc_now
from simulator.storage.store import SessionStore, make_engine
from simulator.storage.turn_locks import TurnBusy, TurnLocks


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'locks.sqlite'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_database")
    )
    return SessionStore(make_engine(url)).engine


def leases(engine) -> list[str]:  # type: ignore[no-untyped-def]
    with Session(engine) as db:
        return [lease.session_id for lease in db.exec(select(TurnLease))]


def test_a_second_replica_is_refused_while_a_turn_runs_and_the_lease_is_gone_after(engine):
    first, second = TurnLocks(engine), TurnLocks(engine)  # two processes' views of one record
    with first.hold("s1"):
        assert leases(engine) == ["s1"] and second.held("s1")
        with pytest.raises(TurnBusy, match="still running"), second.hold("s1"):
            pass
        with second.hold("s2"):  # other sessions are not held up
            pass
    assert leases(engine) == []
    with second.hold("s1"):
        pass
    first.close(), second.close()


def test_a_waiting_taker_runs_when_the_turn_before_it_ends(engine):
    locks = TurnLocks(engine)
    order: list[str] = []
    started = threading.Event()

    def first_turn() -> None:
        with locks.hold("s1"):
            started.set()
            threading.Event().wait(0.3)
            order.append("first")

    thread = threading.Thread(target=first_turn)
    thread.start()
    started.wait()
    with locks.hold("s1", wait_s=5):
        order.append("second")
    thread.join()
    assert order == ["first", "second"]
    locks.close()


def test_the_lease_of_a_holder_that_died_runs_out_and_is_taken_over(engine):
    with Session(engine) as db:
        db.add(TurnLease(session_id="s1", holder="a-process-that-died", expires_at=utc_now() - timedelta(seconds=1)))
        db.commit()
    locks = TurnLocks(engine)
    with locks.hold("s1"), Session(engine) as db:
        assert db.get(TurnLease, "s1").holder != "a-process-that-died"
    assert leases(engine) == []
    locks.close()


def test_a_long_turn_keeps_its_lease_by_renewing_it(engine):
    locks, other = TurnLocks(engine, lease_s=0.6), TurnLocks(engine, lease_s=0.6)
    with locks.hold("s1"):
        threading.Event().wait(1.5)  # well past one lease: only renewal keeps it
        with pytest.raises(TurnBusy), other.hold("s1"):
            pass
    locks.close(), other.close()
