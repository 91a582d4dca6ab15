"""The partner reads what the learner's turn does: ask, offer, question, give in, attack..."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from feedback.text_classifier import TextHead, shared_encoder
from scenarios.loader import LIBRARY_DIR, load_library
from simulator.partner.moves import (
    DATA_PATH,
    HEAD_PATH,
    LearnerMove,
    is_keyword_salad,
    move_reader,
    train_move_head,
)

HELD_OUT = Path(__file__).resolve().parents[1] / "data" / "partner" / "moves-heldout.jsonl"
FRESH_HELD_OUT = HELD_OUT.with_name("moves-heldout-2.jsonl")


@pytest.fixture(scope="module")
def library():
    return {key: loaded.scenario for key, loaded in load_library([LIBRARY_DIR]).scenarios.items()}


# Lines written for this test, not in the training file.
@pytest.mark.parametrize(
    ("scenario_id", "text", "move"),
    [
        ("manager-finish-time", "Who decides when the launch reviews are booked?", LearnerMove.QUESTION),
        ("manager-finish-time", "I could come in at 8:30 so I still do the full day.", LearnerMove.OFFER),
        ("roommate-dishes", "I'd like you to wash your own plates by the next morning.", LearnerMove.REQUEST),
        ("sister-loan", "Fine, I'll send you the money tonight.", LearnerMove.GIVE_IN),
        ("roommate-dishes", "You're a disgusting lazy pig, Sam.", LearnerMove.ATTACK),
        ("sister-loan", "I can see how frightening the rent letter must have been.", LearnerMove.VALIDATE),
        ("friend-concert-money", "Sorry, sorry, I hate bringing this up.", LearnerMove.APOLOGY),
        ("neighbour-driveway", "Like I said, I need the driveway kept clear.", LearnerMove.REPEAT),
        ("gp-referral", "Did you have a nice weekend, doctor?", LearnerMove.OFF_TOPIC),
    ],
)
def test_clear_lines_are_read_as_their_move(library, scenario_id, text, move):
    assert move_reader().read(text, scenario=library[scenario_id]).move is move


def test_the_same_turn_typed_again_is_a_verbatim_repeat(library):
    earlier = ["I'd like you to wash your dishes by the next morning."]
    reading = move_reader().read(
        "I'd like you to wash your dishes by the next morning", earlier, library["roommate-dishes"]
    )
    assert reading.move is LearnerMove.REPEAT and reading.verbatim
    broken_record = move_reader().read(
        "As I said, your dishes need doing by the morning.", earlier, library["roommate-dishes"]
    )
    assert not broken_record.verbatim


def test_keywords_strung_together_are_salad_not_a_request(library):
    salad = "describe express assert reinforce dishes sink morning please"
    assert is_keyword_salad(salad)
    reading = move_reader().read(salad, scenario=library["roommate-dishes"])
    assert reading.move is LearnerMove.OTHER and reading.salad
    assert not is_keyword_salad("Emergency list, three days, please.")
    assert not is_keyword_salad("I'd like the £85 back by the 25th, in two instalments if that helps.")


def test_the_training_lines_never_include_the_held_out_set():
    if not HELD_OUT.exists():
        pytest.skip("the held-out set is not in this tree")
    held_out = {json.loads(line)["text"].strip().lower() for line in HELD_OUT.read_text().splitlines() if line.strip()}
    training = {json.loads(line)["text"].strip().lower() for line in DATA_PATH.read_text().splitlines() if line.strip()}
    assert not {text for text in held_out & training if any(c.isalpha() for c in text)}  # "..." is no line


# The int8 encoder's integer products are exact on every CPU; float rounding elsewhere differs
# with the instruction set, so a retrained head matches the committed one within a tolerance.
COEFFICIENT_TOLERANCE = 0.05


@pytest.mark.slow
def test_retraining_reproduces_the_committed_head(library):
    retrained = train_move_head(shared_encoder(), library)
    committed = TextHead.load(HEAD_PATH)
    assert retrained.labels == committed.labels
    assert np.abs(retrained.coef - committed.coef).max() <= COEFFICIENT_TOLERANCE
    assert np.abs(retrained.intercept - committed.intercept).max() <= COEFFICIENT_TOLERANCE


# Measured on the held-out set written by a second author (tests/data/partner/moves-heldout.jsonl):
# 0.708 at first reading; 0.750 after more training lines of our own and narrower word cues (only
# the per-move figures were looked at, never the held-out lines). The target is 0.85; this floor
# keeps the figure from sliding back unnoticed.
# The second set (written later by a session that saw no repo file, labelled twice) measured 0.700.
HELD_OUT_FLOORS = {HELD_OUT: 0.70, FRESH_HELD_OUT: 0.68}


@pytest.mark.parametrize("held_out", list(HELD_OUT_FLOORS), ids=lambda path: path.name)
def test_held_out_lines_are_read_at_least_as_well_as_measured(held_out: Path):
    if not held_out.exists():
        pytest.skip("the held-out set is not in this tree")
    from simulator.partner.cli import evaluate

    result = evaluate(held_out)
    assert result["n"] == sum(1 for line in held_out.read_text().splitlines() if line.strip())
    assert set(result["per_move"]) <= {move.value for move in LearnerMove}
    assert result["accuracy"] >= HELD_OUT_FLOORS[held_out]
