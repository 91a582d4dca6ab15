"""One simulated 40-participant pilot of the two-arm trial, shared by the slow tests that read
its export and its report (running it takes minutes)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from scenarios.study_schema import STUDIES_DIR, load_study
from simulator.bootstrap import bootstrap
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.research.dry_run import dry_run_folder
from simulator.research.pilot import PilotReport, run_pilot
from simulator.runtime import Rehearsal
from simulator.settings import Settings

TWO_ARM_TRIAL = load_study(STUDIES_DIR / "two-arm-trial.yaml")


@dataclass(frozen=True)
class Pilot:
    rehearsal: Rehearsal
    report: PilotReport


@pytest.fixture(scope="session")
def forty_participant_pilot(knn_rater, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pilot]:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("pilot-40")
    with dry_run_folder(Settings(data_dir=root / "live"), root / "pilot") as folder:
        rehearsal = bootstrap(Settings(data_dir=folder), rater=knn_rater, partner=ScriptedPartner())
    report = run_pilot(rehearsal, TWO_ARM_TRIAL, participants=40, seed=7)
    yield Pilot(rehearsal, report)
    rehearsal.close()
