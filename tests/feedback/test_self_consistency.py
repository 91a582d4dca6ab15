"""The rater agrees with the scenarios' own exemplars and is not moved by surface tricks.

Every library scenario's strong exemplars rate strong for their skill when rated in that scenario,
its weak ones do not; lowercasing a learner's turn or putting "Please," in front of it changes
few ratings on realistic learner turns (the held-out set, which the rater is never trained on)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from feedback.rating import RatingContext, scenario_context
from scenarios.loader import LIBRARY_DIR, load_library

HELD_OUT = Path(__file__).resolve().parent.parent / "data" / "feedback" / "realistic-heldout.jsonl"

# Floors that hold for the committed head, so no change makes these worse. The targets (issue 14)
# are higher: 90% of strong exemplars strong, and at most 5% of ratings moved by "Please,". Measured
# on this head: 156/184 strong exemplars rate strong (85%); "Please," moves 6.5%, lowercase under 5%.
STRONG_EXEMPLARS_RATE_STRONG = 0.80
WEAK_EXEMPLARS_RATE_BELOW_STRONG = 0.90
MOST_RATINGS_MOVED = {"lowercase": 0.05, "leading please": 0.08}


def scenario_exemplar_levels(knn_rater):
    """(skill, labelled level, rated level) for every strong and weak exemplar of every library scenario."""
    rows = []
    for loaded in load_library([LIBRARY_DIR]).scenarios.values():
        scenario = loaded.scenario
        for skill, pair in scenario.exemplars.items():
            context = scenario_context(scenario).model_copy(update={"skills": (skill,)})
            for level in ("strong", "weak"):
                for text in getattr(pair, level):
                    rated = knn_rater.rate(text, context)
                    rows.append((skill, level, rated[0].level if rated else "none"))
    return rows


@pytest.mark.slow
def test_library_scenarios_own_exemplars_rate_as_labelled(knn_rater):
    rows = scenario_exemplar_levels(knn_rater)
    strong = [rated == "strong" for _skill, level, rated in rows if level == "strong"]
    weak = [rated != "strong" for _skill, level, rated in rows if level == "weak"]
    assert len(strong) > 50 and len(weak) > 50
    assert sum(strong) / len(strong) >= STRONG_EXEMPLARS_RATE_STRONG, (
        f"only {sum(strong)}/{len(strong)} strong exemplars rate strong"
    )
    assert sum(weak) / len(weak) >= WEAK_EXEMPLARS_RATE_BELOW_STRONG, (
        f"only {sum(weak)}/{len(weak)} weak exemplars rate below strong"
    )


def realistic_turns():
    return [json.loads(line) for line in HELD_OUT.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.slow
@pytest.mark.parametrize("change", ["lowercase", "leading please"])
def test_surface_changes_flip_few_ratings(knn_rater, change):
    library = load_library([LIBRARY_DIR])
    flips = total = 0
    for row in realistic_turns():
        if row.get("scenario"):
            context = scenario_context(library.get(row["scenario"]).scenario, row.get("partner_last", ""))
        else:
            context = RatingContext(
                situation=row["situation"],
                goal=row["goal"],
                partner_last=row.get("partner_last", ""),
                skills=tuple(row["labels"]),
            )
        text = row["utterance"]
        changed = text.lower() if change == "lowercase" else f"Please, {text[:1].lower()}{text[1:]}"
        before = {r.skill: r.level for r in knn_rater.rate(text, context)}
        after = {r.skill: r.level for r in knn_rater.rate(changed, context)}
        flips += sum(before[skill] != after.get(skill) for skill in before)
        total += len(before)
    assert total > 500
    assert flips / total <= MOST_RATINGS_MOVED[change], f"{change}: {flips} of {total} ratings changed"
