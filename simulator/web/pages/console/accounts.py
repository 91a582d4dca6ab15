"""Console, Accounts: add learners and staff, set passwords, lift a lock-out (instructors)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

import gradio as gr

from simulator.web.accounts import AccountError, Capability, Viewer
from simulator.web.handlers import Pages, handler
from simulator.web.views import alert

MANAGE = Capability.manage_accounts


@dataclass
class AccountsParts:
    new_username: gr.Textbox
    new_display: gr.Textbox
    new_role: gr.Radio
    new_password: gr.Textbox
    create_button: gr.Button
    reset_button: gr.Button
    unlock_button: gr.Button
    accounts_note: gr.HTML
    accounts_button: gr.Button
    accounts_table: gr.Dataframe


@dataclass
class Created:
    accounts_note: str
    accounts_table: list[list[Any]]


def done(text: str) -> str:
    return f"<p class='rh-valid' role='status'>{text}</p>"


def rows(pages: Pages) -> list[list[Any]]:
    return [
        [
            a.username,
            a.role,
            a.display_name,
            f"{a.last_sign_in_at:%Y-%m-%d %H:%M}" if a.last_sign_in_at else "never",
            "disabled" if a.disabled else "active",
        ]
        for a in pages.access.accounts.list()
    ]


@handler(MANAGE)
def account_rows(pages: Pages, viewer: Viewer) -> list[list[Any]]:
    return rows(pages)


@handler(MANAGE)
def add_account(pages: Pages, viewer: Viewer, username: str, role: str, display_name: str, password: str) -> Created:
    try:
        created = pages.access.accounts.create(username or "", role or "learner", password or "", display_name or "")
    except (AccountError, ValueError) as error:
        return Created(alert(f"Not created: {error}."), rows(pages))
    return Created(
        done(
            f"Created {created.role.value} account <code>{escape(created.username)}</code>. Give them "
            "the password in person; they can sign in now."
        ),
        rows(pages),
    )


@handler(MANAGE)
def reset_password(pages: Pages, viewer: Viewer, username: str, password: str) -> str:
    try:
        pages.access.accounts.set_password(username or "", password or "")
    except AccountError as error:
        return alert(f"Not changed: {error}.")
    return done(f"New password set for <code>{escape(username)}</code>; their open sign-ins ended.")


@handler(MANAGE)
def unlock(pages: Pages, viewer: Viewer, username: str) -> str:
    try:
        pages.access.accounts.unlock(username or "")
    except AccountError as error:
        return alert(f"Not unlocked: {error}.")
    return done(f"<code>{escape(username)}</code> can try their password again now, from anywhere.")


def build(pages: Pages) -> AccountsParts:
    gr.Markdown(
        "Instructors add learners here (or with `rehearse users add`). Passwords need 10 characters "
        "or more; give them to the learner in person."
    )
    with gr.Row():
        username = gr.Textbox(label="Username", max_lines=1, elem_id="account-username")
        display = gr.Textbox(label="Name shown on the pages (optional)", max_lines=1, elem_id="account-name")
        role = gr.Radio(["learner", "instructor", "researcher"], value="learner", label="Role", elem_id="account-role")
        password = gr.Textbox(label="Password", type="password", max_lines=1, elem_id="account-password")
    with gr.Row():
        create = gr.Button("Create account", variant="primary", elem_id="account-create")
        reset = gr.Button("Set this password for an existing account", elem_id="account-reset")
        unlock_button = gr.Button("Let them try their password again now", elem_id="account-unlock")
    parts = AccountsParts(
        username,
        display,
        role,
        password,
        create,
        reset,
        unlock_button,
        gr.HTML(elem_id="accounts-note"),
        gr.Button("Refresh", size="sm", elem_id="accounts-refresh"),
        gr.Dataframe(
            headers=["username", "role", "name", "last sign-in", "state"],
            interactive=False,
            label="Accounts",
            elem_id="accounts-table",
        ),
    )
    pages.register(parts)
    return parts


def wire(pages: Pages, parts: AccountsParts, tab: gr.Tab) -> None:
    p, bind = parts, pages.bind
    p.accounts_button.click(bind(account_rows), None, p.accounts_table, api_name="console_accounts")
    tab.select(bind(account_rows), None, p.accounts_table, api_visibility="private")
    p.create_button.click(
        bind(add_account),
        [p.new_username, p.new_role, p.new_display, p.new_password],
        pages.outputs(Created),
        api_name="console_add_account",
    )
    p.reset_button.click(
        bind(reset_password), [p.new_username, p.new_password], p.accounts_note, api_name="console_reset_password"
    )
    p.unlock_button.click(bind(unlock), p.new_username, p.accounts_note, api_name="console_unlock")
