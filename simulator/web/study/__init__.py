"""The study pages: the participant's link (`/study/<study-id>`) and the researcher's dashboard
(`/study/<study-id>/dashboard`). `build()` gives the routes to serve beside the app's pages."""

from __future__ import annotations

from fastapi import APIRouter

from scenarios.problems import YamlFileError
from scenarios.study_schema import load_study
from simulator.runtime import Rehearsal
from simulator.settings import Settings
from simulator.web.accounts import Accounts
from simulator.web.study import dashboard, participant
from simulator.web.study.context import make_pages


def build(rehearsal: Rehearsal, accounts: Accounts) -> APIRouter:
    pages = make_pages(rehearsal, accounts)
    router = APIRouter()
    router.include_router(participant.build(pages))
    router.include_router(dashboard.build(pages))
    return router


def console_links(settings: Settings) -> str:
    """Markdown for the console: each study's dashboard and the link participants open."""
    lines = []
    for folder in settings.study_folders:
        for path in sorted(folder.glob("*.yaml")):
            try:
                study = load_study(path)
            except YamlFileError:
                continue
            lines.append(
                f"- {study.title}: [open the dashboard](/study/{study.id}/dashboard); participants open "
                f"`/study/{study.id}` and enter their code"
            )
    return "\n".join(lines) or "No studies yet: write one in scenarios/studies/ (see README, Running a study)."
