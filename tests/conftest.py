"""Shared fixtures: a temporary data folder per test, one real knn rater per test run."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from feedback.raters.knn import KnnRater
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
def make_rehearsal(knn_rater: KnnRater, tmp_path: Path) -> Callable[..., Rehearsal]:
    """A Rehearsal on a fresh data folder; call again with the same folder to 'restart'."""

    def make(data_dir: Path | None = None, **overrides: object) -> Rehearsal:
        settings = Settings(data_dir=data_dir or tmp_path / "data", **overrides)  # type: ignore[arg-type]
        return Rehearsal(settings, rater=knn_rater, partner=ScriptedPartner())

    return make


@pytest.fixture
def artifacts() -> Iterator[Path]:
    ARTIFACTS.mkdir(exist_ok=True)
    yield ARTIFACTS


@pytest.fixture(scope="session")
def smollm2_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """One `transformers serve` process with the packaged SmolLM2 model for every test that needs it."""
    from tests.llm_servers import smollm2_folder, transformers_server

    model = smollm2_folder()
    with transformers_server(model, tmp_path_factory.mktemp("serve") / "serve.log") as url:
        yield url, model
