"""Load scenario files and folders, collecting every problem with its file and line."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scenarios.problems import Problem, YamlFileError
from scenarios.schema import PLACEHOLDER, TERMS, Scenario
from scenarios.validation import did_you_mean, validate_document
from scenarios.yaml_source import YamlDocument, read_yaml

LIBRARY_DIR = Path(__file__).resolve().parent / "library"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedScenario:
    scenario: Scenario
    path: Path
    content_hash: str

    @property
    def id(self) -> str:
        return self.scenario.id


@dataclass
class Library:
    scenarios: dict[str, LoadedScenario] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def invalid_files(self) -> dict[str, list[Problem]]:
        grouped: dict[str, list[Problem]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.file, []).append(problem)
        return grouped

    def get(self, scenario_id: str) -> LoadedScenario:
        if scenario_id not in self.scenarios:
            hint = did_you_mean(scenario_id, set(self.scenarios))
            known = ", ".join(sorted(self.scenarios)) or "none"
            raise KeyError(f"no scenario with id '{scenario_id}'. {hint or f'Known ids: {known}'}")
        return self.scenarios[scenario_id]


def load_scenario(path: Path | str, known_skills: Iterable[str] | None = None) -> LoadedScenario:
    """Load one scenario file; raise YamlFileError with every problem in it."""
    path = Path(path)
    document = read_yaml(path)
    scenario = validate_document(document, Scenario)
    problems = scenario_problems(scenario, document, set(known_skills) if known_skills is not None else None)
    if problems:
        raise YamlFileError(document.file, problems)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return LoadedScenario(scenario, path, digest)


TERMS_FIELDS = ("agreement",)  # lines said when the learner has stated terms


def scenario_problems(scenario: Scenario, document: YamlDocument, known_skills: set[str] | None) -> list[Problem]:
    """Checks that span several fields: skill ids, exemplars for skills in play, placeholders."""
    problems: list[Problem] = []
    in_play = set(scenario.skills)

    def check_skill(skill: str, path: tuple[str | int, ...]) -> None:
        if known_skills is not None and skill not in known_skills:
            problems.append(
                document.problem(path, f"unknown skill id '{skill}'", did_you_mean(skill, known_skills), at_value=True)
            )

    for index, skill in enumerate(scenario.skills):
        check_skill(skill, ("skills", index))
    for skill in scenario.exemplars:
        check_skill(skill, ("exemplars", skill))
        if skill not in in_play and (known_skills is None or skill in known_skills):
            problems.append(
                document.problem(
                    ("exemplars", skill),
                    f"exemplars are given for '{skill}', which is not in skills",
                    f"add '{skill}' to skills or remove these exemplars",
                )
            )
    for skill in scenario.partner.deltas:
        check_skill(skill, ("partner", "deltas", skill))
    for index, requirement in enumerate(scenario.success.requires):
        check_skill(requirement.skill, ("success", "requires", index, "skill"))
    defined = set(scenario.facts.details)
    for path, text in scenario.all_partner_text():
        for name in PLACEHOLDER.findall(text):
            if name == TERMS and path[1] not in TERMS_FIELDS:
                problems.append(
                    document.problem(
                        path,
                        "{terms} can only be used in partner.agreement lines",
                        "write the terms out, or move this line to partner.agreement",
                    )
                )
            elif name not in defined and name != TERMS:
                hint = did_you_mean(name, defined) or f"define it under facts.details as '{name}: ...'"
                problems.append(
                    document.problem(path, f"the placeholder {{{name}}} is not defined in facts.details", hint)
                )
    return problems


def scenario_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand folders into the YAML files they hold (sub-folders such as studies/ excluded)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if not path.exists():
            continue
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file()))
        else:
            files.append(path)
    return files


def folder_signature(paths: Iterable[Path | str]) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the YAML files under `paths`: changes when any file does."""
    signature = []
    for path in scenario_files(paths):
        try:
            stat = path.stat()
        except OSError:
            continue
        signature.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(signature)


def load_library(paths: Iterable[Path | str] = (LIBRARY_DIR,), known_skills: Iterable[str] | None = None) -> Library:
    """Load every scenario under `paths`; invalid files become problems, never exceptions."""
    known = set(known_skills) if known_skills is not None else None
    library = Library()
    first_seen: dict[str, Path] = {}
    for path in scenario_files(paths):
        try:
            loaded = load_scenario(path, known)
        except YamlFileError as error:
            library.problems.extend(error.problems)
            continue
        if loaded.id in first_seen:
            document = read_yaml(path)
            library.problems.append(
                document.problem(
                    ("id",),
                    f"the id '{loaded.id}' is already used by {first_seen[loaded.id]}",
                    "give each scenario its own id",
                    at_value=True,
                )
            )
            continue
        first_seen[loaded.id] = path
        library.scenarios[loaded.id] = loaded
    return library
