"""Scenario YAML written in the instructor console: check a draft exactly as the library would
load it, show it with its problems at their lines, and save it only when it is valid."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from scenarios.loader import Library, scenario_problems
from scenarios.problems import Problem, YamlFileError
from scenarios.schema import Scenario
from scenarios.validation import validate_document
from scenarios.yaml_source import parse_yaml_bytes

SAFE_NAME = re.compile(r"[^a-z0-9_-]+")


class DraftError(ValueError):
    """The draft cannot be saved; the message says why and what to do."""


@dataclass(frozen=True)
class DraftCheck:
    file_name: str
    problems: list[Problem] = field(default_factory=list)
    scenario: Scenario | None = None

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.problems


def draft_file_name(name: str) -> str:
    """A plain file name in the authored folder: no folders, lower case, .yaml."""
    stem = Path(name.strip()).name
    for suffix in (".yaml", ".yml"):
        stem = stem.removesuffix(suffix)
    stem = SAFE_NAME.sub("-", stem.lower()).strip("-")
    if not stem:
        raise DraftError("give the file a name, e.g. landlord-repairs.yaml")
    return f"{stem}.yaml"


def check_draft(text: str, file_name: str, library: Library, known_skills: set[str], authored_dir: Path) -> DraftCheck:
    name = draft_file_name(file_name)
    try:
        document = parse_yaml_bytes(text.encode("utf-8"), name)
        scenario = validate_document(document, Scenario)
    except YamlFileError as error:
        return DraftCheck(name, error.problems)
    problems = scenario_problems(scenario, document, known_skills)
    holder = library.scenarios.get(scenario.id)
    if holder is not None and holder.path.resolve() != (authored_dir / name).resolve():
        problems.append(
            document.problem(
                ("id",),
                f"the id '{scenario.id}' is already used by {holder.path.name}",
                "give this scenario its own id (scenarios in the built-in library cannot "
                "be replaced, only copied under a new id)",
                at_value=True,
            )
        )
    return DraftCheck(name, sorted(problems), scenario)


def save_draft(text: str, check: DraftCheck, authored_dir: Path) -> Path:
    if not check.ok:
        raise DraftError(f"{len(check.problems)} problem(s) left: fix them, check again, then save")
    authored_dir.mkdir(parents=True, exist_ok=True)
    target = authored_dir / check.file_name
    temporary = target.with_suffix(".yaml.tmp")
    temporary.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    os.replace(temporary, target)  # readers never see half a file
    return target


def problem_list(check: DraftCheck) -> str:
    if check.ok:
        return (
            f"<p class='rh-valid' role='status'>No problems: <code>{escape(check.file_name)}</code> is ready to "
            "save.</p>"
        )
    items = "".join(
        f"<li><a href='#draft-line-{p.line}'>Line {p.line}, column {p.column}</a>: "
        f"<code>{escape(p.field or '(file)')}</code>: {escape(p.message)}"
        f"{f' <span class=rh-hint>Hint: {escape(p.hint)}</span>' if p.hint else ''}</li>"
        for p in check.problems
    )
    return (
        f"<div role='alert'><p class='rh-notice'>{len(check.problems)} problem(s) in "
        f"<code>{escape(check.file_name)}</code>:</p><ul class='rh-problems'>{items}</ul></div>"
    )


def numbered_listing(text: str, problems: list[Problem]) -> str:
    """The draft with line numbers; lines with problems are marked and carry their messages."""
    by_line: dict[int, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_line[problem.line].append(problem)
    rows = []
    lines = text.splitlines() or [""]
    for number, line in enumerate(lines, 1):
        notes = by_line.get(number, [])
        flagged = " rh-flagged" if notes else ""
        note = "".join(
            f"<span class='rh-line-problem'>⚠ {escape(p.field or '(file)')}: {escape(p.message)}</span>" for p in notes
        )
        rows.append(
            f"<div class='rh-draft-line{flagged}' id='draft-line-{number}' data-line='{number}'>"
            f"<span class='rh-lineno' aria-hidden='true'>{number}</span><code>{escape(line) or ' '}</code>{note}</div>"
        )
    beyond = [p for line, ps in by_line.items() if line > len(lines) for p in ps]
    rows += [
        f"<div class='rh-draft-line rh-flagged' data-line='{p.line}'><span class='rh-line-problem'>⚠ "
        f"{escape(p.message)}</span></div>"
        for p in beyond
    ]
    return f"<div class='rh-draft' role='region' aria-label='Draft with line numbers'>{''.join(rows)}</div>"
