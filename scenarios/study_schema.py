"""Studies researchers define in YAML: arms, balanced block randomization, consent, a sequence."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from scenarios.problems import YamlFileError
from scenarios.schema import ScenarioId, Strict, Text
from scenarios.validation import validate_document
from scenarios.yaml_source import read_yaml

STUDIES_DIR = Path(__file__).resolve().parent / "studies"
StudyId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]


class Arm(Strict):
    id: StudyId
    description: Text | None = None
    feedback: bool = Field(description="Whether learners in this arm see ratings and the coach in training steps.")


class Randomization(Strict):
    block_size: int = Field(ge=2, le=100, description="A multiple of the number of arms.")
    seed: int


class Step(Strict):
    id: StudyId
    kind: Literal["pre_evaluation", "training", "post_evaluation"]
    scenario: ScenarioId
    feedback: Literal["arm", "hidden"] = Field(
        default="arm", description="'hidden' for evaluation chats: no ratings or coach shown, in any arm."
    )
    surveys: bool = Field(default=True, description="Surveys before and after this step's session.")


class Study(Strict):
    id: StudyId
    title: Text
    consent: Text
    arms: list[Arm] = Field(min_length=2)
    randomization: Randomization
    sequence: list[Step] = Field(min_length=1)
    max_turns: int | None = Field(default=None, ge=1, le=50, description="Overrides each scenario's turn limit.")

    @model_validator(mode="after")
    def _consistent(self) -> Study:
        ids = [arm.id for arm in self.arms]
        if len(set(ids)) != len(ids):
            raise ValueError("arm ids must be different")
        if self.randomization.block_size % len(self.arms):
            raise ValueError(f"randomization.block_size must be a multiple of the number of arms ({len(self.arms)})")
        steps = [step.id for step in self.sequence]
        if len(set(steps)) != len(steps):
            raise ValueError("step ids in the sequence must be different")
        return self

    def arm(self, arm_id: str) -> Arm:
        return next(arm for arm in self.arms if arm.id == arm_id)


def load_study(path: Path | str) -> Study:
    return validate_document(read_yaml(path), Study)


def find_study(study_id: str, folders: list[Path] | None = None) -> tuple[Study, Path]:
    for folder in folders or [STUDIES_DIR]:
        for path in sorted(Path(folder).glob("*.yaml")):
            try:
                study = load_study(path)
            except YamlFileError:
                continue
            if study.id == study_id:
                return study, path
    raise KeyError(f"no study with id '{study_id}' in {', '.join(str(f) for f in folders or [STUDIES_DIR])}")
