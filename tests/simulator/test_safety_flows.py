"""The crisis check's three verdicts in the rehearsal loop: `crisis` stops the role-play, `check_in`
pauses it until the learner carries on or asks for help, `none` goes on. A flagged turn is never
rated and the partner never answers it."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

from sqlmodel import Session, select

from simulator.bootstrap import bootstrap
from simulator.partner.backends.base import PartnerRequest
from simulator.partner.backends.scripted import ScriptedPartner
from simulator.runtime import CHECK_IN_WAITING, Refused, Rehearsal, TurnResult
from simulator.safety.crisis import CrisisVerdict, RiskAssessment, assess_risk
from simulator.settings import Settings
from simulator.storage.models import PartnerStateRecord, RatingRecord

CRISIS = "I want to kill myself, honestly."
CHECK_IN = "I can't keep doing this."
SKILLED = (
    "Over the last four days the dishes from your dinners stayed in the sink overnight. "
    "I feel frustrated when I come home to that. I'd like you to wash your own dishes the same evening."
)


class RecordingPartner(ScriptedPartner):
    """The scripted partner, keeping every request it was asked to answer."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[PartnerRequest] = []

    def stream(self, request: PartnerRequest) -> Iterator[str]:
        self.requests.append(request)
        yield from super().stream(request)


def rehearsal_with(knn_rater, tmp_path, partner=None, **settings) -> Rehearsal:  # type: ignore[no-untyped-def]
    return bootstrap(
        Settings(data_dir=tmp_path / "data", **settings), rater=knn_rater, partner=partner or RecordingPartner()
    )


def last(rehearsal: Rehearsal, session_id: str, text: str) -> TurnResult:
    result = list(rehearsal.send(session_id, text))[-1]
    assert isinstance(result, TurnResult), result
    return result


def stored_rows(rehearsal: Rehearsal, table, session_id: str) -> list:  # type: ignore[no-untyped-def]
    with Session(rehearsal.engine) as db:
        return list(db.exec(select(table).where(table.session_id == session_id)))


def test_a_crisis_turn_is_not_rated_not_answered_and_ends_the_session(knn_rater, tmp_path):
    partner = RecordingPartner()
    rehearsal = rehearsal_with(knn_rater, tmp_path, partner)
    session = rehearsal.start("roommate-dishes").session_id
    result = last(rehearsal, session, CRISIS)
    assert (result.safety, result.outcome, result.partner_text, result.ratings) == ("crisis", "crisis", None, [])
    assert partner.requests == []
    assert stored_rows(rehearsal, RatingRecord, session) == []
    assert stored_rows(rehearsal, PartnerStateRecord, session) == []
    assert [t.status for t in rehearsal.store.turns(session)] == ["crisis"]
    assert rehearsal.store.get_session(session).outcome == "crisis"
    assert "follow it now" in result.crisis_resources  # the safety-plan reminder of the default text
    assert [type(e) for e in rehearsal.send(session, "hello?")] == [Refused]
    rehearsal.close()


def test_a_check_in_pauses_the_role_play_without_rating_or_reply(knn_rater, tmp_path):
    partner = RecordingPartner()
    rehearsal = rehearsal_with(knn_rater, tmp_path, partner)
    status = rehearsal.start("roommate-dishes")
    result = last(rehearsal, status.session_id, CHECK_IN)
    assert (result.safety, result.outcome, result.partner_text, result.ratings) == ("check_in", None, None, [])
    assert result.crisis_resources == rehearsal.crisis_resources.text()
    assert result.openness == status.openness
    assert partner.requests == []
    paused = rehearsal.status(status.session_id)
    assert paused.paused and not paused.outcome and not paused.needs_recovery
    assert [t.status for t in rehearsal.store.turns(status.session_id)] == ["check_in"]
    assert stored_rows(rehearsal, RatingRecord, status.session_id) == []
    refused = list(rehearsal.send(status.session_id, SKILLED))
    assert refused == [Refused(CHECK_IN_WAITING)]
    rehearsal.close()


def test_after_carrying_on_the_next_turn_continues_where_it_was(knn_rater, tmp_path):
    partner = RecordingPartner()
    rehearsal = rehearsal_with(knn_rater, tmp_path, partner)
    session = rehearsal.start("roommate-dishes").session_id
    last(rehearsal, session, CHECK_IN)
    resumed = rehearsal.carry_on(session)
    assert not resumed.paused and resumed.waiting_for_learner and not resumed.outcome
    result = last(rehearsal, session, SKILLED)
    assert result.index == 2 and result.safety is None and result.partner_text and result.ratings
    assert [t.status for t in rehearsal.store.turns(session)] == ["check_in", "done"]
    said_to_partner = [m.content for m in partner.requests[0].history if m.role == "learner"]
    assert said_to_partner == [SKILLED]  # the partner never heard the line that paused the role-play
    rehearsal.close()


def test_asking_for_help_after_a_check_in_ends_the_session_as_a_crisis(knn_rater, tmp_path):
    rehearsal = rehearsal_with(knn_rater, tmp_path)
    session = rehearsal.start("roommate-dishes").session_id
    last(rehearsal, session, "I just want to disappear")
    status = rehearsal.need_help(session)
    assert status.outcome == "crisis" and not status.paused
    assert status.last_turn.safety == "crisis" and status.last_turn.crisis_resources
    assert rehearsal.store.get_session(session).outcome == "crisis"
    assert [t.status for t in rehearsal.store.turns(session)] == ["check_in"]
    rehearsal.close()


def test_ending_the_session_while_paused_ends_it_as_the_learners_choice(knn_rater, tmp_path):
    rehearsal = rehearsal_with(knn_rater, tmp_path)
    session = rehearsal.start("roommate-dishes").session_id
    last(rehearsal, session, CHECK_IN)
    assert rehearsal.end(session).outcome == "ended_by_learner"
    rehearsal.close()


def test_a_check_in_does_not_use_up_one_of_the_scenarios_turns(knn_rater, tmp_path):
    rehearsal = rehearsal_with(knn_rater, tmp_path)
    session = rehearsal.start("roommate-dishes", max_turns=1).session_id
    last(rehearsal, session, CHECK_IN)
    assert rehearsal.carry_on(session).outcome is None
    result = last(rehearsal, session, "Could you wash up tonight?")
    assert result.outcome is not None  # the one rated turn the study allows ended it
    rehearsal.close()


def test_the_crisis_check_is_the_graphs_dependency_and_runs_before_anything_else(knn_rater, tmp_path):
    seen: list[str] = []

    def checker(text: str) -> RiskAssessment:
        seen.append(text)
        return RiskAssessment(CrisisVerdict.CRISIS if "pineapple" in text else CrisisVerdict.NONE)

    partner = RecordingPartner()
    rehearsal = bootstrap(Settings(data_dir=tmp_path / "data"), rater=knn_rater, partner=partner, assess_risk=checker)
    session = rehearsal.start("roommate-dishes").session_id
    assert last(rehearsal, session, "There is a pineapple on the counter.").safety == "crisis"
    assert seen == ["There is a pineapple on the counter."] and partner.requests == []
    assert inspect.signature(bootstrap).parameters["assess_risk"].default is assess_risk  # the real check by default
    rehearsal.close()


def test_a_check_in_cut_off_by_a_crash_is_finished_the_same_way_on_retry(knn_rater, tmp_path):
    first = rehearsal_with(knn_rater, tmp_path)
    session = first.start("roommate-dishes").session_id
    first.store.record_pending(session, 0, 1, CHECK_IN)  # kept, then the process died
    first.close()
    restarted = rehearsal_with(knn_rater, tmp_path)
    assert restarted.status(session).needs_recovery
    result = list(restarted.retry(session))[-1]
    assert isinstance(result, TurnResult) and result.safety == "check_in" and result.partner_text is None
    assert restarted.status(session).paused
    assert [t.status for t in restarted.store.turns(session)] == ["check_in"]
    restarted.close()
