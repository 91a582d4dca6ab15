"""Killing the app process mid-session loses nothing: after a restart the session goes on."""

from __future__ import annotations

import pytest

from simulator.storage.store import SessionStore, make_engine
from tests.processes import add_account, free_port, rehearse_env, running_app, signed_in

FIRST = (
    "Over the last week your dinner dishes stayed in the sink on Monday, Wednesday and Friday. "
    "I feel frustrated when I have to wash up before I can cook."
)
SECOND = "I'd like you to wash your own dishes the same evening you use them."
THIRD = "If you do, the kitchen is free for both of us when we get home."


def chat_texts(chat):
    def text(content):
        if isinstance(content, list):
            return " ".join(block.get("text", "") for block in content if isinstance(block, dict))
        return content if isinstance(content, str) else content.get("text", "")

    return [(m["role"], text(m["content"])) for m in chat]


@pytest.mark.slow
def test_a_session_survives_the_app_being_killed_mid_turn(tmp_path, vector_cache):
    env = rehearse_env(tmp_path / "data", vector_cache, REHEARSE_SCRIPTED_TYPING_MS="250")
    port = free_port()
    log = tmp_path / "app.log"
    add_account(env, "tester")
    with running_app(env, log, port) as app:
        client = signed_in(app.url, "tester")
        session_id = client.call("start", "roommate-dishes", "", *[None] * 8)[0]
        client.call("send", session_id, FIRST)
        updates = client.stream("send", session_id, SECOND)
        next(updates)  # the reply has started streaming
        app.kill()

    store = SessionStore(make_engine(f"sqlite:///{tmp_path / 'data' / 'rehearse.sqlite'}"))
    turns = store.turns(session_id)
    assert [(t.index, t.status) for t in turns] == [(1, "done"), (2, "pending")]

    with running_app(env, log, port) as app:
        client = signed_in(app.url, "tester")
        reopened = client.call("open_session", session_id)
        roles = [role for role, _ in chat_texts(reopened[1])]
        assert roles == ["assistant", "user", "assistant", "user", "assistant"]
        assert chat_texts(reopened[1])[3][1] == SECOND
        after = client.call("send", session_id, THIRD)
        assert [text for role, text in chat_texts(after[1]) if role == "user"] == [FIRST, SECOND, THIRD]

    turns = store.turns(session_id)
    assert [(t.index, t.status) for t in turns] == [(1, "done"), (2, "done"), (3, "done")]
    assert all(t.ratings for t in turns)
