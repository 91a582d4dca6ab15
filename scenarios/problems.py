"""A problem found in an instructor's YAML file, located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.field or '(file)'}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class YamlFileError(Exception):
    """Raised when a YAML file cannot be turned into a valid model; carries every problem found."""

    def __init__(self, path: Path | str, problems: list[Problem]):
        self.path = str(path)
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
