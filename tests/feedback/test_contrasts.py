""" "A stronger way" and "a weaker way" fit the learner's situation: the scenario's own exemplars
first, a bank exemplar only when it names nothing foreign to the situation, never the learner's
own words, and a stronger way that itself rates strong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from feedback.contrast import fits_situation, particulars, same_words
from feedback.explain import rewrite_for
from feedback.rating import scenario_context
from feedback.skills import BUILT_IN_SKILLS
from scenarios.loader import LIBRARY_DIR, load_library

HELD_OUT = Path(__file__).resolve().parent.parent / "data" / "feedback" / "realistic-heldout.jsonl"


def test_names_amounts_and_currencies_tie_a_sentence_to_its_situation():
    assert particulars("I'd like the 200 dollars back by Friday, Jess.") == {"200", "dollars", "Jess"}
    assert particulars("Please put your dishes away before bed.") == set()
    assert not fits_situation("Pay back the £250 by Friday.", "Your brother owes you $300 for a car repair.")
    assert fits_situation("Please wash up tonight.", "Your flatmate leaves dishes in the sink.")


def test_the_learners_own_words_never_count_as_a_different_way():
    assert same_words("I'd like you to wash up.", "i'd like you to wash up")


def test_rewrites_never_delete_words_that_carry_meaning():
    describe, express = BUILT_IN_SKILLS["describe"], BUILT_IN_SKILLS["express"]
    assert rewrite_for(describe, "weak", "mum never helps with Sunday lunch") is None
    assert (
        rewrite_for(express, "weak", "I'm so sorry Jess but you make me feel ignored")
        == "I'm so sorry Jess but I feel ignored"
    )
    assert rewrite_for(express, "weak", "lowercase words that no rule touches") is None


@pytest.fixture(scope="module")
def library():
    return load_library([LIBRARY_DIR])


@pytest.mark.slow
def test_contrasts_in_a_scenario_fit_it_and_stronger_ways_rate_strong(knn_rater, library):
    rows = [json.loads(line) for line in HELD_OUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    shown = rated_strong = 0
    for row in (r for r in rows if r.get("scenario")):
        scenario = library.get(row["scenario"]).scenario
        context = scenario_context(scenario, row.get("partner_last", ""))
        scenario_text = " ".join(
            [
                scenario.situation,
                scenario.goal,
                scenario.partner.name,
                *scenario.facts.visible,
                *[t for pair in scenario.exemplars.values() for t in (*pair.strong, *pair.weak)],
            ]
        )
        for rating in knn_rater.rate(row["utterance"], context):
            for contrast in (rating.nearest_strong, rating.nearest_weak):
                if contrast:
                    assert not same_words(contrast, row["utterance"]) and not same_words(contrast, rating.evidence)
                    assert fits_situation(contrast, scenario_text), (row["scenario"], contrast)
            if rating.level != "strong" and rating.nearest_strong:
                shown += 1
                again = knn_rater.rate(rating.nearest_strong, context.model_copy(update={"skills": (rating.skill,)}))
                rated_strong += again[0].level == "strong"
    assert shown > 100
    assert rated_strong / shown >= 0.9, f"{rated_strong} of {shown} stronger ways rate strong"
