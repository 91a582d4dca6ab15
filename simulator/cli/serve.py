"""`rehearse serve`: the browser app."""

from __future__ import annotations

from typing import Annotated

import typer

from simulator.cli.common import (
    _fail,
    _settings,
)

serve_app = typer.Typer()


@serve_app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Run the browser app (same as `python app.py`)."""
    from simulator.safety.crisis_text import CrisisTextError
    from simulator.web.launch import launch

    try:
        launch(_settings(host=host, port=port))
    except CrisisTextError as error:
        _fail(str(error))
