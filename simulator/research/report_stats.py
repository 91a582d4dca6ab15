"""The statistics of a study report, from `report_data.pre_post`:

- within each arm: mean change (post - pre) with its 95% t interval (statsmodels);
- between arms: ANCOVA, i.e. OLS of post on arm with pre as covariate (statsmodels): the arm's
  coefficient is the difference from the reference arm in post, adjusted for pre, with its 95%
  interval and p value; and Hedges' g on the change scores with its 95% interval (pingouin).

Complete cases only (a participant counts for a measure when both pre and post exist); how many
were left out is reported beside every figure."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pingouin
import statsmodels.formula.api as smf
from statsmodels.stats.weightstats import DescrStatsW

CONFIDENCE = 0.95
WITHIN_COLUMNS = [
    "measure",
    "arm",
    "enrolled",
    "n",
    "missing",
    "pre_mean",
    "post_mean",
    "change_mean",
    "change_ci_low",
    "change_ci_high",
    "percent_change",
    "d_z",
]
BETWEEN_COLUMNS = [
    "measure",
    "reference_arm",
    "arm",
    "n_reference",
    "n_arm",
    "missing",
    "adjusted_difference",
    "ci_low",
    "ci_high",
    "p_value",
    "hedges_g",
    "g_ci_low",
    "g_ci_high",
]


def within_arms(frame: pd.DataFrame, arms: list[str], measures: list[str]) -> pd.DataFrame:
    rows = []
    for measure in measures:
        for arm in arms:
            group = frame[(frame.measure == measure) & (frame.arm == arm)]
            complete = group.dropna(subset=["pre", "post"])
            change = complete.post - complete.pre
            low, high = _t_interval(change)
            sd = change.std(ddof=1) if len(change) > 1 else math.nan
            pre_mean = complete.pre.mean() if len(complete) else math.nan
            rows.append(
                {
                    "measure": measure,
                    "arm": arm,
                    "enrolled": len(group),
                    "n": len(complete),
                    "missing": len(group) - len(complete),
                    "pre_mean": pre_mean,
                    "post_mean": complete.post.mean() if len(complete) else math.nan,
                    "change_mean": change.mean() if len(change) else math.nan,
                    "change_ci_low": low,
                    "change_ci_high": high,
                    "percent_change": 100 * change.mean() / pre_mean if len(change) and pre_mean else math.nan,
                    "d_z": change.mean() / sd if sd and not math.isnan(sd) else math.nan,
                }
            )
    return pd.DataFrame(rows, columns=WITHIN_COLUMNS)


def between_arms(frame: pd.DataFrame, arms: list[str], measures: list[str]) -> pd.DataFrame:
    """Every arm against the first (the reference), per measure."""
    reference, others = arms[0], arms[1:]
    rows = []
    for measure in measures:
        data = frame[frame.measure == measure]
        complete = data.dropna(subset=["pre", "post"])
        fit = _ancova(complete, reference, len(arms))
        for arm in others:
            ref_change = _change(complete, reference)
            arm_change = _change(complete, arm)
            term = f"C(arm, Treatment(reference={reference!r}))[T.{arm}]"
            estimate = fit.params.get(term, math.nan) if fit is not None else math.nan
            low, high = (
                fit.conf_int(1 - CONFIDENCE).loc[term]
                if fit is not None and term in fit.params
                else (math.nan, math.nan)
            )
            g, g_low, g_high = _hedges_g(arm_change, ref_change)
            rows.append(
                {
                    "measure": measure,
                    "reference_arm": reference,
                    "arm": arm,
                    "n_reference": len(ref_change),
                    "n_arm": len(arm_change),
                    "missing": int(data.arm.isin([reference, arm]).sum() - complete.arm.isin([reference, arm]).sum()),
                    "adjusted_difference": estimate,
                    "ci_low": low,
                    "ci_high": high,
                    "p_value": fit.pvalues.get(term, math.nan) if fit is not None else math.nan,
                    "hedges_g": g,
                    "g_ci_low": g_low,
                    "g_ci_high": g_high,
                }
            )
    return pd.DataFrame(rows, columns=BETWEEN_COLUMNS)


def _change(frame: pd.DataFrame, arm: str) -> np.ndarray:
    group = frame[frame.arm == arm]
    return (group.post - group.pre).to_numpy(dtype=float)


def _t_interval(values: pd.Series) -> tuple[float, float]:
    if len(values) < 2 or values.std(ddof=1) == 0:
        mean = values.mean() if len(values) else math.nan
        return (mean, mean) if len(values) >= 2 else (math.nan, math.nan)
    low, high = DescrStatsW(values.to_numpy(dtype=float)).tconfint_mean(alpha=1 - CONFIDENCE)
    return float(low), float(high)


def _ancova(complete: pd.DataFrame, reference: str, arms: int):
    """OLS post ~ arm + pre; None when there are too few participants to estimate it with any
    residual degrees of freedom, or fewer than two arms with data."""
    if len(complete) <= arms + 1 or complete.arm.nunique() < 2 or reference not in set(complete.arm):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return smf.ols(f"post ~ C(arm, Treatment(reference={reference!r})) + pre", data=complete).fit()


def _hedges_g(arm: np.ndarray, reference: np.ndarray) -> tuple[float, float, float]:
    if len(arm) < 2 or len(reference) < 2:
        return math.nan, math.nan, math.nan
    pooled = np.concatenate([arm - arm.mean(), reference - reference.mean()])
    if not pooled.any():
        return math.nan, math.nan, math.nan
    g = float(pingouin.compute_effsize(arm, reference, paired=False, eftype="hedges"))
    low, high = pingouin.compute_esci(
        stat=g, nx=len(arm), ny=len(reference), eftype="hedges", confidence=CONFIDENCE, decimals=6
    )
    return g, float(low), float(high)
