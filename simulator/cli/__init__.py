"""The `rehearse` command line: one module per command group, combined here."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from simulator.cli.bench import bench_app
from simulator.cli.db import db_app
from simulator.cli.feedback import feedback_app
from simulator.cli.research import research_app
from simulator.cli.scenarios import scenarios_app
from simulator.cli.serve import serve_app
from simulator.cli.session import session_app
from simulator.cli.study import study_app
from simulator.cli.users import users_app
from simulator.partner.cli import partner_app
from simulator.safety.cli import safety_app

app = typer.Typer(
    no_args_is_help=True, add_completion=False, help="Rehearse hard conversations with DBT skill feedback."
)
for group, name in [
    (scenarios_app, "scenarios"),
    (session_app, "session"),
    (feedback_app, "feedback"),
    (bench_app, "bench"),
    (study_app, "study"),
    (safety_app, "safety"),
    (users_app, "users"),
    (db_app, "db"),
    (partner_app, "partner"),
]:
    app.add_typer(group, name=name)
for commands in (serve_app, research_app):  # top-level commands: `rehearse serve`, `rehearse export`, ...
    app.registered_commands.extend(commands.registered_commands)


@app.callback()
def _options(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also show libraries' progress bars and warnings.")
    ] = False,
) -> None:
    from simulator.terminal import configure

    configure(verbose)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
