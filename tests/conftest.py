"""Shared fixtures: a temporary data folder per test, one real knn rater per test run, and for
tests marked `postgres` a fresh PostgreSQL database per test (REHEARSE_TEST_POSTGRES_URL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from feedback.raters.knn import KnnRater
from simulator.bootstrap import bootstrap
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.runtime import Rehearsal
from simulator.settings import Settings

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def vector_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("vector-cache")


@pytest.fixture(scope="session")
def knn_rater(vector_cache: Path) -> KnnRater:
    return KnnRater(cache_dir=vector_cache)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def make_rehearsal(knn_rater: KnnRater, tmp_path: Path) -> Iterator[Callable[..., Rehearsal]]:
    """A Rehearsal on a fresh data folder; call again with the same folder to 'restart'.
    Pass database_url=... (e.g. `postgres_database`) for PostgreSQL; all are closed at the end."""
    made: list[Rehearsal] = []

    def make(data_dir: Path | None = None, **overrides: object) -> Rehearsal:
        settings = Settings(data_dir=data_dir or tmp_path / "data", **overrides)  # type: ignore[arg-type]
        made.append(bootstrap(settings, rater=knn_rater, partner=ScriptedPartner()))
        return made[-1]

    yield make
    for rehearsal in made:
        rehearsal.close()


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The test server's URL (a database any test may use to create others); tests that need
    it skip without REHEARSE_TEST_POSTGRES_URL (`scripts/with-postgres.sh` sets it)."""
    url = os.environ.get("REHEARSE_TEST_POSTGRES_URL")
    if not url:
        pytest.skip(
            "needs PostgreSQL: set REHEARSE_TEST_POSTGRES_URL, or run through scripts/with-postgres.sh "
            "(make test does), which starts Debian's postgresql"
        )
    return url


@pytest.fixture
def make_postgres_database(postgres_url: str) -> Iterator[Callable[[], str]]:
    """Call to create an empty database on the test server; returns its URL. Dropped after the test."""
    from tests.postgres import create_database, drop_database

    made: list[str] = []

    def make() -> str:
        made.append(create_database(postgres_url, f"rehearse_test_{uuid.uuid4().hex[:12]}"))
        return made[-1]

    yield make
    for url in made:
        drop_database(postgres_url, url)


@pytest.fixture
def postgres_database(make_postgres_database: Callable[[], str]) -> str:
    """The URL of a fresh, empty PostgreSQL database for this test alone."""
    return make_postgres_database()


@pytest.fixture
def artifacts() -> Iterator[Path]:
    ARTIFACTS.mkdir(exist_ok=True)
    yield ARTIFACTS


@pytest.fixture(scope="session")
def smollm2_local_chat():  # type: ignore[no-untyped-def]
    """The packaged SmolLM2 GGUF loaded in this process once, for every test that runs it in process."""
    from feedback.llm.local_chat import LocalChat
    from feedback.llm.local_models import bundled_gguf

    return LocalChat(bundled_gguf())


@pytest.fixture(scope="session")
def smollm2_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """One `transformers serve` process with the packaged SmolLM2 model for every test that needs it."""
    from tests.llm_servers import smollm2_folder, transformers_server

    model = smollm2_folder()
    with transformers_server(model, tmp_path_factory.mktemp("serve") / "serve.log") as url:
        yield url, model
