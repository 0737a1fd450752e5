"""Honest dates: the subset of EDTF that news analysts need.

A news article rarely gives a day. It says "in June", "last October", "on Wednesday". A
`When` keeps what is known: the precision (year, month, day), whether the date is
approximate (~) or uncertain (?), and intervals whose ends may be open (..) or unknown.
Every `When` has an earliest and a latest possible day; timelines sort by the earliest.

Parsing accepts the EDTF forms (`2015-10-02~`, `2016-02-08/2016-02-09`, `../2015-03`) and
the human forms that `When.display` writes ("2 Oct 2015~", "8–9 Feb 2016",
"before Mar 2015"), so what the screen shows can be typed back in ("~2 Oct 2015" too).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

YEAR, MONTH, DAY = 1, 2, 3

MONTH_ABBR = [None, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH_NUMBERS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTH_NUMBERS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTH_NUMBERS["sept"] = 9

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


@dataclass(frozen=True, slots=True)
class Point:
    """One calendar date at year, month or day precision, with its qualifiers."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> int:
        return DAY if self.day else MONTH if self.month else YEAR

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        if self.day:
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, days_in_month(self.year, month))

    @property
    def qualifier(self) -> str:
        if self.approximate and self.uncertain:
            return "%"
        return "~" if self.approximate else "?" if self.uncertain else ""

    def edtf(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text + self.qualifier

    def plain(self) -> str:
        """The date alone, without qualifiers: "2 Oct 2015", "Oct 2015", "2015"."""
        year = f"{self.year:04d}"  # four digits always, so the display reads back as a year
        if self.day:
            return f"{self.day} {MONTH_ABBR[self.month]} {year}"
        if self.month:
            return f"{MONTH_ABBR[self.month]} {year}"
        return year

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
    def sort_key(self) -> tuple[int, int]:
        """Earliest possible day first; an open start sorts by its known end."""
        first = self.earliest or self.latest
        last = self.latest or self.earliest
        return (first.toordinal(), last.toordinal())

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


def _display_range(start: Point, end: Point) -> str:
    """Shorten a closed interval where the ends share a month or year and carry no qualifiers."""
    plain = not (start.qualifier or end.qualifier)
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

_EDTF_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)")
_HUMAN_POINT = re.compile(
    r"(~?)\s*(?:(\d{1,2})\s+)?(?:([A-Za-z]{3,9})\.?\s+)?(\d{4})\s*(~?\??|\?~)", re.ASCII
)
_DASH = r"\s*[–—-]\s*"
_RANGES = [
    # "8–9 Feb 2016"
    (re.compile(rf"(\d{{1,2}}){_DASH}(\d{{1,2}})\s+([A-Za-z]{{3,9}})\.?\s+(\d{{4}})"), "days"),
    # "30 Sep – 1 Oct 2015"
    (re.compile(rf"(\d{{1,2}})\s+([A-Za-z]{{3,9}})\.?{_DASH}(\d{{1,2}})\s+([A-Za-z]{{3,9}})\.?\s+(\d{{4}})"), "day-months"),
    # "Feb–Mar 2016"
    (re.compile(rf"([A-Za-z]{{3,9}})\.?{_DASH}([A-Za-z]{{3,9}})\.?\s+(\d{{4}})"), "months"),
    # "2015–2016"
    (re.compile(rf"(\d{{4}}){_DASH}(\d{{4}})"), "years"),
]


def _make_point(year: int, month: int | None, day: int | None, approximate=False, uncertain=False) -> Point:
    if not 1 <= year <= 9999:
        raise DateError(f"year {year} is out of range (1 to 9999)")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month:02d} does not exist; months run from 01 to 12")
    if day is not None:
        last = days_in_month(year, month)
        if not 1 <= day <= last:
            raise DateError(f"{calendar.month_name[month]} {year} has no day {day} (it has {last} days)")
    return Point(year, month, day, approximate, uncertain)


def _month_number(name: str) -> int:
    number = _MONTH_NUMBERS.get(name.lower())
    if number is None:
        raise DateError(f"'{name}' is not a month name")
    return number


def _parse_edtf_point(text: str) -> Point | None:
    match = _EDTF_POINT.fullmatch(text)
    if not match:
        return None
    year, month, day, qualifier = match.groups()
    return _make_point(
        int(year),
        int(month) if month else None,
        int(day) if day else None,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def _parse_human_point(text: str) -> Point | None:
    match = _HUMAN_POINT.fullmatch(text.strip())
    if not match:
        return None
    tilde, day, month_name, year, after = match.groups()  # "~" before, as this app once wrote it
    if day and not month_name or month_name and month_name.lower() not in _MONTH_NUMBERS:
        return None
    month = _month_number(month_name) if month_name else None
    return _make_point(int(year), month, int(day) if day else None, bool(tilde) or "~" in after, "?" in after)


def _parse_point(text: str) -> Point | None:
    return _parse_edtf_point(text) or _parse_human_point(text)


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
    if start and end and end.latest < start.earliest:
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
        raise DateError(f"'{text}' is not a date; {EXPECTED}")
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


@lru_cache(maxsize=65536)
def parse_date(text: str) -> When:
    """Read a date in EDTF or in the human form `When.display` writes.

    Raises DateError with a message that says what was expected.
    """
    if not isinstance(text, str):
        raise DateError(f"{text!r} is not a date; {EXPECTED}")
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
        raise DateError(f"'{text}' is not a date; {EXPECTED}")
    left, right = sides
    # an unknown end: "?" as typed, "unknown" as displayed ("?" alone means uncertain)
    left = "" if left.lower() in UNKNOWN_END else left
    right = "" if right.lower() in UNKNOWN_END else right
    return _interval(_parse_side(left), _parse_side(right), left, right)


def parse_loose(text: str) -> When:
    """Read a date a person typed: EDTF, our display forms, or anything dateutil reads.

    dateutil fills missing fields from a default; parsing twice with two different
    defaults shows which fields the text really gave, so no day is invented.
    """
    try:
        return parse_date(text)
    except DateError:
        numeric = _numeric_date_error(text.strip(), ambiguous_only=True) if isinstance(text, str) else None
        if numeric is not None:  # dateutil would guess the order of day and month
            raise numeric from None
    # dateutil reads almost anything; a number run into a word ("2015-09Oct") is a typo,
    # not a date, unless it is an ordinal ("9th").
    if re.search(r"\d(?!(st|nd|rd|th)\b)[A-Za-z]|[A-Za-z]\d", text):
        raise DateError(f"'{text}' is not a date; {EXPECTED}")
    from dateutil import parser as dateutil_parser

    try:
        first = dateutil_parser.parse(text, default=dt.datetime(2000, 1, 1))
        second = dateutil_parser.parse(text, default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError) as error:
        raise DateError(f"'{text}' is not a date; {EXPECTED}") from error
    if first.year != second.year:
        raise DateError(f"'{text}' gives no year; {EXPECTED}")
    month = first.month if first.month == second.month else None
    day = first.day if month and first.day == second.day else None
    point = _make_point(first.year, month, day)
    return When(point, point)
