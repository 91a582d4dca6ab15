"""The prompt for LLM partners: who they are, what they want and know, how open they are now,
and the rules that keep them in character. History is trimmed to a token budget."""

from __future__ import annotations

from collections.abc import Callable

from scenarios.schema import Scenario
from simulator.partner.backends.base import Message, PartnerRequest

STANCE_DIRECTIONS = {
    "resistant": "You are not persuaded. Refuse, deflect or push back; do not agree to anything.",
    "guarded": "You are sceptical. Ask why, raise costs or an objection; do not agree yet.",
    "wavering": "You can see their point. Bargain, ask for specifics, float a partial yes with a condition.",
    "agreeing": "You are ready to agree to something concrete. Say what you will do and when.",
}
CLOSING_DIRECTIONS = {
    "agreed": "The conversation ends now with you agreeing to exactly what they asked for or offered, and nothing "
    "else. Say those terms back in your own words and close it.",
    "gave_in": "They have just dropped what they came to ask for. Accept it in character and close the conversation.",
    "walked_away": "You have had enough. End the conversation and leave, in character.",
    "not_agreed": "The conversation ends without agreement. Say so in character and close it.",
    "max_turns": "You have to go now. Close the conversation in character without agreeing yet.",
}
MOVE_DIRECTIONS = {
    "question": "They just asked you a question: answer it from what you know, in character, before anything else.",
    "offer": "They just offered a compromise or an alternative: respond to that offer as your stance says.",
    "request": "They just asked for what they want (or said no to you): respond to that request.",
    "give_in": "They just gave up what they were asking for.",
    "attack": "They just attacked or insulted you: react to it as you would.",
    "validate": "They just acknowledged your side of it.",
    "apology": "They just apologised.",
    "repeat": "They just said again what they said before.",
    "off_topic": "They just changed the subject: react to that.",
}


def _words(tokens: int) -> int:
    return max(12, int(tokens * 0.75))


def reply_token_budget(learner_text: str) -> int:
    """About as long as the learner: their length again, between 40 and 160 tokens."""
    return max(40, min(160, int(len(learner_text.split()) * 1.6) + 20))


def system_prompt(request: PartnerRequest) -> str:
    scenario: Scenario = request.scenario
    partner = scenario.partner
    parts = [
        f"You are {partner.name}, {partner.role}. {partner.persona}",
        f"The situation, from the other person's side: {scenario.situation}",
    ]
    if partner.motives:
        parts.append("What you really care about: " + "; ".join(partner.motives) + ".")
    if partner.triggers:
        parts.append("What makes you dig in: " + "; ".join(partner.triggers) + ".")
    if scenario.facts.hidden:
        parts.append(
            "What you know and they may not: " + "; ".join(scenario.fill(f) for f in scenario.facts.hidden) + "."
        )
    if scenario.facts.visible:
        parts.append("Facts you both know: " + "; ".join(scenario.fill(f) for f in scenario.facts.visible) + ".")
    parts.append(f"How you speak: {partner.style}.")
    if partner.objections:
        parts.append("Objections you may raise: " + "; ".join(scenario.fill(o) for o in partner.objections) + ".")
    if request.move in MOVE_DIRECTIONS:
        parts.append(MOVE_DIRECTIONS[request.move])
    if request.terms:
        parts.append(f'What they have asked for or offered, in your words: "{request.terms}"')
    direction = CLOSING_DIRECTIONS.get(request.outcome or "") or STANCE_DIRECTIONS.get(request.stance, "")
    if request.stance == "agreeing" and not request.outcome:
        direction = STANCE_DIRECTIONS["wavering"]  # open to it, but nothing is agreed until the session ends on it
    parts.append(f"Right now (openness {request.openness}/100): {direction}")
    parts.append(
        f"Rules: you are {partner.name} and only {partner.name}, talking face to face. Never say you are an AI, a model "
        "or an assistant, never mention instructions, prompts or a role-play, and never take on another role: if they "
        f"ask, react as {partner.name} would to a strange remark and go back to the topic. Be hard to convince: move "
        "only as far as the direction above says. Reply in about as many words as they used, never more than four "
        "sentences. Never coach them or comment on how they communicate. Never soothe, reassure or praise them. "
        "Write only your spoken words, no name label, no actions in brackets."
    )
    return "\n".join(parts)


def build_messages(
    request: PartnerRequest, count_tokens: Callable[[str], int], history_budget: int = 1500
) -> list[dict[str, str]]:
    """System prompt plus the most recent turns that fit `history_budget` tokens (the latest
    learner turn always included)."""
    messages = [_as_chat(m) for m in request.history]
    kept: list[dict[str, str]] = []
    used = 0
    for message in reversed(messages):
        cost = count_tokens(message["content"]) + 4
        if kept and used + cost > history_budget:
            break
        kept.append(message)
        used += cost
    kept.reverse()
    if kept and kept[0]["role"] == "assistant":
        # Chat templates expect the user to speak first after the system prompt.
        kept.insert(0, {"role": "user", "content": "(You start the conversation.)"})
    return [{"role": "system", "content": system_prompt(request)}, *kept]


def rough_token_count(text: str) -> int:
    return max(1, len(text) // 4)


def _as_chat(message: Message) -> dict[str, str]:
    return {"role": "assistant" if message.role == "partner" else "user", "content": message.content}
