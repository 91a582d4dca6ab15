"""The report compares arms as its methods say: on the simulated 40-participant pilot, the
ANCOVA difference, its interval, Hedges' g and the within-arm intervals match a computation by
hand from the exported outcomes; and only participants who count (agreed, not withdrawn, not a
test participant unless asked) enter it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from feedback.surveys import SURVEY_ITEMS, SurveyAnswers
from scenarios.study_schema import load_study
from simulator.research.export import ExportOptions, export
from simulator.research.report import write_report
from simulator.research.studies import StudyRunner
from tests.research.conftest import TWO_ARM_TRIAL

REFERENCE, FEEDBACK = "simulation", "simulation_feedback"
SHORT_TRIAL = load_study(Path(__file__).resolve().parent.parent / "data" / "studies" / "short-trial.yaml")
ROUNDING = 1e-3  # the CSV keeps four decimals


def by_hand_pre_post(outcomes: pd.DataFrame, measure: str) -> pd.DataFrame:
    """participant, arm, pre, post from the export's outcomes table, as the methods define them."""
    first, last = TWO_ARM_TRIAL.sequence[0].id, TWO_ARM_TRIAL.sequence[-1].id
    if measure == "mastery":
        kind = {s.id: s.kind for s in TWO_ARM_TRIAL.sequence}
        outcomes = outcomes.assign(kind=outcomes.step_id.map(kind))
        pre = outcomes[outcomes.kind == "pre_evaluation"].groupby("participant").mastery.mean()
        post = outcomes[outcomes.kind == "post_evaluation"].groupby("participant").mastery.mean()
    else:
        pre = outcomes[outcomes.step_id == first].set_index("participant")[f"pre_{measure}"]
        post = outcomes[outcomes.step_id == last].set_index("participant")[f"post_{measure}"]
    arms = outcomes.drop_duplicates("participant").set_index("participant").arm
    return pd.DataFrame({"arm": arms, "pre": pre, "post": post}).dropna()


def ancova_by_hand(data: pd.DataFrame) -> tuple[float, float, float]:
    """OLS post = b0 + b1 * [feedback arm] + b2 * pre; b1 and its 95% CI from the normal equations."""
    x = np.column_stack([np.ones(len(data)), (data.arm == FEEDBACK).to_numpy(float), data.pre.to_numpy(float)])
    y = data.post.to_numpy(float)
    inverse = np.linalg.inv(x.T @ x)
    beta = inverse @ x.T @ y
    residuals = y - x @ beta
    degrees = len(y) - x.shape[1]
    se = np.sqrt(residuals @ residuals / degrees * inverse[1, 1])
    margin = stats.t.ppf(0.975, degrees) * se
    return beta[1], beta[1] - margin, beta[1] + margin


def hedges_g_by_hand(treated: np.ndarray, reference: np.ndarray) -> tuple[float, float, float]:
    n1, n2 = len(treated), len(reference)
    pooled = np.sqrt(((n1 - 1) * treated.var(ddof=1) + (n2 - 1) * reference.var(ddof=1)) / (n1 + n2 - 2))
    g = (treated.mean() - reference.mean()) / pooled * (1 - 3 / (4 * (n1 + n2) - 9))
    margin = stats.t.ppf(0.975, n1 + n2 - 2) * np.sqrt((n1 + n2) / (n1 * n2) + g**2 / (2 * (n1 + n2)))
    return g, g - margin, g + margin


@pytest.mark.slow
def test_the_between_arm_figures_of_the_forty_participant_pilot_match_a_computation_by_hand(
    forty_participant_pilot, tmp_path
):
    engine = forty_participant_pilot.rehearsal.store.engine
    files = write_report(engine, TWO_ARM_TRIAL, tmp_path / "report")
    export(engine, ExportOptions(out=tmp_path / "export", study_id=TWO_ARM_TRIAL.id, key="k"))
    outcomes = pd.read_csv(tmp_path / "export" / "outcomes.csv")
    between = pd.read_csv(files.between_csv).set_index("measure")
    within = pd.read_csv(files.summary_csv).set_index(["measure", "arm"])
    assert set(between.index) == {*SURVEY_ITEMS, "mastery"}
    for measure, row in between.iterrows():
        data = by_hand_pre_post(outcomes, measure)
        estimate, low, high = ancova_by_hand(data)
        assert (row.adjusted_difference, row.ci_low, row.ci_high) == pytest.approx((estimate, low, high), abs=ROUNDING)
        change = data.post - data.pre
        treated, reference = change[data.arm == FEEDBACK].to_numpy(), change[data.arm == REFERENCE].to_numpy()
        assert (row.n_arm, row.n_reference) == (len(treated), len(reference)) == (20, 20)
        assert (row.hedges_g, row.g_ci_low, row.g_ci_high) == pytest.approx(
            hedges_g_by_hand(treated, reference), abs=ROUNDING
        )
        for arm, values in ((FEEDBACK, treated), (REFERENCE, reference)):
            margin = stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
            line = within.loc[(measure, arm)]
            assert (line.change_mean, line.change_ci_low, line.change_ci_high) == pytest.approx(
                (values.mean(), values.mean() - margin, values.mean() + margin), abs=ROUNDING
            )
    html = files.summary_html.read_text(encoding="utf-8")
    assert "ANCOVA" in html and "Hedges" in html and all(f"src='{p.name}'" in html for p in files.plots)
    assert all(p.read_bytes()[:4] == b"\x89PNG" and p.stat().st_size > 10_000 for p in files.plots)
    print("\n" + files.summary_md.read_text(encoding="utf-8"))


def complete_everything(rehearsal, runner: StudyRunner, code: str, pre: int, post: int) -> str:  # type: ignore[no-untyped-def]
    enrolment = runner.enrol(code, consent=True)
    while (step := runner.next_step(enrolment.participant_id)) is not None:
        session_id = runner.start_step(enrolment, step).session_id
        rehearsal.record_survey(session_id, SurveyAnswers(phase="pre", values=dict.fromkeys(SURVEY_ITEMS, pre)))
        rehearsal.end(session_id)
        rehearsal.record_survey(session_id, SurveyAnswers(phase="post", values=dict.fromkeys(SURVEY_ITEMS, post)))
    return enrolment.participant_id


def test_only_participants_who_count_enter_the_report_and_test_participants_only_when_asked(make_rehearsal, tmp_path):
    rehearsal = make_rehearsal()
    runner = StudyRunner(rehearsal, SHORT_TRIAL)
    live = runner.issue_codes(6)
    for number, code in enumerate(live[:4]):
        complete_everything(rehearsal, runner, code, pre=2 + number % 3, post=4 + number % 2)
    runner.withdraw(complete_everything(rehearsal, runner, live[4], pre=1, post=7))
    runner.decline(live[5])
    complete_everything(rehearsal, runner, runner.issue_codes(1, test=True)[0], pre=1, post=1)

    live_only = write_report(rehearsal.engine, SHORT_TRIAL, tmp_path / "live")
    summary = pd.read_csv(live_only.summary_csv)
    assert summary[summary.measure == "confident"].n.sum() == 4
    confident = pd.read_csv(live_only.between_csv).set_index("measure").loc["confident"]
    assert confident.n_arm + confident.n_reference == 4
    assert summary.missing.sum() == 0

    with_pilots = write_report(rehearsal.engine, SHORT_TRIAL, tmp_path / "all", include_test=True)
    assert pd.read_csv(with_pilots.summary_csv).query("measure == 'confident'").n.sum() == 5
