"""The instructor console: scenarios and their validation status, the YAML editor with the
validator's messages at their lines, preview, cohort, studies and export download.

Built inside the app's Blocks; every handler checks the caller's capability itself."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr
from sqlmodel import Session, func, select

from scenarios.preview import learner_card, partner_card
from scenarios.problems import YamlFileError
from scenarios.study_schema import STUDIES_DIR, load_study
from simulator.research.export import ExportError, ExportOptions, export, pseudonymizer
from simulator.research.studies import StudyRunner
from simulator.runtime import Rehearsal
from simulator.storage.models import Participant
from simulator.web.access import Access
from simulator.web.accounts import AccountError, Capability
from simulator.web.drafts import (
    DraftCheck,
    DraftError,
    check_draft,
    draft_file_name,
    numbered_listing,
    problem_list,
    save_draft,
)
from simulator.web.private_files import ARCHIVE_NAME, ExportShelf, discard_upload, zip_privately
from simulator.web.server import MAX_UPLOAD_BYTES
from simulator.web.study import console_links as study_dashboard_links
from simulator.web.views import alert, cohort_frame, safety_sessions_frame

MAX_CODES = 500
PSEUDONYMS_NEED_KEY = ("Researchers see learners only under their pseudonyms, which need REHEARSE_EXPORT_KEY: ask "
                       "the operator to set it (the same key the exports use).")


def build(rehearsal: Rehearsal, access: Access, tab: gr.Tab) -> None:
    settings = rehearsal.settings
    shelf = ExportShelf(settings.exports_dir)

    # scenarios -----------------------------------------------------------------------------
    def scenario_rows(request: gr.Request) -> tuple[list[list[str]], Any]:
        access.require(request, Capability.view_cohort)
        library = rehearsal.library()
        rows = [[loaded.id, loaded.scenario.title, "valid", source(loaded.path), loaded.path.name]
                for loaded in sorted(library.scenarios.values(), key=lambda s: s.id)]
        for file, problems in sorted(library.invalid_files.items()):
            first = problems[0]
            rows.append(["—", Path(file).name, f"{len(problems)} problem(s): line {first.line}: {first.message}",
                         source(Path(file)), Path(file).name])
        editable = [(f"{row[4]} ({row[3]})", f"{row[3]}/{row[4]}") for row in rows]
        return rows, gr.update(choices=editable)

    def source(path: Path) -> str:
        return "authored" if path.resolve().parent == settings.authored_dir.resolve() else "library"

    def file_for(choice: str) -> Path:
        origin, _, name = choice.partition("/")
        folders = [settings.authored_dir] if origin == "authored" else [f for f in settings.scenario_folders
                                                                         if f.resolve() != settings.authored_dir.resolve()]
        for folder in folders:
            candidate = folder / Path(name).name
            if candidate.is_file():
                return candidate
        raise gr.Error(f"{name} is no longer there; refresh the list.")

    def open_file(choice: str | None, request: gr.Request) -> tuple[Any, ...]:
        access.require(request, Capability.author_scenarios)
        if not choice:
            raise gr.Error("Choose a file to open.")
        path = file_for(choice)
        text = path.read_text(encoding="utf-8", errors="replace")
        name = path.name if source(path) == "authored" else f"my-{path.stem}.yaml"
        return (text, name, *check(text, name, request))

    def upload(file: str | None, request: gr.Request) -> tuple[Any, ...]:
        if file:
            try:
                return upload_checked(Path(file), request)
            finally:
                discard_upload(Path(file), settings.uploads_dir)  # read once, then gone
        access.require(request, Capability.author_scenarios)
        raise gr.Error("Choose a YAML file to upload.")

    def upload_checked(path: Path, request: gr.Request) -> tuple[Any, ...]:
        access.require(request, Capability.author_scenarios)
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise gr.Error(f"That file is {path.stat().st_size // 1024} KiB; scenario files are at most "
                           f"{MAX_UPLOAD_BYTES // 1024} KiB.")
        text = path.read_bytes().decode("utf-8", errors="replace")
        return (text, draft_file_name(path.name), *check(text, path.name, request))

    def checked(text: str, file_name: str) -> DraftCheck:
        """The draft checked as the library would load it, against the library as it is now."""
        return check_draft(text or "", file_name or "", rehearsal.library(), rehearsal.catalog.ids,
                           settings.authored_dir)

    def check(text: str, file_name: str, request: gr.Request) -> tuple[str, str]:
        access.require(request, Capability.author_scenarios)
        try:
            result = checked(text, file_name)
        except DraftError as error:
            return alert(str(error)), ""
        return problem_list(result), numbered_listing(text or "", result.problems)

    def save(text: str, file_name: str, request: gr.Request) -> tuple[Any, ...]:
        access.require(request, Capability.author_scenarios)
        try:
            result = checked(text, file_name)
        except DraftError as error:
            return (alert(f"Not saved: {error}"), "", *scenario_rows(request))
        try:
            path = save_draft(text, result, settings.authored_dir)
        except DraftError as error:
            return (alert(f"Not saved: {error}") + problem_list(result), numbered_listing(text or "", result.problems),
                    *scenario_rows(request))
        message = (f"<p class='rh-valid' role='status'>Saved <code>{escape(path.name)}</code>. Learners can choose "
                   f"“{escape(result.scenario.title)}” now.</p>")  # type: ignore[union-attr]
        return (message, numbered_listing(text, []), *scenario_rows(request))

    def preview(text: str, file_name: str, request: gr.Request) -> str:
        access.require(request, Capability.author_scenarios)
        result = checked(text, file_name or "draft.yaml")
        if result.scenario is None:
            return "Fix the problems above to see the preview."
        return f"{learner_card(result.scenario)}\n\n{partner_card(result.scenario)}"

    # cohort, studies, export ---------------------------------------------------------------
    def cohort(request: gr.Request) -> tuple[Any, Any]:
        """Instructors, who know their learners by name anyway, see usernames; researchers see the
        export's pseudonyms and no times, so the console adds nothing to join the export on."""
        viewer = access.require(request, Capability.view_cohort)
        engine = rehearsal.store.engine
        if viewer.can(Capability.manage_accounts):
            return cohort_frame(engine), safety_sessions_frame(engine)
        if not settings.export_key:
            raise gr.Error(PSEUDONYMS_NEED_KEY)
        pseudonym = pseudonymizer(settings.export_key)
        return cohort_frame(engine, pseudonym), safety_sessions_frame(engine, pseudonym)

    def study_files() -> list[Path]:
        return sorted(STUDIES_DIR.glob("*.yaml"))

    def studies(request: gr.Request) -> tuple[list[list[Any]], Any]:
        access.require(request, Capability.run_studies)
        rows, choices = [], []
        with Session(rehearsal.store.engine) as db:
            for path in study_files():
                try:
                    study = load_study(path)
                except YamlFileError as error:
                    rows.append([path.name, f"invalid: {error.problems[0]}", "", 0, 0])
                    continue
                issued = db.exec(select(func.count()).select_from(Participant).where(Participant.study_id == study.id)).one()
                per_arm = dict(db.exec(select(Participant.arm, func.count()).where(
                    Participant.study_id == study.id, Participant.arm.is_not(None)).group_by(Participant.arm)).all())  # type: ignore[union-attr]
                arms = ", ".join(f"{arm.id}: {per_arm.get(arm.id, 0)}" for arm in study.arms)
                rows.append([study.id, study.title, arms, issued, sum(per_arm.values())])
                choices.append((study.title, str(path)))
        return rows, gr.update(choices=choices)

    def issue_codes(study_path: str | None, count: float | None, request: gr.Request) -> tuple[str, Any, Any]:
        access.require(request, Capability.run_studies)
        if not study_path or Path(study_path) not in study_files():
            raise gr.Error("Choose a study.")
        number = int(count or 0)
        if not 1 <= number <= MAX_CODES:
            raise gr.Error(f"Issue between 1 and {MAX_CODES} codes at a time.")
        codes = StudyRunner(rehearsal, load_study(study_path)).issue_codes(number)
        return "\n".join(codes), *studies(request)

    def download(format: str, include_text: bool, request: gr.Request) -> tuple[str, str]:
        """The export as a zip in the asker's private folder, offered as a link only they can open, once."""
        viewer = access.require(request, Capability.export_data)
        export_id, folder = shelf.new_folder(viewer.username)
        options = ExportOptions(out=folder / "tables", format=format, include_text=include_text,  # type: ignore[arg-type]
                                key=settings.export_key, time_resolution=settings.export_time_resolution)
        try:
            counts = export(rehearsal.store.engine, options)
            archive = zip_privately(options.out, folder / ARCHIVE_NAME)
        except ExportError as error:
            shelf.discard(viewer.username, export_id)
            return "", alert(str(error))
        finally:
            shutil.rmtree(options.out, ignore_errors=True)
        summary = ", ".join(f"{table} {rows}" for table, rows in counts.items())
        link = (f"<a href='exports/{export_id}' download='{ARCHIVE_NAME}' id='export-link'>Download {ARCHIVE_NAME} "
                f"({max(1, archive.stat().st_size // 1024)} KiB)</a>: it works once, for you, within the hour.")
        return link, f"<p role='status'>Exported: {escape(summary)}. Learner ids are pseudonyms.</p>"

    # accounts ------------------------------------------------------------------------------
    def account_rows(request: gr.Request) -> list[list[Any]]:
        access.require(request, Capability.manage_accounts)
        return [[a.username, a.role, a.display_name, f"{a.last_sign_in_at:%Y-%m-%d %H:%M}" if a.last_sign_in_at else "never",
                 "disabled" if a.disabled else "active"] for a in access.accounts.list()]

    def add_account(username: str, role: str, display_name: str, password: str, request: gr.Request) -> tuple[str, Any]:
        access.require(request, Capability.manage_accounts)
        try:
            created = access.accounts.create(username or "", role or "learner", password or "", display_name or "")
        except (AccountError, ValueError) as error:
            return alert(f"Not created: {error}."), account_rows(request)
        return (f"<p class='rh-valid' role='status'>Created {created.role.value} account "
                f"<code>{escape(created.username)}</code>. Give them the password in person; they can sign in "
                "now.</p>"), account_rows(request)

    def reset_password(username: str, password: str, request: gr.Request) -> str:
        access.require(request, Capability.manage_accounts)
        try:
            access.accounts.set_password(username or "", password or "")
        except AccountError as error:
            return alert(f"Not changed: {error}.")
        return f"<p class='rh-valid' role='status'>New password set for <code>{escape(username)}</code>; their open sign-ins ended.</p>"

    def unlock(username: str, request: gr.Request) -> str:
        access.require(request, Capability.manage_accounts)
        try:
            access.accounts.unlock(username or "")
        except AccountError as error:
            return alert(f"Not unlocked: {error}.")
        return (f"<p class='rh-valid' role='status'><code>{escape(username)}</code> can try their password again "
                "now, from anywhere.</p>")

    with gr.Tabs(elem_id="console-tabs"):
        with gr.Tab("Scenarios", id="console-scenarios"):
            refresh = gr.Button("Refresh", size="sm", elem_id="console-refresh")
            table = gr.Dataframe(headers=["id", "title", "status", "source", "file"], interactive=False,
                                 label="Scenario files and their validation status", elem_id="console-scenario-table")
        with gr.Tab("Write or upload", id="console-author"):
            gr.Markdown("Open a file to edit a copy, upload a YAML file, or write one. **Check** shows every problem "
                        "at its line; **Save** stores a valid file in the authored folder, where learners see it at once.")
            with gr.Row():
                file_choice = gr.Dropdown(label="Open a scenario file", choices=[], elem_id="console-open-choice", scale=3,
                                          allow_custom_value=True)
                open_button = gr.Button("Open", elem_id="console-open", scale=1)
                uploaded = gr.File(label="Upload a YAML file", file_types=[".yaml", ".yml"], type="filepath",
                                   elem_id="console-upload", scale=3)
            file_name = gr.Textbox(label="File name", value="my-scenario.yaml", max_lines=1, elem_id="console-file-name")
            editor = gr.Code(label="Scenario YAML", language="yaml", lines=24, interactive=True, elem_id="console-editor")
            with gr.Row():
                check_button = gr.Button("Check", elem_id="console-check")
                save_button = gr.Button("Save", variant="primary", elem_id="console-save")
                preview_button = gr.Button("Preview", elem_id="console-preview")
            problems = gr.HTML(elem_id="console-problems")
            listing = gr.HTML(elem_id="console-listing")
            preview_text = gr.Textbox(label="Preview: the learner's card and the partner's card", lines=16,
                                      interactive=False, elem_id="console-preview-text")
        with gr.Tab("Cohort", id="console-cohort"):
            cohort_button = gr.Button("Refresh", size="sm", elem_id="cohort-refresh")
            cohort_table = gr.Dataframe(label="Learners, sessions and mastery (0-2)", interactive=False,
                                        elem_id="cohort-table")
            gr.Markdown("Sessions the crisis check stopped (crisis) or paused to ask whether the learner was "
                        "safe (check-in). Open one in the Debrief tab with its session id.")
            safety_table = gr.Dataframe(label="Sessions flagged by the crisis check", interactive=False,
                                        elem_id="cohort-safety-table")
        with gr.Tab("Studies", id="console-studies"):
            gr.Markdown(study_dashboard_links(settings), elem_id="study-dashboards")
            studies_button = gr.Button("Refresh", size="sm", elem_id="studies-refresh")
            studies_table = gr.Dataframe(headers=["id", "title", "enrolled per arm", "codes issued", "enrolled"],
                                         interactive=False, label="Studies", elem_id="studies-table")
            with gr.Row():
                study_choice = gr.Dropdown(label="Study", choices=[], elem_id="study-choice", allow_custom_value=True)
                code_count = gr.Number(label="How many enrolment codes", value=10, precision=0, minimum=1,
                                       maximum=MAX_CODES, elem_id="code-count")
                codes_button = gr.Button("Issue codes", elem_id="codes-button")
            codes = gr.Textbox(label="New codes (one per participant; each works once)", lines=6, interactive=False,
                               elem_id="codes")
        with gr.Tab("Export", id="console-export"):
            gr.Markdown("Every table (participants, sessions, turns, ratings, coach events, partner states, surveys, "
                        "outcomes) with pseudonymous learner ids. What learners typed is left out unless you tick the box.")
            with gr.Row():
                export_format = gr.Radio(["csv", "parquet", "jsonl"], value="csv", label="Format", elem_id="export-format")
                include_text = gr.Checkbox(label="Include what learners typed", value=False, elem_id="export-text")
            export_button = gr.Button("Prepare export", variant="primary", elem_id="export-button")
            export_note = gr.HTML(elem_id="export-note")
            export_file = gr.HTML(elem_id="export-file")
        with gr.Tab("Accounts", id="console-accounts"):
            gr.Markdown("Instructors add learners here (or with `rehearse users add`). Passwords need 10 characters "
                        "or more; give them to the learner in person.")
            with gr.Row():
                new_username = gr.Textbox(label="Username", max_lines=1, elem_id="account-username")
                new_display = gr.Textbox(label="Name shown on the pages (optional)", max_lines=1, elem_id="account-name")
                new_role = gr.Radio(["learner", "instructor", "researcher"], value="learner", label="Role",
                                    elem_id="account-role")
                new_password = gr.Textbox(label="Password", type="password", max_lines=1, elem_id="account-password")
            with gr.Row():
                create_button = gr.Button("Create account", variant="primary", elem_id="account-create")
                reset_button = gr.Button("Set this password for an existing account", elem_id="account-reset")
                unlock_button = gr.Button("Let them try their password again now", elem_id="account-unlock")
            accounts_note = gr.HTML(elem_id="accounts-note")
            accounts_button = gr.Button("Refresh", size="sm", elem_id="accounts-refresh")
            accounts_table = gr.Dataframe(headers=["username", "role", "name", "last sign-in", "state"], interactive=False,
                                          label="Accounts", elem_id="accounts-table")

    accounts_button.click(account_rows, None, accounts_table, api_name="console_accounts")
    create_button.click(add_account, [new_username, new_role, new_display, new_password], [accounts_note, accounts_table],
                        api_name="console_add_account")
    reset_button.click(reset_password, [new_username, new_password], accounts_note, api_name="console_reset_password")
    unlock_button.click(unlock, new_username, accounts_note, api_name="console_unlock")
    tab.select(scenario_rows, None, [table, file_choice], api_visibility="private").then(
        cohort, None, [cohort_table, safety_table]).then(studies, None, [studies_table, study_choice])
    refresh.click(scenario_rows, None, [table, file_choice], api_name="console_scenarios")
    open_button.click(open_file, file_choice, [editor, file_name, problems, listing], api_name="console_open")
    uploaded.upload(upload, uploaded, [editor, file_name, problems, listing], api_name="console_upload")
    check_button.click(check, [editor, file_name], [problems, listing], api_name="console_check")
    save_button.click(save, [editor, file_name], [problems, listing, table, file_choice], api_name="console_save")
    preview_button.click(preview, [editor, file_name], preview_text, api_name="console_preview")
    cohort_button.click(cohort, None, [cohort_table, safety_table], api_name="console_cohort")
    studies_button.click(studies, None, [studies_table, study_choice], api_name="console_studies")
    codes_button.click(issue_codes, [study_choice, code_count], [codes, studies_table, study_choice],
                       api_name="console_codes")
    export_button.click(download, [export_format, include_text], [export_file, export_note], api_name="console_export")
