"""What every command group shares: settings, the scenario library, failing with a message."""

from __future__ import annotations

from typing import Any

import typer

from scenarios.loader import Library, load_library


def _settings(**overrides: Any) -> Any:
    from simulator.settings import Settings

    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def _known_skills() -> set[str]:
    from feedback.catalog import load_catalog

    return load_catalog(_settings().pack_folders).ids


def _rater_or_fail(settings: Any) -> Any:
    from feedback.raters.base import RaterUnavailable
    from simulator.components import make_rater

    try:
        return make_rater(settings)
    except RaterUnavailable as error:
        _fail(str(error))


def _scenario_or_fail(scenario_id: str) -> Any:
    try:
        return _library().get(scenario_id).scenario
    except KeyError as error:
        _fail(str(error.args[0]) if error.args else f"no scenario '{scenario_id}'")


def _fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _library() -> Library:
    return load_library(_settings().scenario_folders, known_skills=_known_skills())
