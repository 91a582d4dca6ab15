"""An instructor's draft with an alias bomb or a self-referencing alias, sent to the console's
Check, Save and Preview over HTTP, gets a located problem back; nothing is saved and the
server keeps answering."""

from __future__ import annotations

import pytest

from simulator.web.accounts import Role
from tests.processes import signed_in
from tests.scenarios.test_yaml_aliases import BILLION_LAUGHS

pytestmark = pytest.mark.slow
SELF_REFERENCE = "id: loop\ntitle: x\na: &x [*x]\n"


def test_check_save_and_preview_refuse_alias_bombs_with_a_problem_at_the_line(web_app):
    instructor = signed_in(web_app.url, web_app.account(Role.instructor))
    for draft, line, words in [
        (BILLION_LAUGHS, 6, "too many aliases"),
        (SELF_REFERENCE, 3, "refers to the value that contains it"),
    ]:
        problems, listing = instructor.call("console_check", draft, "bomb.yaml")
        assert f"Line {line}, column" in problems and words in problems
        assert "rh-flagged" in listing
        saved = instructor.call("console_save", draft, "bomb.yaml")
        assert "Not saved" in saved[0] and words in saved[0]
        assert instructor.call("console_preview", draft, "bomb.yaml")[0] == "Fix the problems above to see the preview."
    assert not (web_app.data_dir / "scenarios" / "bomb.yaml").exists()
