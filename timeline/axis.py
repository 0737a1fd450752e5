"""A time axis cut into columns: by month, by year when the span is long, else by days.

Shared by the overview strip and the actor lanes, so both show time the same way.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import MONTH_ABBR


@dataclass
class Axis:
    unit: str  # "month", "year" or "days"
    starts: list[int]  # first day (ordinal) of each column, and one past the last column's end

    @property
    def columns(self) -> int:
        return len(self.starts) - 1

    def column_of(self, ordinal: int) -> int:
        return max(0, min(self.columns - 1, bisect.bisect_right(self.starts, ordinal) - 1))

    def label(self, column: int) -> str:
        """What a column covers: "Feb 2016", "Feb–Mar 2016", "2015", "2014–2015"."""
        first = dt.date.fromordinal(self.starts[column])
        last = dt.date.fromordinal(self.starts[column + 1] - 1)
        if self.unit == "day":
            return f"{first.day} {MONTH_ABBR[first.month]} {first.year}"
        if self.unit.endswith("years") or self.unit == "year":
            return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
        if (first.year, first.month) == (last.year, last.month):
            return f"{MONTH_ABBR[first.month]} {first.year}"
        if first.year == last.year:
            return f"{MONTH_ABBR[first.month]}–{MONTH_ABBR[last.month]} {first.year}"
        return f"{MONTH_ABBR[first.month]} {first.year} – {MONTH_ABBR[last.month]} {last.year}"

    def year_starts(self) -> list[tuple[int, str]]:
        """(column, label) where a new year begins (a new month, on a day axis), for the
        labels under the axis."""
        result, seen = [], None
        for column in range(self.columns):
            day = dt.date.fromordinal(self.starts[column])
            key = (day.year, day.month) if self.unit == "day" else day.year
            if key != seen:
                result.append((column, f"{MONTH_ABBR[day.month]} {day.year}" if self.unit == "day" else str(day.year)))
                seen = key
        return result

    def counts(self, events: Sequence[int], day_of) -> list[int]:
        """How many of `events` (in time order) fall in each column, by their `day_of` ordinal."""
        edges = [bisect.bisect_left(events, start, key=day_of) for start in self.starts]
        edges[-1] = len(events)  # the last column takes everything to the end
        edges[0] = 0  # and the first everything from the start
        return [edges[c + 1] - edges[c] for c in range(self.columns)]


def make_axis(first: int, last: int, width: int) -> Axis:
    """Columns covering the days `first` to `last`, as many as fit in `width`: a month a
    column when they fit, else several months, else several years a column."""
    width = max(1, width)
    a, b = dt.date.fromordinal(first), dt.date.fromordinal(max(first, last))
    if last - first + 1 <= width:  # a short span: a day a column
        return Axis("day", list(range(first, max(first, last) + 2)))
    months = (b.year - a.year) * 12 + b.month - a.month + 1
    step = -(-months // width)  # months a column
    if step < 12:
        columns = -(-months // step)
        starts = [_month_start(a.year, a.month + i * step) for i in range(columns + 1)]
        return Axis("month" if step == 1 else f"{step} months", starts)
    years = b.year - a.year + 1
    step = -(-years // width)
    columns = -(-years // step)
    return Axis("year" if step == 1 else f"{step} years",
                [dt.date(a.year + i * step, 1, 1).toordinal() for i in range(columns + 1)])


def _month_start(year: int, month: int) -> int:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, 1).toordinal()
