"""The participant's pages: the study link, the code, consent, then each step of the sequence
(pre survey, the conversation, post survey) until the end; stop and come back any time; withdraw.

Participants have no account: their enrolment code, kept in a cookie for this study's pages
only, admits them. Every page is worked out from the record (simulator.research.studies), so a
participant who comes back later, on another device or after a restart, continues exactly where
they were. Forms post and redirect, so reloading a page never sends anything twice."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import Field, create_model

from feedback.presentation import coach_panel, ratings_table
from feedback.surveys import ITEM_QUESTIONS, SCALE, SURVEY_ITEMS, SurveyAnswers
from simulator.research.studies import (
    ConsentDecision,
    EnrolmentError,
    Position,
    StepPhase,
    StudyRunner,
)
from simulator.runtime import RecordUnavailable, Refused, SessionStatus, TurnFailed
from simulator.storage.models import EnrolmentRecord, Participant
from simulator.web.study.context import StudyNotFound, StudyPages
from simulator.web.views import safety_notice, session_brief

COOKIE = "rehearse_study_code"
COOKIE_DAYS = 180
SCALE_VALUES = list(range(SCALE[0], SCALE[1] + 1))
SurveyForm = create_model(  # type: ignore[call-overload]
    "SurveyForm",
    phase=(Literal["pre", "post"], ...),
    **{item: (int | None, Field(default=None, ge=SCALE[0], le=SCALE[1])) for item in SURVEY_ITEMS},
)


@dataclass(frozen=True)
class Seat:
    """A participant who has shown their code on this request."""

    runner: StudyRunner
    participant: Participant
    record: EnrolmentRecord


def study_page(handler: Callable[..., Response]) -> Callable[..., Response]:
    """An unknown study is a plain 404 page; an outage a plain 503 page."""

    @functools.wraps(handler)
    def wrapper(pages: StudyPages, *args: Any, **kwargs: Any) -> Response:
        try:
            return handler(pages, *args, **kwargs)
        except StudyNotFound:
            return pages.render(
                "notice.html",
                404,
                study=None,
                page="not-found",
                heading="No such study",
                paragraphs=["Check the link the study team sent you."],
            )
        except RecordUnavailable as error:
            return pages.render(
                "notice.html", 503, study=None, page="unavailable", heading="Try again shortly", paragraphs=[str(error)]
            )

    return wrapper


def to(study_id: str, page: str = "step") -> RedirectResponse:
    return RedirectResponse(f"/study/{study_id}/{page}" if page else f"/study/{study_id}", status_code=303)


def seat(pages: StudyPages, request: Request, study_id: str) -> Seat | None:
    runner = pages.runner(study_id)
    code = request.cookies.get(COOKIE)
    if not code:
        return None
    try:
        participant, record = runner.lookup(code)
    except EnrolmentError:
        return None
    if record.consent == ConsentDecision.declined or record.withdrawn_at is not None:
        return None
    return Seat(runner, participant, record)


def agreed_seat(pages: StudyPages, request: Request, study_id: str) -> Seat | Response:
    """The participant, once they have agreed; else where they need to go first."""
    current = seat(pages, request, study_id)
    if current is None:
        return to(study_id, "")
    if current.record.consent != ConsentDecision.agreed:
        return to(study_id, "consent")
    return current


# code and consent ------------------------------------------------------------------------------
@study_page
def show_entry(pages: StudyPages, request: Request, study_id: str) -> Response:
    current = seat(pages, request, study_id)
    if current is not None:
        return to(study_id, "step" if current.record.consent == ConsentDecision.agreed else "consent")
    return pages.render("code.html", study=pages.study(study_id))


@study_page
def enter_code(pages: StudyPages, request: Request, study_id: str, code: Annotated[str, Form()] = "") -> Response:
    runner = pages.runner(study_id)
    try:
        _, record = runner.lookup(code)
    except EnrolmentError as error:
        return pages.render("code.html", 400, study=runner.study, code=code, problem=f"{str(error).capitalize()}.")
    if record.consent == ConsentDecision.declined:
        return pages.render(
            "code.html",
            400,
            study=runner.study,
            problem=(
                "This code was used to decline taking part. If you have changed your mind, ask the study team for a "
                "new code."
            ),
        )
    if record.withdrawn_at is not None:
        return pages.render(
            "code.html",
            400,
            study=runner.study,
            problem=("You have withdrawn from this study, so this code no longer opens it."),
        )
    response = to(study_id, "step" if record.consent == ConsentDecision.agreed else "consent")
    response.set_cookie(
        COOKIE,
        code.strip().upper(),
        httponly=True,
        samesite="strict",
        path=f"/study/{study_id}",
        max_age=COOKIE_DAYS * 24 * 3600,
        secure=pages.rehearsal.settings.cookie_secure,
    )
    return response


@study_page
def show_consent(pages: StudyPages, request: Request, study_id: str) -> Response:
    current = seat(pages, request, study_id)
    if current is None:
        return to(study_id, "")
    if current.record.consent == ConsentDecision.agreed:
        return to(study_id)
    return pages.render("consent.html", study=current.runner.study, test_participant=current.record.test_participant)


@study_page
def decide(
    pages: StudyPages, request: Request, study_id: str, decision: Annotated[ConsentDecision, Form()]
) -> Response:
    current = seat(pages, request, study_id)
    if current is None:
        return to(study_id, "")
    if decision == ConsentDecision.agreed:
        current.runner.enrol(current.participant.code, consent=True)
        return to(study_id)
    try:
        current.runner.decline(current.participant.code)
    except EnrolmentError as error:
        return pages.render(
            "notice.html",
            400,
            study=current.runner.study,
            page="consent-refused",
            heading="Already taking part",
            paragraphs=[f"{str(error).capitalize()}."],
            link={"href": f"/study/{study_id}/step", "text": "Back to the study"},
        )
    response = pages.render(
        "notice.html",
        study=current.runner.study,
        page="declined",
        heading="You have declined to take part",
        paragraphs=[
            (
                "Thank you for considering it. Only your decision and its time were kept; "
                "nothing else about you was stored."
            ),
            "You can close this page.",
        ],
    )
    response.delete_cookie(COOKIE, path=f"/study/{study_id}")
    return response


# the sequence ------------------------------------------------------------------------------------
@study_page
def show_step(pages: StudyPages, request: Request, study_id: str) -> Response:
    current = agreed_seat(pages, request, study_id)
    if isinstance(current, Response):
        return current
    return step_page(pages, current, current.runner.position(current.participant.id))


def step_page(
    pages: StudyPages,
    current: Seat,
    position: Position,
    problem: str | None = None,
    draft: str | None = None,
    answers: dict[str, int] | None = None,
    status_code: int = 200,
) -> Response:
    study = current.runner.study
    shared = {
        "study": study,
        "test_participant": current.record.test_participant,
        "problem": problem,
        "number": position.number,
        "total": len(study.sequence),
    }
    if position.step is None:
        return pages.render(
            "notice.html",
            study=study,
            page="finished",
            test_participant=shared["test_participant"],
            heading="You have finished the study",
            paragraphs=[
                "Thank you for taking part. Every step is done and your answers are saved.",
                "You can close this page.",
            ],
        )
    if position.phase in (StepPhase.pre_survey, StepPhase.post_survey):
        phase = "pre" if position.phase == StepPhase.pre_survey else "post"
        scenario = pages.rehearsal.library().get(position.step.scenario).scenario
        return pages.render(
            "survey.html",
            status_code,
            **shared,
            phase=phase,
            scale=SCALE_VALUES,
            items=[{"id": i, "question": ITEM_QUESTIONS[i]} for i in SURVEY_ITEMS],
            answers=answers or {},
            missing=[i for i in SURVEY_ITEMS if answers is not None and i not in answers],
            brief_html=session_brief(scenario, None, None),
        )
    assert position.session_id is not None
    return conversation_page(pages, current, position, shared, draft, status_code)


def conversation_page(
    pages: StudyPages, current: Seat, position: Position, shared: dict[str, Any], draft: str | None, status_code: int
) -> Response:
    rehearsal = pages.rehearsal
    session_id = position.session_id or ""
    status = rehearsal.status(session_id)
    record = rehearsal.store.get_session(session_id)
    scenario = rehearsal.store.scenario(record.scenario_hash) if record else None
    feedback = None
    if (
        record is not None
        and record.feedback_shown
        and status.last_turn is not None
        and status.last_turn.feedback_shown
    ):
        feedback = {
            "ratings": ratings_table(status.last_turn.ratings),
            "coach": coach_panel(status.last_turn.coach, rehearsal.store.coach_spoke(session_id)),
        }
    partner = scenario.partner.name if scenario else "Partner"
    return pages.render(
        "conversation.html",
        status_code,
        **shared,
        title=record.scenario_title if record else "",
        brief_html=session_brief(scenario, None, None) if scenario else "",
        messages=transcript(status, partner),
        paused=status.paused,
        needs_recovery=status.needs_recovery,
        feedback=feedback,
        draft=draft,
        safety_html=safety_notice("check_in", rehearsal.crisis_resources.lines()) if status.paused else "",
    )


def transcript(status: SessionStatus, partner: str) -> list[dict[str, str]]:
    lines = []
    for message in status.messages:
        mine = message["role"] != "partner"
        lines.append(
            {"css": "learner" if mine else "partner", "who": "You" if mine else partner, "text": message["content"]}
        )
        if message.get("safety"):
            lines.append(
                {
                    "css": "safety",
                    "who": "Outside the role-play",
                    "text": "The role-play paused here; this turn was not rated and the partner did not hear it.",
                }
            )
    return lines


@study_page
def answer_survey(pages: StudyPages, request: Request, study_id: str, form: Annotated[SurveyForm, Form()]) -> Response:
    current = agreed_seat(pages, request, study_id)
    if isinstance(current, Response):
        return current
    with pages.lock(current.participant.id):
        position = current.runner.position(current.participant.id)
        expected = {StepPhase.pre_survey: "pre", StepPhase.post_survey: "post"}.get(position.phase)  # type: ignore[arg-type]
        if position.step is None or expected != form.phase:  # type: ignore[attr-defined]
            return to(study_id)  # an old form sent again: show where they are now
        answers = SurveyAnswers(
            phase=form.phase,  # type: ignore[attr-defined]
            values={item: value for item in SURVEY_ITEMS if (value := getattr(form, item)) is not None},
        )
        if answers.missing():
            return step_page(
                pages,
                current,
                position,
                problem=(f"Answer every question to continue ({len(answers.missing())} still open, marked in red)."),
                answers=dict(answers.values),
                status_code=400,
            )
        session_id = position.session_id
        if session_id is None:
            enrolment = current.runner.enrol(current.participant.code, consent=True)
            session_id = current.runner.start_step(enrolment, position.step).session_id
        pages.rehearsal.record_survey(session_id, answers)
    return to(study_id)


def conversation_seat(pages: StudyPages, request: Request, study_id: str) -> tuple[Seat, Position] | Response:
    current = agreed_seat(pages, request, study_id)
    if isinstance(current, Response):
        return current
    position = current.runner.position(current.participant.id)
    if position.phase != StepPhase.conversation or position.session_id is None:
        return to(study_id)
    return current, position


@study_page
def say(pages: StudyPages, request: Request, study_id: str, text: Annotated[str, Form()] = "") -> Response:
    found = conversation_seat(pages, request, study_id)
    if isinstance(found, Response):
        return found
    current, position = found
    for event in pages.rehearsal.send(position.session_id or "", text):
        if isinstance(event, Refused | TurnFailed):
            return step_page(pages, current, position, problem=event.message, draft=text, status_code=400)
    return after_turn(pages, current, position)


def after_turn(pages: StudyPages, current: Seat, position: Position) -> Response:
    """Back to the study, except after a crisis: then the contacts come first, and the study
    waits until the participant chooses to go on."""
    status = pages.rehearsal.status(position.session_id or "")
    study = current.runner.study
    if status.outcome == "crisis":
        return pages.render(
            "notice.html",
            study=study,
            page="crisis",
            heading="The conversation has stopped",
            test_participant=current.record.test_participant,
            resources_html=safety_notice("crisis", pages.rehearsal.crisis_resources.lines()),
            paragraphs=[("The study team can see that this happened. Nothing more is asked about this conversation.")],
            link={"href": f"/study/{study.id}/step", "text": "Continue the study when you are ready"},
        )
    return to(study.id)


@study_page
def end_conversation(pages: StudyPages, request: Request, study_id: str) -> Response:
    found = conversation_seat(pages, request, study_id)
    if isinstance(found, Response):
        return found
    pages.rehearsal.end(found[1].session_id or "")
    return to(study_id)


@study_page
def answer_check_in(
    pages: StudyPages, request: Request, study_id: str, action: Annotated[Literal["carry_on", "need_help"], Form()]
) -> Response:
    found = conversation_seat(pages, request, study_id)
    if isinstance(found, Response):
        return found
    current, position = found
    session_id = position.session_id or ""
    (pages.rehearsal.carry_on if action == "carry_on" else pages.rehearsal.need_help)(session_id)
    return after_turn(pages, current, position)


@study_page
def retry(pages: StudyPages, request: Request, study_id: str) -> Response:
    found = conversation_seat(pages, request, study_id)
    if isinstance(found, Response):
        return found
    current, position = found
    for event in pages.rehearsal.retry(position.session_id or ""):
        if isinstance(event, TurnFailed):
            return step_page(pages, current, position, problem=event.message, status_code=503)
    return after_turn(pages, current, position)


# withdrawal --------------------------------------------------------------------------------------
@study_page
def show_withdraw(pages: StudyPages, request: Request, study_id: str) -> Response:
    current = agreed_seat(pages, request, study_id)
    if isinstance(current, Response):
        return current
    return pages.render("withdraw.html", study=current.runner.study, test_participant=current.record.test_participant)


@study_page
def withdraw(pages: StudyPages, request: Request, study_id: str) -> Response:
    current = agreed_seat(pages, request, study_id)
    if isinstance(current, Response):
        return current
    current.runner.withdraw(current.participant.id)
    response = pages.render(
        "notice.html",
        study=current.runner.study,
        page="withdrawn",
        heading="You have withdrawn from the study",
        paragraphs=[
            (
                "You are no longer taking part. What you typed and answered is left out of "
                "every export and report of the study; only the fact that you withdrew, "
                "and when, is kept."
            ),
            "You can close this page.",
        ],
    )
    response.delete_cookie(COOKIE, path=f"/study/{study_id}")
    return response


def build(pages: StudyPages) -> APIRouter:
    router = APIRouter()
    routes: list[tuple[str, str, Callable[..., Response]]] = [
        ("GET", "", show_entry),
        ("POST", "/code", enter_code),
        ("GET", "/consent", show_consent),
        ("POST", "/consent", decide),
        ("GET", "/step", show_step),
        ("POST", "/survey", answer_survey),
        ("POST", "/say", say),
        ("POST", "/end", end_conversation),
        ("POST", "/check-in", answer_check_in),
        ("POST", "/retry", retry),
        ("GET", "/withdraw", show_withdraw),
        ("POST", "/withdraw", withdraw),
    ]
    for method, path, handler in routes:
        router.add_api_route(
            f"/study/{{study_id}}{path}", functools.partial(handler, pages), methods=[method], include_in_schema=False
        )
    return router
