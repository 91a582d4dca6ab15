"""Aliases (*name) are measured before they are expanded: a few hundred bytes of nested aliases
(a "billion laughs") or an alias inside its own anchor is a located problem, never a hang, a
memory blow-up or a RecursionError; ordinary anchors still load."""

from __future__ import annotations

import tracemalloc

from feedback.skills import BUILT_IN_SKILLS
from scenarios.checking import check_paths
from scenarios.loader import load_library, load_scenario
from scenarios.yaml_source import MAX_DEPTH, MAX_VALUES
from simulator.web.drafts import check_draft
from tests.scenarios.test_validation_messages import VALID

# Nine levels of ten aliases each: a billion strings once expanded.
BILLION_LAUGHS = "id: laughs\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + below] * 10)}]\n" for below, name in zip("abcdefgh", "bcdefghi")
)


def test_a_billion_laughs_draft_is_refused_at_its_line_with_little_memory(tmp_path):
    assert len(BILLION_LAUGHS.encode()) < 450
    tracemalloc.start()
    try:
        check = check_draft(BILLION_LAUGHS, "laughs.yaml", load_library([tmp_path]), set(BUILT_IN_SKILLS), tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not check.ok and len(check.problems) == 1
    problem = check.problems[0]
    assert (problem.line, problem.field) == (6, "e")  # the first value that alone expands past the limit
    assert problem.message.startswith("too many aliases")
    assert f"at most {MAX_VALUES:,}" in problem.message
    assert peak < 20 * 1024 * 1024  # nothing was expanded: a billion strings would need gigabytes


def test_validate_reports_the_bomb_at_its_line_as_file_line_col(tmp_path):
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    result = check_paths([bomb], BUILT_IN_SKILLS)
    assert [str(p) for p in result.problems] == [
        (
            f"{bomb}:6:4: e: too many aliases: the value here expands to 111,111 values (at most {MAX_VALUES:,}) "
            "(hint: write the values out, or use each anchor (&name) a few times at most)"
        )
    ]


def test_an_alias_inside_its_own_anchor_is_a_problem_not_a_recursion_error(tmp_path):
    for text, line, field in [
        ("a: &x [*x]\n", 1, "a[0]"),
        ("id: loop\npartner:\n  lines: &x {more: [1, *x]}\n", 3, "partner.lines.more[1]"),
    ]:
        check = check_draft(text, "loop.yaml", load_library([tmp_path]), set(BUILT_IN_SKILLS), tmp_path)
        assert [(p.line, p.field) for p in check.problems] == [(line, field)]
        assert "refers to the value that contains it" in check.problems[0].message


def test_nesting_deeper_than_the_limit_is_refused_at_its_line(tmp_path):
    for depth in (MAX_DEPTH + 5, 5000):  # 5000 levels are more than the YAML composer's own recursion allows
        path = tmp_path / f"deep-{depth}.yaml"
        path.write_text("id: deep\nsituation: fine\nlines: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
        problems = check_paths([path], BUILT_IN_SKILLS).problems
        assert len(problems) == 1 and problems[0].line == 3, problems
        assert problems[0].message.startswith(f"nesting too deep: more than {MAX_DEPTH}")


def test_anchors_and_aliases_within_the_limits_still_load(tmp_path):
    shared = VALID.replace(
        "    resistant: [No way., Not my problem., Leave it.]",
        "    resistant: &no [No way., Not my problem., Leave it.]",
    ).replace("    guarded: [Why now?, Is it really that loud?, Hm.]", "    guarded: *no")
    assert shared != VALID
    path = tmp_path / "shared.yaml"
    path.write_text(shared, encoding="utf-8")
    lines = load_scenario(path, known_skills=BUILT_IN_SKILLS).scenario.partner.lines
    assert lines.resistant == lines.guarded == ["No way.", "Not my problem.", "Leave it."]
