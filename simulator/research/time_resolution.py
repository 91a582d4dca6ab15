"""How finely exported timestamps are given: coarse by default, so that a pseudonymous row
cannot be matched to a named account by when it happened."""

from __future__ import annotations

from enum import StrEnum


class TimeResolution(StrEnum):
    day = "day"
    hour = "hour"
    exact = "exact"

    @property
    def description(self) -> str:
        return {
            "day": "to the day (YYYY-MM-DD)",
            "hour": "to the hour (YYYY-MM-DD HH:00)",
            "exact": "to the microsecond",
        }[self.value]
