"""Honest dates: the subset of EDTF that news analysts need.

A news article rarely gives a day. It says "in June", "last October", "on Wednesday", "in
the spring", "in the 2010s"; now and then it gives the hour. A `When` keeps what is known:
the precision (year, month, day, and a time of day with or without its zone), a season,
digits left unspecified (201X), whether the date is approximate (~) or uncertain (?), and
intervals whose ends may be open (..) or unknown. Every `When` has an earliest and a
latest possible day; timelines sort by the earliest (and, within a day, by the time).

Parsing accepts the EDTF forms (`2015-10-02~`, `2016-02-08/2016-02-09`, `../2015-03`,
`2015-09-30T05:00+03:00`, `201X`, `2016-21`) and the human forms that `When.display`
writes ("2 Oct 2015~", "8–9 Feb 2016", "before Mar 2015", "30 Sep 2015 05:00 +03:00",
"a year in the 2010s", "Spring 2016"), so what the screen shows can be typed back in
("~2 Oct 2015" too). Digits are ASCII only: Python's \\d and int() read other scripts'
digits too, and a file that writes ٢٠٠٤ is refused, not read as 2004.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

YEAR, MONTH, DAY = 1, 2, 3

MONTH_ABBR = [None, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH_NUMBERS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTH_NUMBERS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTH_NUMBERS["sept"] = 9

# EDTF level 1 seasons, written in place of the month: 2016-21 is the spring of 2016. EDTF
# leaves their months open; we take the Northern hemisphere's meteorological seasons, each
# three whole months, winter starting in December of its year: (name, first month).
SEASONS = {21: ("Spring", 3), 22: ("Summer", 6), 23: ("Autumn", 9), 24: ("Winter", 12)}
_SEASON_NUMBERS = {name.lower(): n for n, (name, _) in SEASONS.items()}
_SEASON_NUMBERS["fall"] = 23

# The sort key of a point with no time of day: before every time on its day (the earliest
# an instant on that day can be, in UTC, is 14 hours before its midnight).
UNTIMED = -(10 ** 6)

EXPECTED = (
    "expected a date like 2016, 2016-02, 2016-02-09, Feb 2016, 9 Feb 2016, 2015-10-02~ (approximate), "
    "2015-10-02? (uncertain), 2016-02-08/2016-02-09 (interval) or ../2015-03 (open start)"
)


_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    # calendar.monthrange also works out the weekday, which costs more than all the rest
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month]


class DateError(ValueError):
    """A date that cannot be read; the message says what was expected."""


def foreign_digit(text: str) -> str | None:
    """The first digit in `text` that is not one of ASCII's 0-9, or None. Python reads
    them as numbers (int("٢٠٠٤") is 2004), which a file of this format never means."""
    if text.isascii():
        return None
    return next((c for c in text if c.isdigit() and not c.isascii()), None)


def foreign_digit_message(text: str, digit: str) -> str:
    name = unicodedata.name(digit, f"U+{ord(digit):04X}").lower()
    return f"'{text}' has a digit that is not one of 0-9 ({digit}, {name}); write the digits 0-9"


def _refuse_foreign_digits(text: str) -> None:
    digit = foreign_digit(text)
    if digit is not None:
        raise DateError(foreign_digit_message(text, digit))


@dataclass(frozen=True, slots=True)
class Time:
    """A time of day as written: hours and minutes, seconds if given, and the zone if given
    ("Z" for UTC, "+03:00"); without a zone it is the local time of the place."""

    hour: int
    minute: int
    second: int | None = None
    zone: str | None = None

    @property
    def offset(self) -> int:
        """Seconds east of UTC; 0 for UTC and for a local time (whose zone is unknown)."""
        if not self.zone or self.zone == "Z":
            return 0
        sign = -1 if self.zone[0] == "-" else 1
        return sign * (int(self.zone[1:3]) * 3600 + int(self.zone[4:6]) * 60)

    @property
    def sort_second(self) -> int:
        """Seconds from the written day's midnight to the instant, in UTC: events of one day
        sort by the instant (a local time counts as UTC), and stay on the day written."""
        return self.hour * 3600 + self.minute * 60 + (self.second or 0) - self.offset

    def clock(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}" + (f":{self.second:02d}" if self.second is not None else "")

    def edtf(self) -> str:
        return self.clock() + (self.zone or "")

    def display(self) -> str:
        """"05:00", "05:00:30", "05:00 UTC", "05:00 +03:00"."""
        if self.zone is None:
            return self.clock()
        return f"{self.clock()} {'UTC' if self.zone == 'Z' else self.zone}"

    def tzinfo(self) -> dt.tzinfo | None:
        return None if self.zone is None else dt.timezone(dt.timedelta(seconds=self.offset))


class Point(NamedTuple):
    """One calendar date at year, month or day precision (a day may have a time), or a
    season, or a year, month or day left unspecified; with its qualifiers.

    `unspecified` is what EDTF writes with X: "X" or "XX" for the last digits of the year
    (`year` is then the first of the range: 2010 for 201X), "-XX" for the month (2015-XX)
    or, after a month, the day (2015-10-XX), "-XX-XX" for both (2015-XX-XX).

    A named tuple, immutable as a frozen dataclass is, but made in a third of the time:
    every date read makes one or two, and its fields for the rare forms cost nothing then.
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False
    time: Time | None = None
    season: int | None = None  # 21 spring, 22 summer, 23 autumn, 24 winter (see SEASONS)
    unspecified: str = ""

    @property
    def precision(self) -> int:
        """The finest of year, month and day given in full. A season or unspecified digits
        give less than that unit: a season is YEAR, and so are 201X and 20XX."""
        return DAY if self.day else MONTH if self.month else YEAR

    @property
    def earliest(self) -> dt.date:
        if self.season:
            return dt.date(self.year, SEASONS[self.season][1], 1)
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month, self.day)
        year, month = self.year, self.month or 12
        if self.season:
            month = SEASONS[self.season][1] + 2
            year, month = (year + 1, month - 12) if month > 12 else (year, month)
        elif self.unspecified in ("X", "XX"):
            year += 10 ** len(self.unspecified) - 1
        return dt.date(year, month, days_in_month(year, month))

    @property
    def sort_second(self) -> int:
        return UNTIMED if self.time is None else self.time.sort_second

    @property
    def first_instant(self) -> int:
        """The earliest second it may be, counted in UTC (a local time as if UTC) from year 1."""
        return self.earliest.toordinal() * 86400 + (self.time.sort_second if self.time else 0)

    @property
    def last_instant(self) -> int:
        """The latest second it may be: the end of its last day when it has no time."""
        return self.latest.toordinal() * 86400 + (self.time.sort_second if self.time else 86399)

    @property
    def qualifier(self) -> str:
        if self.approximate and self.uncertain:
            return "%"
        return "~" if self.approximate else "?" if self.uncertain else ""

    @property
    def is_simple(self) -> bool:
        """A year, a month or a day and nothing more (no time, season or X)."""
        return self.time is None and self.season is None and not self.unspecified

    def edtf(self) -> str:
        if self.unspecified in ("X", "XX"):
            return f"{self.year:04d}"[:4 - len(self.unspecified)] + self.unspecified + self.qualifier
        text = f"{self.year:04d}"
        if self.season:
            text += f"-{self.season}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        text += self.unspecified
        if self.time:
            text += "T" + self.time.edtf()
        return text + self.qualifier

    def plain(self) -> str:
        """The date alone, without qualifiers: "2 Oct 2015", "Oct 2015", "2015",
        "30 Sep 2015 05:00 +03:00", "Spring 2016", "a day in Oct 2015"."""
        year = f"{self.year:04d}"  # four digits always, so the display reads back as a year
        if self.unspecified:
            return self._plain_unspecified()
        if self.season:
            name = SEASONS[self.season][0]
            # winter runs into the next year: "Winter 2016–17"
            return f"{name} {year}–{(self.year + 1) % 100:02d}" if self.season == 24 else f"{name} {year}"
        if self.day:
            text = f"{self.day} {MONTH_ABBR[self.month]} {year}"
            return f"{text} {self.time.display()}" if self.time else text
        if self.month:
            return f"{MONTH_ABBR[self.month]} {year}"
        return year

    def _plain_unspecified(self) -> str:
        """What X stands for, in words: "a year in the 2010s", "a day in Oct 2015"."""
        year = f"{self.year:04d}"
        if self.unspecified == "X":
            return f"a year in the {year}s"
        if self.unspecified == "XX":
            return f"a year in {year}–{self.year + 99:04d}"
        if self.unspecified == "-XX-XX":
            return f"a day in {year}"
        if self.month:
            return f"a day in {MONTH_ABBR[self.month]} {year}"
        return f"a month in {year}"

    def display(self) -> str:
        """The date and then its qualifiers, as EDTF writes them: "2 Oct 2015~" (approximate),
        "Oct 2015?" (uncertain), "2015~?" (both). One side for both, so neither is read as
        belonging to what stands before the date (an event's status mark, on screen)."""
        return self.plain() + ("~" if self.approximate else "") + ("?" if self.uncertain else "")


@dataclass(frozen=True, slots=True)
class When:
    """A date or an interval. `start`/`end` are None where that end is open or unknown.

    For a single date, `start is end` and `interval` is False.
    `open_start`/`open_end` hold ".." (open) or "" (unknown) when that end is None.
    """

    start: Point | None
    end: Point | None
    interval: bool = False
    open_start: str = ""
    open_end: str = ""

    @property
    def earliest(self) -> dt.date | None:
        """The earliest possible day, or None when the start is open."""
        return self.start.earliest if self.start else None

    @property
    def latest(self) -> dt.date | None:
        """The latest possible day, or None when the end is open."""
        return self.end.latest if self.end else None

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        """(first day, its second, last day, its second): the earliest possible day first,
        and on one day an event with no time of day before the timed ones, which follow in
        the order of their instants (see Time.sort_second); an open start sorts by its
        known end. The days are ordinals, and stay the days as written."""
        start, end = self.start, self.end
        first = (start.earliest.toordinal(), start.sort_second) if start else (end.latest.toordinal(), end.sort_second)
        last = (end.latest.toordinal(), end.sort_second) if end else first
        return first + last

    @property
    def earliest_moment(self) -> dt.date | None:
        """The earliest possible day, or the moment when the start has a time (aware when
        its zone is given): what a filter "from this date" starts at."""
        return _moment(self.start, self.start.earliest) if self.start else None

    @property
    def latest_moment(self) -> dt.date | None:
        """The latest possible day, or the moment when the end has a time."""
        return _moment(self.end, self.end.latest) if self.end else None

    @property
    def precision(self) -> int:
        """The coarsest precision of the known ends."""
        return min(p.precision for p in (self.start, self.end) if p)

    @property
    def is_approximate(self) -> bool:
        return any(p.approximate for p in (self.start, self.end) if p)

    @property
    def is_uncertain(self) -> bool:
        return any(p.uncertain for p in (self.start, self.end) if p) or (
            self.interval and (self.start is None or self.end is None)
        )

    def qualities(self) -> str:
        """What the qualifiers say, in words: "approximate", "uncertain, end unknown", ""."""
        points = [p for p in (self.start, self.end) if p]
        words = [word for word, on in (("approximate", any(p.approximate for p in points)),
                                       ("uncertain", any(p.uncertain for p in points)),
                                       ("start unknown", self.interval and not self.start and not self.open_start),
                                       ("end unknown", self.interval and not self.end and not self.open_end)) if on]
        return ", ".join(words)

    def days(self) -> str:
        """The first and last possible days, where the form leaves them to be worked out (a
        season, unspecified digits): "1 Mar – 31 May 2016"; "" for the other dates."""
        if all(p.is_simple or p.time for p in (self.start, self.end) if p):
            return ""
        first = _day_point(self.earliest) if self.earliest else None
        last = _day_point(self.latest) if self.latest else None
        return When(first, last, True, self.open_start, self.open_end).display()

    def edtf(self) -> str:
        if not self.interval:
            return self.start.edtf()
        left = self.start.edtf() if self.start else self.open_start
        right = self.end.edtf() if self.end else self.open_end
        return f"{left}/{right}"

    def display(self) -> str:
        """A short human form: "2 Oct 2015~", "8–9 Feb 2016", "before Mar 2015"."""
        if not self.interval:
            return self.start.display()
        start, end = self.start, self.end
        if start is None:
            return f"before {end.display()}" if self.open_start == ".." else f"unknown – {end.display()}"
        if end is None:
            return f"since {start.display()}" if self.open_end == ".." else f"{start.display()} – unknown"
        return _display_range(start, end)

    def __str__(self) -> str:
        return self.edtf()


def _day_point(day: dt.date) -> Point:
    return Point(day.year, day.month, day.day)


def _moment(point: Point, day: dt.date) -> dt.date:
    time = point.time
    if time is None:
        return day
    return dt.datetime(day.year, day.month, day.day, time.hour, time.minute, time.second or 0,
                       tzinfo=time.tzinfo())


def moment_second(moment: dt.date) -> int:
    """The second of its day a moment sorts at, as Time.sort_second: UNTIMED for a day."""
    if not isinstance(moment, dt.datetime):
        return UNTIMED
    offset = moment.utcoffset()
    return moment.hour * 3600 + moment.minute * 60 + moment.second - (int(offset.total_seconds()) if offset else 0)


def moment_text(moment: dt.date) -> str:
    """A day or a moment in EDTF ("2016-02-09", "2016-02-09T05:00+03:00"): reads back."""
    if not isinstance(moment, dt.datetime):
        return moment.isoformat()
    offset = moment.utcoffset()
    zone = "" if offset is None else "Z" if not offset else moment.isoformat()[-6:]
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    return f"{moment.date().isoformat()}T{clock}{zone}"


def _display_range(start: Point, end: Point) -> str:
    """Shorten a closed interval where the ends share a month or year and carry no qualifiers.
    An interval from a date to the same date is that date: the same range ("1 Apr 2016",
    never "1–1 Apr 2016")."""
    if start == end:
        return start.display()
    plain = not (start.qualifier or end.qualifier) and start.is_simple and end.is_simple
    if plain and start.precision == end.precision and start.year == end.year:
        if start.precision == DAY and start.month == end.month:
            return f"{start.day}–{end.day} {MONTH_ABBR[end.month]} {end.year:04d}"
        if start.precision == DAY:
            return f"{start.day} {MONTH_ABBR[start.month]} – {end.plain()}"
        if start.precision == MONTH:
            return f"{MONTH_ABBR[start.month]}–{MONTH_ABBR[end.month]} {end.year:04d}"
    if plain and start.precision == end.precision == YEAR:
        return f"{start.year:04d}–{end.year:04d}"
    return f"{start.display()} – {end.display()}"


# --- parsing ---------------------------------------------------------------------------

# re.ASCII: \d is 0-9 only (parse_date refuses other digits before any of these is tried).
_EDTF_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)", re.ASCII)
# The rarer EDTF forms, tried only when the text holds their letter (T or X). EDTF writes
# the seconds of a time; ISO 8601's shorter hh:mm is taken too, as news gives no seconds.
_ZONE = r"(Z|[+-]\d{2}(?::?\d{2})?)"
_EDTF_TIMED = re.compile(rf"(\d{{4}})-(\d{{2}})-(\d{{2}})T(\d{{2}}):(\d{{2}})(?::(\d{{2}}))?{_ZONE}?([~?%]?)", re.ASCII)
_EDTF_UNSPECIFIED = re.compile(r"(\d{3}X|\d{2}XX|\d{4}-XX|\d{4}-XX-XX|\d{4}-\d{2}-XX)([~?%]?)", re.ASCII)
_HUMAN_POINT = re.compile(
    r"(~?)\s*(?:(\d{1,2})\s+)?(?:([A-Za-z]{3,9})\.?\s+)?(\d{4})\s*(~?\??|\?~)", re.ASCII
)
_HUMAN_TIMED = re.compile(
    r"(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"(?:\s*(UTC|GMT|Z|[+-]\d{2}(?::?\d{2})?))?\s*([~?%]*)", re.ASCII | re.IGNORECASE)
_HUMAN_SEASON = re.compile(r"([A-Za-z]{4,6})\s+(\d{4})(?:[–/-](\d{2}|\d{4}))?\s*(~?\??|\?~)", re.ASCII)
# "a year in the 2010s", "a year in 2000–2099", "a month in 2015", "a day in Oct 2015"
_HUMAN_UNSPECIFIED = re.compile(
    r"an?\s+(year|month|day)\s+in\s+(?:the\s+(\d{3}0)s|(\d{2}00)\s*[–—-]\s*(\d{2}99)|(?:([A-Za-z]{3,9})\.?\s+)?(\d{4}))"
    r"\s*(~?\??|\?~)", re.ASCII | re.IGNORECASE)
_HUMAN_DECADE = re.compile(r"(?:the\s+)?(\d{3}0)s\s*(~?\??|\?~)", re.ASCII | re.IGNORECASE)
_DASH = r"\s*[–—-]\s*"
_RANGES = [
    # "8–9 Feb 2016"
    (re.compile(rf"(\d{{1,2}}){_DASH}(\d{{1,2}})\s+([A-Za-z]{{3,9}})\.?\s+(\d{{4}})", re.ASCII), "days"),
    # "30 Sep – 1 Oct 2015"
    (re.compile(rf"(\d{{1,2}})\s+([A-Za-z]{{3,9}})\.?{_DASH}(\d{{1,2}})\s+([A-Za-z]{{3,9}})\.?\s+(\d{{4}})", re.ASCII),
     "day-months"),
    # "Feb–Mar 2016"
    (re.compile(rf"([A-Za-z]{{3,9}})\.?{_DASH}([A-Za-z]{{3,9}})\.?\s+(\d{{4}})", re.ASCII), "months"),
    # "2015–2016"
    (re.compile(rf"(\d{{4}}){_DASH}(\d{{4}})", re.ASCII), "years"),
]
# An ISO date and a time with a space between: not EDTF, which writes a T.
_SPACED_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2}(?::\d{2})?)\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?",
                          re.ASCII | re.IGNORECASE)


def _make_point(year: int, month: int | None, day: int | None, approximate=False, uncertain=False,
                time: Time | None = None) -> Point:
    if not 1 <= year <= 9999:
        raise DateError(f"year {year} is out of range (1 to 9999)")
    if month is not None and not 1 <= month <= 12:
        # 20 and on may be meant for a season; 13 to 19 are more likely a slip
        seasons = "" if month < 20 else ", and seasons from 21 (spring) to 24 (winter)" if day is None else (
            "; 21 to 24 are seasons, which have no day" if month in SEASONS else "")
        raise DateError(f"month {month:02d} does not exist; months run from 01 to 12{seasons}")
    if day is not None:
        last = days_in_month(year, month)
        if not 1 <= day <= last:
            raise DateError(f"{calendar.month_name[month]} {year} has no day {day} (it has {last} days)")
    return Point(year, month, day, approximate, uncertain, time)


def _make_season(year: int, season: int, approximate=False, uncertain=False) -> Point:
    if not 1 <= year <= 9999:
        raise DateError(f"year {year} is out of range (1 to 9999)")
    if season == 24 and year == 9999:
        raise DateError("the winter of 9999 runs into the year 10000, past the last year (9999)")
    return Point(year, None, None, approximate, uncertain, season=season)


def _make_time(hour: str, minute: str, second: str | None, zone: str | None) -> Time:
    if int(hour) > 23:
        raise DateError(f"hour {hour} does not exist; hours run from 00 to 23 (midnight is 00:00 of the next day)")
    if int(minute) > 59:
        raise DateError(f"minute {minute} does not exist; minutes run from 00 to 59")
    if second is not None and int(second) > 59:
        raise DateError(f"second {second} does not exist; seconds run from 00 to 59")
    return Time(int(hour), int(minute), None if second is None else int(second), _zone(zone))


def _zone(text: str | None) -> str | None:
    """A zone as EDTF writes it, "Z" or "+03:00", from "Z", "UTC", "+03", "+0300", "+03:00"."""
    if text is None:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return "Z"
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if minutes > 59 or hours * 60 + minutes > (14 * 60 if text[0] == "+" else 12 * 60):
        raise DateError(f"no time zone is {text} from UTC; zones run from -12:00 to +14:00")
    return f"{text[0]}{hours:02d}:{minutes:02d}"


def _month_number(name: str) -> int:
    number = _MONTH_NUMBERS.get(name.lower())
    if number is None:
        raise DateError(f"'{name}' is not a month name")
    return number


def _qualified(qualifier: str) -> tuple[bool, bool]:
    """(approximate, uncertain) from an EDTF qualifier or a display form's "~", "?", "~?"."""
    if qualifier == "%":
        return True, True
    return "~" in qualifier, "?" in qualifier


def _parse_edtf_point(text: str) -> Point | None:
    match = _EDTF_POINT.fullmatch(text)
    if not match:
        return None
    year, month, day, qualifier = match.groups()
    approximate, uncertain = qualifier in ("~", "%"), qualifier in ("?", "%")
    if month and not day and int(month) in SEASONS:  # 2016-21: a season in the month's place
        return _make_season(int(year), int(month), approximate, uncertain)
    return _make_point(
        int(year),
        int(month) if month else None,
        int(day) if day else None,
        approximate=approximate,
        uncertain=uncertain,
    )


def _parse_edtf_timed(text: str) -> Point | None:
    match = _EDTF_TIMED.fullmatch(text)
    if not match:
        return None
    year, month, day, hour, minute, second, zone, qualifier = match.groups()
    if qualifier:
        raise DateError(_TIME_QUALIFIED.format(text=text, day=f"{year}-{month}-{day}{qualifier}"))
    return _make_point(int(year), int(month), int(day), time=_make_time(hour, minute, second, zone))


_TIME_QUALIFIED = ("'{text}': a time of day cannot be approximate or uncertain in EDTF; write the day "
                   "alone ({day}) and say the time in date_basis")


def _parse_edtf_unspecified(text: str) -> Point | None:
    match = _EDTF_UNSPECIFIED.fullmatch(text)
    if not match:
        return None
    written, qualifier = match.groups()
    approximate, uncertain = _qualified(qualifier)
    if "-" not in written:  # 201X, 20XX: the year's last digits
        x = written.count("X")
        return _unspecified_year(int(written[:4 - x]) * 10 ** x, "X" * x, text, approximate, uncertain)
    year = int(written[:4])
    month = None if written[5:7] == "XX" else int(written[5:7])
    _make_point(year, month, None)  # the year and the month must exist
    return Point(year, month, None, approximate, uncertain, unspecified=written[7:] if month else written[4:])


def _unspecified_year(first: int, x: str, text: str, approximate: bool, uncertain: bool) -> Point:
    if first == 0:
        raise DateError(f"'{text}' includes the year 0; years run from 0001 to 9999")
    return Point(first, None, None, approximate, uncertain, unspecified=x)


def _parse_human_point(text: str) -> Point | None:
    match = _HUMAN_POINT.fullmatch(text.strip())
    if not match:
        return None
    tilde, day, month_name, year, after = match.groups()  # "~" before, as this app once wrote it
    if day and not month_name or month_name and month_name.lower() not in _MONTH_NUMBERS:
        return None
    month = _month_number(month_name) if month_name else None
    return _make_point(int(year), month, int(day) if day else None, bool(tilde) or "~" in after, "?" in after)


def _parse_human_timed(text: str) -> Point | None:
    """"30 Sep 2015 05:00", "30 Sep 2015 05:00:30 UTC", "30 Sep 2015 05:00 +03:00"."""
    match = _HUMAN_TIMED.fullmatch(text)
    if not match:
        return None
    day, month_name, year, hour, minute, second, zone, qualifier = match.groups()
    if month_name.lower() not in _MONTH_NUMBERS:
        return None
    if qualifier:
        raise DateError(_TIME_QUALIFIED.format(text=text, day=f"{day} {month_name} {year}{qualifier}"))
    return _make_point(int(year), _month_number(month_name), int(day),
                       time=_make_time(f"{int(hour):02d}", minute, second, zone))


def _parse_human_season(text: str) -> Point | None:
    """"Spring 2016", "Autumn 2016?", "Winter 2016–17" (or "Winter 2016", its start)."""
    match = _HUMAN_SEASON.fullmatch(text)
    if not match:
        return None
    name, year, then, qualifier = match.groups()
    season = _SEASON_NUMBERS.get(name.lower())
    if season is None:
        return None
    if then is not None and (season != 24 or int(then) not in (int(year) + 1, (int(year) + 1) % 100)):
        raise DateError(f"'{text}': only a winter runs into the next year, written Winter {year}–"
                        f"{(int(year) + 1) % 100:02d}")
    return _make_season(int(year), season, *_qualified(qualifier))


def _parse_human_unspecified(text: str) -> Point | None:
    """What Point._plain_unspecified writes, and "2010s", "the 2010s" for 201X."""
    match = _HUMAN_DECADE.fullmatch(text)
    if match:
        decade, qualifier = match.groups()
        return _unspecified_year(int(decade), "X", text, *_qualified(qualifier))
    match = _HUMAN_UNSPECIFIED.fullmatch(text)
    if not match:
        return None
    unit, decade, century, century_end, month_name, year, qualifier = match.groups()
    approximate, uncertain = _qualified(qualifier)
    unit = unit.lower()
    if unit == "year":
        if decade:
            return _unspecified_year(int(decade), "X", text, approximate, uncertain)
        if century and int(century_end) == int(century) + 99:
            return _unspecified_year(int(century), "XX", text, approximate, uncertain)
        return None
    if year is None or (unit == "month" and month_name):
        return None
    month = _month_number(month_name) if month_name else None
    _make_point(int(year), month, None)  # the year must be one we read
    # "a month in 2015" is 2015-XX; "a day in Oct 2015" 2015-10-XX; "a day in 2015" 2015-XX-XX
    unspecified = "-XX" if month or unit == "month" else "-XX-XX"
    return Point(int(year), month, None, approximate, uncertain, unspecified=unspecified)


def _parse_point(text: str) -> Point | None:
    point = _parse_edtf_point(text)
    if point is not None:
        return point
    # the rarer forms, each looked for only where its mark is: the common date pays nothing
    if "T" in text:
        point = _parse_edtf_timed(text)
    if point is None and "X" in text:
        point = _parse_edtf_unspecified(text)
    if point is None:
        point = _parse_human_point(text)
    if point is None and ":" in text:
        point = _parse_human_timed(text.strip())
    if point is None and (text[:1].isalpha() or text.endswith(("s", "~", "?"))):
        point = _parse_human_season(text.strip()) or _parse_human_unspecified(text.strip())
    return point


def _parse_human_range(text: str) -> When | None:
    for pattern, shape in _RANGES:
        match = pattern.fullmatch(text)
        if not match:
            continue
        g = match.groups()
        if shape == "days":
            month = _month_number(g[2])
            start = _make_point(int(g[3]), month, int(g[0]))
            end = _make_point(int(g[3]), month, int(g[1]))
        elif shape == "day-months":
            start = _make_point(int(g[4]), _month_number(g[1]), int(g[0]))
            end = _make_point(int(g[4]), _month_number(g[3]), int(g[2]))
        elif shape == "months":
            start = _make_point(int(g[2]), _month_number(g[0]), None)
            end = _make_point(int(g[2]), _month_number(g[1]), None)
        else:
            start = _make_point(int(g[0]), None, None)
            end = _make_point(int(g[1]), None, None)
        return _interval(start, end, "", "")
    return None


def _interval(start: Point | None, end: Point | None, open_start: str, open_end: str) -> When:
    if start is None and end is None:
        raise DateError("an interval needs at least one known end")
    if start and end and end.last_instant < start.first_instant:
        raise DateError(f"the interval ends ({end.edtf()}) before it starts ({start.edtf()})")
    return When(start, end, True, open_start if start is None else "", open_end if end is None else "")


UNKNOWN_END = ("?", "unknown")


def _split_interval(text: str) -> tuple[str, str] | None:
    """Split "a/b", "a – b", "before b", "since a" into two sides ("" or ".." for open)."""
    if "/" in text:
        left, _, right = text.partition("/")
        return left.strip(), right.strip()
    lowered = text.lower()
    for word, template in (("before ", ("..", None)), ("until ", ("..", None)),
                           ("since ", (None, "..")), ("after ", (None, ".."))):
        if lowered.startswith(word):
            rest = text[len(word):].strip()
            return (template[0], rest) if template[0] else (rest, template[1])
    parts = re.split(r"\s+[–—-]\s+", text)
    if len(parts) == 2:
        return tuple(p.strip() for p in parts)
    return None


def _parse_side(text: str) -> Point | None:
    if text in ("", "..", "?"):
        return None
    point = _parse_point(text)
    if point is None:
        raise DateError(_not_a_date(text))
    return point


# Numbers between slashes, dots or dashes, as many countries write a day (31/02/2021,
# 3.4.2021) or a month (02/2021). Whether 3/4 is the 3rd of April or the 4th of March
# cannot be told, so no reading is guessed: the message asks for year-month-day.
_NUMERIC_DATE = re.compile(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})|(\d{1,2})[/.](\d{4})", re.ASCII)


def _numeric_date_error(text: str, ambiguous_only: bool = False) -> DateError | None:
    """The message for a date written in numbers in another order, quoting it whole;
    None when it is not one. With `ambiguous_only`, only where day and month could be
    either way round (a person's typing: dateutil reads 2016/02/09 and 02/2016 safely)."""
    match = _NUMERIC_DATE.fullmatch(text)
    if match is None:
        return None
    first, _, middle, last, _, month_year = match.groups()
    if ambiguous_only and (month_year or len(first) == 4):
        return None
    if month_year:
        return DateError(f"'{text}' is not a date: write year-month, like {month_year}-02")
    example = f"{last if len(last) == 4 else 2016}-02-28"
    if len(first) == 4:  # the order is not in doubt: the example is the date itself, if it is one
        example = f"{first}-02-28"
        try:
            example = _parse_edtf_point(f"{first}-{int(middle):02d}-{int(last):02d}").edtf()
        except DateError:
            pass
    return DateError(f"'{text}' is not a date: write year-month-day, like {example}")


def _not_a_date(text: str) -> str:
    spaced = _SPACED_TIME.fullmatch(text)
    if spaced:
        day, clock, zone = spaced.groups()
        return (f"'{text}' is not a date; EDTF writes a T between the day and the time, with two-digit "
                f"hours: {day}T{clock.zfill(5)}{'' if zone is None else _zone(zone)}")
    return f"'{text}' is not a date; {EXPECTED}"


def parse_date(text: str) -> When:
    """Read a date in EDTF or in the human form `When.display` writes.

    Raises DateError with a message that says what was expected, whatever it is given.
    """
    if type(text) is not str:
        raise DateError(f"{text!r} is not a date; {EXPECTED}")
    return _parse_cached(text)


def _parse(text: str) -> When:
    """parse_date without its cache (and for text only)."""
    if not text.isascii():
        _refuse_foreign_digits(text)
    text = text.strip()
    if not text:
        raise DateError(f"the date is empty; {EXPECTED}")
    point = _parse_point(text)
    if point is not None:
        return When(point, point)
    numeric = _numeric_date_error(text)
    if numeric is not None:
        raise numeric
    sides = _split_interval(text)
    unknown_end = sides is not None and any(side.lower() in UNKNOWN_END for side in sides)
    ranged = None if unknown_end else _parse_human_range(text)  # "unknown" is no month
    if ranged is not None:
        return ranged
    if sides is None:
        raise DateError(_not_a_date(text))
    left, right = sides
    # an unknown end: "?" as typed, "unknown" as displayed ("?" alone means uncertain)
    left = "" if left.lower() in UNKNOWN_END else left
    right = "" if right.lower() in UNKNOWN_END else right
    return _interval(_parse_side(left), _parse_side(right), left, right)


_parse_cached = lru_cache(maxsize=65536)(_parse)
parse_date.cache_clear = _parse_cached.cache_clear  # the tests start each with an empty cache


def parse_loose(text: str) -> When:
    """Read a date a person typed: EDTF, our display forms, or anything dateutil reads.

    dateutil fills missing fields from a default; parsing twice with two different
    defaults shows which fields the text really gave, so no day (nor time) is invented.
    """
    if type(text) is not str:
        raise DateError(f"{text!r} is not a date; {EXPECTED}")
    _refuse_foreign_digits(text)
    try:
        return parse_date(text)
    except DateError:
        numeric = _numeric_date_error(text.strip(), ambiguous_only=True)
        if numeric is not None:  # dateutil would guess the order of day and month
            raise numeric from None
    spaced = _SPACED_TIME.fullmatch(text.strip())
    if spaced is not None:  # "2016-02-09 10:00", as a person types it: EDTF writes a T
        day, clock, zone = spaced.groups()
        return parse_date(f"{day}T{clock.zfill(5)}{_zone(zone) or ''}")
    # dateutil reads almost anything; a number run into a word ("2015-09Oct") is a typo,
    # not a date, unless it is an ordinal ("9th") or a time of day ("10am").
    if re.search(r"\d(?!(st|nd|rd|th|am|pm)\b)[A-Za-z]|[A-Za-z]\d", text, re.IGNORECASE):
        raise DateError(f"'{text}' is not a date; {EXPECTED}")
    import warnings

    from dateutil import parser as dateutil_parser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", dateutil_parser.UnknownTimezoneWarning)
            first = dateutil_parser.parse(text, default=dt.datetime(2000, 1, 1, 0, 0, 0))
            second = dateutil_parser.parse(text, default=dt.datetime(2001, 2, 2, 1, 1, 1))
    except dateutil_parser.UnknownTimezoneWarning:
        raise DateError(f"'{text}': a time zone by name is not read; write it as UTC or an offset "
                        "such as +03:00") from None
    except (ValueError, OverflowError) as error:
        raise DateError(f"'{text}' is not a date; {EXPECTED}") from error
    if first.year != second.year:
        raise DateError(f"'{text}' gives no year; {EXPECTED}")
    month = first.month if first.month == second.month else None
    day = first.day if month and first.day == second.day else None
    point = _make_point(first.year, month, day, time=_loose_time(first, second) if day else None)
    return When(point, point)


def _loose_time(first: dt.datetime, second: dt.datetime) -> Time | None:
    """The time of day dateutil read, if the text gave one: the hour at least ("10am")."""
    if first.hour != second.hour:
        return None
    minute = first.minute if first.minute == second.minute else 0
    seconds = first.second if first.second == second.second else None
    offset = first.utcoffset()
    zone = None
    if offset is not None:
        minutes = int(offset.total_seconds()) // 60
        zone = "Z" if not minutes else f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return Time(first.hour, minute, seconds, zone)
