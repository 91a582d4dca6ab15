"""The report's figures: change per arm with 95% intervals, the between-arm differences with
theirs, and the survey means over the sequence. Labels are horizontal and large enough to read
at the size the HTML shows them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from statsmodels.stats.weightstats import DescrStatsW

FONT = 11
DPI = 120


def change_by_arm(within: pd.DataFrame, arms: list[str], measures: list[str], path: Path, title: str) -> Path:
    figure, axis = plt.subplots(figsize=(8.5, 0.55 * len(measures) + 1.6))
    offsets = np.linspace(-0.18, 0.18, len(arms))
    for offset, arm in zip(offsets, arms):
        rows = within[within.arm == arm].set_index("measure").reindex(measures)
        y = np.arange(len(measures)) + offset
        error = np.vstack([rows.change_mean - rows.change_ci_low, rows.change_ci_high - rows.change_mean])
        axis.errorbar(rows.change_mean, y, xerr=error, fmt="o", capsize=3, label=arm)
    _measure_axis(axis, measures)
    axis.set_xlabel("change, post minus pre (mean, 95% CI)", fontsize=FONT)
    axis.legend(fontsize=FONT - 1, loc="best")
    axis.set_title(title, fontsize=FONT + 1)
    return _save(figure, path)


def between_arm_differences(between: pd.DataFrame, measures: list[str], path: Path, title: str) -> Path:
    contrasts = list(dict.fromkeys(between.arm))
    figure, axis = plt.subplots(figsize=(8.5, 0.55 * len(measures) + 1.6))
    offsets = np.linspace(-0.15, 0.15, len(contrasts)) if len(contrasts) > 1 else [0.0]
    for offset, arm in zip(offsets, contrasts):
        rows = between[between.arm == arm].set_index("measure").reindex(measures)
        y = np.arange(len(measures)) + offset
        error = np.vstack([rows.adjusted_difference - rows.ci_low, rows.ci_high - rows.adjusted_difference])
        reference = rows.reference_arm.dropna().iloc[0] if rows.reference_arm.notna().any() else "reference"
        axis.errorbar(rows.adjusted_difference, y, xerr=error, fmt="s", capsize=3, label=f"{arm} minus {reference}")
    _measure_axis(axis, measures)
    axis.set_xlabel("difference in post, adjusted for pre (ANCOVA, 95% CI)", fontsize=FONT)
    axis.legend(fontsize=FONT - 1, loc="best")
    axis.set_title(title, fontsize=FONT + 1)
    return _save(figure, path)


def trajectories(
    surveys: pd.DataFrame, steps: list[str], items: list[str], arms: list[str], path: Path, title: str
) -> Path:
    points = [(step, phase) for step in steps for phase in ("pre", "post")]
    labels = [f"{textwrap.fill(step, 10, break_on_hyphens=True)}\n{phase}" for step, phase in points]
    figure, axes = plt.subplots(
        len(items), 1, figsize=(max(8.0, 1.2 * len(points)), 3.2 * len(items)), sharey=True, squeeze=False
    )
    for axis, item in zip(axes.flat, items):
        for arm in arms:
            group = surveys[(surveys.item == item) & (surveys.arm == arm)]
            means, lows, highs = [], [], []
            for step, phase in points:
                values = group[(group.step_id == step) & (group.phase == phase)].value.to_numpy(dtype=float)
                means.append(values.mean() if len(values) else np.nan)
                low, high = (
                    DescrStatsW(values).tconfint_mean()
                    if len(values) > 1 and values.std() > 0
                    else (means[-1], means[-1])
                )
                lows.append(low)
                highs.append(high)
            x = np.arange(len(points))
            axis.plot(x, means, marker="o", label=arm)
            axis.fill_between(x, lows, highs, alpha=0.15)
        axis.set_title(item, fontsize=FONT + 1)
        axis.set_xticks(range(len(points)), labels, fontsize=FONT - 2)
        axis.tick_params(axis="y", labelsize=FONT - 1)
        axis.set_ylim(1, 7)
        axis.grid(axis="y", alpha=0.3)
    for axis in axes.flat[len(items) :]:
        axis.set_visible(False)
    axes[0][0].set_ylabel("mean (1-7), band: 95% CI", fontsize=FONT)
    axes[0][0].legend(fontsize=FONT - 1, loc="upper right")
    figure.suptitle(title, fontsize=FONT + 2)
    return _save(figure, path)


def _measure_axis(axis, measures: list[str]) -> None:
    axis.set_yticks(range(len(measures)), measures, fontsize=FONT)
    axis.tick_params(axis="x", labelsize=FONT - 1)
    axis.invert_yaxis()
    axis.axvline(0, color="#555", linewidth=1)
    axis.grid(axis="x", alpha=0.3)


def _save(figure, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=DPI)
    plt.close(figure)
    return path
