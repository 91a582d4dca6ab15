"""Partner openness moves with the learner's skill, with a reason for every change."""

from feedback.faults import Fault
from feedback.skills import BUILT_IN_SKILLS
from scenarios.loader import LIBRARY_DIR, load_library
from simulator.partner.state import (
    DIFFICULTY_PROFILES,
    Outcome,
    PartnerState,
    apply_ratings,
    band_of,
    end_check,
    initial_state,
)

SCENARIO = load_library([LIBRARY_DIR], known_skills=BUILT_IN_SKILLS).get("roommate-dishes").scenario


def test_bands_follow_openness():
    assert [band_of(v) for v in (0, 29, 30, 54, 55, 74, 75, 100)] == [
        "resistant",
        "resistant",
        "guarded",
        "guarded",
        "wavering",
        "wavering",
        "agreeing",
        "agreeing",
    ]


def test_strong_skills_open_the_partner_and_every_change_has_a_reason():
    state = initial_state(SCENARIO)
    after, changes = apply_ratings(state, {"describe": "strong", "express": "strong"}, SCENARIO)
    assert after.openness > state.openness
    assert [c.reason for c in changes] == ["factual description: +7", "owned feeling: +5"]


def test_judgement_and_counter_attacks_close_the_partner():
    state = initial_state(SCENARIO)
    after, changes = apply_ratings(
        state, {"describe": "weak", "mindful": "none"}, SCENARIO, faults={Fault.OFF_TOPIC, Fault.ATTACK}
    )
    assert after.openness < state.openness
    reasons = [c.reason for c in changes]
    assert "judgemental or vague description: -3" in reasons
    assert "an attack, threat, sneer or judgement of the person: -8" in reasons


def test_a_skill_not_shown_costs_nothing_without_evidence_of_a_fault():
    state = initial_state(SCENARIO)
    absent = {
        skill: "none"
        for skill in (
            "mindful",
            "confident",
            "gentle",
            "interested",
            "validate",
            "easy_manner",
            "fair",
            "no_apologies",
            "stick_to_values",
            "truthful",
        )
    }
    after, changes = apply_ratings(state, absent, SCENARIO)
    assert after.openness == state.openness and changes == []


def test_each_fault_is_counted_once_per_turn():
    state = initial_state(SCENARIO)
    _after, changes = apply_ratings(
        state, {"gentle": "none", "confident": "none"}, SCENARIO, faults=[Fault.ATTACK, Fault.ATTACK]
    )
    assert [c.skill for c in changes] == ["attack"]


def test_repeating_the_same_strong_skill_earns_less_each_time():
    state = initial_state(SCENARIO)
    gains = []
    for _ in range(3):
        after, _changes = apply_ratings(state, {"assert": "strong"}, SCENARIO)
        gains.append(after.openness - state.openness)
        state = after
    assert gains[0] > gains[1] > gains[2] >= 0


TERMS = "I'll wash my own dishes by the next morning."


def test_agreement_needs_openness_the_required_skills_and_stated_terms():
    open_enough = PartnerState(openness=90, turn=3)
    required = {req.skill: "strong" for req in SCENARIO.success.requires}
    assert "assert" in required
    assert end_check(open_enough, SCENARIO, [{**required, "assert": "weak"}], "request", TERMS) is None
    assert end_check(open_enough, SCENARIO, [required], "request", TERMS) is Outcome.AGREED
    assert end_check(open_enough, SCENARIO, [required], "request", None) is None  # nothing asked yet
    assert end_check(PartnerState(openness=40, turn=3), SCENARIO, [required], "request", TERMS) is None


def test_an_attack_a_repeat_or_keyword_salad_never_clinches_agreement():
    open_enough = PartnerState(openness=90, turn=3)
    required = {req.skill: "strong" for req in SCENARIO.success.requires}
    assert end_check(open_enough, SCENARIO, [required], "attack", TERMS) is None
    assert end_check(open_enough, SCENARIO, [required], "repeat", TERMS, no_gain="verbatim") is None
    assert end_check(open_enough, SCENARIO, [required], "other", TERMS, no_gain="salad") is None


def test_a_learner_who_gives_in_ends_the_session_gave_in_whatever_the_stance():
    for openness in (10, 50, 90):
        assert end_check(PartnerState(openness=openness, turn=2), SCENARIO, [], "give_in", TERMS) is Outcome.GAVE_IN


def test_one_turn_opens_the_partner_only_so_far_and_says_so():
    state = initial_state(SCENARIO)
    everything = {skill: "strong" for skill in ("describe", "express", "assert", "reinforce", "negotiate")}
    after, changes = apply_ratings(state, everything, SCENARIO)
    assert after.openness - state.openness == DIFFICULTY_PROFILES[SCENARIO.partner.difficulty].max_rise
    assert changes[-1].reason.startswith("one turn opens them only so far")
    assert sum(c.delta for c in changes) == after.openness - state.openness


def test_the_same_words_again_or_keyword_salad_gain_nothing_but_still_lose():
    strong = {"describe": "strong", "assert": "strong", "express": "strong"}
    start = initial_state(SCENARIO)
    gained, _ = apply_ratings(start, strong, SCENARIO)
    assert gained.openness > start.openness
    for no_gain in ("verbatim", "salad"):
        held, changes = apply_ratings(start, strong, SCENARIO, no_gain=no_gain)
        assert held.openness == start.openness
        assert any("no gain" in change.reason for change in changes)
    lost, _ = apply_ratings(start, {**strong, "describe": "weak"}, SCENARIO, {Fault.ATTACK}, no_gain="verbatim")
    assert lost.openness < start.openness


def test_the_partner_walks_away_at_the_floor_and_the_turn_limit_ends_the_session():
    assert end_check(PartnerState(openness=0, turn=2), SCENARIO, []) == "walked_away"
    assert end_check(PartnerState(openness=20, turn=SCENARIO.max_turns), SCENARIO, []) == "not_agreed"
    assert end_check(PartnerState(openness=60, turn=SCENARIO.max_turns), SCENARIO, []) == "max_turns"
