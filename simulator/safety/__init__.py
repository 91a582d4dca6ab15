"""Checks on what the learner types, before anything reaches the rater or the partner."""

from simulator.safety.crisis import CrisisVerdict, RiskAssessment, assess_risk, mentions_harm
from simulator.safety.input_checks import InputProblem, check_utterance

__all__ = ["CrisisVerdict", "InputProblem", "RiskAssessment", "assess_risk", "check_utterance", "mentions_harm"]
