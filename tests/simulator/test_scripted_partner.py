"""The scripted partner replies to what the learner did: answers questions, takes offers by
stance, says back the learner's terms when it agrees, accepts a learner who gives in."""

from feedback.skills import BUILT_IN_SKILLS
from scenarios.loader import LIBRARY_DIR, load_library
from simulator.partner.backends.base import Message, PartnerRequest
from simulator.partner.backends.scripted import ScriptedPartner, best_answer
from simulator.partner.terms import stated_terms

LIBRARY = load_library([LIBRARY_DIR], known_skills=BUILT_IN_SKILLS)
SCENARIO = LIBRARY.get("roommate-dishes").scenario


def _reply(text: str, stance: str = "guarded", move: str | None = None, **fields: object) -> str:
    scenario = fields.pop("scenario", SCENARIO)
    history = (Message("partner", "..."), Message("learner", text))
    return ScriptedPartner().reply(PartnerRequest("s1", scenario, stance, 50, history, move=move, **fields))  # type: ignore[arg-type]


def test_no_line_is_repeated_while_others_in_the_band_remain():
    partner = ScriptedPartner()
    history: list[Message] = []
    said = []
    band = SCENARIO.partner.lines.resistant
    for _ in range(len(band)):
        history.append(Message("learner", "whatever"))
        reply = "".join(partner.stream(PartnerRequest("s1", SCENARIO, "resistant", 10, tuple(history), move="request")))
        history.append(Message("partner", reply))
        said.append(reply)
    assert len(set(said)) == len(said)
    assert set(said) == {SCENARIO.fill(line) for line in band}


def test_placeholders_are_filled_from_the_scenario_facts():
    partner = ScriptedPartner()
    replies = {
        partner.reply(PartnerRequest(f"s{i}", SCENARIO, band, 50, (Message("learner", "x"),), move=move))
        for i in range(20)
        for band in ("resistant", "guarded", "wavering", "agreeing")
        for move in ("request", "offer", "attack", "question")
    }
    assert replies and not any("{" in reply for reply in replies)


def test_a_question_gets_the_authored_answer_on_its_topic():
    scenario = LIBRARY.get("manager-finish-time").scenario
    question = "Who books the late reviews, is it you or Martin?"
    answer = best_answer(scenario, question, set())
    assert answer is not None
    assert _reply(question, move="question", scenario=scenario) == scenario.fill(answer.line)
    assert "Martin" in scenario.fill(answer.line) or "book" in answer.line.lower()


def test_an_offer_is_countered_when_guarded_and_considered_when_wavering():
    offer = "How about you do them by noon the next day instead?"
    countered = _reply(offer, "guarded", "offer")
    considered = _reply(offer, "wavering", "offer")
    assert countered in [SCENARIO.fill(line) for line in SCENARIO.partner.offer_responses.counter]
    assert considered in [SCENARIO.fill(line) for line in SCENARIO.partner.offer_responses.consider]


def test_the_agreement_says_back_the_learners_terms_and_nothing_else():
    terms = stated_terms("How about you do them by noon the next day instead?")
    assert terms == "I'll do them by noon the next day instead."
    reply = _reply("That way we both get a clear kitchen.", "agreeing", "other", outcome="agreed", terms=terms)
    assert terms in reply
    agreement_lines = [SCENARIO.fill(line, terms) for line in SCENARIO.partner.agreement]
    assert any(reply.startswith(line) for line in agreement_lines)


def test_a_learner_who_gives_in_is_accepted_not_argued_with():
    reply = _reply("Fine, I'll just do your dishes.", "guarded", "give_in", outcome="gave_in")
    assert any(reply.startswith(SCENARIO.fill(line)) for line in SCENARIO.partner.give_in)


def test_an_attack_a_change_of_subject_and_the_same_words_again_get_their_own_lines():
    attack = _reply("You're a lazy slob.", "guarded", "attack")
    assert attack in [SCENARIO.fill(line) for line in SCENARIO.partner.attack or SCENARIO.partner.lines.resistant]
    assert _reply("Did you see the match?", "guarded", "off_topic") in SCENARIO.partner.off_topic
    assert _reply("Wash up.", "guarded", "repeat", no_gain="verbatim") in SCENARIO.partner.repeat


def test_closings_say_the_partner_is_the_one_leaving():
    for scenario in (loaded.scenario for loaded in LIBRARY.scenarios.values()):
        walked = scenario.partner.closings.walked_away
        if walked:
            lowered = walked.lower()
            assert "you stormed" not in lowered and "don't walk off" not in lowered, scenario.id


def test_terms_are_said_back_from_the_partners_side():
    assert stated_terms("I'd like you to wash your own dishes by the next morning.") == (
        "I'll wash my own dishes by the next morning."
    )
    assert stated_terms("I could start at 8:30 so I'm still in for the full day.") == (
        "You'll start at 8:30 so you're still in for the full day."
    )
    assert stated_terms("No, I'm not going to lend you the £600.") == "You're not going to lend me the £600."
    assert stated_terms("It's been a long week.") is None
