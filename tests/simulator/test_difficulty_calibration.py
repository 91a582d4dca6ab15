"""Difficulty from play: on every library scenario, its strong exemplars in DEAR MAN order agree
within ten turns and the session stops there; weak exemplars, keyword salad and one sentence
typed eight times never agree; giving in ends gave_in; skilled play takes longer as the
difficulty rises."""

from __future__ import annotations

import pytest

from scenarios.loader import LIBRARY_DIR, load_library
from simulator.calibration import (
    SKILLED_TURN_LIMIT,
    Script,
    calibrate,
    difficulty_problems,
    keyword_salad,
    script_lines,
)
from simulator.partner.moves import is_keyword_salad

LIBRARY_IDS = sorted(load_library([LIBRARY_DIR]).scenarios)


def test_the_scripts_are_built_from_the_scenario_itself():
    scenario = load_library([LIBRARY_DIR]).get("sister-loan").scenario
    skilled = script_lines(scenario, Script.SKILLED)
    assert skilled[0] == scenario.exemplars["describe"].strong[0]
    assert set(skilled) <= {line for e in scenario.exemplars.values() for line in e.strong}
    assert set(script_lines(scenario, Script.POOR)) <= {line for e in scenario.exemplars.values() for line in e.weak}
    assert len(set(script_lines(scenario, Script.REPEAT))) == 1
    assert all(is_keyword_salad(keyword_salad(scenario, turn)) for turn in range(8))


@pytest.mark.slow
def test_every_library_scenario_plays_to_its_targets(make_rehearsal):
    rehearsal = make_rehearsal()
    results = [calibrate(rehearsal, scenario_id) for scenario_id in LIBRARY_IDS]
    problems = [problem for result in results for problem in result.problems()] + difficulty_problems(results)
    assert problems == []
    for result in results:
        skilled = result.played[Script.SKILLED]
        assert skilled.outcome == "agreed" and skilled.turns <= SKILLED_TURN_LIMIT
        assert skilled.transcript[-1][2], "the agreement is said"
    assert len(results) == len(LIBRARY_IDS) == 12
