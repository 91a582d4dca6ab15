"""One running app for the HTTP and browser tests of this folder (starting one takes a while),
with accounts made the way an administrator makes them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from simulator.web.accounts import Role
from tests.processes import REPO, AppProcess, add_account, rehearse_env, running_app
from tests.webhook_server import WebhookServer

EXPORT_KEY = "a-test-export-key-kept-for-this-run"


@dataclass
class WebApp:
    process: AppProcess
    env: dict[str, str]
    data_dir: Path
    _numbers: Iterator[int] = field(default_factory=itertools.count)

    @property
    def url(self) -> str:
        return self.process.url

    def account(self, role: Role = Role.learner, prefix: str | None = None) -> str:
        """A fresh account, so tests never share a learner's sessions."""
        return add_account(self.env, f"{prefix or role.value}-{next(self._numbers)}", role)


@pytest.fixture(scope="session")
def web_app(tmp_path_factory: pytest.TempPathFactory, vector_cache: Path) -> Iterator[WebApp]:
    root = tmp_path_factory.mktemp("web-app")
    env = rehearse_env(root / "data", vector_cache, REHEARSE_EXPORT_KEY=EXPORT_KEY)
    add_account(env, "warm-up")  # creates the database before the app starts
    with running_app(env, root / "app.log") as process:
        yield WebApp(process, env, root / "data")


@dataclass
class SafetyApp(WebApp):
    webhook: WebhookServer | None = None


@pytest.fixture(scope="session")
def safety_app(tmp_path_factory: pytest.TempPathFactory, vector_cache: Path) -> Iterator[SafetyApp]:
    """An app as a clinic would run it: its own crisis text file and a webhook that pages someone."""
    root = tmp_path_factory.mktemp("safety-app")
    with WebhookServer() as webhook:
        env = rehearse_env(
            root / "data",
            vector_cache,
            REHEARSE_CRISIS_WEBHOOK=webhook.url,
            REHEARSE_CRISIS_RESOURCES_FILE=str(REPO / "deploy" / "crisis-resources.example.yaml"),
        )
        add_account(env, "warm-up")
        with running_app(env, root / "app.log") as process:
            yield SafetyApp(process, env, root / "data", webhook=webhook)


@pytest.fixture(scope="module")
def exporting_app(tmp_path_factory: pytest.TempPathFactory, vector_cache: Path) -> Iterator[WebApp]:
    """An app of its own for the tests that export. While the export reads SQLite through a second
        SQLite library (ADBC, issue 12 item 1), an export can break the server's file locks, and the
        server then misses accounts added later by other processes: the shared app must not export, and
    these tests make every account before they export."""
    root = tmp_path_factory.mktemp("exporting-app")
    env = rehearse_env(root / "data", vector_cache, REHEARSE_EXPORT_KEY=EXPORT_KEY)
    add_account(env, "warm-up")
    with running_app(env, root / "app.log") as process:
        yield WebApp(process, env, root / "data")
