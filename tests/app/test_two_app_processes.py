"""Two `rehearse serve` processes on one PostgreSQL serve the same learners: a session begun on
one continues on the other, with the same sign-in; and when one is killed in the middle of a
turn, the learner carries on on the other and nothing typed or rated is lost."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from simulator.storage.store import SessionStore, make_engine
from tests.processes import REPO, AppProcess, add_account, free_port, rehearse_env, signed_in

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
FIRST = "Over the last week your dishes stayed in the sink on Monday, Wednesday and Friday."
SECOND = "I feel frustrated when I have to wash up before I cook. I'd like you to wash yours the same evening."
THIRD = "If you do, the kitchen is free for both of us when we get home."


def learner_lines(chat: list[dict]) -> list[str]:
    return [" ".join(block["text"] for block in m["content"]) for m in chat if m["role"] == "user"]


def two_replicas(database_url: str, tmp_path: Path, cache: Path, learner: str) -> list[AppProcess]:
    """Two app processes (not started) on one PostgreSQL database, and a learner account on it."""
    envs = [
        rehearse_env(
            tmp_path / f"replica-{n}",
            cache,
            REHEARSE_DATABASE_URL=database_url,
            REHEARSE_SCRIPTED_TYPING_MS="250",
        )
        for n in (1, 2)
    ]
    add_account(envs[0], learner)
    return [AppProcess(env, free_port(), tmp_path / f"app-{n}.log", cwd=REPO) for n, env in enumerate(envs)]


def test_a_session_moves_between_app_processes_and_survives_one_being_killed(postgres_database, tmp_path, vector_cache):
    apps = two_replicas(postgres_database, tmp_path, vector_cache, "shared-learner")
    first, second = apps
    try:
        with ThreadPoolExecutor(2) as pool:  # start both at once: they migrate the database once, under a lock
            list(pool.map(lambda app: app.start(), apps))
        on_first = signed_in(first.url, "shared-learner")
        session_id = on_first.call("start", "roommate-dishes", "", *[None] * 8)[0]
        on_first.call("send", session_id, FIRST)

        on_second = signed_in(second.url, "shared-learner")
        reopened = on_second.call("open_session", session_id)
        assert learner_lines(reopened[1]) == [FIRST]

        updates = on_first.stream("send", session_id, SECOND)
        next(updates)  # the partner's reply is streaming from the first process ...
        first.kill()  # ... when it dies

        recovered = on_second.call("open_session", session_id)  # the second process finishes the cut turn
        assert learner_lines(recovered[1]) == [FIRST, SECOND]
        assert recovered[1][-1]["role"] == "assistant"
        after = on_second.call("send", session_id, THIRD)
        assert learner_lines(after[1]) == [FIRST, SECOND, THIRD]
    finally:
        first.stop()
        second.stop()

    store = SessionStore(make_engine(postgres_database))
    turns = store.turns(session_id)
    assert [(t.index, t.status) for t in turns] == [(1, "done"), (2, "done"), (3, "done")]
    assert all(len(t.ratings) >= 7 for t in turns)
    assert store.get_session(session_id).learner_id == "shared-learner"


def test_the_same_turn_sent_from_two_tabs_on_two_app_processes_runs_once(postgres_database, tmp_path, vector_cache):
    apps = two_replicas(postgres_database, tmp_path, vector_cache, "two-tabs")
    try:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda app: app.start(), apps))
        tabs = [signed_in(app.url, "two-tabs") for app in apps]  # one tab reached each replica
        session_id = tabs[0].call("start", "roommate-dishes", "", *[None] * 8)[0]
        with ThreadPoolExecutor(2) as pool:
            shown = list(pool.map(lambda tab: tab.call("send", session_id, FIRST), tabs))
    finally:
        for app in apps:
            app.stop()

    ran = [s for s in shown if learner_lines(s[1]) == [FIRST] and s[1][-1]["role"] == "assistant"]
    refused = [s for s in shown if "still running" in s[5]]
    assert len(ran) == 1 and len(refused) == 1, [s[5] for s in shown]
    store = SessionStore(make_engine(postgres_database))
    assert [(t.index, t.status) for t in store.turns(session_id)] == [(1, "done")]
    with store.engine.connect() as connection:  # the lease went with the turn
        assert connection.exec_driver_sql("SELECT count(*) FROM turn_leases").scalar() == 0
