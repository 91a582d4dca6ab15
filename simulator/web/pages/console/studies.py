"""Console, Studies: each study's arms and enrolment, and one-use enrolment codes (staff)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr
from sqlmodel import Session, func, select

from scenarios.problems import YamlFileError
from scenarios.study_schema import STUDIES_DIR, Study, load_study
from simulator.research.studies import StudyRunner
from simulator.storage.models import Participant
from simulator.web.accounts import Capability, Viewer
from simulator.web.handlers import Pages, handler
from simulator.web.study import console_links as study_dashboard_links

MAX_CODES = 500


@dataclass
class StudiesParts:
    studies_button: gr.Button
    studies_table: gr.Dataframe
    study_choice: gr.Dropdown
    code_count: gr.Number
    codes_button: gr.Button
    codes: gr.Textbox


@dataclass
class StudiesView:
    studies_table: list[list[Any]]
    study_choice: Any


@dataclass
class Issued:
    codes: str
    studies: StudiesView


def study_files() -> list[Path]:
    return sorted(STUDIES_DIR.glob("*.yaml"))


def study_row(db: Session, study: Study) -> list[Any]:
    issued = db.exec(select(func.count()).select_from(Participant).where(Participant.study_id == study.id)).one()
    per_arm = dict(
        db.exec(
            select(Participant.arm, func.count())
            .where(Participant.study_id == study.id, Participant.arm.is_not(None))  # type: ignore[union-attr]
            .group_by(Participant.arm)
        ).all()
    )
    arms = ", ".join(f"{arm.id}: {per_arm.get(arm.id, 0)}" for arm in study.arms)
    return [study.id, study.title, arms, issued, sum(per_arm.values())]


def studies_view(pages: Pages) -> StudiesView:
    rows, choices = [], []
    with Session(pages.store.engine) as db:
        for path in study_files():
            try:
                study = load_study(path)
            except YamlFileError as error:
                rows.append([path.name, f"invalid: {error.problems[0]}", "", 0, 0])
                continue
            rows.append(study_row(db, study))
            choices.append((study.title, str(path)))
    return StudiesView(rows, gr.update(choices=choices))


@handler(Capability.run_studies)
def studies(pages: Pages, viewer: Viewer) -> StudiesView:
    return studies_view(pages)


@handler(Capability.run_studies)
def issue_codes(pages: Pages, viewer: Viewer, study_path: str | None, count: float | None) -> Issued:
    if not study_path or Path(study_path) not in study_files():
        raise gr.Error("Choose a study.")
    number = int(count or 0)
    if not 1 <= number <= MAX_CODES:
        raise gr.Error(f"Issue between 1 and {MAX_CODES} codes at a time.")
    codes = StudyRunner(pages.rehearsal, load_study(study_path)).issue_codes(number)
    return Issued("\n".join(codes), studies_view(pages))


def build(pages: Pages) -> StudiesParts:
    gr.Markdown(study_dashboard_links(pages.rehearsal.settings), elem_id="study-dashboards")
    button = gr.Button("Refresh", size="sm", elem_id="studies-refresh")
    table = gr.Dataframe(
        headers=["id", "title", "enrolled per arm", "codes issued", "enrolled"],
        interactive=False,
        label="Studies",
        elem_id="studies-table",
    )
    with gr.Row():
        choice = gr.Dropdown(label="Study", choices=[], elem_id="study-choice", allow_custom_value=True)
        count = gr.Number(
            label="How many enrolment codes", value=10, precision=0, minimum=1, maximum=MAX_CODES, elem_id="code-count"
        )
        codes_button = gr.Button("Issue codes", elem_id="codes-button")
    codes = gr.Textbox(
        label="New codes (one per participant; each works once)", lines=6, interactive=False, elem_id="codes"
    )
    parts = StudiesParts(button, table, choice, count, codes_button, codes)
    pages.register(parts)
    return parts


def wire(pages: Pages, parts: StudiesParts, tab: gr.Tab) -> None:
    bind, out = pages.bind, pages.outputs
    parts.studies_button.click(bind(studies), None, out(StudiesView), api_name="console_studies")
    tab.select(bind(studies), None, out(StudiesView), api_visibility="private")
    parts.codes_button.click(
        bind(issue_codes), [parts.study_choice, parts.code_count], out(Issued), api_name="console_codes"
    )
