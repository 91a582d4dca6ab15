"""The rehearsal loop as a LangGraph StateGraph.

open -> learner (interrupt) -> assess -> reply -> record -> learner ... until an outcome;
`finish` closes the session record. `assess` runs the turn's pure steps in order (crisis check,
rating, coach, partner state); they share one graph step because each step costs about 1.7 ms
of scheduling, and together they are one unit of work (a crash re-runs them all, identically).

The crisis check comes first. A `crisis` or `check_in` turn is not rated and the partner does not
answer it: assess -> record. After `crisis` the session ends; after `check_in` it waits at
`check_in` (an interrupt) until the learner says it was part of the role-play (back to `learner`)
or asks for help (the session ends as `crisis`).

Nodes re-run from their start when a session resumes after a crash, so each one only
returns new state and writes to the database with idempotent upserts.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from langgraph.config import get_stream_writer
from langgraph.graph import END, START, StateGraph
from langgraph.types import interrupt

from feedback.coach import decide
from feedback.faults import Fault
from feedback.rating import Rating
from feedback.surveys import mastery_score, session_mastery
from simulator.graph.dependencies import Dependencies
from simulator.graph.state import ChatMessage, SessionState
from simulator.partner.backends.base import Message, PartnerRequest
from simulator.partner.moves import LearnerMove
from simulator.partner.state import Outcome, PartnerState, apply_ratings, band_of, end_check
from simulator.partner.terms import stated_terms, terms_rank
from simulator.safety.crisis import CrisisVerdict

END_ACTION = "end"
RESUME_ACTION = "resume"  # after a check-in: it was part of the role-play
NEED_HELP_ACTION = "need_help"  # after a check-in: the learner needs help now


def build_graph(deps: Dependencies, checkpointer: Any) -> Any:
    graph = StateGraph(SessionState)

    def open_session(state: SessionState) -> dict[str, Any]:
        scenario = deps.scenario(state["scenario_hash"])
        deps.prepare_moves(scenario)
        opening = scenario.fill(scenario.partner.opening)
        return {
            "messages": [ChatMessage(role="partner", content=opening)],
            "turn": 0,
            "skill_history": [],
            "strong_counts": {},
            "outcome": None,
            "pending_text": None,
            "terms": None,
        }

    def learner(state: SessionState) -> dict[str, Any]:
        answer = interrupt({"await": "learner", "turn": state["turn"] + 1})
        if isinstance(answer, dict) and answer.get("action") == END_ACTION:
            return {"outcome": Outcome.ENDED_BY_LEARNER.value, "pending_text": None}
        text = answer["text"] if isinstance(answer, dict) else str(answer)
        return {
            "pending_text": text,
            "ratings": [],
            "coach": None,
            "changes": [],
            "safety": None,
            "learner_move": None,
            "no_gain": None,
        }

    def safety(state: SessionState) -> dict[str, Any]:
        verdict = CrisisVerdict(deps.assess_risk(state["pending_text"] or "").verdict)
        if verdict is CrisisVerdict.CRISIS:
            return {"safety": verdict.value, "outcome": Outcome.CRISIS.value}
        return {"safety": verdict.value} if verdict is CrisisVerdict.CHECK_IN else {}

    def rate(state: SessionState) -> dict[str, Any]:
        scenario = deps.scenario(state["scenario_hash"])
        last_partner = next((m["content"] for m in reversed(state["messages"]) if m["role"] == "partner"), "")
        ratings = deps.rate(scenario, state["pending_text"] or "", last_partner)
        return {"ratings": [r.model_dump(mode="json") for r in ratings]}

    def coach(state: SessionState) -> dict[str, Any]:
        if not state.get("feedback_shown", True):
            return {"coach": None}
        scenario = deps.scenario(state["scenario_hash"])
        ratings = [Rating(**r) for r in state["ratings"]]
        record = deps.store.get_session(state["session_id"])
        decision = decide(
            ratings,
            state["turn"] + 1,
            state["skill_history"],
            band_of(state["openness"]),
            scenario.skills,
            deps.skills,
            values_note=record.values_note if record else None,
        )
        return {"coach": asdict(decision)}

    def read_move(state: SessionState) -> dict[str, Any]:
        scenario = deps.scenario(state["scenario_hash"])
        text = state["pending_text"] or ""
        earlier = [m["content"] for m in state["messages"] if m["role"] == "learner" and not m.get("safety")]
        reading = deps.read_move(text, earlier, scenario)
        no_gain = "verbatim" if reading.verbatim else "salad" if reading.salad else None
        return {"learner_move": reading.move.value, "no_gain": no_gain}

    def terms(state: SessionState) -> dict[str, Any]:
        """What the learner has asked for or offered. A clear ask or offer (a strong assert or
        negotiate) replaces vaguer terms; a vague one only stands until a clear one comes."""
        move, earlier = state.get("learner_move"), state.get("terms")
        if state.get("no_gain") or move not in (LearnerMove.REQUEST, LearnerMove.OFFER, LearnerMove.REPEAT):
            return {}
        clear = any(r["skill"] in ("assert", "negotiate") and r["level"] == "strong" for r in state["ratings"])
        stated = stated_terms(state["pending_text"] or "")
        # A later ask as clear as the first does not replace it; a new offer does (it is the bargain now).
        rank, earlier_rank = terms_rank(stated), terms_rank(earlier)
        better = clear and (rank > earlier_rank or (rank == earlier_rank and move == LearnerMove.OFFER))
        return {"terms": stated} if stated and (better or not earlier) else {}

    def partner_state(state: SessionState) -> dict[str, Any]:
        scenario = deps.scenario(state["scenario_hash"])
        if state.get("max_turns"):
            scenario = scenario.model_copy(update={"max_turns": state["max_turns"]})
        levels = {r["skill"]: r["level"] for r in state["ratings"]}
        # Rated turns only: a check-in does not use up one of the scenario's turns.
        before = PartnerState(state["openness"], len(state["skill_history"]), state["strong_counts"])
        faults = {Fault(r["fault"]) for r in state["ratings"] if r.get("fault")}
        no_gain = state.get("no_gain")
        after, changes = apply_ratings(before, levels, scenario, faults, no_gain=no_gain)
        outcome = end_check(
            after, scenario, [*state["skill_history"], levels], state.get("learner_move"), state.get("terms"), no_gain
        )
        return {
            "openness": after.openness,
            "openness_before": before.openness,
            "strong_counts": dict(after.strong_counts),
            "changes": [c.reason for c in changes],
            "outcome": outcome.value if outcome else None,
        }

    def assess(state: SessionState) -> dict[str, Any]:
        update = safety(state)
        if update.get("safety"):
            return update
        for step in (read_move, rate, terms, coach, partner_state):
            update.update(step({**state, **update}))  # type: ignore[typeddict-item]
        return update

    def reply(state: SessionState) -> dict[str, Any]:
        scenario = deps.scenario(state["scenario_hash"])
        history = tuple(
            Message(m["role"], m["content"])  # type: ignore[arg-type]
            for m in state["messages"]
            if not m.get("safety")
        )  # what made the role-play stop was never said in it
        history += (Message("learner", state["pending_text"] or ""),)
        request = PartnerRequest(
            state["session_id"],
            scenario,
            band_of(state["openness"]),
            state["openness"],
            history,
            state.get("outcome"),
            move=state.get("learner_move"),
            terms=state.get("terms"),
            no_gain=state.get("no_gain"),
        )
        write = get_stream_writer()
        chunks = []
        for chunk in deps.partner.stream(request):
            chunks.append(chunk)
            write({"partner_chunk": chunk})
        text = deps.guard_partner_text("".join(chunks).strip(), scenario)
        return {
            "messages": [
                *state["messages"],
                ChatMessage(role="learner", content=state["pending_text"] or ""),
                ChatMessage(role="partner", content=text),
            ]
        }

    def record(state: SessionState) -> dict[str, Any]:
        verdict = state.get("safety")
        messages, history = state["messages"], state["skill_history"]
        if verdict:
            messages = [*messages, ChatMessage(role="learner", content=state["pending_text"] or "", safety=verdict)]
        else:
            history = [*history, {r["skill"]: r["level"] for r in state.get("ratings") or []}]
        deps.store.record_turn(state, band_of(state["openness"]), safety=verdict)
        return {"turn": state["turn"] + 1, "pending_text": None, "messages": messages, "skill_history": history}

    def check_in(state: SessionState) -> dict[str, Any]:
        answer = interrupt({"await": "check_in", "turn": state["turn"]})
        action = answer.get("action") if isinstance(answer, dict) else None
        if action == NEED_HELP_ACTION:
            return {"outcome": Outcome.CRISIS.value, "safety": CrisisVerdict.CRISIS.value}
        if action == END_ACTION:
            return {"outcome": Outcome.ENDED_BY_LEARNER.value}
        return {}

    def finish(state: SessionState) -> dict[str, Any]:
        scenario = deps.scenario(state["scenario_hash"])
        mastery = mastery_score(session_mastery(state.get("skill_history") or [], scenario.skills))
        deps.store.end_session(
            state["session_id"], state.get("outcome") or Outcome.ENDED_BY_LEARNER.value, state["openness"], mastery
        )
        return {}

    graph.add_node("open", open_session)
    graph.add_node("learner", learner)
    graph.add_node("assess", assess)
    graph.add_node("reply", reply)
    graph.add_node("record", record)
    graph.add_node("check_in", check_in)
    graph.add_node("finish", finish)

    graph.add_edge(START, "open")
    graph.add_edge("open", "learner")
    graph.add_conditional_edges("learner", after_learner)
    graph.add_conditional_edges("assess", after_assess)
    graph.add_edge("reply", "record")
    graph.add_conditional_edges("record", after_record)
    graph.add_conditional_edges("check_in", after_check_in)
    graph.add_edge("finish", END)
    return graph.compile(checkpointer=checkpointer)


def after_learner(state: SessionState) -> Literal["assess", "finish"]:
    return "finish" if state.get("outcome") == Outcome.ENDED_BY_LEARNER else "assess"


def after_assess(state: SessionState) -> Literal["reply", "record"]:
    return "record" if state.get("safety") else "reply"


def after_record(state: SessionState) -> Literal["learner", "check_in", "finish"]:
    if state.get("outcome"):
        return "finish"
    return "check_in" if state.get("safety") == CrisisVerdict.CHECK_IN.value else "learner"


def after_check_in(state: SessionState) -> Literal["learner", "finish"]:
    return "finish" if state.get("outcome") else "learner"
