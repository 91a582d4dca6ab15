"""The no-soothing guard's public names, kept here for existing imports (see feedback.soothing)."""

from feedback.soothing import is_soothing, recomposed, soothing_phrases, without_soothing

__all__ = ["is_soothing", "recomposed", "soothing_phrases", "without_soothing"]
