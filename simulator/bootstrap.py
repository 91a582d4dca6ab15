"""Building the rehearsal service, with everything that touches disk, database and models in
one place: folders, migrations, the crisis text, the skill catalog, the rater and partner, the
graph. `settle_for_serving()` adds what only a long-running server wants (thread limits, the
collector's freeze); front ends call it once, at launch."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
from collections.abc import Callable

from feedback.catalog import load_catalog
from feedback.raters.base import Rater
from simulator.components import limit_blas_threads, make_partner, make_rater
from simulator.graph.build import build_graph
from simulator.graph.dependencies import Dependencies
from simulator.partner.backends.base import PartnerBackend
from simulator.runtime import Rehearsal
from simulator.safety.crisis import RiskAssessment, assess_risk
from simulator.safety.crisis_alert import CrisisAlerts
from simulator.safety.crisis_text import load_crisis_resources
from simulator.settings import Settings
from simulator.storage.checkpoints import make_checkpointer
from simulator.storage.database import DATABASE_ERRORS, RecordUnavailable, unreachable
from simulator.storage.store import SessionStore, make_engine
from simulator.storage.turn_locks import TurnLocks


def bootstrap(
    settings: Settings,
    *,
    rater: Rater | None = None,
    partner: PartnerBackend | None = None,
    assess_risk: Callable[[str], RiskAssessment] = assess_risk,
) -> Rehearsal:
    """The service for `settings`; `rater` and `partner` replace the configured ones (tests,
    benchmarks). Raises RecordUnavailable, saying what to check, when the database is unreachable."""
    settings.ensure_dirs()
    crisis_resources = load_crisis_resources(settings.crisis_resources_file, settings.crisis_resources)
    url = settings.resolved_database_url
    engine = make_engine(url, pool_size=settings.database_pool_size, timeout_s=settings.database_timeout_s)
    try:
        store = SessionStore(engine)  # migrates the record to the newest schema
        checkpointer = make_checkpointer(settings)
    except DATABASE_ERRORS as error:
        engine.dispose()
        raise RecordUnavailable(unreachable(url, error)) from error
    catalog = load_catalog(settings.pack_folders)
    rater = rater or make_rater(settings, catalog)
    partner = partner or make_partner(settings)
    graph = build_graph(Dependencies(rater, partner, store, assess_risk, catalog.skills), checkpointer)
    return Rehearsal(
        settings=settings,
        engine=engine,
        store=store,
        checkpointer=checkpointer,
        catalog=catalog,
        rater=rater,
        partner=partner,
        graph=graph,
        crisis_resources=crisis_resources,
        alerts=CrisisAlerts(settings.crisis_webhook, settings.crisis_webhook_timeout_s),
        turn_locks=TurnLocks(engine),
    )


MALLOC_ARENAS = 2
M_ARENA_MAX = -8  # glibc's mallopt() parameter number


def limit_memory_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """glibc gives busy threads heaps of their own ("arenas"), up to eight per core, and memory
    freed in them stays there: 100 learners over HTTP left the server at 1.3 GiB, and at 0.87 GiB
    with two arenas, for the same CPU time. As MALLOC_ARENA_MAX=2 does (a value set there stands);
    call it before the server starts threads. False where the C library is not glibc."""
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_ARENA_MAX, arenas))


def settle_for_serving() -> None:
    """Process-wide settings for a long-running server, once everything is loaded."""
    limit_blas_threads()
    # Models, libraries and the exemplar index are long-lived: keep them out of the cyclic
    # collector's scans, which otherwise add 50-200 ms pauses to some turns.
    gc.collect()
    gc.freeze()
