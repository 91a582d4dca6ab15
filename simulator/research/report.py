"""A study's pre/post report: per arm and survey item, the means before the first step and after
the last, percent change, and the paired effect size (Cohen's d_z), plus PNG plots of the
trajectories over the sequence. Run: `rehearse report --study ID --out DIR`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine, text

from feedback.surveys import EMOTION_ITEMS, SELF_EFFICACY_ITEMS, SURVEY_ITEMS
from scenarios.study_schema import Study


@dataclass(frozen=True)
class ReportFiles:
    summary_csv: Path
    summary_md: Path
    plots: list[Path]


def survey_frame(engine: Engine, study_id: str) -> pd.DataFrame:
    query = ("SELECT p.arm, a.learner_id AS participant, s.step_id, a.phase, a.item, a.value "
             "FROM survey_answers a JOIN sessions s ON s.id = a.session_id JOIN participants p ON p.id = s.learner_id "
             "WHERE s.study_id = :study")
    with engine.connect() as connection:
        return pd.read_sql_query(text(query), connection, params={"study": study_id})


def pre_post_summary(frame: pd.DataFrame, study: Study) -> pd.DataFrame:
    first, last = study.sequence[0].id, study.sequence[-1].id
    pre = frame[(frame.step_id == first) & (frame.phase == "pre")]
    post = frame[(frame.step_id == last) & (frame.phase == "post")]
    paired = pre.merge(post, on=["arm", "participant", "item"], suffixes=("_pre", "_post"))
    rows = []
    for (arm, item), group in paired.groupby(["arm", "item"], sort=True):
        before, after = group.value_pre.astype(float), group.value_post.astype(float)
        difference = after - before
        sd = difference.std(ddof=1)
        rows.append({
            "arm": arm, "item": item, "n": len(group), "pre_mean": round(before.mean(), 3), "post_mean": round(after.mean(), 3),
            "percent_change": round(100 * (after.mean() - before.mean()) / before.mean(), 1) if before.mean() else np.nan,
            "d_z": round(difference.mean() / sd, 3) if sd and not np.isnan(sd) else np.nan,
        })
    summary = pd.DataFrame(rows, columns=["arm", "item", "n", "pre_mean", "post_mean", "percent_change", "d_z"])
    order = {item: i for i, item in enumerate(SURVEY_ITEMS)}
    return summary.sort_values(["arm", "item"], key=lambda c: c.map(order) if c.name == "item" else c).reset_index(drop=True)


def write_report(engine: Engine, study: Study, out: Path) -> ReportFiles:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    frame = survey_frame(engine, study.id)
    if frame.empty:
        raise ValueError(f"no survey answers for study '{study.id}' yet")
    summary = pre_post_summary(frame, study)
    summary_csv = out / "pre_post_summary.csv"
    summary.to_csv(summary_csv, index=False, lineterminator="\n")
    summary_md = out / "report.md"
    lines = [f"# {study.title} ({study.id})", "",
             f"Pre: before `{study.sequence[0].id}`; post: after `{study.sequence[-1].id}`. d_z = mean paired "
             "difference / SD of the differences. Numbers as they are.", "",
             "| arm | item | n | pre | post | % change | d_z |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {r.arm} | {r.item} | {r.n} | {r.pre_mean:.2f} | {r.post_mean:.2f} | {r.percent_change} | {r.d_z} |"
              for r in summary.itertuples()]
    summary_md.write_text("\n".join(lines) + "\n", encoding="utf-8")

    points = [(step.id, phase) for step in study.sequence for phase in ("pre", "post")]
    labels = [f"{step}\n{phase}" for step, phase in points]
    plots = []
    for title, items in (("self-efficacy", SELF_EFFICACY_ITEMS), ("emotions", EMOTION_ITEMS)):
        figure, axes = plt.subplots(1, len(items), figsize=(4 * len(items), 3.6), sharey=True)
        for axis, item in zip(axes, items):
            for arm, group in frame[frame.item == item].groupby("arm"):
                means = group.groupby(["step_id", "phase"]).value.mean()
                axis.plot(range(len(points)), [means.get(point, np.nan) for point in points], marker="o", label=arm)
            axis.set_title(item)
            axis.set_xticks(range(len(points)), labels, rotation=90, fontsize=6)
            axis.set_ylim(1, 7)
        axes[0].set_ylabel("mean (1-7)")
        axes[-1].legend(fontsize=7)
        figure.suptitle(f"{study.id}: {title} over the sequence")
        figure.tight_layout()
        path = out / f"trajectory-{title}.png"
        figure.savefig(path, dpi=110)
        plt.close(figure)
        plots.append(path)
    return ReportFiles(summary_csv, summary_md, plots)
