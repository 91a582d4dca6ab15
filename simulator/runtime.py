"""One rehearsal service for every front end (browser app, CLI, benchmarks).

It owns the graph, the record and the checkpoints, and turns a learner's text into a stream
of events: partner chunks as they are generated, then the completed turn.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from langgraph.types import Command
from sqlalchemy.engine import Engine

from feedback.catalog import SkillCatalog, load_catalog
from feedback.exemplar_bank import scenario_exemplars
from feedback.raters.base import Rater
from feedback.rating import Rating
from feedback.soothing.audit import partner_lines_that_soothe, warn_about
from feedback.surveys import SurveyAnswers
from scenarios.loader import Library, LoadedScenario, folder_signature, load_library
from simulator import metrics
from simulator.graph.build import END_ACTION, NEED_HELP_ACTION, RESUME_ACTION
from simulator.partner.backends.base import PartnerBackend, PartnerUnavailable
from simulator.partner.state import band_of, initial_state
from simulator.safety import check_utterance
from simulator.safety.crisis_alert import CrisisAlerts
from simulator.safety.crisis_text import CrisisResources
from simulator.settings import Settings
from simulator.storage.checkpoints import close_checkpointer
from simulator.storage.database import DATABASE_ERRORS, RecordUnavailable
from simulator.storage.store import SessionStore
from simulator.storage.turn_locks import TurnBusy, TurnLocks

log = logging.getLogger(__name__)
RECORD_ERRORS: tuple[type[BaseException], ...] = (RecordUnavailable, *DATABASE_ERRORS)


# Checkpoints are written when a turn stops (at the next learner interrupt, the end, or an error),
# not after every node: the learner's words are already in the database before the turn runs,
# so a crash mid-turn re-runs the turn from them (deterministic rating, idempotent writes).
# Measured: about 20 ms less per turn than checkpointing each of the eight steps.
DURABILITY = "exit"

# What the learner reads when the database cannot be reached during a turn.
TURN_NOT_SAVED = "The record could not be saved just now; your words are kept in the box, try again in a moment."
TURN_NOT_FINISHED = (
    "The record could not be saved just now. Your words are saved; press Retry in a moment to finish the turn."
)
CHECK_IN_WAITING = (
    "The role-play is paused. Choose whether what you wrote was part of the role-play, "
    "or whether you need help now, before you type again."
)

P = ParamSpec("P")
R = TypeVar("R")


def _record_errors(method: Callable[P, R]) -> Callable[P, R]:
    """A database outage surfaces as RecordUnavailable, whose message a front end can show."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except DATABASE_ERRORS as error:
            metrics.database_failed()
            log.warning("database unreachable in %s: %s", method.__name__, error)
            raise RecordUnavailable() from error

    return wrapper


@dataclass(frozen=True)
class PartnerChunk:
    text: str


@dataclass(frozen=True)
class Refused:
    """The input was not sent: nothing was stored, the learner can correct it."""

    message: str


@dataclass(frozen=True)
class TurnFailed:
    """The turn is stored but could not finish (e.g. the partner server is down); retry later."""

    message: str


@dataclass(frozen=True)
class TurnResult:
    index: int
    learner_text: str
    partner_text: str | None
    ratings: list[Rating]
    coach: dict[str, Any]
    openness: int
    band: str
    changes: list[str]
    outcome: str | None
    crisis_resources: str | None = None  # shown when the crisis check stopped or paused the role-play
    feedback_shown: bool = True
    safety: str | None = None  # "crisis" | "check_in": the turn was neither rated nor answered
    learner_move: str | None = None  # what the turn did: question, offer, request, give_in, ...


Event = PartnerChunk | Refused | TurnFailed | TurnResult


@dataclass(frozen=True)
class SessionStatus:
    session_id: str
    scenario_id: str
    turn: int  # learner turns completed
    openness: int
    band: str
    messages: list[dict[str, str]]
    outcome: str | None
    waiting_for_learner: bool
    needs_recovery: bool
    last_turn: TurnResult | None = None
    branch: int = 0
    paused: bool = False  # a check-in waits for the learner: part of the role-play, or help now?


@dataclass
class Rehearsal:
    """The rehearsal service: what every front end (pages, CLI, benchmarks) calls. It is given
    everything built (see `simulator.bootstrap.bootstrap`) and does no I/O when constructed."""

    settings: Settings
    engine: Engine
    store: SessionStore
    checkpointer: Any
    catalog: SkillCatalog
    rater: Rater
    partner: PartnerBackend
    graph: Any
    crisis_resources: CrisisResources
    alerts: CrisisAlerts
    turn_locks: TurnLocks
    _guard: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _library: tuple[Any, Library] | None = field(default=None, init=False, repr=False)

    # scenarios -----------------------------------------------------------------------------
    def library(self) -> Library:
        """The scenarios as they are on disk now: edited, added or broken files are picked up
        without a restart, and a broken file is listed with its problems, never raised."""
        folders, packs = self.settings.scenario_folders, self.settings.pack_folders
        signature = (folder_signature(folders), folder_signature(packs))
        with self._guard:
            if self._library is None or self._library[0] != signature:
                catalog = load_catalog(packs)
                library = load_library(folders, known_skills=catalog.ids)
                library.problems.extend(catalog.problems)
                warn_about(
                    partner_lines_that_soothe(loaded.scenario for loaded in library.scenarios.values()),
                    "scenario partner lines",
                )
                self._library = (signature, library)
            return self._library[1]

    def close(self) -> None:
        """Close the database connections (the record's pool and the checkpointer's)."""
        self.alerts.close()
        self.turn_locks.close()
        close_checkpointer(self.checkpointer)
        self.engine.dispose()

    # sessions ------------------------------------------------------------------------------
    @_record_errors
    def start(
        self,
        scenario: LoadedScenario | str,
        learner_id: str = "guest",
        *,
        feedback_shown: bool = True,
        study_id: str | None = None,
        step_id: str | None = None,
        max_turns: int | None = None,
    ) -> SessionStatus:
        loaded = self.library().get(scenario) if isinstance(scenario, str) else scenario
        session_id = uuid.uuid4().hex
        prepare = getattr(self.rater, "prepare", None)
        if prepare is not None:  # index the scenario's own exemplars now, not during the first turn
            prepare(scenario_exemplars(loaded.scenario))
        self.store.create_session(
            session_id,
            learner_id,
            loaded,
            self.rater.name,
            self.partner.name,
            feedback_shown=feedback_shown,
            study_id=study_id,
            step_id=step_id,
        )
        start = {
            "session_id": session_id,
            "scenario_hash": loaded.content_hash,
            "branch": 0,
            "openness": initial_state(loaded.scenario).openness,
            "feedback_shown": feedback_shown,
            "max_turns": max_turns,
        }
        self.graph.invoke(start, self._config(session_id))
        return self.status(session_id)

    def send(self, session_id: str, text: str) -> Iterator[Event]:
        """The learner's turn: partner chunks as they come, then the result; or one message
        saying why not (Refused: nothing stored; TurnFailed: stored, press Retry)."""
        yield from self._measured(session_id, self._send(session_id, text))

    def retry(self, session_id: str) -> Iterator[Event]:
        """Finish a turn that was cut off (crash, partner or database down): from the checkpoint,
        or from the learner's stored words if the crash came before the graph saw them."""
        yield from self._measured(session_id, self._retry(session_id))

    def _send(self, session_id: str, text: str) -> Iterator[Event]:
        problem = check_utterance(text, self.settings.max_utterance_chars)
        if problem:
            yield Refused(problem.message)
            return
        try:
            with self.turn_locks.hold(session_id):  # the same turn sent from two tabs: one runs
                yield from self._send_held(session_id, text)
        except TurnBusy as busy:
            yield Refused(str(busy))
        except DATABASE_ERRORS as error:  # taking the lease needs the record too
            yield self._database_down(error, TURN_NOT_SAVED, Refused)

    def _send_held(self, session_id: str, text: str) -> Iterator[Event]:
        try:
            status = self.status(session_id)
            if status.outcome:
                yield Refused(
                    f"This session has ended ({status.outcome.replace('_', ' ')}). Start a new one to practise again."
                )
                return
            if status.needs_recovery:
                yield Refused("The previous turn is still unfinished. Press Retry to finish it first.")
                return
            if status.paused:
                yield Refused(CHECK_IN_WAITING)
                return
            self.store.record_pending(session_id, status.branch, status.turn + 1, text)
        except RECORD_ERRORS as error:
            yield self._database_down(error, TURN_NOT_SAVED, Refused)
            return
        yield from self._run(Command(resume={"text": text}), session_id)

    def _retry(self, session_id: str) -> Iterator[Event]:
        try:  # waits out the lease of a process that died mid-turn, then finishes its turn
            with self.turn_locks.hold(session_id, wait_s=self.turn_locks.lease_s + 1):
                yield from self._retry_held(session_id)
        except TurnBusy as busy:
            yield TurnFailed(str(busy))
        except DATABASE_ERRORS as error:
            yield self._database_down(error, TURN_NOT_FINISHED, TurnFailed)

    def _retry_held(self, session_id: str) -> Iterator[Event]:
        try:
            status = self.status(session_id)
            if status.outcome or not status.needs_recovery:
                return
            text = (
                self.store.pending_text(session_id, status.branch, status.turn + 1)
                if status.waiting_for_learner
                else None
            )
        except RECORD_ERRORS as error:
            yield self._database_down(error, TURN_NOT_FINISHED, TurnFailed)
            return
        yield from self._run(Command(resume={"text": text}) if status.waiting_for_learner else None, session_id)

    @staticmethod
    def _measured(session_id: str, events: Iterator[Event]) -> Iterator[Event]:
        started = time.perf_counter()
        metrics.session_seen(session_id)
        for event in events:
            if isinstance(event, TurnResult | TurnFailed | Refused):
                outcome = (
                    "done"
                    if isinstance(event, TurnResult)
                    else "failed"
                    if isinstance(event, TurnFailed)
                    else "refused"
                )
                metrics.turn_finished(outcome, time.perf_counter() - started)
            yield event

    @staticmethod
    def _database_down(error: BaseException, message: str, kind: type[Refused | TurnFailed]) -> Event:
        if not isinstance(error, RecordUnavailable):  # RecordUnavailable was counted and logged where raised
            metrics.database_failed()
            log.warning("database unreachable during a turn: %s", error)
        return kind(message)

    @_record_errors
    def record_survey(self, session_id: str, answers: SurveyAnswers) -> None:
        record = self.store.get_session(session_id)
        if record is None:
            raise KeyError(f"no session '{session_id}'")
        self.store.record_survey(session_id, record.learner_id, answers.phase, dict(answers.values))

    @_record_errors
    def record_values_note(self, session_id: str, emotion: str, note: str) -> None:
        """What a strong emotion says about what matters to the learner here (kept as written)."""
        self.store.update_session(session_id, values_emotion=emotion, values_note=note.strip()[:2000] or None)

    @_record_errors
    def record_values_honoured(self, session_id: str, answer: str) -> None:
        self.store.update_session(session_id, values_honoured=answer.strip()[:2000] or None)

    @_record_errors
    def end(self, session_id: str) -> SessionStatus:
        with self.turn_locks.hold(session_id, wait_s=self.turn_locks.lease_s + 1):
            status = self.status(session_id)
            if not status.outcome and status.waiting_for_learner and not status.needs_recovery:
                self.graph.invoke(Command(resume={"action": END_ACTION}), self._config(session_id))
            elif not status.outcome:
                state = self.graph.get_state(self._config(session_id)).values
                self.store.end_session(session_id, "ended_by_learner", state.get("openness"))
        return self.status(session_id)

    @_record_errors
    def carry_on(self, session_id: str) -> SessionStatus:
        """After a check-in: it was part of the role-play; the learner types their next turn."""
        return self._answer_check_in(session_id, RESUME_ACTION)

    @_record_errors
    def need_help(self, session_id: str) -> SessionStatus:
        """After a check-in: the learner needs help now; the session ends as a crisis."""
        status = self._answer_check_in(session_id, NEED_HELP_ACTION)
        if status.outcome == "crisis":
            self.alerts.notify(session_id, "crisis", status.turn)
        return status

    def _answer_check_in(self, session_id: str, action: str) -> SessionStatus:
        with self.turn_locks.hold(session_id, wait_s=self.turn_locks.lease_s + 1):
            if self.status(session_id).paused:  # else answered already (a second click): nothing to do
                self.graph.invoke(Command(resume={"action": action}), self._config(session_id))
        return self.status(session_id)

    @_record_errors
    def status(self, session_id: str) -> SessionStatus:
        snapshot = self.graph.get_state(self._config(session_id))
        values = snapshot.values
        if not values:
            raise KeyError(f"no session '{session_id}'")
        record = self.store.get_session(session_id)
        waiting = any(task.interrupts for task in snapshot.tasks)
        paused = any(task.interrupts and task.name == "check_in" for task in snapshot.tasks)
        outcome = values.get("outcome") or (record.outcome if record else None)
        branch = values.get("branch", 0)
        pending = waiting and self.store.pending_text(session_id, branch, values["turn"] + 1) is not None
        in_flight = bool(snapshot.next) and not waiting
        return SessionStatus(
            session_id=session_id,
            scenario_id=record.scenario_id if record else "",
            turn=values.get("turn", 0),
            openness=values["openness"],
            band=band_of(values["openness"]),
            messages=list(values.get("messages", [])),
            outcome=outcome,
            waiting_for_learner=waiting,
            needs_recovery=not outcome and (pending or in_flight),
            last_turn=self._last_turn(values) if values.get("turn") else None,
            branch=branch,
            paused=paused and not outcome,
        )

    @_record_errors
    def redo_from(self, session_id: str, turn_index: int) -> SessionStatus:
        """ "Do it again from here": continue the session as it was just before learner turn
        `turn_index`, on a new branch. The turns after it stay in the record on the old branch."""
        with self.turn_locks.hold(session_id, wait_s=self.turn_locks.lease_s + 1):
            config = self._config(session_id)
            snapshot = self.graph.get_state(config)
            current = snapshot.values.get("branch", 0)
            while snapshot is not None and not (
                snapshot.values.get("turn") == turn_index - 1 and snapshot.next == ("learner",)
            ):
                snapshot = self.graph.get_state(snapshot.parent_config) if snapshot.parent_config else None
            if snapshot is None or turn_index < 1:
                raise ValueError(f"this session has no turn {turn_index} to start again from")
            record = self.store.get_session(session_id)
            branch = self.store.create_branch(
                session_id, current, turn_index, parent_outcome=record.outcome if record else None
            )
            self.graph.update_state(snapshot.config, {"branch": branch, "outcome": None})
            self.graph.invoke(None, config)  # re-enter the learner node so it waits for the new turn
            self.store.reopen_session(session_id)
        return self.status(session_id)

    def _run(self, command: Any, session_id: str) -> Iterator[Event]:
        config = self._config(session_id)
        try:
            for mode, chunk in self.graph.stream(
                command, config, stream_mode=["custom", "updates"], durability=DURABILITY
            ):
                if mode == "custom" and "partner_chunk" in chunk:
                    yield PartnerChunk(chunk["partner_chunk"])
            values = self.graph.get_state(config).values
        except PartnerUnavailable as error:
            metrics.partner_failed(self.partner.name)
            yield TurnFailed(f"{error} Your words are saved; press Retry to get the reply.")
            return
        except DATABASE_ERRORS as error:
            yield self._database_down(error, TURN_NOT_FINISHED, TurnFailed)
            return
        result = self._last_turn(values)
        if result is not None:
            if result.safety:
                self.alerts.notify(session_id, result.safety, result.index)
            yield result

    def _last_turn(self, values: dict[str, Any]) -> TurnResult | None:
        outcome = values.get("outcome")
        if outcome == "ended_by_learner" or not values.get("turn"):
            return None
        safety = values.get("safety") or ("crisis" if outcome == "crisis" else None)
        messages = values.get("messages", [])
        learner = messages[-1]["content"] if safety else messages[-2]["content"]
        return TurnResult(
            index=values["turn"],
            learner_text=learner,
            partner_text=None if safety else messages[-1]["content"],
            ratings=[] if safety else [Rating(**r) for r in values.get("ratings") or []],
            coach={} if safety else dict(values.get("coach") or {}),
            openness=values["openness"],
            band=band_of(values["openness"]),
            changes=[] if safety else list(values.get("changes") or []),
            outcome=outcome,
            crisis_resources=self.crisis_resources.text() if safety else None,
            feedback_shown=values.get("feedback_shown", True),
            safety=safety,
            learner_move=None if safety else values.get("learner_move"),
        )

    @staticmethod
    def _config(session_id: str) -> dict[str, Any]:
        return {"configurable": {"thread_id": session_id}}
