"""Where dry runs write: a record of their own, never the live one.

Study pilots and benchmarks create simulated learners and sessions; in the live record those
would show in the cohort, Studies, exports and reports as if they were people. Every dry run
therefore gets its own SQLite file in a scratch folder (thrown away afterwards) or in a pilot
folder the researcher names to inspect it, which is marked as such and can never be the live
data folder or database.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from simulator.settings import Settings

MARKER = "REHEARSE-DRY-RUN"


class DryRunError(ValueError):
    """The folder asked for could hold live data; the message says what to choose instead."""


def is_dry_run(settings: Settings) -> bool:
    """Whether `settings` name a dry run's data folder (the app's never carries the mark)."""
    return (settings.data_dir / MARKER).exists()


def dry_run_settings(data_dir: Path, live: Settings) -> Settings:
    """`live`'s settings with the record in `data_dir` (SQLite), whatever REHEARSE_DATABASE_URL
    says; scenarios written in the console and the vector cache are still found."""
    return live.model_copy(
        update={
            "data_dir": data_dir,
            "database_url": None,
            "cache_dir_override": live.cache_dir,
            "scenarios_dir": [*live.scenarios_dir, live.authored_dir],
        }
    )


def dry_run_environment(data_dir: Path, environment: dict[str, str] | None = None) -> dict[str, str]:
    """Variables for a child process (a benchmark's server) that writes to `data_dir` alone."""
    variables = {
        k: v for k, v in (os.environ if environment is None else environment).items() if k != "REHEARSE_DATABASE_URL"
    }
    return {**variables, "REHEARSE_DATA_DIR": str(data_dir)}


def check_dry_run_folder(folder: Path, live: Settings) -> None:
    """Refuse a folder that is, or holds, the live record; accept a new or empty folder or one
    an earlier dry run made."""
    folder = folder.resolve()
    if folder == live.data_dir.resolve():
        raise DryRunError(
            f"{folder} is the live data folder (REHEARSE_DATA_DIR); name a new folder for the pilot, "
            "e.g. --data-dir pilot/"
        )
    if live.resolved_database_url == f"sqlite:///{folder / 'rehearse.sqlite'}":
        raise DryRunError(f"{folder} holds the live database; name a new folder for the pilot")
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise DryRunError(f"{folder} already holds files that no dry run made; name a new or empty folder")


@contextmanager
def dry_run_folder(live: Settings, keep: Path | None = None) -> Iterator[Path]:
    """A data folder for a dry run: `keep` (checked, marked, left in place) or a scratch folder
    deleted afterwards."""
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="rehearse-dry-run-") as scratch:
            yield mark_dry_run(Path(scratch))
        return
    check_dry_run_folder(keep, live)
    yield mark_dry_run(keep)


def mark_dry_run(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text(
        "Simulated learners only: written by a Rehearse dry run (study simulate or bench), never by the app.\n",
        encoding="utf-8",
    )
    return folder
