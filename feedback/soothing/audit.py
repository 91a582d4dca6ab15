"""Authored text that soothes: scenario partner lines and the exemplar bank, checked on load.

The findings are logged as warnings, not raised as problems: a partner line such as "Fine,
don't worry about it" can be a resistant partner's sarcasm, an exemplar validating the partner
can be the very skill it teaches (GIVE), and the classifier can be wrong. A problem would
refuse a whole scenario file on a model's guess; a warning names the line for an author to judge.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from feedback.soothing.model import soothing_model
from scenarios.schema import Scenario

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SoothingLine:
    where: str
    text: str
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f'{self.where}: "{self.text}" ({"; ".join(self.reasons)})'


# skills whose strong exemplars validate or ease the partner: that is the skill, not soothing
PARTNER_EASING_SKILLS = frozenset({"validate", "gentle", "easy_manner", "interested"})


def soothing_lines(lines: Iterable[tuple[str, str]]) -> list[SoothingLine]:
    """The (where, text) pairs whose text soothes, each with the reasons."""
    pairs = list(lines)
    if not pairs:
        return []
    verdicts = soothing_model().verdicts([text for _, text in pairs])
    return [
        SoothingLine(where, text, verdict.reasons)
        for (where, text), verdict in zip(pairs, verdicts)
        if verdict.soothing
    ]


def strong_exemplars_that_soothe(texts: list[str], skills: list[str]) -> list[SoothingLine]:
    """Strong exemplars (shown as "a stronger way") that soothe, outside the partner-easing skills."""
    keep = [i for i, skill in enumerate(skills) if skill not in PARTNER_EASING_SKILLS]
    return soothing_lines([(f"exemplar bank, {skills[i]}, strong", texts[i]) for i in keep])


def scenario_exemplars_that_soothe(scenarios: Iterable[Scenario]) -> list[SoothingLine]:
    """A scenario's own strong exemplars that soothe, outside the partner-easing skills."""
    return soothing_lines(
        (f"scenario {s.id}, exemplars.{skill}.strong", text)
        for s in scenarios
        for skill, pair in s.exemplars.items()
        if skill not in PARTNER_EASING_SKILLS
        for text in pair.strong
    )


_checked_lines: dict[str, tuple[str, ...]] = {}  # text -> reasons (empty: fine); a library reloads often


def partner_lines_that_soothe(scenarios: Iterable[object]) -> list[SoothingLine]:
    """Authored partner lines (opening, stance lines, objections, closings) that soothe."""
    pairs = [
        (f"scenario {s.id}, {'.'.join(map(str, path))}", text)  # type: ignore[attr-defined]
        for s in scenarios
        for path, text in s.all_partner_text()  # type: ignore[attr-defined]
    ]
    new = list({text: where for where, text in pairs if text not in _checked_lines}.items())
    found = {line.text: line.reasons for line in soothing_lines([(where, text) for text, where in new])}
    _checked_lines.update({text: found.get(text, ()) for text, _ in new})
    return [SoothingLine(where, text, _checked_lines[text]) for where, text in pairs if _checked_lines[text]]


def warn_about(findings: list[SoothingLine], what: str) -> None:
    if findings:
        log.warning(
            "%d %s soothe (the no-soothing guard would drop them from generated text):\n  %s",
            len(findings),
            what,
            "\n  ".join(map(str, findings)),
        )
