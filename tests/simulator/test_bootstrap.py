"""`bootstrap` builds the rehearsal service (folders, migrated record, catalog, graph); process-
wide settings wait for a server's launch."""

from __future__ import annotations

import dataclasses
import gc

from simulator.bootstrap import bootstrap, limit_memory_arenas, settle_for_serving
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.runtime import Rehearsal
from simulator.settings import Settings
from simulator.storage.migrate import current, head


def test_bootstrap_migrates_the_record_and_leaves_the_collector_alone(tmp_path, knn_rater):
    frozen = gc.get_freeze_count()
    rehearsal = bootstrap(Settings(data_dir=tmp_path / "data"), rater=knn_rater, partner=ScriptedPartner())
    try:
        assert current(rehearsal.engine) == head()
        assert "ask_for_specifics" in rehearsal.catalog.skills  # the packs' skills, for coach and pages
        assert rehearsal.start("roommate-dishes").turn == 0
        assert gc.get_freeze_count() == frozen
    finally:
        rehearsal.close()


def test_the_service_is_given_every_part_it_uses():
    given = {field.name for field in dataclasses.fields(Rehearsal) if field.init}
    assert {"store", "checkpointer", "catalog", "rater", "partner", "graph", "turn_locks"} <= given
    optional = [
        field.name for field in dataclasses.fields(Rehearsal) if field.init and field.default is not dataclasses.MISSING
    ]
    assert optional == []  # nothing is built behind the caller's back


def test_settling_for_serving_freezes_what_is_loaded():
    before = gc.get_freeze_count()
    settle_for_serving()
    try:
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


def test_a_server_keeps_few_memory_arenas_unless_the_operator_chose_a_number(monkeypatch):
    import platform

    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_memory_arenas() is False  # the operator's MALLOC_ARENA_MAX stands
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    assert limit_memory_arenas() is (platform.libc_ver()[0] == "glibc")
