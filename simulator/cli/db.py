"""`rehearse db`: migrate the record, show its revision, write migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import (
    _fail,
    _settings,
)

db_app = typer.Typer(no_args_is_help=True, help="The database schema: migrate, show the revision, write migrations.")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Migrate the record to the newest schema and set up the checkpoint tables (REHEARSE_DATABASE_URL).
    Safe to run from several processes at once; the app also does this when it starts."""
    from simulator.storage.checkpoints import close_checkpointer, make_checkpointer
    from simulator.storage.database import DATABASE_ERRORS, redacted, unreachable
    from simulator.storage.migrate import upgrade
    from simulator.storage.store import make_engine

    settings = _settings()
    settings.ensure_dirs()
    url = settings.resolved_database_url
    engine = make_engine(url)
    try:
        report = upgrade(engine)
        close_checkpointer(make_checkpointer(settings))
    except DATABASE_ERRORS as error:
        _fail(unreachable(url, error))
    finally:
        engine.dispose()
    if report.stamped:
        typer.echo(f"found a database made without migrations; marked it as revision {report.stamped}")
    if report.changed:
        typer.echo(f"upgraded {redacted(url)} from {report.before or report.stamped or 'empty'} to {report.after}")
    else:
        typer.echo(f"{redacted(url)} is at the newest revision ({report.after})")


@db_app.command("current")
def db_current() -> None:
    """Show the database's schema revision and the newest one this version knows."""
    from simulator.storage.database import DATABASE_ERRORS, redacted, unreachable
    from simulator.storage.migrate import current, head
    from simulator.storage.store import make_engine

    settings = _settings()
    settings.ensure_dirs()
    url = settings.resolved_database_url
    engine = make_engine(url)
    try:
        revision = current(engine)
    except DATABASE_ERRORS as error:
        _fail(unreachable(url, error))
    finally:
        engine.dispose()
    newest = head()
    typer.echo(f"{redacted(url)}: revision {revision or 'none'} (newest: {newest})")
    if revision != newest:
        typer.echo("run `rehearse db upgrade` (or start the app) to migrate it", err=True)


@db_app.command("revision")
def db_revision(
    message: Annotated[str, typer.Argument(help="What changed, e.g. 'turns: add a language column'.")],
) -> None:
    """For developers, after changing simulator/storage/models.py: write the migration for it
    (compared against a scratch SQLite database at the newest revision); review it, then commit it."""
    import tempfile

    from simulator.storage.migrate import new_revision
    from simulator.storage.store import make_engine

    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'scratch.sqlite'}")
        path = new_revision(message, engine)
        engine.dispose()
    typer.echo(f"wrote {path}; check it on SQLite and PostgreSQL (pytest tests/simulator/test_migrations.py -m '')")
