"""`rehearse feedback eval` and `feedback rate --scenario`: the figures and fields outside checks
read (3-level accuracy and kappa, each turn's levels and contrasts), and turns rated in a library
scenario exactly as the app rates them."""

from __future__ import annotations

import json

import pytest

from feedback.evaluation import UnknownScenario, evaluate, three_level_kappa
from feedback.labelled_data import LabelledUtterance
from feedback.rating import scenario_context
from scenarios.loader import LIBRARY_DIR, load_library
from tests.simulator.test_cli import run_cli

ROWS = [
    LabelledUtterance(
        id="a1",
        situation="My flatmate leaves dishes in the sink.",
        goal="Dishes washed the same day.",
        utterance="I'd like you to wash your dishes by 10 pm on the day you use them.",
        labels={"assert": "strong", "describe": "none"},
    ),
    LabelledUtterance(
        id="a2",
        scenario="roommate-dishes",
        partner_last="What now?",
        utterance="whatever, I'll just do them myself I guess",
        labels={"assert": "none", "mindful": "none"},
    ),
    LabelledUtterance(id="a3", utterance="You are disgusting and lazy.", labels={"describe": "weak"}),
]


class RecordingRater:
    """The real rater, remembering the context of each call."""

    def __init__(self, rater):
        self.rater, self.contexts, self.name = rater, [], rater.name

    def rate(self, utterance, context):
        self.contexts.append(context)
        return self.rater.rate(utterance, context)


@pytest.fixture(scope="module")
def library_scenarios():
    return {id_: loaded.scenario for id_, loaded in load_library([LIBRARY_DIR]).scenarios.items()}


def test_the_report_gives_three_level_agreement_and_each_turns_levels_and_contrasts(knn_rater, library_scenarios):
    report = evaluate(knn_rater, ROWS, warmup=0, scenarios=library_scenarios).to_json()
    for skill in ("assert", "describe", "mindful"):
        figures = report["per_skill"][skill]
        assert 0.0 <= figures["accuracy_3"] <= 1.0 and -1.0 <= figures["kappa_3"] <= 1.0
    assert [p["id"] for p in report["predictions"]] == ["a1", "a2", "a3"]
    for prediction in report["predictions"]:
        assert set(prediction) == {"id", "levels", "stronger", "weaker"}
        assert set(prediction["levels"]) == set(prediction["stronger"]) == set(prediction["weaker"])
        assert set(prediction["levels"].values()) <= {"strong", "weak", "none"}
    assert json.loads(json.dumps(report)) == report


def test_three_level_accuracy_counts_exact_level_matches(knn_rater):
    rows = [
        LabelledUtterance(id=f"r{i}", utterance=text, labels={"assert": level})
        for i, (text, level) in enumerate(
            [("I'd like you to pay me back the £250 by Friday.", "strong"), ("The weather is nice today.", "none")]
        )
    ]
    report = evaluate(knn_rater, rows, warmup=0)
    predicted = [p.levels["assert"] for p in report.predictions]
    expected = sum(p == row.labels["assert"] for p, row in zip(predicted, rows)) / len(rows)
    assert report.per_skill["assert"].accuracy_3 == pytest.approx(expected)


def test_kappa_is_cohens_over_the_three_levels():
    # observed agreement 3/4; chance (2*1 + 1*1 + 1*2) / 16; kappa = (0.75 - 0.3125) / 0.6875
    gold, predicted = ["strong", "weak", "none", "strong"], ["strong", "weak", "none", "none"]
    assert three_level_kappa(gold, predicted) == pytest.approx(0.6364, abs=1e-4)
    assert three_level_kappa(gold, gold) == 1.0
    assert three_level_kappa(["none"] * 3, ["none"] * 3) == 1.0


def test_a_turn_naming_a_scenario_is_rated_with_that_scenarios_context(knn_rater, library_scenarios):
    recording = RecordingRater(knn_rater)
    evaluate(recording, ROWS, warmup=0, scenarios=library_scenarios)
    scenario = library_scenarios["roommate-dishes"]
    assert recording.contexts[1] == scenario_context(scenario, "What now?")
    assert recording.contexts[1].scenario_exemplars, "the scenario's own exemplars are part of the rating"
    assert recording.contexts[0].situation == ROWS[0].situation and not recording.contexts[0].scenario_exemplars


def test_an_unknown_scenario_is_named_in_the_error(knn_rater):
    row = LabelledUtterance(id="x1", scenario="no-such-scenario", utterance="Hello", labels={"assert": "none"})
    with pytest.raises(UnknownScenario, match="no-such-scenario"):
        evaluate(knn_rater, [row], scenarios={})


@pytest.mark.slow
def test_the_commands_rate_in_a_scenario_and_print_the_contract(tmp_path, vector_cache):
    rated = run_cli(
        [
            "feedback",
            "rate",
            "--scenario",
            "roommate-dishes",
            "I'd like you to wash your own dishes by 10 pm the same day.",
        ],
        tmp_path,
        vector_cache,
    )
    assert rated.returncode == 0, rated.stderr
    library = load_library([LIBRARY_DIR])
    skills = {r["skill"] for r in json.loads(rated.stdout)}
    assert skills == set(library.get("roommate-dishes").scenario.skills)

    data = tmp_path / "turns.jsonl"
    data.write_text("\n".join(r.model_dump_json() for r in ROWS) + "\n", encoding="utf-8")
    result = run_cli(["feedback", "eval", str(data), "--json"], tmp_path, vector_cache)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"n", "macro_f1", "per_skill", "latency_ms", "predictions"} <= set(report)
    assert {"macro_f1", "support_strong", "accuracy_3", "kappa_3"} <= set(report["per_skill"]["assert"])
    assert [p["id"] for p in report["predictions"]] == ["a1", "a2", "a3"]

    refused = run_cli(["feedback", "rate", "--scenario", "roomate-dishes", "Hi"], tmp_path, vector_cache)
    assert refused.returncode == 2 and "roommate-dishes" in refused.stderr
