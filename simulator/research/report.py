"""A study's report comparing its arms: for every survey item and skill mastery, the pre-to-post
change in each arm with its 95% interval, the between-arm difference (ANCOVA on post with pre as
covariate) with its interval and Hedges' g, n per arm and missing data; plots; and an HTML
summary with the methods written out, beside the CSVs and PNGs.
Run: `rehearse report --study ID --out DIR`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from feedback.surveys import EMOTION_ITEMS, SELF_EFFICACY_ITEMS
from scenarios.study_schema import Study
from simulator.research import report_plots
from simulator.research.report_data import MEASURES, counted_participants, pre_post, survey_frame
from simulator.research.report_stats import between_arms, within_arms


@dataclass(frozen=True)
class ReportFiles:
    summary_csv: Path  # within each arm: pre, post, change with 95% CI
    between_csv: Path  # between arms: ANCOVA difference with 95% CI, Hedges' g
    summary_md: Path
    summary_html: Path
    plots: list[Path]


def methods(study: Study, include_test: bool) -> list[str]:
    first, last = study.sequence[0].id, study.sequence[-1].id
    reference = study.arms[0].id
    before = [s.id for s in study.sequence if s.kind == "pre_evaluation"] or [first]
    after = [s.id for s in study.sequence if s.kind == "post_evaluation"] or [last]
    return [
        "Participants: everyone who agreed to take part and has not withdrawn"
        + (", test participants included (asked for)." if include_test else "; test participants are left out."),
        (
            f"Survey items (1-7): pre is the answer before the first step ({first}), post the answer after the last "
            f"step ({last}). Skill mastery (0-2, the mean over the skills in play of the best level reached in a "
            f"session): pre is the mean over the pre-evaluation sessions ({', '.join(before)}), post the mean over the "
            f"post-evaluation sessions ({', '.join(after)})."
        ),
        (
            "Complete cases: a participant counts for a measure when both pre and post exist; nothing is imputed. "
            "'missing' is the number of counted participants of the arm without both."
        ),
        (
            "Within each arm: the mean change (post minus pre) with its 95% confidence interval from the t "
            "distribution (statsmodels DescrStatsW.tconfint_mean); d_z is the mean change over the SD of the changes."
        ),
        (
            f"Between arms: ANCOVA, an ordinary least-squares regression of post on arm (treatment coding, reference "
            f"arm '{reference}', the first arm in the study file) with pre as covariate (statsmodels OLS). The arm "
            "coefficient is the difference in post between the arms at equal pre, given with its 95% confidence "
            "interval and two-sided p value. It needs more participants than arms plus one; with fewer it is left empty."
        ),
        (
            "Standardised effect: Hedges' g on the change scores (the difference in mean change over the pooled SD, "
            "with the small-sample correction; pingouin.compute_effsize) and its 95% interval (pingouin.compute_esci: "
            "standard error sqrt((n1 + n2) / (n1 n2) + g^2 / (2 (n1 + n2))), t critical value on n1 + n2 - 2 "
            "degrees of freedom, as R's effsize::cohen.d)."
        ),
        (
            f"No correction for multiple comparisons across the {len(MEASURES)} measures: read each as an estimate with "
            "its interval, not as a test."
        ),
    ]


def write_report(engine: Engine, study: Study, out: Path, include_test: bool = False) -> ReportFiles:
    out.mkdir(parents=True, exist_ok=True)
    counted = counted_participants(engine, study.id, include_test)
    if counted.empty:
        raise ValueError(
            f"no participants have agreed to take part in study '{study.id}' yet"
            + ("" if include_test else " (test participants are left out; --include-test-participants counts them)")
        )
    arms = [arm.id for arm in study.arms]
    frame = pre_post(engine, study, include_test)
    within = within_arms(frame, arms, list(MEASURES))
    between = between_arms(frame, arms, list(MEASURES))
    summary_csv, between_csv = out / "pre_post_summary.csv", out / "between_arms.csv"
    within.round(4).to_csv(summary_csv, index=False, lineterminator="\n")
    between.round(4).to_csv(between_csv, index=False, lineterminator="\n")

    surveys = survey_frame(engine, study.id, include_test)
    steps = [step.id for step in study.sequence]
    plots = [
        report_plots.change_by_arm(
            within, arms, list(MEASURES), out / "change-by-arm.png", f"{study.id}: change from pre to post in each arm"
        ),
        report_plots.between_arm_differences(
            between, list(MEASURES), out / "between-arms.png", f"{study.id}: between-arm differences"
        ),
        report_plots.trajectories(
            surveys,
            steps,
            list(SELF_EFFICACY_ITEMS),
            arms,
            out / "trajectory-self-efficacy.png",
            f"{study.id}: self-efficacy over the sequence",
        ),
        report_plots.trajectories(
            surveys,
            steps,
            list(EMOTION_ITEMS),
            arms,
            out / "trajectory-emotions.png",
            f"{study.id}: emotions over the sequence",
        ),
    ]
    enrolled = counted.arm.value_counts().reindex(arms, fill_value=0)
    summary_md = out / "report.md"
    summary_md.write_text(_markdown(study, enrolled, within, between, include_test), encoding="utf-8")
    summary_html = out / "report.html"
    summary_html.write_text(_html(study, enrolled, within, between, plots, include_test), encoding="utf-8")
    return ReportFiles(summary_csv, between_csv, summary_md, summary_html, plots)


def _number(value: float, digits: int = 2) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def _interval(low: float, high: float) -> str:
    return "" if math.isnan(low) or math.isnan(high) else f"[{low:.2f}, {high:.2f}]"


def between_table(between: pd.DataFrame) -> pd.DataFrame:
    """The summary table: one row per measure and contrast."""
    return pd.DataFrame(
        {
            "measure": between.measure,
            "arms": between.arm + " vs " + between.reference_arm,
            "n": between.n_arm.astype(str) + " / " + between.n_reference.astype(str),
            "missing": between.missing,
            "adjusted difference [95% CI]": [
                f"{_number(r.adjusted_difference)} {_interval(r.ci_low, r.ci_high)}".strip()
                for r in between.itertuples()
            ],
            "p": [_number(p, 3) for p in between.p_value],
            "Hedges' g [95% CI]": [
                f"{_number(r.hedges_g)} {_interval(r.g_ci_low, r.g_ci_high)}".strip() for r in between.itertuples()
            ],
        }
    )


def within_table(within: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure": within.measure,
            "arm": within.arm,
            "n": within.n,
            "missing": within.missing,
            "pre": [_number(v) for v in within.pre_mean],
            "post": [_number(v) for v in within.post_mean],
            "change [95% CI]": [
                f"{_number(r.change_mean)} {_interval(r.change_ci_low, r.change_ci_high)}".strip()
                for r in within.itertuples()
            ],
        }
    )


def _markdown(
    study: Study, enrolled: pd.Series, within: pd.DataFrame, between: pd.DataFrame, include_test: bool
) -> str:
    lines = [
        f"# {study.title} ({study.id})",
        "",
        "Participants counted per arm: " + ", ".join(f"{arm} {n}" for arm, n in enrolled.items()),
        "",
        "## Between arms",
        "",
        between_table(between).to_markdown(index=False),
        "",
        "## Within each arm",
        "",
        within_table(within).to_markdown(index=False),
        "",
        "## Methods",
        "",
    ]
    lines += [f"- {line}" for line in methods(study, include_test)]
    return "\n".join(lines) + "\n"


def _html(
    study: Study,
    enrolled: pd.Series,
    within: pd.DataFrame,
    between: pd.DataFrame,
    plots: list[Path],
    include_test: bool,
) -> str:
    counts = "".join(f"<tr><th scope='row'>{escape(str(arm))}</th><td>{n}</td></tr>" for arm, n in enrolled.items())
    figures = "".join(
        f"<figure><img src='{escape(p.name)}' alt='{escape(p.stem.replace('-', ' '))}'>"
        f"<figcaption>{escape(p.stem.replace('-', ' '))}</figcaption></figure>"
        for p in plots
    )
    method_items = "".join(f"<li>{escape(line)}</li>" for line in methods(study, include_test))
    style = (
        "body{font-family:system-ui,sans-serif;max-width:68rem;margin:2rem auto;padding:0 1rem;color:#111}"
        "table{border-collapse:collapse;margin:0.5rem 0 1.5rem}th,td{border:1px solid #c9ced6;padding:"
        "0.3rem 0.6rem;text-align:left}th{background:#eef1f5}img{max-width:100%}figure{margin:1rem 0}"
    )
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(study.title)}: report"
        f"</title><style>{style}</style></head><body><h1>{escape(study.title)} ({escape(study.id)})</h1>"
        f"<h2>Participants counted</h2><table id='counts'><tr><th>arm</th><th>n</th></tr>{counts}</table>"
        "<h2>Between arms</h2>"
        + between_table(between).to_html(index=False, table_id="between", border=0)
        + "<p>Files: between_arms.csv, pre_post_summary.csv (every figure unrounded).</p>"
        "<h2>Within each arm</h2>"
        + within_table(within).to_html(index=False, table_id="within", border=0)
        + f"<h2>Figures</h2>{figures}<h2>Methods</h2><ul id='methods'>{method_items}</ul></body></html>\n"
    )
