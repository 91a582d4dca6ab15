"""Console, Export: every table with pseudonymous learner ids, as a zip only the asker can
download, once (staff)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from html import escape
from typing import Literal, cast

import gradio as gr

from simulator.research.export import ExportError, ExportOptions, export
from simulator.web.accounts import Capability, Viewer
from simulator.web.handlers import Pages, handler
from simulator.web.private_files import ARCHIVE_NAME, ExportShelf, zip_privately
from simulator.web.views import alert

Format = Literal["csv", "parquet", "jsonl"]


@dataclass
class ExportParts:
    export_format: gr.Radio
    include_text: gr.Checkbox
    export_button: gr.Button
    export_note: gr.HTML
    export_file: gr.HTML


@dataclass
class Prepared:
    export_file: str
    export_note: str


@handler(Capability.export_data)
def download(pages: Pages, viewer: Viewer, format: str, include_text: bool) -> Prepared:
    """The export as a zip in the asker's private folder, offered as a link only they can open, once."""
    settings = pages.rehearsal.settings
    shelf = ExportShelf(settings.exports_dir)
    export_id, folder = shelf.new_folder(viewer.username)
    options = ExportOptions(
        out=folder / "tables",
        format=cast(Format, format),
        include_text=include_text,
        key=settings.export_key,
        time_resolution=settings.export_time_resolution,
    )
    try:
        counts = export(pages.store.engine, options)
        archive = zip_privately(options.out, folder / ARCHIVE_NAME)
    except ExportError as error:
        shelf.discard(viewer.username, export_id)
        return Prepared("", alert(str(error)))
    finally:
        shutil.rmtree(options.out, ignore_errors=True)
    summary = ", ".join(f"{table} {rows}" for table, rows in counts.items())
    link = (
        f"<a href='exports/{export_id}' download='{ARCHIVE_NAME}' id='export-link'>Download {ARCHIVE_NAME} "
        f"({max(1, archive.stat().st_size // 1024)} KiB)</a>: it works once, for you, within the hour."
    )
    return Prepared(link, f"<p role='status'>Exported: {escape(summary)}. Learner ids are pseudonyms.</p>")


def build(pages: Pages) -> ExportParts:
    gr.Markdown(
        "Every table (participants, sessions, turns, ratings, coach events, partner states, surveys, "
        "outcomes) with pseudonymous learner ids. What learners typed is left out unless you tick the box."
    )
    with gr.Row():
        export_format = gr.Radio(["csv", "parquet", "jsonl"], value="csv", label="Format", elem_id="export-format")
        include_text = gr.Checkbox(label="Include what learners typed", value=False, elem_id="export-text")
    parts = ExportParts(
        export_format,
        include_text,
        gr.Button("Prepare export", variant="primary", elem_id="export-button"),
        gr.HTML(elem_id="export-note"),
        gr.HTML(elem_id="export-file"),
    )
    pages.register(parts)
    return parts


def wire(pages: Pages, parts: ExportParts) -> None:
    parts.export_button.click(
        pages.bind(download),
        [parts.export_format, parts.include_text],
        pages.outputs(Prepared),
        api_name="console_export",
    )
