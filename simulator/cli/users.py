"""`rehearse users`: accounts for learners, instructors and researchers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from simulator.cli.common import (
    _fail,
    _settings,
)

users_app = typer.Typer(no_args_is_help=True, help="Accounts: learners, instructors, researchers.")


def _accounts() -> Any:
    from simulator.web.accounts import accounts_on

    settings = _settings()
    settings.ensure_dirs()
    return accounts_on(settings.resolved_database_url)


@contextmanager
def _account_errors() -> Iterator[None]:
    from simulator.web.accounts import AccountError

    try:
        yield
    except AccountError as error:
        _fail(str(error))


def _new_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password (10 characters or more)", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def users_add(
    username: Annotated[
        str, typer.Argument(help="Letters, digits and . _ @ -; also the learner id of their sessions.")
    ],
    role: Annotated[str, typer.Option(help="learner, instructor or researcher.")] = "learner",
    name: Annotated[str, typer.Option(help="The name shown on the pages.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    no_password: Annotated[
        bool, typer.Option("--no-password", help="For sign-in through the trusted proxy header only.")
    ] = False,
) -> None:
    """Create an account. The first instructor is made this way: `rehearse users add NAME --role instructor`."""
    from simulator.web.accounts import Role

    if role not in Role.__members__:
        _fail(f"--role {role}: choose learner, instructor or researcher")
    with _account_errors():
        viewer = _accounts().create(username, role, None if no_password else _new_password(password_stdin), name)
    typer.echo(f"created {viewer.role.value} account '{viewer.username}'")


@users_app.command("list")
def users_list() -> None:
    """Every account with its role."""
    for account in _accounts().list():
        state = " (disabled)" if account.disabled else ""
        last = f"{account.last_sign_in_at:%Y-%m-%d %H:%M}" if account.last_sign_in_at else "never"
        typer.echo(f"{account.username:32} {account.role:11} last sign-in {last}{state}")


@users_app.command("password")
def users_password(
    username: Annotated[str, typer.Argument()],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Set a new password; the account's open sign-ins end."""
    with _account_errors():
        _accounts().set_password(username, _new_password(password_stdin))
    typer.echo(f"password changed for '{username}'")


@users_app.command("role")
def users_role(
    username: Annotated[str, typer.Argument()],
    role: Annotated[str, typer.Argument(help="learner, instructor or researcher.")],
) -> None:
    """Change an account's role."""
    from simulator.web.accounts import Role

    if role not in Role.__members__:
        _fail(f"{role}: choose learner, instructor or researcher")
    with _account_errors():
        _accounts().set_role(username, role)
    typer.echo(f"'{username}' is now a {role}")


@users_app.command("disable")
def users_disable(
    username: Annotated[str, typer.Argument()],
    enable: Annotated[bool, typer.Option("--enable", help="Allow sign-in again.")] = False,
) -> None:
    """Stop an account signing in (its sessions stay in the record)."""
    with _account_errors():
        _accounts().set_disabled(username, not enable)
    typer.echo(f"'{username}' {'enabled' if enable else 'disabled'}")


@users_app.command("unlock")
def users_unlock(username: Annotated[str, typer.Argument()]) -> None:
    """Forget the wrong passwords typed for an account, so they can try again now from anywhere."""
    with _account_errors():
        _accounts().unlock(username)
    typer.echo(f"'{username}' can try their password again now")
