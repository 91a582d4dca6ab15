"""The no-soothing guard: coach, rater and partner text must not comfort, reassure or flatter.

Emotions carry information; the product shows numbers and skills, it does not talk feelings
down. Patterns plus a trained classifier (`model`), applied sentence by sentence (`guard`).
"""

from feedback.soothing.guard import is_soothing, recomposed, sentences, without_soothing
from feedback.soothing.model import SoothingVerdict, soothing_model, unquoted
from feedback.soothing.patterns import soothing_phrases

__all__ = [
    "SoothingVerdict",
    "is_soothing",
    "recomposed",
    "sentences",
    "soothing_model",
    "soothing_phrases",
    "unquoted",
    "without_soothing",
]
