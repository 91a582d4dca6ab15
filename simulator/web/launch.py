"""Serving the browser app: the whole HTTP app from settings, and running it."""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no network: no usage analytics

from fastapi import FastAPI

from simulator.bootstrap import bootstrap, limit_memory_arenas, settle_for_serving
from simulator.settings import Settings
from simulator.web import study as study_pages
from simulator.web.accounts import Accounts
from simulator.web.assets import offline_theme, stylesheet
from simulator.web.pages.assemble import build_app
from simulator.web.server import build_server as http_server
from simulator.web.server import use_private_uploads


def build_server(settings: Settings | None = None) -> FastAPI:
    """The whole HTTP app: sign-in, health, metrics and the pages."""
    settings = settings or Settings()
    use_private_uploads(settings)
    rehearsal = bootstrap(settings)
    accounts = Accounts(
        rehearsal.engine, sign_in_hours=settings.sign_in_hours, idle_minutes=settings.sign_in_idle_minutes
    )
    return http_server(
        rehearsal,
        build_app(rehearsal, accounts),
        accounts,
        css=stylesheet(),
        theme=offline_theme(),
        routers=[study_pages.build(rehearsal, accounts)],
    )


def launch(settings: Settings | None = None) -> None:
    import uvicorn

    limit_memory_arenas()  # before the models, the thread pools and the requests start threads
    settings = settings or Settings()
    server = build_server(settings)
    settle_for_serving()
    print(f"Rehearse is running at http://{settings.host}:{settings.port}", flush=True)
    if not server.state.accounts.any_exist():
        print(
            "No accounts yet: create the first instructor with `rehearse users add NAME --role instructor`.", flush=True
        )
    uvicorn.run(server, host=settings.host, port=settings.port, log_level="warning", timeout_graceful_shutdown=5)
