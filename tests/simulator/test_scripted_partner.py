"""The scripted partner answers from authored lines for its stance, without repeating itself."""

from feedback.skills import BUILT_IN_SKILLS
from scenarios.loader import LIBRARY_DIR, load_library
from simulator.partner.backends.base import Message, PartnerRequest
from simulator.partner.backends.scripted import ScriptedPartner

SCENARIO = load_library([LIBRARY_DIR], known_skills=BUILT_IN_SKILLS).get("roommate-dishes").scenario


def test_no_line_is_repeated_while_others_in_the_band_remain():
    partner = ScriptedPartner()
    history: list[Message] = []
    said = []
    band = SCENARIO.partner.lines.resistant
    for _ in range(len(band)):
        history.append(Message("learner", "whatever"))
        reply = "".join(partner.stream(PartnerRequest("s1", SCENARIO, "resistant", 10, tuple(history))))
        history.append(Message("partner", reply))
        said.append(reply)
    assert len(set(said)) == len(said)
    assert set(said) == {SCENARIO.fill(line) for line in band}


def test_placeholders_are_filled_from_the_scenario_facts():
    partner = ScriptedPartner()
    replies = {partner.reply(PartnerRequest(f"s{i}", SCENARIO, band, 50, (Message("learner", "x"),)))
               for i in range(20) for band in ("resistant", "guarded", "wavering", "agreeing")}
    assert replies and not any("{" in reply for reply in replies)


def test_the_closing_line_ends_an_agreed_conversation():
    reply = ScriptedPartner().reply(PartnerRequest("s1", SCENARIO, "agreeing", 80, (), outcome="agreed"))
    assert reply == SCENARIO.fill(SCENARIO.partner.closings.agreed)
