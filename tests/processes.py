"""Helpers for tests that run Rehearse as a real process: the console script, the web server,
and signed-in HTTP clients that call the pages' API as a browser would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from simulator.web.accounts import Role, accounts_on
from simulator.web.api_client import AppClient
from simulator.web.process import BIN, AppProcess, free_port

__all__ = [
    "BIN",
    "REPO",
    "AppProcess",
    "add_account",
    "free_port",
    "rehearse_env",
    "run_fresh_python",
    "running_app",
    "signed_in",
]

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-test-password"


def run_fresh_python(
    code: str, timeout: int = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -c CODE` in a new interpreter with the repository on its path (what a process that
    imports nothing else would see); the caller checks the return code and output."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=(os.environ | {"PYTHONPATH": str(REPO)}) if env is None else env,
    )


def rehearse_env(data_dir: Path, cache_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "REHEARSE_DATA_DIR": str(data_dir),
        "REHEARSE_CACHE_DIR": str(cache_dir),
        "GRADIO_ANALYTICS_ENABLED": "False",
        "HF_HUB_OFFLINE": "1",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


def database_url_of(env: dict[str, str]) -> str:
    return (
        env.get("REHEARSE_DATABASE_URL") or f"sqlite:///{Path(env['REHEARSE_DATA_DIR']).resolve() / 'rehearse.sqlite'}"
    )


def add_account(env: dict[str, str], username: str, role: Role | str = Role.learner, password: str = PASSWORD) -> str:
    """An account in the database the app of `env` uses (the app need not be running)."""
    Path(env["REHEARSE_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    accounts_on(database_url_of(env)).create(username, role, password)
    return username


def signed_in(url: str, username: str, password: str = PASSWORD) -> AppClient:
    return AppClient(url).sign_in(username, password)


@contextmanager
def running_app(env: dict[str, str], log: Path, port: int | None = None) -> Iterator[AppProcess]:
    app = AppProcess(env, port or free_port(), log, cwd=REPO)
    app.start()
    try:
        yield app
    finally:
        app.stop()
