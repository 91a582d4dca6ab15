"""Console, Scenarios: every scenario file and its validation status (staff)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from simulator.settings import Settings
from simulator.web.accounts import Capability, Viewer
from simulator.web.handlers import Pages, handler


@dataclass
class ScenarioListParts:
    console_refresh: gr.Button
    scenario_table: gr.Dataframe


@dataclass
class ScenarioList:
    scenario_table: list[list[str]]
    file_choice: Any  # the editor's "open a file" choices follow the list


def source(settings: Settings, path: Path) -> str:
    return "authored" if path.resolve().parent == settings.authored_dir.resolve() else "library"


def scenario_list(pages: Pages) -> ScenarioList:
    settings, library = pages.rehearsal.settings, pages.rehearsal.library()
    rows = [
        [loaded.id, loaded.scenario.title, "valid", source(settings, loaded.path), loaded.path.name]
        for loaded in sorted(library.scenarios.values(), key=lambda s: s.id)
    ]
    for file, problems in sorted(library.invalid_files.items()):
        first = problems[0]
        rows.append(
            [
                "—",
                Path(file).name,
                f"{len(problems)} problem(s): line {first.line}: {first.message}",
                source(settings, Path(file)),
                Path(file).name,
            ]
        )
    editable = [(f"{row[4]} ({row[3]})", f"{row[3]}/{row[4]}") for row in rows]
    return ScenarioList(rows, gr.update(choices=editable))


@handler(Capability.view_cohort)
def scenario_rows(pages: Pages, viewer: Viewer) -> ScenarioList:
    return scenario_list(pages)


def build(pages: Pages) -> ScenarioListParts:
    parts = ScenarioListParts(
        gr.Button("Refresh", size="sm", elem_id="console-refresh"),
        gr.Dataframe(
            headers=["id", "title", "status", "source", "file"],
            interactive=False,
            label="Scenario files and their validation status",
            elem_id="console-scenario-table",
        ),
    )
    pages.register(parts)
    return parts


def wire(pages: Pages, parts: ScenarioListParts) -> None:
    parts.console_refresh.click(
        pages.bind(scenario_rows), None, pages.outputs(ScenarioList), api_name="console_scenarios"
    )
