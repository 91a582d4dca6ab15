"""Broken scenario files are reported as file:line:col: field: message, every problem at once."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from feedback.skills import BUILT_IN_SKILLS
from scenarios.loader import load_library, load_scenario
from scenarios.problems import YamlFileError

VALID = textwrap.dedent("""\
    id: test-scenario
    title: A test scenario
    category: social
    situation: Your neighbour plays loud music after midnight.
    goal: Agree on quiet after eleven on weeknights.
    skills: [describe, assert]
    partner:
      name: Alex
      role: your neighbour
      persona: Friendly but forgetful.
      opening: Oh hi, what's up?
      difficulty: moderate
      lines:
        resistant: [No way., Not my problem., Leave it.]
        guarded: [Why now?, Is it really that loud?, Hm.]
        wavering: [Maybe weeknights., What time exactly?, I could try.]
        agreeing: [Okay, eleven it is., Fine, deal., Sure.]
    exemplars:
      describe:
        strong: [On Tuesday the music was on until 1 am., Last night the bass was loud at midnight.]
        weak: [You are always so loud., You never think of anyone.]
      assert:
        strong: [Please turn it down by eleven on weeknights., I'd like quiet after eleven.]
        weak: [Maybe it could be quieter sometime?, It would be nice if...]
    """)


def problems_for(tmp_path: Path, text: str | bytes, name: str = "broken.yaml") -> list[str]:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(YamlFileError) as caught:
        load_scenario(path, known_skills=BUILT_IN_SKILLS)
    return [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]


def test_the_valid_base_file_loads(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_scenario(path, known_skills=BUILT_IN_SKILLS).scenario.partner.name == "Alex"


def test_a_misspelt_field_is_named_with_its_line_and_a_suggestion(tmp_path):
    text = VALID.replace("goal:", "gaol:")
    assert problems_for(tmp_path, text) == [
        "broken.yaml:1:1: goal: the required field 'goal' is missing (hint: add 'goal:')",
        "broken.yaml:5:1: gaol: unknown field 'gaol' (hint: did you mean 'goal'?)",
    ]


def test_a_wrong_difficulty_lists_the_choices(tmp_path):
    text = VALID.replace("difficulty: moderate", "difficulty: medium")
    assert problems_for(tmp_path, text) == [
        "broken.yaml:12:15: partner.difficulty: 'medium' is not one of: easy, moderate, hard",
    ]


def test_an_unknown_skill_id_is_located_in_the_skill_list(tmp_path):
    text = VALID.replace("skills: [describe, assert]", "skills: [describe, asert]").replace("  assert:\n", "  asert:\n")
    problems = problems_for(tmp_path, text)
    assert "broken.yaml:6:20: skills[1]: unknown skill id 'asert' (hint: did you mean 'assert'?)" in problems


def test_too_few_lines_for_a_stance_band(tmp_path):
    text = VALID.replace("guarded: [Why now?, Is it really that loud?, Hm.]", "guarded: [Why now?]")
    assert problems_for(tmp_path, text) == [
        "broken.yaml:15:14: partner.lines.guarded: needs at least 3 items, found 1 (hint: add 2 more)",
    ]


def test_a_yaml_syntax_error_points_at_its_line(tmp_path):
    text = VALID.replace("title: A test scenario", "title: [A test scenario")
    problems = problems_for(tmp_path, text)
    assert len(problems) == 1 and problems[0].startswith(
        "broken.yaml:2:8: (file): YAML syntax error: the list opened with '['"
    )
    assert "is not closed" in problems[0]


def test_a_tab_used_for_indentation_is_reported_on_its_line(tmp_path):
    text = VALID.replace("  name: Alex", "\tname: Alex")
    assert problems_for(tmp_path, text)[0] == (
        "broken.yaml:8:1: (file): a tab is used for indentation; YAML needs spaces "
        "(hint: replace the tab with spaces (two per level))"
    )


def test_every_problem_is_reported_at_once(tmp_path):
    text = VALID.replace("category: social", "category: hobby").replace("difficulty: moderate", "difficulty: extreme")
    problems = problems_for(tmp_path, text)
    assert [p.split(": ")[0] for p in problems] == ["broken.yaml:3:11", "broken.yaml:12:15"]


def test_a_broken_file_never_stops_the_others_from_loading(tmp_path):
    (tmp_path / "good.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(VALID.replace("id: test-scenario", "id: other\ntitle: twice"), encoding="utf-8")
    library = load_library([tmp_path], known_skills=BUILT_IN_SKILLS)
    assert list(library.scenarios) == ["test-scenario"]
    assert [p.field for p in library.problems] == ["title"]
    assert "appears twice" in library.problems[0].message
