"""The study pages: the participant's link (`/study/<study-id>`) and the researcher's dashboard
(`/study/<study-id>/dashboard`). `build()` gives the routes to serve beside the app's pages."""

from __future__ import annotations

from fastapi import APIRouter

from simulator.runtime import Rehearsal
from simulator.web.accounts import Accounts
from simulator.web.study import participant
from simulator.web.study.context import make_pages


def build(rehearsal: Rehearsal, accounts: Accounts) -> APIRouter:
    pages = make_pages(rehearsal, accounts)
    router = APIRouter()
    router.include_router(participant.build(pages))
    return router
