"""Check any mix of scenario files, skill-pack files and folders, reporting every problem."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scenarios.loader import load_library, scenario_files
from scenarios.problems import Problem, YamlFileError
from scenarios.skill_packs import PACKS_DIR, load_packs
from scenarios.yaml_source import read_yaml


@dataclass
class CheckResult:
    scenarios: int = 0
    packs: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def is_skill_pack(path: Path) -> bool:
    try:
        data = read_yaml(path).data
    except YamlFileError:
        return path.parent.name == "packs"
    return isinstance(data, dict) and "pack" in data and "skills" in data and "partner" not in data


def check_paths(paths: Iterable[Path | str], built_in_skills: Iterable[str]) -> CheckResult:
    result = CheckResult()
    files: list[Path] = []
    for path in map(Path, paths):
        if not path.exists():
            result.problems.append(Problem(str(path), 1, 1, "", "no such file or folder"))
        elif path.is_dir():
            files.extend(scenario_files([path]))
        else:
            files.append(path)
    pack_files = [f for f in files if is_skill_pack(f)]
    scenario_paths = [f for f in files if f not in pack_files]
    built_in = set(built_in_skills)
    pack_folders = [PACKS_DIR] + sorted({f.parent for f in pack_files} - {PACKS_DIR})
    packs = load_packs(pack_folders, reserved_ids=built_in)
    result.packs = len(pack_files)
    result.problems.extend(p for p in packs.problems if Path(p.file) in pack_files)
    library = load_library(scenario_paths, known_skills=built_in | set(packs.skills))
    result.scenarios = len(library.scenarios)
    result.problems.extend(library.problems)
    result.problems.sort()
    return result
