"""The researcher's dashboard for one study (`/study/<id>/dashboard`): enrolment per arm,
progress per step, missing surveys, withdrawals and crisis flags, with participants under their
export pseudonyms only; test participants on a view of their own, and test codes to pilot with."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from simulator.research.export import pseudonymizer
from simulator.research.study_status import study_overview
from simulator.web.accounts import Capability
from simulator.web.study.context import StudyPages
from simulator.web.study.participant import study_page

MAX_TEST_CODES = 20
NEEDS_KEY = (
    "The dashboard shows participants only under their export pseudonyms, which need "
    "REHEARSE_EXPORT_KEY: ask the operator to set it (the same key the exports use)."
)


def researcher(pages: StudyPages, request: Request) -> Response | None:
    """None when the caller may run studies; else the page to send them instead."""
    viewer = pages.viewer(request)
    if viewer is None:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    if not viewer.can(Capability.run_studies):
        return pages.render(
            "notice.html",
            403,
            study=None,
            page="forbidden",
            heading="For the study team",
            paragraphs=["Only researchers and instructors open a study's dashboard."],
        )
    return None


@study_page
def show_dashboard(
    pages: StudyPages, request: Request, study_id: str, test: bool = False, new_codes: list[str] | None = None
) -> Response:
    refused = researcher(pages, request)
    if refused is not None:
        return refused
    runner = pages.runner(study_id)
    key = pages.rehearsal.settings.export_key
    if not key:
        return pages.render(
            "notice.html", 503, study=runner.study, page="needs-key", heading="Dashboard", paragraphs=[NEEDS_KEY]
        )
    overview = study_overview(runner, pseudonymizer(key), test=test)
    return pages.render(
        "dashboard.html",
        study=runner.study,
        overview=overview,
        test=test,
        new_codes=new_codes,
        link=str(request.base_url).rstrip("/") + f"/study/{study_id}",
        max_codes=MAX_TEST_CODES,
    )


@study_page
def issue_test_codes(
    pages: StudyPages, request: Request, study_id: str, count: Annotated[int, Form(ge=1, le=MAX_TEST_CODES)] = 2
) -> Response:
    refused = researcher(pages, request)
    if refused is not None:
        return refused
    codes = pages.runner(study_id).issue_codes(count, test=True)
    return show_dashboard(pages, request, study_id, test=True, new_codes=codes)


def build(pages: StudyPages) -> APIRouter:
    router = APIRouter()
    routes: list[tuple[str, str, Callable[..., Response]]] = [
        ("GET", "/dashboard", show_dashboard),
        ("POST", "/dashboard/test-codes", issue_test_codes),
    ]
    for method, path, handler in routes:
        router.add_api_route(
            f"/study/{{study_id}}{path}", functools.partial(handler, pages), methods=[method], include_in_schema=False
        )
    return router
