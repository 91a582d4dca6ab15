"""The built-in scenario library is valid and usable."""

from feedback.skills import BUILT_IN_SKILLS
from scenarios.loader import LIBRARY_DIR, load_library
from scenarios.schema import STANCE_BANDS


def test_every_built_in_scenario_loads_without_problems():
    library = load_library([LIBRARY_DIR], known_skills=BUILT_IN_SKILLS)
    assert library.problems == []
    assert {"roommate-dishes", "sister-loan"} <= set(library.scenarios)


def test_each_scenario_has_lines_for_every_stance_and_exemplars_for_every_skill_in_play():
    for loaded in load_library([LIBRARY_DIR], known_skills=BUILT_IN_SKILLS).scenarios.values():
        scenario = loaded.scenario
        for band in STANCE_BANDS:
            assert len(getattr(scenario.partner.lines, band)) >= 3, (scenario.id, band)
        for skill in scenario.skills:
            assert len(scenario.exemplars[skill].strong) >= 2, (scenario.id, skill)
            assert len(scenario.exemplars[skill].weak) >= 2, (scenario.id, skill)


def test_the_content_hash_changes_when_the_file_changes(tmp_path):
    source = LIBRARY_DIR / "roommate-dishes.yaml"
    copy = tmp_path / "roommate-dishes.yaml"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_library([tmp_path]).scenarios["roommate-dishes"].content_hash
    copy.write_text(source.read_text(encoding="utf-8").replace("max_turns: 12", "max_turns: 10"), encoding="utf-8")
    second = load_library([tmp_path]).scenarios["roommate-dishes"].content_hash
    assert first != second
