"""Going to a date: which event to land on, and what to say when none falls on it.

An event on the date (one that starts within it) is where the cursor goes. When there is
none, an event whose dates span the date (an interval, or a month that holds the day) is
the one that may have happened then; failing that, the nearest event before or after,
and the user is told, so an empty day is never taken for the next event's.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import DAY, UNTIMED, When, parse_date
from .model import Timeline
from .wording import counted


@dataclass(frozen=True)
class Landing:
    event: int  # the event's index in the timeline
    message: str | None  # what to tell the user; None when an event falls on the date


def landing(timeline: Timeline, shown: Sequence[int], when: When, filtered: bool = False) -> Landing | None:
    """Where going to `when` lands among the `shown` events (indexes in time order), or
    None when none is shown. `filtered` says that the filters hide some events, which
    the message then says."""
    if not shown:
        return None
    first_day, last_day = timeline.first_day, timeline.last_day
    start, second, end, _ = when.sort_key
    k = bisect.bisect_left(shown, start, key=lambda i: first_day[i])
    if k < len(shown) and first_day[shown[k]] <= end:
        return Landing(_at_time(timeline, shown, k, second), None)
    asked = f"{'No event shown' if filtered else 'No event'} {'on' if when.precision == DAY else 'in'} " \
            f"{when.display()}"
    covering = _covering(timeline, shown, k, start)
    if covering is not None:
        return Landing(covering, f"{asked}; at {_date(timeline, covering)}, which spans it.")
    if k == len(shown):
        return Landing(shown[-1], f"Nothing shown after {when.display()}: at the last event, "
                                  f"{_date(timeline, shown[-1])}.")
    if k == 0:
        return Landing(shown[0], f"Nothing shown before {when.display()}: at the first event, "
                                 f"{_date(timeline, shown[0])}.")
    # The nearest of the two events between which the date would stand in the list; the
    # one before by its last day, unless that is after the date (an open or a long span).
    before, after = shown[k - 1], shown[k]
    days_before = start - (last_day[before] if last_day[before] < start else first_day[before])
    days_after = first_day[after] - end
    if days_after <= days_before:
        near, gap, other = after, f"{_span(days_after)} after", f"previous: {_date(timeline, before)}"
    else:
        near, gap, other = before, f"{_span(days_before)} before", f"next: {_date(timeline, after)}"
    return Landing(near, f"{asked}; nearest: {_date(timeline, near)}, {gap} ({other}).")


def _at_time(timeline: Timeline, shown: Sequence[int], k: int, second: int) -> int:
    """Of the shown events from k on that fall on the day of shown[k], the first at or
    after `second` (When.sort_key's count); the day's last when all are earlier. Times
    are rare: the day's events are looked at one by one."""
    if second == UNTIMED:
        return shown[k]
    day = timeline.first_day[shown[k]]
    while k + 1 < len(shown) and timeline.first_day[shown[k + 1]] == day and _second(timeline, shown[k]) < second:
        k += 1
    return shown[k]


def _second(timeline: Timeline, index: int) -> int:
    return parse_date(timeline.date_text(index)).sort_key[1]


# A span longer than this (an event of "2007 to 2016", an open end) covers too much to
# say anything about one day: landing there would take the cursor years away.
MAX_COVERING_DAYS = 366


def _covering(timeline: Timeline, shown: Sequence[int], k: int, day: int) -> int | None:
    """The narrowest of the shown events that start before `day` (the first k) and span
    it, at most MAX_COVERING_DAYS long; the latest to start of those as narrow."""
    first_day, last_day = timeline.first_day, timeline.last_day
    best, best_span = None, MAX_COVERING_DAYS + 1
    for j in range(k - 1, -1, -1):  # latest start first; none that starts earlier can be short enough
        event = shown[j]
        if first_day[event] < day - MAX_COVERING_DAYS:
            break
        span = last_day[event] - first_day[event]
        if last_day[event] >= day and span < best_span:
            best, best_span = event, span
    return best


def _date(timeline: Timeline, index: int) -> str:
    return timeline.events[index].date.display()


def _span(days: int) -> str:
    """A distance in days, in the unit a reader takes in at once."""
    if days <= 60:
        return counted(days, "day")
    months = round(days / 30.44)
    if months < 24:
        return f"about {months} months"
    return f"about {round(days / 365.25)} years"
