"""Raters share one interface (`Rater`) and one registry (`build_rater`)."""

from feedback.raters.base import Rater, RaterUnavailable, build_rater, register_rater

__all__ = ["Rater", "RaterUnavailable", "build_rater", "register_rater"]
