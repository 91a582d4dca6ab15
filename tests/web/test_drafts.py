"""Scenario YAML written in the console: problems at their lines, saved only when valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from feedback.catalog import load_catalog
from scenarios.loader import LIBRARY_DIR, load_library
from simulator.web.drafts import (
    DraftError,
    check_draft,
    draft_file_name,
    numbered_listing,
    save_draft,
)

VALID = (LIBRARY_DIR / "roommate-dishes.yaml").read_text(encoding="utf-8")


@pytest.fixture
def library():
    return load_library([LIBRARY_DIR], known_skills=load_catalog().ids)


def own_copy(text: str = VALID) -> str:
    return text.replace("id: roommate-dishes", "id: roommate-dishes-copy", 1)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_a_copy_with_its_own_id_is_valid(library, tmp_path):
    check = check_draft(own_copy(), "copy.yaml", library, load_catalog().ids, tmp_path)
    assert check.ok and check.scenario.id == "roommate-dishes-copy"


def test_a_wrong_value_is_reported_at_its_line_and_flagged_in_the_listing(library, tmp_path):
    text = own_copy().replace("difficulty: moderate", "difficulty: impossible", 1)
    assert "difficulty: impossible" in text
    check = check_draft(text, "copy.yaml", library, load_catalog().ids, tmp_path)
    assert not check.ok
    [problem] = check.problems
    assert problem.line == line_of(text, "difficulty: impossible")
    assert problem.field == "partner.difficulty"
    listing = numbered_listing(text, check.problems)
    assert f"rh-draft-line rh-flagged' id='draft-line-{problem.line}'" in listing
    assert listing.count("rh-flagged") == 1


def test_broken_indentation_is_a_problem_not_a_crash(library, tmp_path):
    text = own_copy().replace("\npartner:\n", "\npartner:\n   oops: [unclosed\n", 1)
    check = check_draft(text, "copy.yaml", library, load_catalog().ids, tmp_path)
    assert not check.ok and check.problems[0].line >= 1 and check.scenario is None


def test_the_id_of_a_library_scenario_cannot_be_reused(library, tmp_path):
    check = check_draft(VALID, "roommate-dishes.yaml", library, load_catalog().ids, tmp_path)
    assert [p.field for p in check.problems] == ["id"]
    assert "already used by roommate-dishes.yaml" in check.problems[0].message


def test_saving_writes_only_valid_drafts_and_the_library_then_offers_them(library, tmp_path):
    broken = own_copy().replace("difficulty: moderate", "difficulty: impossible", 1)
    with pytest.raises(DraftError, match="1 problem"):
        save_draft(broken, check_draft(broken, "copy.yaml", library, load_catalog().ids, tmp_path), tmp_path)
    assert not (tmp_path / "copy.yaml").exists()
    path = save_draft(own_copy(), check_draft(own_copy(), "copy.yaml", library, load_catalog().ids, tmp_path), tmp_path)
    assert path == tmp_path / "copy.yaml"
    assert "roommate-dishes-copy" in load_library([LIBRARY_DIR, tmp_path], known_skills=load_catalog().ids).scenarios


@pytest.mark.parametrize(
    "given, expected",
    [("My Scenario.yml", "my-scenario.yaml"), ("../../etc/passwd", "passwd.yaml"), ("a/b/c.yaml", "c.yaml")],
)
def test_file_names_stay_inside_the_authored_folder(given, expected):
    assert draft_file_name(given) == expected


def test_an_empty_file_name_is_refused():
    with pytest.raises(DraftError, match="give the file a name"):
        draft_file_name(" .yaml ")


def test_saved_text_is_not_left_half_written(library, tmp_path):
    save_draft(own_copy(), check_draft(own_copy(), "copy.yaml", library, load_catalog().ids, tmp_path), tmp_path)
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["copy.yaml"]
