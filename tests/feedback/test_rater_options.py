"""A rater is built from typed options: one it does not know is an error that names it and the
options it takes, never silently dropped."""

from __future__ import annotations

import pytest

from feedback.raters.base import RaterUnavailable
from feedback.raters.build import build_rater


@pytest.mark.parametrize("name", ["knn", "llm"])
def test_an_unknown_option_is_refused_with_the_options_the_rater_takes(name, tmp_path):
    with pytest.raises(RaterUnavailable) as caught:
        build_rater(name, cahce_dir=tmp_path, url="http://127.0.0.1:9/v1")
    message = str(caught.value)
    assert "cahce_dir" in message and "cache_dir" in message


def test_an_option_of_the_wrong_type_is_refused():
    with pytest.raises(RaterUnavailable, match="timeout_s"):
        build_rater("llm", url="http://127.0.0.1:9/v1", timeout_s="soon")


def test_an_unknown_rater_lists_the_known_ones():
    with pytest.raises(RaterUnavailable, match="choose one of: knn, llm"):
        build_rater("magic")
