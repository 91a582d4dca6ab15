"""The programme's crisis text per deployment (REHEARSE_CRISIS_RESOURCES_FILE)."""

from __future__ import annotations

import pytest

from simulator.bootstrap import bootstrap
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.safety.crisis_text import DEFAULT_SAFETY_PLAN, CrisisTextError, load_crisis_resources
from simulator.settings import DEFAULT_CRISIS_RESOURCES, Settings
from tests.processes import REPO

EXAMPLE = REPO / "deploy" / "crisis-resources.example.yaml"
SOOTHING = ("don't worry", "it's okay", "you've got this", "everything will be", "you are not alone")


def test_the_example_file_gives_the_programmes_people_first_then_the_plan_then_emergency():
    lines = load_crisis_resources(EXAMPLE, DEFAULT_CRISIS_RESOURCES).lines()
    assert lines[0] == "Riverside DBT skills group:"
    assert lines[1].startswith("Your individual therapist, Dr Priya Shah: 020 7946 0391")
    assert lines[2].startswith("Phone coaching line: 07700 900 412")
    assert "safety plan" in lines[3] and "999" in lines[4]


def test_without_a_file_the_setting_text_is_shown_after_a_safety_plan_reminder():
    text = load_crisis_resources(None, "Call 000 (Australia).").text()
    assert text.splitlines() == [DEFAULT_SAFETY_PLAN, "Call 000 (Australia)."]
    assert DEFAULT_SAFETY_PLAN.startswith("If you have a safety plan, follow it now")
    default = load_crisis_resources(None, DEFAULT_CRISIS_RESOURCES).text().lower()
    assert not any(phrase in default for phrase in SOOTHING)


def test_a_turn_that_stops_the_role_play_shows_the_deployments_text(knn_rater, tmp_path):
    rehearsal = bootstrap(
        Settings(data_dir=tmp_path / "data", crisis_resources_file=EXAMPLE), rater=knn_rater, partner=ScriptedPartner()
    )
    session = rehearsal.start("roommate-dishes").session_id
    result = list(rehearsal.send(session, "I want to kill myself"))[-1]
    assert "Phone coaching line: 07700 900 412" in result.crisis_resources
    rehearsal.close()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("contacts:\n  - who: Coach\n    how: 0123\n", "emergency: Field required"),
        ("emergency: Call 999\nhotline: 0800\n", "hotline: Extra inputs are not permitted"),
        ("emergency: [unclosed\n", "not valid YAML"),
    ],
)
def test_a_broken_file_stops_the_app_at_start_with_what_to_fix(tmp_path, content, expected):
    path = tmp_path / "crisis.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CrisisTextError) as caught:
        bootstrap(Settings(data_dir=tmp_path / "data", crisis_resources_file=path))
    assert expected in str(caught.value) and str(path) in str(caught.value)


def test_a_missing_file_names_the_setting():
    with pytest.raises(CrisisTextError, match="REHEARSE_CRISIS_RESOURCES_FILE: cannot read"):
        load_crisis_resources(REPO / "no-such-file.yaml", DEFAULT_CRISIS_RESOURCES)
