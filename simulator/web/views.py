"""What the pages show, as HTML, figures and tables built from the record. No Gradio here.

The numbers are shown as they are: no praise, no consolation (see dbt-skills.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape

import matplotlib

matplotlib.use("Agg")  # no display on servers
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from sqlmodel import Session, col, func, select

from feedback.presentation import LEVEL_MARKS
from feedback.skills import Skill
from feedback.surveys import EMOTION_ITEMS, SELF_EFFICACY_ITEMS
from scenarios.loader import Library, LoadedScenario
from scenarios.schema import Scenario
from simulator.research.progress import Progress
from simulator.storage.models import Account, RatingRecord, RehearsalSession, Turn
from simulator.storage.store import TurnView

LEVEL_ORDER = {"none": 0, "weak": 1, "strong": 2}
OPEN_BAND_FROM, RESISTANT_BAND_BELOW = 75, 30  # the openness meter's high and low marks


def alert(message: str) -> str:
    """A message the learner must read now (screen readers announce it)."""
    return f"<p class='rh-notice' role='alert'>{escape(message)}</p>"


# crisis check ------------------------------------------------------------------------------
CHECK_IN_QUESTION = (
    "The role-play is paused. What you wrote may be about you rather than the scenario. Are you safe right now?"
)
CHECK_IN_CHOICES = (
    "If you are not safe, or not sure, contact someone below and choose “I need help now”. "
    "If it was part of the role-play, choose “This was part of the role-play – carry on” and "
    "type your next turn."
)
CRISIS_STOPPED = "The role-play has stopped because of what you wrote. Contact someone now:"
SAFETY_LABELS = {"crisis": "crisis: role-play stopped", "check_in": "check-in: role-play paused"}
MOVE_WORDS = {
    "question": "a question",
    "offer": "an offer or alternative",
    "request": "a request or a no",
    "give_in": "giving in",
    "attack": "an attack",
    "validate": "validating them",
    "apology": "an apology",
    "repeat": "saying it again",
    "off_topic": "off the topic",
    "other": "no ask (facts, feelings, hello)",
}


def safety_notice(verdict: str, resources: Sequence[str]) -> str:
    """What the learner reads when the crisis check stops (`crisis`) or pauses (`check_in`) the
    role-play: out of role, plain, with the programme's contacts."""
    contacts = "".join(f"<li>{escape(line)}</li>" for line in resources)
    if verdict == "check_in":
        return (
            f"<div class='rh-check-in' role='alert'><p><strong>{escape(CHECK_IN_QUESTION)}</strong></p>"
            f"<ul class='rh-resources'>{contacts}</ul><p>{escape(CHECK_IN_CHOICES)}</p></div>"
        )
    return (
        f"<div class='rh-crisis' role='alert'><p><strong>{escape(CRISIS_STOPPED)}</strong></p>"
        f"<ul class='rh-resources'>{contacts}</ul></div>"
    )


def safety_mark(verdict: str) -> dict[str, object]:
    """A line in the conversation, outside the role-play, after a turn the crisis check flagged."""
    title = "Check-in: the role-play paused here" if verdict == "check_in" else "The role-play stopped here"
    return {
        "role": "assistant",
        "content": "Not rated; the partner did not hear this.",
        "metadata": {"title": title, "status": "done"},
    }


def safety_summary(turns: Sequence[TurnView], outcome: str | None) -> str:
    """For the debrief: where the crisis check stopped or paused the role-play ('' if nowhere)."""
    marks = [f"{SAFETY_LABELS[t.status].split(':')[0]} at turn {t.index}" for t in turns if t.status in SAFETY_LABELS]
    if outcome == "crisis" and not any(t.status == "crisis" for t in turns):
        marks.append("ended as a crisis: the learner asked for help")
    if not marks:
        return ""
    return f"<p class='rh-safety-flag' role='note'>Safety: {escape('; '.join(marks))}.</p>"


Catalog = Mapping[str, Skill]  # skill id -> skill: the built-in skills and the packs' ones


def skill_name(skill: str, catalog: Catalog) -> str:
    """A skill as learners read it: its name, for a pack's skill too, never its raw id."""
    known = catalog.get(skill)
    return known.name if known else skill


# scenario cards ----------------------------------------------------------------------------
def card_label(loaded: LoadedScenario, catalog: Catalog) -> str:
    scenario = loaded.scenario
    skills = ", ".join(skill_name(s, catalog) for s in scenario.skills)
    note = " · content note" if scenario.content_note else ""
    return (
        f"{scenario.title} — {scenario.category.value} · {scenario.partner.difficulty.value}{note} · skills: {skills}"
    )


def content_note(scenario: Scenario) -> str:
    """The scenario's content note, with the way out: another scenario from the list."""
    if not scenario.content_note:
        return ""
    return (
        f"<p class='rh-content-note' role='note'><strong>Content note:</strong> {escape(scenario.content_note)} "
        "If you would rather not practise this now, pick another scenario from the list.</p>"
    )


def scenario_cards(library: Library, catalog: Catalog, category: str | None = None) -> list[tuple[str, str]]:
    shown = [s for s in library.scenarios.values() if not category or s.scenario.category.value == category]
    order = {"easy": 0, "moderate": 1, "hard": 2}
    shown.sort(key=lambda s: (s.scenario.category.value, order[s.scenario.partner.difficulty.value], s.scenario.title))
    return [(card_label(s, catalog), s.id) for s in shown]


def scenario_details(loaded: LoadedScenario, catalog: Catalog) -> str:
    scenario = loaded.scenario
    known = "".join(f"<li>{escape(fact)}</li>" for fact in scenario.facts.visible)
    return (
        f"<section class='rh-card' aria-label='Scenario'><h3>{escape(scenario.title)}</h3>"
        + content_note(scenario)
        + f"<p><strong>Situation.</strong> {escape(scenario.situation)}</p>"
        f"<p><strong>Your goal.</strong> {escape(scenario.goal)}</p>"
        f"<p><strong>You are talking to</strong> {escape(scenario.partner.name)}, {escape(scenario.partner.role)}."
        f" Difficulty: {escape(scenario.partner.difficulty.value)}. Up to {scenario.max_turns} turns.</p>"
        + (f"<p><strong>What you know</strong></p><ul>{known}</ul>" if known else "")
        + f"<p><strong>Skills in play:</strong> {escape(', '.join(skill_name(s, catalog) for s in scenario.skills))}</p>"
        "</section>"
    )


def session_brief(scenario: Scenario, values_note: str | None, values_emotion: str | None) -> str:
    """What the learner needs in view while rehearsing; the note is theirs, kept as written."""
    known = "".join(f"<li>{escape(fact)}</li>" for fact in scenario.facts.visible)
    note = (
        f"<p><strong>What matters to you here</strong> ({escape(values_emotion or '')}): {escape(values_note)}</p>"
        if values_note
        else ""
    )
    return (
        f"<details class='rh-brief' open><summary>Your brief</summary>"
        f"<p><strong>Situation.</strong> {escape(scenario.situation)}</p>"
        f"<p><strong>Your goal.</strong> {escape(scenario.goal)}</p>"
        + (f"<ul>{known}</ul>" if known else "")
        + f"{note}</details>"
    )


# debrief -----------------------------------------------------------------------------------
def skills_summary(turns: Sequence[TurnView], skills: Sequence[str], catalog: Catalog) -> str:
    """One row per skill: its level at every turn and the best reached."""
    if not turns:
        return "<p>No turns yet: the skills table fills in as you rehearse.</p>"
    heads = "".join(f"<th scope='col'>Turn {t.index}</th>" for t in turns)
    rows = []
    for skill in skills:
        levels = [next((r.level for r in t.ratings if r.skill == skill), None) for t in turns]
        cells = "".join(f"<td class='rh-level-{lv or 'none'}'>{LEVEL_MARKS.get(lv or '', '–')}</td>" for lv in levels)
        best = max((lv for lv in levels if lv), key=LEVEL_ORDER.__getitem__, default=None)
        rows.append(
            f"<tr data-skill='{escape(skill)}'><th scope='row'>{escape(skill_name(skill, catalog))}</th>{cells}"
            f"<td class='rh-level-{best or 'none'}'><strong>{LEVEL_MARKS.get(best or '', '–')}</strong></td></tr>"
        )
    return (
        f"<table class='rh-ratings rh-summary'><caption>Skills over the session</caption>"
        f"<thead><tr><th scope='col'>Skill</th>{heads}<th scope='col'>Best</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def transcript(turns: Sequence[TurnView], partner_name: str, catalog: Catalog, opening: str | None = None) -> str:
    """The conversation, each learner turn with its ratings and what moved the partner."""
    parts = (
        [f"<p class='rh-line rh-partner'><strong>{escape(partner_name)}:</strong> {escape(opening)}</p>"]
        if opening
        else []
    )
    for turn in turns:
        ratings = "".join(rating_item(r, catalog) for r in turn.ratings)
        reasons = "".join(f"<li>{escape(reason)}</li>" for reason in turn.reasons)
        openness = (
            (
                f"<p class='rh-openness-note'>Partner openness after this turn: {turn.openness_after}/100"
                f" ({escape(turn.band or '')})</p>"
            )
            if turn.openness_after is not None
            else ""
        )
        flag = SAFETY_LABELS.get(turn.status)
        parts.append(
            f"<article class='rh-turn{' rh-safety-' + turn.status if flag else ''}' id='turn-{turn.index}' "
            f"aria-label='Turn {turn.index}'>"
            f"<h4>Turn {turn.index}</h4>"
            f"<p class='rh-line rh-learner'><strong>You:</strong> {escape(turn.learner_text)}</p>"
            + (
                f"<p class='rh-move'>Read as: {escape(MOVE_WORDS.get(turn.learner_move, turn.learner_move))}</p>"
                if turn.learner_move
                else ""
            )
            + (
                f"<p class='rh-safety-flag'>Safety {escape(flag)}. Not rated; the partner did not answer.</p>"
                if flag
                else f"<p class='rh-line rh-partner'><strong>{escape(partner_name)}:</strong> {escape(turn.partner_text)}</p>"
                if turn.partner_text
                else "<p class='rh-line'><em>No reply yet (turn not finished).</em></p>"
            )
            + (
                f"<ul class='rh-turn-ratings' aria-label='Ratings for turn {turn.index}'>{ratings}</ul>"
                if ratings
                else ""
            )
            + openness
            + (f"<ul class='rh-changes' aria-label='What moved the partner'>{reasons}</ul>" if reasons else "")
            + (
                f"<p class='rh-coach-note'><strong>Coach:</strong> {escape(turn.coach_text)}</p>"
                if turn.coach_text
                else ""
            )
            + "</article>"
        )
    return "<div class='rh-transcript'>" + "".join(parts) + "</div>" if parts else "<p>No turns yet.</p>"


def rating_item(rating: RatingRecord, catalog: Catalog) -> str:
    reason = f" — {escape(rating.reason)}" if rating.reason else ""
    stronger = rating.rewrite or rating.nearest_strong
    example = f"<br>A stronger way: <q>{escape(stronger)}</q>" if stronger else ""
    return (
        f"<li class='rh-level-{rating.level}'><strong>{escape(skill_name(rating.skill, catalog))}</strong>: "
        f"{LEVEL_MARKS[rating.level]}{reason}{example}</li>"
    )


def openness_figure(turns: Sequence[TurnView], start: int) -> Figure:
    figure, axes = plt.subplots(figsize=(6.4, 2.8), layout="constrained")
    xs = [0] + [t.index for t in turns if t.openness_after is not None]
    ys = [start] + [t.openness_after for t in turns if t.openness_after is not None]
    axes.axhspan(OPEN_BAND_FROM, 100, color="#e3f1e6")
    axes.axhspan(0, RESISTANT_BAND_BELOW, color="#f7e6e6")
    axes.plot(xs, ys, marker="o", color="#1f4e8c")
    axes.set(
        xlim=(-0.2, max(xs) + 0.2),
        ylim=(0, 100),
        xlabel="Turn (0 = start)",
        ylabel="Openness",
        title="Partner openness over the turns",
    )
    axes.set_xticks(xs)
    return figure


# progress ----------------------------------------------------------------------------------
def survey_figure(progress: Progress, items: Sequence[str], title: str) -> Figure:
    figure, axes = plt.subplots(1, len(items), figsize=(2.6 * len(items), 2.8), sharey=True, layout="constrained")
    points = progress.sessions
    xs = list(range(1, len(points) + 1))
    for axis, item in zip(axes, items):
        pre = [p.pre.get(item) for p in points]
        post = [p.post.get(item) for p in points]
        axis.plot([x for x, v in zip(xs, pre) if v], [v for v in pre if v], "o--", color="#7a4a00", label="before")
        axis.plot([x for x, v in zip(xs, post) if v], [v for v in post if v], "s-", color="#1f4e8c", label="after")
        axis.set(title=item, ylim=(0.5, 7.5), xlabel="Session")
        axis.set_xticks(xs or [1])
    axes[0].set_ylabel("Answer (1-7)")
    axes[0].legend(loc="lower left", fontsize="small")
    figure.suptitle(title)
    return figure


def self_efficacy_figure(progress: Progress) -> Figure:
    return survey_figure(progress, SELF_EFFICACY_ITEMS, "Self-efficacy before and after each session")


def emotions_figure(progress: Progress) -> Figure:
    return survey_figure(progress, EMOTION_ITEMS, "Emotions before and after each session")


def mastery_figure(progress: Progress) -> Figure:
    figure, axes = plt.subplots(figsize=(6.4, 2.8), layout="constrained")
    points = [(n, p.mastery) for n, p in enumerate(progress.sessions, 1) if p.mastery is not None]
    axes.plot([n for n, _ in points], [m for _, m in points], "o-", color="#0b5d1e")
    axes.set(ylim=(0, 2.05), xlabel="Session", ylabel="Mastery (0-2)", title="Skill mastery per session")
    axes.set_xticks([n for n, _ in points] or [1])
    return figure


def progress_summary(progress: Progress, library: Library, catalog: Catalog) -> str:
    ended = [p for p in progress.sessions if p.outcome]
    weak = ", ".join(skill_name(s, catalog) for s in progress.recurring_weak) or "none in your recent sessions"
    suggestion = ""
    if progress.next_scenario and progress.next_scenario in library.scenarios:
        suggestion = f"<p><strong>A scenario that practises them:</strong> {escape(library.scenarios[progress.next_scenario].scenario.title)}</p>"
    return (
        f"<p><strong>Sessions:</strong> {len(progress.sessions)} started, {len(ended)} ended.</p>"
        f"<p><strong>Skills that stayed below strong in at least half of your recent sessions:</strong> {escape(weak)}</p>"
        + suggestion
    )


# cohort ------------------------------------------------------------------------------------
def safety_flags(engine) -> dict[str, list[tuple[int, str]]]:
    """session id -> the (turn, verdict) where the crisis check stopped or paused the role-play,
    from the turns' status; sessions that ended as a crisis after a check-in are included."""
    with Session(engine) as db:
        flagged = db.exec(
            select(Turn.session_id, Turn.index, Turn.status)
            .where(col(Turn.status).in_(tuple(SAFETY_LABELS)))
            .order_by(col(Turn.index))
        ).all()
    flags: dict[str, list[tuple[int, str]]] = {}
    for session_id, index, status in flagged:
        flags.setdefault(session_id, []).append((index, status))
    return flags


def session_flag(outcome: str | None, turns: Sequence[tuple[int, str]]) -> str:
    """'crisis', 'check-in' or '' for one session, with the turns it happened at."""
    if outcome != "crisis" and not turns:
        return ""
    where = ", ".join(f"turn {index} {status.replace('_', '-')}" for index, status in turns)
    return ("crisis" if outcome == "crisis" else "check-in") + (f" ({where})" if where else "")


def cohort_frame(engine, pseudonym: Callable[[str], str] | None = None) -> pd.DataFrame:
    """One row per learner: sessions, turns, mean and latest mastery, last active, and how many of
    their sessions the crisis check stopped (crisis) or paused (check-in). With `pseudonym` (the
    export's keyed pseudonym function), learners appear only as the pseudonyms the export uses,
    sorted by pseudonym, and without times: nothing to join on but the pseudonym."""
    with Session(engine) as db:
        learners = [a.username for a in db.exec(select(Account).where(Account.role == "learner"))]
        sessions = db.exec(select(RehearsalSession).order_by(RehearsalSession.started_at)).all()  # type: ignore[arg-type]
        turns = dict(db.exec(select(Turn.session_id, func.count()).group_by(Turn.session_id)).all())
    flags = safety_flags(engine)

    def blank(name: str) -> dict[str, object]:
        return {
            "learner": name,
            "sessions": 0,
            "ended": 0,
            "turns": 0,
            "mean mastery": None,
            "latest mastery": None,
            "last active": None,
            "safety": "",
        }

    rows = {name: blank(name) for name in learners}
    masteries: dict[str, list[float]] = {}
    flagged: dict[str, dict[str, int]] = {}
    for record in sessions:
        row = rows.setdefault(record.learner_id, blank(record.learner_id))
        row["sessions"] = int(row["sessions"]) + 1  # type: ignore[call-overload]
        row["ended"] = int(row["ended"]) + (record.status == "ended")  # type: ignore[call-overload]
        row["turns"] = int(row["turns"]) + turns.get(record.id, 0)  # type: ignore[call-overload]
        row["last active"] = f"{record.started_at:%Y-%m-%d %H:%M}"
        if record.mastery is not None:
            masteries.setdefault(record.learner_id, []).append(record.mastery)
            row["latest mastery"] = round(record.mastery, 2)
        flag = session_flag(record.outcome, flags.get(record.id, []))
        if flag:
            counts = flagged.setdefault(record.learner_id, {})
            kind = flag.split(" ")[0]
            counts[kind] = counts.get(kind, 0) + 1
    for name, values in masteries.items():
        rows[name]["mean mastery"] = round(sum(values) / len(values), 2)
    for name, counts in flagged.items():
        rows[name]["safety"] = ", ".join(
            f"{kind} in {n} session{'s' if n > 1 else ''}" for kind, n in sorted(counts.items(), reverse=True)
        )
    if pseudonym is None:
        return pd.DataFrame(list(rows.values()), columns=list(blank("")))
    hidden = sorted(
        ({**row, "learner": pseudonym(name)} for name, row in rows.items()), key=lambda r: str(r["learner"])
    )
    frame = pd.DataFrame(hidden, columns=list(blank(""))).drop(columns=["last active"])
    return frame.rename(columns={"learner": "participant"})


SAFETY_COLUMNS = ["safety", "learner", "scenario", "started", "outcome", "session"]


def safety_sessions_frame(engine, pseudonym: Callable[[str], str] | None = None) -> pd.DataFrame:
    """The sessions the crisis check stopped or paused, newest first, with the id that opens their
    debrief. What the learner wrote is not shown here; the debrief has it. With `pseudonym`, as in
    `cohort_frame`: pseudonyms and no times."""
    flags = safety_flags(engine)
    with Session(engine) as db:
        sessions = db.exec(
            select(RehearsalSession)
            .where((RehearsalSession.outcome == "crisis") | RehearsalSession.id.in_(list(flags)))  # type: ignore[attr-defined]
            .order_by(RehearsalSession.started_at.desc())  # type: ignore[attr-defined]
        ).all()
    rows = [
        [
            session_flag(r.outcome, flags.get(r.id, [])),
            pseudonym(r.learner_id) if pseudonym else r.learner_id,
            r.scenario_title,
            f"{r.started_at:%Y-%m-%d %H:%M}",
            (r.outcome or "in progress").replace("_", " "),
            r.id,
        ]
        for r in sessions
    ]
    frame = pd.DataFrame(rows, columns=SAFETY_COLUMNS)
    return frame if pseudonym is None else frame.drop(columns=["started"]).rename(columns={"learner": "participant"})
