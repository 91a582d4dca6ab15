"""The programme's crisis text: who to contact when a learner's turn stops or pauses the role-play.

Each deployment writes its own in a YAML file (REHEARSE_CRISIS_RESOURCES_FILE): the programme's
therapist or skills coach, its phone-coaching line, a reminder of the learner's safety plan and
the local emergency numbers. Without a file, REHEARSE_CRISIS_RESOURCES (or the default below)
is shown. The text is plain: where to get help, no consolation.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

DEFAULT_SAFETY_PLAN = "If you have a safety plan, follow it now, and tell your therapist or skills coach what happened."


class CrisisTextError(ValueError):
    """The crisis resources file cannot be used; the message says what to fix."""


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    who: str = Field(min_length=1, description="e.g. 'Your skills coach, Sam Ortiz'.")
    how: str = Field(min_length=1, description="Phone number, hours, or where to find them.")


class CrisisResources(BaseModel):
    """What a learner reads when the role-play stops or pauses for safety."""

    model_config = ConfigDict(extra="forbid")

    programme: str | None = Field(default=None, description="The programme's name, shown first.")
    contacts: list[Contact] = Field(default_factory=list, description="Therapist, skills coach, phone coaching.")
    safety_plan: str | None = Field(default=None, description="A reminder to use the learner's safety plan.")
    emergency: str = Field(min_length=1, description="Emergency numbers and crisis lines.")

    def lines(self) -> list[str]:
        """The text as lines, most personal first: the programme's people, the plan, then emergency."""
        lines = [f"{self.programme}:"] if self.programme else []
        lines += [f"{contact.who}: {contact.how}" for contact in self.contacts]
        if self.safety_plan:
            lines.append(self.safety_plan)
        lines.append(self.emergency)
        return lines

    def text(self) -> str:
        return "\n".join(self.lines())


def load_crisis_resources(path: Path | None, fallback: str) -> CrisisResources:
    """The resources in `path`, or `fallback` (the REHEARSE_CRISIS_RESOURCES text) as the
    emergency line when no file is configured."""
    if path is None:
        return CrisisResources(safety_plan=DEFAULT_SAFETY_PLAN, emergency=fallback)
    try:
        data = YAML(typ="safe", pure=True).load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise CrisisTextError(
            f"REHEARSE_CRISIS_RESOURCES_FILE: cannot read {path} ({error.strerror}); "
            "point it at a readable YAML file or unset it"
        ) from error
    except YAMLError as error:
        raise CrisisTextError(f"{path}: not valid YAML ({error}); see deploy/crisis-resources.example.yaml") from error
    try:
        return CrisisResources.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in error.errors())
        raise CrisisTextError(f"{path}: {problems} (see deploy/crisis-resources.example.yaml)") from error
