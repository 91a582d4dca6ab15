"""What every study page needs: the rehearsal service, who is signed in (for the dashboard), the
studies on disk, and the templates."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from scenarios.study_schema import Study, find_study
from simulator.research.studies import StudyRunner
from simulator.runtime import Rehearsal
from simulator.web.accounts import Accounts, Viewer
from simulator.web.server import SignInGate

TEMPLATES_DIR = Path(__file__).with_name("templates")
STYLE = (Path(__file__).with_name("study.css")).read_text(encoding="utf-8")
NO_STORE = {"Cache-Control": "no-store"}


class StudyNotFound(LookupError):
    pass


@dataclass
class StudyPages:
    rehearsal: Rehearsal
    gate: SignInGate
    templates: Environment
    _locks: dict[str, threading.Lock] = field(default_factory=dict, init=False)
    _guard: threading.Lock = field(default_factory=threading.Lock, init=False)

    def lock(self, participant_id: str) -> threading.Lock:
        """One form at a time per participant in this process: a double-clicked survey starts one
        conversation, not two."""
        with self._guard:
            return self._locks.setdefault(participant_id, threading.Lock())

    def study(self, study_id: str) -> Study:
        try:
            return find_study(study_id, self.rehearsal.settings.study_folders)[0]
        except KeyError as error:
            raise StudyNotFound(study_id) from error

    def runner(self, study_id: str) -> StudyRunner:
        return StudyRunner(self.rehearsal, self.study(study_id))

    def viewer(self, request: Request) -> Viewer | None:
        return self.gate.viewer(request)

    def render(self, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
        page = self.templates.get_template(template).render(style=STYLE, **values)
        return HTMLResponse(page, status_code=status_code, headers=NO_STORE)


def make_pages(rehearsal: Rehearsal, accounts: Accounts) -> StudyPages:
    templates = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return StudyPages(rehearsal, SignInGate(accounts, rehearsal.settings), templates)
