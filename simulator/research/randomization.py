"""Balanced block randomization: within every block of `block_size` enrolments each arm gets
the same number of places, in an order drawn from the study's seed and the block number."""

from __future__ import annotations

import random

from scenarios.study_schema import Study


def block_order(study: Study, block: int) -> list[str]:
    per_arm = study.randomization.block_size // len(study.arms)
    places = [arm.id for arm in study.arms for _ in range(per_arm)]
    random.Random(f"{study.id}:{study.randomization.seed}:{block}").shuffle(places)
    return places


def arm_for(study: Study, position: int) -> tuple[str, int]:
    """The arm of the participant enrolled at `position` (0-based), and its block."""
    block, slot = divmod(position, study.randomization.block_size)
    return block_order(study, block)[slot], block
