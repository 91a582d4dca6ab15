"""Console, Write or upload: the YAML editor with the validator's messages at their lines, save
and preview (instructors)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import gradio as gr

from scenarios.preview import learner_card, partner_card
from simulator.web.accounts import Capability, Viewer
from simulator.web.drafts import (
    DraftCheck,
    DraftError,
    check_draft,
    draft_file_name,
    numbered_listing,
    problem_list,
    save_draft,
)
from simulator.web.handlers import Pages, handler
from simulator.web.pages.console.scenarios import ScenarioList, scenario_list, source
from simulator.web.private_files import discard_upload
from simulator.web.server import MAX_UPLOAD_BYTES
from simulator.web.views import alert

AUTHOR = Capability.author_scenarios


@dataclass
class AuthoringParts:
    file_choice: gr.Dropdown
    open_button: gr.Button
    uploaded: gr.File
    file_name: gr.Textbox
    editor: gr.Code
    check_button: gr.Button
    save_button: gr.Button
    preview_button: gr.Button
    problems: gr.HTML
    listing: gr.HTML
    preview_text: gr.Textbox


@dataclass
class Checked:
    problems: str
    listing: str


@dataclass
class Opened:
    editor: str
    file_name: str
    checked: Checked


@dataclass
class Saved:
    checked: Checked
    scenarios: ScenarioList


def file_for(pages: Pages, choice: str) -> Path:
    settings = pages.rehearsal.settings
    origin, _, name = choice.partition("/")
    authored = settings.authored_dir.resolve()
    folders = (
        [settings.authored_dir]
        if origin == "authored"
        else [f for f in settings.scenario_folders if f.resolve() != authored]
    )
    for folder in folders:
        candidate = folder / Path(name).name
        if candidate.is_file():
            return candidate
    raise gr.Error(f"{name} is no longer there; refresh the list.")


def checked(pages: Pages, text: str, file_name: str) -> DraftCheck:
    """The draft checked as the library would load it, against the library as it is now."""
    return check_draft(
        text or "",
        file_name or "",
        pages.rehearsal.library(),
        pages.rehearsal.catalog.ids,
        pages.rehearsal.settings.authored_dir,
    )


def check_view(pages: Pages, text: str, file_name: str) -> Checked:
    try:
        result = checked(pages, text, file_name)
    except DraftError as error:
        return Checked(alert(str(error)), "")
    return Checked(problem_list(result), numbered_listing(text or "", result.problems))


@handler(AUTHOR)
def open_file(pages: Pages, viewer: Viewer, choice: str | None) -> Opened:
    if not choice:
        raise gr.Error("Choose a file to open.")
    path = file_for(pages, choice)
    text = path.read_text(encoding="utf-8", errors="replace")
    name = path.name if source(pages.rehearsal.settings, path) == "authored" else f"my-{path.stem}.yaml"
    return Opened(text, name, check_view(pages, text, name))


@handler()  # any signed-in caller: whoever sent a file, it is read at most once and then gone
def upload(pages: Pages, viewer: Viewer, file: str | None) -> Opened:
    path = Path(file) if file else None
    try:
        pages.access.check(viewer, AUTHOR)
        if path is None:
            raise gr.Error("Choose a YAML file to upload.")
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise gr.Error(
                f"That file is {path.stat().st_size // 1024} KiB; scenario files are at most "
                f"{MAX_UPLOAD_BYTES // 1024} KiB."
            )
        text = path.read_bytes().decode("utf-8", errors="replace")
        return Opened(text, draft_file_name(path.name), check_view(pages, text, path.name))
    finally:
        if path is not None:
            discard_upload(path, pages.rehearsal.settings.uploads_dir)


@handler(AUTHOR)
def check(pages: Pages, viewer: Viewer, text: str, file_name: str) -> Checked:
    return check_view(pages, text, file_name)


@handler(AUTHOR)
def save(pages: Pages, viewer: Viewer, text: str, file_name: str) -> Saved:
    try:
        result = checked(pages, text, file_name)
    except DraftError as error:
        return Saved(Checked(alert(f"Not saved: {error}"), ""), scenario_list(pages))
    try:
        path = save_draft(text, result, pages.rehearsal.settings.authored_dir)
    except DraftError as error:
        return Saved(
            Checked(alert(f"Not saved: {error}") + problem_list(result), numbered_listing(text or "", result.problems)),
            scenario_list(pages),
        )
    title = result.scenario.title if result.scenario else path.stem
    message = (
        f"<p class='rh-valid' role='status'>Saved <code>{escape(path.name)}</code>. Learners can choose "
        f"“{escape(title)}” now.</p>"
    )
    return Saved(Checked(message, numbered_listing(text, [])), scenario_list(pages))


@handler(AUTHOR)
def preview(pages: Pages, viewer: Viewer, text: str, file_name: str) -> str:
    result = checked(pages, text, file_name or "draft.yaml")
    if result.scenario is None:
        return "Fix the problems above to see the preview."
    return f"{learner_card(result.scenario)}\n\n{partner_card(result.scenario)}"


def build(pages: Pages) -> AuthoringParts:
    gr.Markdown(
        "Open a file to edit a copy, upload a YAML file, or write one. **Check** shows every problem "
        "at its line; **Save** stores a valid file in the authored folder, where learners see it at once."
    )
    with gr.Row():
        choice = gr.Dropdown(
            label="Open a scenario file", choices=[], elem_id="console-open-choice", scale=3, allow_custom_value=True
        )
        open_button = gr.Button("Open", elem_id="console-open", scale=1)
        uploaded = gr.File(
            label="Upload a YAML file", file_types=[".yaml", ".yml"], type="filepath", elem_id="console-upload", scale=3
        )
    name = gr.Textbox(label="File name", value="my-scenario.yaml", max_lines=1, elem_id="console-file-name")
    editor = gr.Code(label="Scenario YAML", language="yaml", lines=24, interactive=True, elem_id="console-editor")
    with gr.Row():
        check_button = gr.Button("Check", elem_id="console-check")
        save_button = gr.Button("Save", variant="primary", elem_id="console-save")
        preview_button = gr.Button("Preview", elem_id="console-preview")
    parts = AuthoringParts(
        choice,
        open_button,
        uploaded,
        name,
        editor,
        check_button,
        save_button,
        preview_button,
        gr.HTML(elem_id="console-problems"),
        gr.HTML(elem_id="console-listing"),
        gr.Textbox(
            label="Preview: the learner's card and the partner's card",
            lines=16,
            interactive=False,
            elem_id="console-preview-text",
        ),
    )
    pages.register(parts)
    return parts


def wire(pages: Pages, parts: AuthoringParts) -> None:
    p, bind, out = parts, pages.bind, pages.outputs
    p.open_button.click(bind(open_file), p.file_choice, out(Opened), api_name="console_open")
    p.uploaded.upload(bind(upload), p.uploaded, out(Opened), api_name="console_upload")
    p.check_button.click(bind(check), [p.editor, p.file_name], out(Checked), api_name="console_check")
    p.save_button.click(bind(save), [p.editor, p.file_name], out(Saved), api_name="console_save")
    p.preview_button.click(bind(preview), [p.editor, p.file_name], p.preview_text, api_name="console_preview")
