"""The dates a news article gives relative to its publication, worked out as analysts do.

Articles rarely give a date outright: they say "on Wednesday", "last October", "in mid-June",
"earlier this week", "two years ago", "since 2007". Against the article's publication date
(a `When`: a day, or an interval when the day is uncertain) each such phrase gives an honest
EDTF value, with a `basis` that says how it was worked out, quoting the phrase, in the
manner of events.yaml's `date_basis` fields.

The rules are those of news English, not of any one article:
- A weekday is the one before the publication, or the publication day itself, when the
  clause is in the past tense ("said on Wednesday"); the one after when it is in the future
  ("will air on Wednesday", "is due to", "plans to", "scheduled"). With no tense to go by,
  the past reading is given with "?" when the two readings differ.
- A month without a year is the latest such month not after the publication (past), or the
  first not before it (future); "last October" the latest before the publication's month.
- A publication date known only as an interval widens the result: the value is worked out
  for its first and its last day, and where those differ the result spans both.
- Nothing is guessed and shown as certain: where English leaves two readings open, the
  value says "?" and the basis names the other reading.

Hand-written rules, not a library: dateparser and parsedatetime were tried and both invent
what the text does not give (a day of the month for "last October", Friday 17:00 for
"earlier this week"), and neither reads tense.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from .dates import DAY, SEASONS, When, days_in_month, parse_date


@dataclass(frozen=True)
class Resolved:
    edtf: str  # a value timeline.dates.parse_date accepts: a day, a month, an interval, with ~ or ? when unsure
    basis: str  # how it was worked out, in words, quoting the phrase, as events.yaml's date_basis fields read
    phrase: str  # the words it was read from, exactly as in the text
    start: int  # where they stand in the text given
    end: int


# Written out, not taken from the calendar module, whose names follow the locale.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH_ABBREVIATIONS = {name[:3]: n for n, name in enumerate(MONTHS, 1)} | {"Sept": 9}


# --- Values: points at some precision, and intervals of them ---------------------------------


@dataclass(frozen=True)
class _Point:
    """A day, month, year, decade, century or season: its first and last days, its EDTF
    form and how the basis names it."""

    first: dt.date
    last: dt.date
    edtf: str
    text: str
    unit: str


def _day(day: dt.date) -> _Point:
    return _Point(day, day, day.isoformat(), f"{WEEKDAYS[day.weekday()][:3]} {day.isoformat()}", "day")


def _month(year: int, month: int) -> _Point:
    return _Point(dt.date(year, month, 1), dt.date(year, month, days_in_month(year, month)),
                  f"{year:04d}-{month:02d}", f"{MONTHS[month - 1]} {year}", "month")


def _year(year: int) -> _Point:
    return _Point(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year:04d}", str(year), "year")


def _decade(first_year: int) -> _Point:
    return _Point(dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31), f"{first_year // 10:03d}X",
                  f"the {first_year}s", "decade")


def _century(first_year: int) -> _Point:
    number = first_year // 100 + 1
    return _Point(dt.date(first_year, 1, 1), dt.date(first_year + 99, 12, 31), f"{first_year // 100:02d}XX",
                  f"the {number}{_ordinal_suffix(number)} century", "century")


def _season(year: int, code: int) -> _Point:
    name, first_month = SEASONS[code]
    first = dt.date(year, first_month, 1)
    last = first + relativedelta(months=3, days=-1)
    label = f"winter {year}–{(year + 1) % 100:02d}" if code == 24 else f"{name.lower()} {year}"
    return _Point(first, last, f"{year:04d}-{code}", label, "season")


def _ordinal_suffix(number: int) -> str:
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _containing(unit: str, day: dt.date) -> _Point:
    """The day, month or year (for coarser units: the year) that holds `day`."""
    if unit == "day":
        return _day(day)
    if unit == "month":
        return _month(day.year, day.month)
    return _year(day.year)


@dataclass(frozen=True)
class _Value:
    """A point (start is end) or an interval; None at an end is an open end (".."); the
    qualifier ("", "~", "?", "%") applies to every end given."""

    start: _Point | None
    end: _Point | None
    qualifier: str = ""

    @property
    def single(self) -> bool:
        return self.start is not None and self.start == self.end

    def edtf(self) -> str:
        q = self.qualifier
        if self.single:
            return self.start.edtf + q
        left = self.start.edtf + q if self.start else ".."
        right = self.end.edtf + q if self.end else ".."
        return f"{left}/{right}"

    def text(self) -> str:
        if self.single:
            said = self.start.text
        elif self.start is None:
            said = f"at or before {self.end.text}"
        elif self.end is None:
            said = f"from {self.start.text} on"
        else:
            said = f"{self.start.text} to {self.end.text}"
        return said + {"": "", "~": ", approximate", "?": ", uncertain", "%": ", approximate and uncertain"}[
            self.qualifier]

    def qualified(self, qualifier: str) -> _Value:
        """The value with a qualifier added; a time of day goes, as EDTF qualifies none."""
        both = set(self.qualifier.replace("%", "~?")) | set(qualifier.replace("%", "~?"))
        return _Value(_untimed(self.start), _untimed(self.end), "%" if both == {"~", "?"} else "".join(sorted(both)))

    @property
    def timed(self) -> bool:
        return any(p is not None and "T" in p.edtf for p in (self.start, self.end))


def _untimed(point: _Point | None) -> _Point | None:
    return _day(point.first) if point is not None and "T" in point.edtf else point


def _at(point: _Point, qualifier: str = "") -> _Value:
    return _Value(point, point, qualifier)


def _span(start: _Point | None, end: _Point | None, qualifier: str = "") -> _Value:
    if start is not None and end is not None and start.edtf == end.edtf:
        return _Value(start, start, qualifier)
    return _Value(start, end, qualifier)


def _days(first: dt.date, last: dt.date, qualifier: str = "") -> _Value:
    return _span(_day(first), _day(last), qualifier)


# --- Tense: which way a weekday or a month without a year points ----------------------------

PAST, FUTURE = "past", "future"

_FUTURE_MARKERS = re.compile(
    r"\b(?:will|won[’']t|shall|would|(?:may|might)(?!\s+(?:not\s+)?have\b)"
    r"|(?:is|are|was|were|am)\s+(?:due|set|scheduled|slated|expected|going|about|poised|to)\b"
    r"|(?:plans?|planning|intends?|intending|aims?|aiming|hopes?|hoping|prepares?|preparing|vows?"
    r"|promises?|threatens?|expects?|wants?)\s+to"
    r"|set\s+to|scheduled|slated|upcoming|forthcoming"
    r"|(?<!said\s)(?<!believed\s)(?<!thought\s)(?<!reported\s)to\s+be\s+(?:broadcast|aired|shown|screened|published"
    r"|released|held|heard|signed|announced|unveiled|launched|opened|debated|put\s+to\s+a\s+vote)"
    r"|due\s+to\s+(?:be|air|begin|start|meet|hold|take|arrive|visit|open|close|vote|sign|return|launch"
    r"|appear|speak|testify|announce|publish|release|travel|go|end|finish|come|give|make))\b|[’']ll\b",
    re.IGNORECASE)

# Past forms that do not end in -ed (those that are also present forms, like "put", are left out).
_IRREGULAR_PAST = frozenset(
    "said told was were had has have did made began met gave took came went left wrote spoke held fought sent "
    "found saw knew became brought broke got lost paid ran rose fell shot struck stood thought won chose drove "
    "flew meant sold spent swore threw bought caught felt kept built fled hid sought drew grew hung laid led "
    "rang rode sang sank shook slid sprang stuck swept tore withdrew arose awoke forgot overthrew undertook "
    "upheld withheld oversaw overcame dealt dug fed bled forgave froze stole taught understood woke wore".split())
# A participle after these is passive or an adjective: the word before decides the tense.
_NOT_A_VERB_AFTER = frozenset(
    "be been being is are am was were get gets got the a an this that these those its his her their our my your "
    "some any no every each many most more very well newly so too much".split())
# Words in -ed that are seldom past tenses.
_ED_NOT_PAST = frozenset(
    "hundred indeed need speed seed feed deed reed weed heed bleed breed proceed succeed exceed embed bed red "
    "shed wed armed alleged "
    "united detailed advanced limited related based concerned interested supposed talented beloved naked "
    "wicked sacred crooked rugged learned skilled renowned unprecedented unarmed masked wounded injured "
    "detained jailed banned".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
# A relative clause set off by commas ("Islamic State, which claimed ... on Monday, released
# a video on Wednesday"): its tense is its own, and its date is another event's.
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose|whom|where)\b[^,;]*,")
# Where a clause ends for tense: a quotation mark, a colon (not one in 10:30) or a semicolon.
_CLAUSE_STOP = re.compile(r"[;“”\"]|:(?!\d)")


def _past_words(text: str, start: int, end: int) -> list[re.Match]:
    words = list(_WORD.finditer(text, start, end))
    found = []
    for k, word in enumerate(words):
        w = word.group()
        if not w.islower() or "-" in w:
            continue  # a name, or a compound such as state-controlled
        before = words[k - 1].group().lower() if k else ""
        if w in ("was", "were", "had", "has", "have", "did"):
            found.append(word)
        elif (w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 3 and w not in _ED_NOT_PAST)) \
                and before not in _NOT_A_VERB_AFTER:
            found.append(word)
    return found


def _tense(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[str | None, str]:
    """The tense of the clause around text[start:end] and the words that show it: the
    nearest marker before the phrase in its clause, else the nearest after it."""
    s0, s1 = sentence
    for clause in _RELATIVE_CLAUSE.finditer(text, s0, s1):  # "which premieres on Friday,": its own tense
        if clause.start() <= start and end <= clause.end():
            s0, s1 = clause.start() + 1, clause.end() - 1
    stops_before = [m.end() for m in _CLAUSE_STOP.finditer(text, s0, start)]
    left = stops_before[-1] if stops_before else s0
    stop_after = _CLAUSE_STOP.search(text, end, s1)
    right = stop_after.start() if stop_after else s1
    before = _markers(text, left, start)
    if before:
        return before[-1]
    after = _markers(text, end, right)
    return after[0] if after else (None, "")


def _markers(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """The tense markers in text[start:end], in order: (PAST or FUTURE, the words)."""
    future = list(_FUTURE_MARKERS.finditer(text, start, end))
    spans = [(m.start(), m.end()) for m in future]
    past = [m for m in _past_words(text, start, end) if not any(a <= m.start() < b for a, b in spans)]
    marks = [(m.start(), FUTURE, m.group()) for m in future] + [(m.start(), PAST, m.group()) for m in past]
    return [(tense, words) for _, tense, words in sorted(marks)]


# --- Rules: what each expression means on a given publication day ----------------------------

# A rule gives the value for one publication day and the tense of its clause (PAST, FUTURE
# or None), with the reason in words, or None when the phrase is no date that day (29 February).
Rule = Callable[[dt.date, "str | None"], "tuple[_Value, str] | None"]


def _by_tense(tense: str | None, past: Callable[[], tuple[_Value, str]],
              future: Callable[[], tuple[_Value, str]]) -> tuple[_Value, str] | None:
    """The reading for the tense; with none, the past one, marked uncertain where the
    future one differs (news reports mostly what has happened)."""
    if tense == PAST:
        return past()
    if tense == FUTURE:
        return future()
    before, after = past(), future()
    if before[0].edtf() == after[0].edtf():
        return before
    return before[0].qualified("?"), f"{before[1]}; no tense says so: {after[0].text()} if it is still to come"


def _weekday_rule(weekday: int, modifier: str, part: str) -> Rule:
    name = WEEKDAYS[weekday]
    when = f" ({part})" if part else ""  # EDTF has no part of day: the day, and the part in the basis

    def past(day: dt.date) -> tuple[_Value, str]:
        back = (day.weekday() - weekday) % 7
        if back == 0:
            return _at(_day(day)), f"the day of publication{when}"
        return _at(_day(day - dt.timedelta(back))), f"the {name} before{when}"

    def future(day: dt.date) -> tuple[_Value, str]:
        ahead = (weekday - day.weekday()) % 7
        if ahead == 0:  # "will air on Tuesday" on a Tuesday: later that day, or a week on
            return _at(_day(day), "?"), f"the day of publication{when}, or a week later"
        return _at(_day(day + dt.timedelta(ahead))), f"the {name} after{when}"

    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str]:
        monday = day - dt.timedelta(day.weekday())
        if modifier == "last":  # strictly before; "last Wednesday" said on Friday may mean the week before's
            back = (day.weekday() - weekday) % 7 or 7
            found = day - dt.timedelta(back)
            doubt = "?" if found >= monday else ""
            return _at(_day(found), doubt), f"the latest {name} before{when}" + (
                ", or the one a week earlier" if doubt else "")
        if modifier == "next":
            ahead = (weekday - day.weekday()) % 7 or 7
            found = day + dt.timedelta(ahead)
            doubt = "?" if found <= monday + dt.timedelta(6) else ""
            return _at(_day(found), doubt), f"the first {name} after{when}" + (
                ", or the one a week later" if doubt else "")
        if modifier == "this" and tense is None:
            return _at(_day(monday + dt.timedelta(weekday))), f"the {name} of the publication's week{when}"
        return _by_tense(tense, lambda: past(day), lambda: future(day))

    return rule


def _month_rule(month: int, modifier: str, part: str) -> Rule:
    name = MONTHS[month - 1]
    # "in mid-June", "early June", "late June": the month, unqualified, and the part in the
    # basis. Bounds such as 10-20 June would be a precision no text gives, and "~" would put
    # the month in doubt, which the text does not: mid-June is in June for certain.
    said = f"; '{part}' gives no day, so the month" if part else ""

    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str]:
        if modifier == "last":
            year = day.year if month < day.month else day.year - 1
            # "last August" in October may mean this year's August or the year before's
            doubt = "?" if year == day.year else ""
            return _at(_month(year, month), doubt), f"the latest {name} before" + (
                f"; 'last {name}' may also mean {name} {year - 1}" if doubt else "") + said
        if modifier == "next":
            year = day.year if month > day.month else day.year + 1
            doubt = "?" if year == day.year else ""
            return _at(_month(year, month), doubt), f"the first {name} after" + (
                f"; 'next {name}' may also mean {name} {year + 1}" if doubt else "") + said
        if modifier == "this":
            return _at(_month(day.year, month)), f"the {name} of the publication's year{said}"

        def past() -> tuple[_Value, str]:
            year = day.year if month <= day.month else day.year - 1
            return _at(_month(year, month)), f"{_same_month(year) or f'the latest {name} before'}{said}"

        def future() -> tuple[_Value, str]:
            year = day.year if month >= day.month else day.year + 1
            return _at(_month(year, month)), f"{_same_month(year) or f'the first {name} after'}{said}"

        def _same_month(year: int) -> str:
            return "the month of publication" if (year, month) == (day.year, day.month) else ""

        return _by_tense(tense, past, future)

    return rule


def _day_month_rule(month: int, number: int, weekday: int | None) -> Rule:
    """A day and month with no year: the nearest year either side that has the date (29
    February: leap years only) and, with a weekday ("Friday 13 March"), on that weekday."""
    said = (f"{WEEKDAYS[weekday]} " if weekday is not None else "") + f"{number} {MONTHS[month - 1]}"

    def on(year: int) -> dt.date | None:
        if number > days_in_month(year, month):
            return None
        found = dt.date(year, month, number)
        return found if weekday is None or found.weekday() == weekday else None

    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str] | None:
        before = next((d for y in range(day.year, day.year - 29, -1) if (d := on(y)) and d <= day), None)
        after = next((d for y in range(day.year, day.year + 29) if (d := on(y)) and d >= day), None)
        if before is None or after is None:
            return None
        return _by_tense(tense, lambda: (_at(_day(before)), f"no year given: the latest {said} not after publication"),
                         lambda: (_at(_day(after)), f"no year given: the first {said} not before publication"))

    return rule


def _fixed(value: _Value, why: str = "") -> Rule:
    return lambda day, tense: (value, why)


def _shifted_day(days: int, why: str) -> Rule:
    return lambda day, tense: (_at(_day(day + dt.timedelta(days))), why)


# --- The expressions ------------------------------------------------------------------------

_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY_NUMBER_2 = r"(?<!\d)(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_MONTH_OR_ABBR = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
                  r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_DAY_NUMBER = r"(?<!\d)(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?<![\w$£€.,])(?P<year>1[5-9]\d\d|20\d\d)(?![\d])(?![.,]\d)"
# Words before a date that change what it means (since, by, ...) or that only lead into it.
_PREP = (r"(?:(?P<prep>(?i:in|on|during|at|since|by|until|till|before|after|from|between|throughout|as\s+of"
         r"|as\s+early\s+as|as\s+late\s+as|no\s+later\s+than))\s+)?")
_PART_OF_DAY = r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?"
_WEEKDAY_PREFIX = r"(?:(?P<prep>(?i:on|since|by|until|till|before|after|from|between))\s+)?"
_MODIFIER = r"(?:(?P<modifier>(?i:last|next|this|early|late|early\s+on|late\s+on))\s+)?"
_PART_OF_MONTH = (r"(?:(?P<part>(?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of|(?:the\s+)?"
                  r"(?:first|second|last)\s+half\s+of))[-\s]+)?")


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.index(name) + 1 if name in MONTHS else _MONTH_ABBREVIATIONS[name]


def _groups(m: re.Match) -> dict[str, str]:
    return {k: (v or "").lower() for k, v in m.groupdict().items()}


def _full_date(m: re.Match) -> Rule | None:
    year, month, number = int(m["year"]), _month_number(m["month"]), int(m["day"])
    if number > days_in_month(year, month):
        return None
    day = dt.date(year, month, number)
    if m["weekday"] and WEEKDAYS.index(m["weekday"]) != day.weekday():
        return _fixed(_at(_day(day), "?"), f"the date as written, but it is a {WEEKDAYS[day.weekday()]}, "
                                           f"not a {m['weekday']}")
    return _fixed(_at(_day(day)), "the date as written")


def _iso_date(m: re.Match) -> Rule | None:
    try:
        day = dt.date.fromisoformat(m["iso"])
    except ValueError:
        return None
    return _fixed(_at(_day(day)), "the date as written")


def _day_month(m: re.Match) -> Rule | None:
    month, number = _month_number(m["month"]), int(m["day"])
    if number > days_in_month(2000, month):  # 2000 was a leap year: 29 February can be
        return None
    return _day_month_rule(month, number, WEEKDAYS.index(m["weekday"]) if m["weekday"] else None)


def _day_range(m: re.Match) -> Rule | None:
    """"9-12 February", "from 9 to 12 February 2016", "February 9-12": the days, in the year
    the first of them falls in (by the tense, where no year is given)."""
    month, first, last = _month_number(m["month"]), int(m["day"]), int(m["day2"])
    if not first < last <= 31:
        return None
    if m["year"]:
        year = int(m["year"])
        if last > days_in_month(year, month):
            return None
        return _fixed(_days(dt.date(year, month, first), dt.date(year, month, last)), "the days as written")
    opening = _day_month_rule(month, first, None)

    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str] | None:
        found = opening(day, tense)
        if found is None or last > days_in_month(found[0].start.first.year, month):
            return None
        value, why = found
        start = value.start.first
        return _days(start, start.replace(day=last), value.qualifier), why.replace(
            f"{first} {MONTHS[month - 1]}", f"{first}–{last} {MONTHS[month - 1]}")
    return rule


def _month_year(m: re.Match) -> Rule | None:
    part = (m["part"] or "").lower()
    why = f"'{part}' gives no day, so the month" if part else ""
    return _fixed(_at(_month(int(m["year"]), _month_number(m["month"]))), why)


def _month_of_relative_year(m: re.Match) -> Rule:
    which = m["which"].lower()
    offset = {"last": -1, "this": 0, "next": 1}[which]
    month = _month_number(m["month"])
    year = {"last": "the year before publication", "this": "the year of publication",
            "next": "the year after publication"}[which]
    return lambda day, tense: (_at(_month(day.year + offset, month)), f"{MONTHS[month - 1]} of {year}")


def _month_alone(m: re.Match) -> Rule | None:
    g = _groups(m)
    modifier = g["modifier"]
    part = modifier if modifier not in ("last", "next", "this", "") else ""
    if not (g["prep"] or modifier or _ends_range(m)):
        return None  # "October" alone is too often something else's name
    return _month_rule(_month_number(m["month"]), modifier if not part else "", part)


def _ends_range(m: re.Match) -> bool:
    """Whether the date is the second of "from X to Y" or "between X and Y"."""
    return re.search(r"\b(?:to|until|till|through|and)\s*$|[-–—]\s*$", m.string[:m.start()]) is not None


def _year_alone(m: re.Match) -> Rule | None:
    g = _groups(m)
    lead = m.string[:m.start()].rstrip().lower()
    if not (g["prep"] or g["part"] or re.search(r"\b(?:the|of)$", lead) or _ends_range(m)):
        return None  # a bare number may be a count ("2000 troops")
    why = f"'{g['part']}' gives no month, so the year" if g["part"] else ""
    return _fixed(_at(_year(int(m["year"]))), why)


def _year_range(m: re.Match) -> Rule | None:
    first, second = int(m["year"]), m["year2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last <= first:
        return None
    return _fixed(_span(_year(first), _year(last)), "the years as written")


def _weekday(m: re.Match) -> Rule | None:
    g = _groups(m)
    lead = m.string[:m.start()].rstrip()
    if not (g["prep"] or g["modifier"]) and lead.endswith(_HOLIDAY_WORDS):
        return None  # Good Friday, Black Tuesday: names, not the day of the week
    if lead.lower().endswith(("every", "each")):
        return None  # "every Friday": a habit, not a date
    if not (g["prep"] or g["modifier"]) and re.search(r"\bthe$", lead, re.IGNORECASE):
        return None  # "the Sunday Times", "the Tuesday before the vote": a name, or another event's time
    modifier = g["modifier"].replace(" on", "")
    part = g["part"] or (modifier if modifier in ("early", "late") else "")
    return _weekday_rule(WEEKDAYS.index(m["weekday"]), modifier if modifier in ("last", "next", "this") else "",
                         part)


_HOLIDAY_WORDS = ("Good", "Black", "Bloody", "Ash", "Palm", "Easter", "Holy", "Maundy", "Super", "Cyber")


def _relative_day(m: re.Match) -> Rule | None:
    g = _groups(m)
    word = re.sub(r"\s+", " ", g["rel"])
    written = m["rel"]
    if written[0].isupper() and re.search(r"[A-Za-z,]\s*$", m.string[:m.start()]):
        return None  # "Russia Today": a name
    offsets = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1,
               "this morning": 0, "this afternoon": 0, "this evening": 0,
               "the day before yesterday": -2, "the day after tomorrow": 2}
    days = offsets[word]
    part = f" ({g['part']})" if g["part"] else (" (evening)" if word == "last night" else "")
    named = {-2: "two days before", -1: "the day before", 0: "the day of", 1: "the day after",
             2: "two days after"}[days]
    return _shifted_day(days, f"{named} publication{part}")


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _ago(m: re.Match) -> Rule | None:
    g = _groups(m)
    unit = g["unit"]
    count = _COUNTS.get(g["count"]) or (int(g["count"]) if g["count"].isdigit() else None)
    if count is None:  # "a few", "several": only that it was before
        return lambda day, tense: (_span(None, _containing(unit if unit != "decade" else "year",
                                                           day - _delta(unit, 1))),
                                   f"'{g['count']}' gives no number: at least one {unit} before publication")
    if count == 0 or count > 500:
        return None

    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str]:
        then = day - _delta(unit, count)
        if unit == "day":
            return _at(_day(then)), f"{g['count']} day{'s' * (count > 1)} before publication"
        # a count of weeks, months or years is seldom exact: the unit that holds it, approximate
        point = _day(then) if unit == "week" else _containing("month" if unit == "month" else "year", then)
        return _at(point, "~"), f"{g['count']} {unit}{'s' * (count > 1)} before publication"

    return rule


def _delta(unit: str, count: int) -> relativedelta:
    return {"day": relativedelta(days=count), "week": relativedelta(weeks=count),
            "month": relativedelta(months=count), "year": relativedelta(years=count),
            "decade": relativedelta(years=10 * count)}[unit]


def _this_unit(m: re.Match) -> Rule | None:
    g = _groups(m)
    which, unit = re.sub(r"\s+", " ", g["which"]), g["unit"]
    if which in ("last", "next") and re.search(r"\bthe\s*$", m.string[:m.start()], re.IGNORECASE):
        return None  # "the last year of the war", "the next week he resigned": not counted from publication
    rule = _UNIT_RULES[unit](which)
    if not g["part"]:
        return rule
    return _narrowed(rule, f"'{g['part']}' narrows it within the {unit}")


def _narrowed(rule: Rule, words: str) -> Rule:
    """"late last year": the year still, narrowed in words only (EDTF has no part of a year)."""
    def narrowed(day: dt.date, tense: str | None) -> tuple[_Value, str] | None:
        found = rule(day, tense)
        return found and (found[0], found[1] + f"; {words}")
    return narrowed


def _week_rule(which: str) -> Rule:
    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str]:
        monday = day - dt.timedelta(day.weekday())
        sunday = monday + dt.timedelta(6)
        if which == "earlier this":
            # on a Monday, "earlier this week" can only be Sunday (weeks that start on Sunday) or that day
            first = monday if day > monday else monday - dt.timedelta(1)
            return _days(first, day), "from the week's start (Monday) to the day of publication"
        if which == "later this":
            last = sunday if day < sunday else sunday + dt.timedelta(6)
            return _days(day + dt.timedelta(1), last), "after the day of publication, to the week's end (Sunday)"
        if which == "last":
            return _days(monday - dt.timedelta(7), monday - dt.timedelta(1)), "the week (Monday to Sunday) before"
        if which == "next":
            return _days(monday + dt.timedelta(7), sunday + dt.timedelta(7)), "the week (Monday to Sunday) after"
        if which in ("the past", "the last"):
            return _days(day - dt.timedelta(7), day), "the seven days to publication"
        return _by_tense(tense, lambda: (_days(monday, day), "the publication's week, up to the day"),
                         lambda: (_days(day, sunday), "the publication's week, from the day on"))

    return rule


def _weekend_rule(which: str) -> Rule:
    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str]:
        saturday_before = day - dt.timedelta((day.weekday() - 5) % 7)  # the latest Saturday on or before
        if day.weekday() >= 5 and which != "last":
            return _days(saturday_before, saturday_before + dt.timedelta(1)), "the weekend of publication"
        if which == "last":
            latest = saturday_before if saturday_before + dt.timedelta(1) < day else \
                saturday_before - dt.timedelta(7)
            return _days(latest, latest + dt.timedelta(1)), "the latest weekend before publication"
        if which == "next":
            coming = saturday_before + dt.timedelta(7)
            return _days(coming, coming + dt.timedelta(1)), "the first weekend after publication"
        coming = saturday_before + dt.timedelta(7)
        return _by_tense(
            tense, lambda: (_days(saturday_before, saturday_before + dt.timedelta(1)), "the weekend before"),
            lambda: (_days(coming, coming + dt.timedelta(1)), "the weekend after"))

    return rule


def _month_unit_rule(which: str) -> Rule:
    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str]:
        this = _month(day.year, day.month)
        if which == "earlier this":
            return _days(this.first, day), "from the month's first day to the day of publication"
        if which == "later this":
            return _days(day + dt.timedelta(1) if day < this.last else day, this.last), \
                "after the day of publication, to the month's end"
        if which in ("last", "next"):
            other = day + relativedelta(months=-1 if which == "last" else 1)
            return _at(_month(other.year, other.month)), f"the month {'before' if which == 'last' else 'after'}"
        if which in ("the past", "the last"):
            return _days(day - relativedelta(months=1), day), "the month to publication"
        return _at(this), "the month of publication"

    return rule


def _year_unit_rule(which: str) -> Rule:
    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str]:
        if which == "earlier this":
            return _days(dt.date(day.year, 1, 1), day), "from the year's start to the day of publication"
        if which == "later this":
            return _days(min(day + dt.timedelta(1), dt.date(day.year, 12, 31)), dt.date(day.year, 12, 31)), \
                "after the day of publication, to the year's end"
        if which in ("last", "next"):
            return _at(_year(day.year + (-1 if which == "last" else 1))), \
                f"the year {'before' if which == 'last' else 'after'} publication"
        if which in ("the past", "the last"):
            return _days(day - relativedelta(years=1), day), "the twelve months to publication"
        return _at(_year(day.year)), "the year of publication"

    return rule


def _in_the_unit(m: re.Match) -> Rule:
    """"earlier in the week" reads as "earlier this week"."""
    return _UNIT_RULES[m["unit"].lower()](f"{m['which'].lower()} this")


_UNIT_RULES = {"week": _week_rule, "weekend": _weekend_rule, "month": _month_unit_rule, "year": _year_unit_rule}


def _decade_expression(m: re.Match) -> Rule | None:
    g = _groups(m)
    first = int(m["decade"])
    why = f"'{g['part']}' narrows it within the decade" if g["part"] else ""
    if first % 100 == 0:  # "the 1900s" may be the century as well as its first decade
        return _fixed(_at(_decade(first), "?"), (why + "; " if why else "") + f"or the century {first}–{first + 99}")
    return _fixed(_at(_decade(first)), why)


def _century_expression(m: re.Match) -> Rule | None:
    number = int(m["century"])
    if not 1 <= number <= 21:
        return None
    return _fixed(_at(_century((number - 1) * 100)), f"'{m['part']}' narrows it within the century"
                  if m["part"] else "")


_SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}


def _season_expression(m: re.Match) -> Rule | None:
    g = _groups(m)
    code = _SEASON_CODES[g["season"]]
    if g["year"]:
        year = int(g["year"])
        if code == 24:  # "winter 2015" may be the one that ends in 2015 or the one that starts
            return _fixed(_at(_season(year, 24), "?"), f"or winter {year - 1}–{year % 100:02d}")
        return _fixed(_at(_season(year, code)), "")
    which = g["which"]
    if not which:
        return None

    def started_by(day: dt.date) -> _Point:  # the latest such season that has begun by `day`
        year = day.year
        while _season(year, code).first > day:
            year -= 1
        return _season(year, code)

    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str]:
        latest = started_by(day)
        current = latest.last >= day
        nxt = _season(latest.first.year + 1, code)
        if which == "last":
            ended = _season(latest.first.year - 1, code) if current else latest
            return _at(ended), "the latest such season over before publication"
        if which == "next":
            return _at(nxt), "the first such season to begin after publication"
        if which == "this" and current:
            return _at(latest), "the season of publication"
        return _by_tense(tense, lambda: (_at(latest), "the latest such season begun by publication"),
                         lambda: (_at(latest if current else nxt), "the first such season not over by publication"))

    return rule


_EXPRESSIONS: list[tuple[re.Pattern, Callable[[re.Match], Rule | None]]] = [
    (re.compile(_PREP + rf"(?:{_WEEKDAY},?\s+)?{_MONTH_OR_ABBR}\s+{_DAY_NUMBER},?\s+{_YEAR}"), _full_date),
    (re.compile(_PREP + rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY_NUMBER}\s+(?:of\s+)?{_MONTH_OR_ABBR},?\s+{_YEAR}"),
     _full_date),
    (re.compile(_PREP + r"(?<![\d-])(?P<iso>(?:1[5-9]|20)\d\d-[01]\d-[0-3]\d)(?![\d-])"), _iso_date),
    (re.compile(_PREP + rf"{_DAY_NUMBER}\s*(?:[-–]|to|until)\s*{_DAY_NUMBER_2}\s+(?:of\s+)?{_MONTH_OR_ABBR}"
                        rf"(?:,?\s+{_YEAR})?"), _day_range),
    (re.compile(_PREP + rf"{_MONTH_OR_ABBR}\s+{_DAY_NUMBER}\s*[-–]\s*{_DAY_NUMBER_2}(?:,?\s+{_YEAR})?"), _day_range),
    (re.compile(_PREP + rf"(?:{_WEEKDAY},?\s+)?{_MONTH_OR_ABBR}\s+{_DAY_NUMBER}"), _day_month),
    (re.compile(_PREP + rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY_NUMBER}\s+(?:of\s+)?{_MONTH_OR_ABBR}"), _day_month),
    (re.compile(_PREP + _PART_OF_MONTH + rf"{_MONTH_OR_ABBR}(?:\s+of)?,?\s+{_YEAR}"), _month_year),
    (re.compile(_PREP + _PART_OF_MONTH + rf"{_MONTH}\s+(?:of\s+)?(?P<which>(?i:last|this|next))\s+(?i:year)\b"),
     _month_of_relative_year),
    (re.compile(_PREP + r"(?:(?P<modifier>(?i:last|next|this|early|mid|late|the\s+(?:beginning|start|middle|end)"
                        rf"\s+of))[-\s]+)?{_MONTH}\b"), _month_alone),
    (re.compile(_PREP + r"(?:(?P<part>(?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of))[-\s]+)?"
                + _YEAR), _year_alone),
    (re.compile(_PREP + _YEAR + r"\s*[-–—]\s*(?P<year2>\d{4}|\d{2})(?!\d)"), _year_range),
    (re.compile(_WEEKDAY_PREFIX + _MODIFIER + _WEEKDAY + r"(?:[’']s)?" + _PART_OF_DAY + r"\b"), _weekday),
    (re.compile(r"(?<![\w-])(?P<rel>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today"
                r"|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)))\b" + _PART_OF_DAY + r"\b"),
     _relative_day),
    (re.compile(r"(?i:(?P<count>a\s+few|several|some|many|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
                r"|eleven|twelve|\d{1,3})\s+(?P<unit>day|week|month|year|decade)s?\s+ago)\b"), _ago),
    (re.compile(r"(?i:(?:(?P<part>early|late|mid)[-\s]+)?(?P<which>earlier\s+this|later\s+this|this|last|next"
                r"|(?<=in\s)the\s+past|(?<=in\s)the\s+last"
                r"|(?<=over\s)the\s+past|(?<=over\s)the\s+last|(?<=during\s)the\s+past"
                r"|(?<=on\s)the(?=\s+weekend)|(?<=at\s)the(?=\s+weekend)|(?<=over\s)the(?=\s+weekend))\s+"
                r"(?P<unit>week|weekend|month|year))\b"), _this_unit),
    (re.compile(r"(?i:(?P<which>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year))\b"), _in_the_unit),
    (re.compile(_PREP + r"(?:the\s+)?(?:(?P<part>(?i:early|mid|late))[-\s]+)?(?P<decade>1[5-9]\d0|20\d0)[’']?s\b"),
     _decade_expression),
    (re.compile(_PREP + r"(?:the\s+)?(?:(?P<part>(?i:early|mid|late))[-\s]+)?(?P<century>\d{1,2})(?:st|nd|rd|th)"
                r"[-\s]+(?i:century)\b"), _century_expression),
    (re.compile(_PREP + r"(?:(?P<which>(?i:last|next|this|early|late|the))\s+)?(?P<season>spring|summer|autumn|fall"
                r"|winter)(?:\s+(?:of\s+)?" + _YEAR + r")?\b(?!\s+of\s+(?!\d))"), _season_expression),
]


# --- Words before a date that change its meaning --------------------------------------------


def _with_prep(prep: str, rule: Rule) -> Rule:
    """Since, by, until, before, after: a date becomes one end of an interval."""
    prep = re.sub(r"\s+", " ", prep.lower())
    if prep in ("since", "from"):
        def since(day: dt.date, tense: str | None) -> tuple[_Value, str] | None:
            found = rule(day, PAST)
            if found is None or found[0].start is None or found[0].start.first > day:
                return found
            if prep == "from" and not found[0].single:  # "from 1990-1995": the range itself
                return found
            value, why = found
            return (_span(value.start, _day(day), value.qualifier),
                    f"from {value.text()} to the publication" + _note(why))
        return since
    if prep in ("by", "until", "till", "no later than", "as late as"):
        def by(day: dt.date, tense: str | None) -> tuple[_Value, str] | None:
            found = rule(day, tense)
            if found is None or found[0].end is None:
                return found
            value, why = found
            return _span(None, value.end, value.qualifier), f"at or before {value.text()}" + _note(why)
        return by
    if prep == "before":
        def before(day: dt.date, tense: str | None) -> tuple[_Value, str] | None:
            found = rule(day, tense)
            if found is None or found[0].start is None:
                return found
            value, why = found
            end = _containing(value.start.unit, value.start.first - dt.timedelta(1))
            return _span(None, end, value.qualifier), f"before {value.text()}" + _note(why)
        return before
    if prep in ("after", "as early as"):
        def after(day: dt.date, tense: str | None) -> tuple[_Value, str] | None:
            found = rule(day, tense)
            if found is None or found[0].end is None:
                return found
            value, why = found
            start = (_containing(value.end.unit, value.end.last + dt.timedelta(1)) if prep == "after"
                     else value.start)
            end = _day(day) if start.first <= day and tense != FUTURE else None
            return _span(start, end, value.qualifier), f"{prep} {value.text()}" + (
                ", up to publication" if end else "") + _note(why)
        return after
    return rule


def _note(why: str) -> str:
    """A rule's reason, as a note after another reading's."""
    return f"; {why.lstrip('; ')}" if why else ""


# --- Times of day ---------------------------------------------------------------------------

# "at 10:30 a.m.", "at 9 pm", "at 21:00", "at 0900 GMT": a minute, a.m./p.m. or a zone is
# needed, so that "at 9" (a count, an address) is not read as a time.
_TIME = (r"(?:(?P<hhmm>[0-2]\d[0-5]\d)(?=\s+(?:GMT|UTC|hours|hrs))|(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?"
         r"(?:\s*(?P<ampm>(?i:a\.m\.|p\.m\.|am|pm)))?)(?:\s+(?P<zone>GMT|UTC|local\s+time|[A-Z][a-z]+\s+time))?")
_TIME_AFTER = re.compile(r",?\s+at\s+" + _TIME + r"(?![\w:])")
_TIME_BEFORE = re.compile(r"\bat\s+" + _TIME + r",?\s+$")


def _time_of(m: re.Match) -> tuple[int, int, str] | None:
    """(hour, minute, zone) from a _TIME match: zone "Z" for GMT/UTC, "" for a local time."""
    if m["hhmm"]:
        hour, minute = int(m["hhmm"][:2]), int(m["hhmm"][2:])
    elif m["minute"] is None and m["ampm"] is None and m["zone"] is None:
        return None
    else:
        hour, minute = int(m["hour"]), int(m["minute"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23:
        return None
    return hour, minute, "Z" if m["zone"] in ("GMT", "UTC") else ""


def _with_time(rule: Rule, time: tuple[int, int, str]) -> Rule:
    hour, minute, zone = time
    clock = f"{hour:02d}:{minute:02d}"

    def timed(day: dt.date, tense: str | None) -> tuple[_Value, str] | None:
        found = rule(day, tense)
        if found is None:
            return None
        value, why = found
        if not value.single or value.start.unit != "day" or value.qualifier:
            # EDTF gives no time to an uncertain or a ranged date: the time stays in the basis
            return value, why + f"; at {clock}{' UTC' if zone else ''} (EDTF gives no time to an uncertain date)"
        point = value.start
        timed_point = _Point(point.first, point.last, f"{point.edtf}T{clock}{zone}",
                             f"{point.text} {clock}{' UTC' if zone else ''}", "day")
        return _at(timed_point), why
    return timed


def _timed(text: str, found: _Found, start: int, end: int) -> _Found:
    """The date with a time of day said just before or after it ("at 10:30 a.m. on Tuesday",
    "on Sunday evening at 9 pm")."""
    after = _TIME_AFTER.match(text, found.end, end)
    if after and (time := _time_of(after)):
        return _Found(found.start, after.end(), _with_time(found.rule, time), found.tensed, found.prep, found.base)
    before = _TIME_BEFORE.search(text, max(start, found.start - 40), found.start)
    if before and (time := _time_of(before)):
        return _Found(before.start(), found.end, _with_time(found.rule, time), found.tensed, found.prep, found.base)
    return found


# --- Finding them ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    rule: Rule  # with what the words before it do
    tensed: bool  # whether the tense of its clause can change it
    prep: str
    base: Rule  # without them (for ranges: "from May to July")


_TENSELESS = (_full_date, _iso_date, _month_year, _month_of_relative_year, _year_alone, _year_range,
              _relative_day, _ago, _decade_expression, _century_expression)


def _candidates(text: str, start: int, end: int) -> list[_Found]:
    found = []
    for pattern, make in _EXPRESSIONS:
        for m in pattern.finditer(text, start, end):
            base = make(m)
            if base is None:
                continue
            prep = m.groupdict().get("prep") or ""
            tensed = make not in _TENSELESS
            found.append(_Found(m.start(), m.end(), _with_prep(prep, base), tensed, prep.lower(), base))
    # the longest at each place, and no two overlapping
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    chosen: list[_Found] = []
    for f in found:
        if not chosen or f.start >= chosen[-1].end:
            chosen.append(f)
    return [_timed(text, f, start, end) for f in _ranges(text, chosen)]


_RANGE_GAP = {"from": re.compile(r"\s*(?:to|-|–|—)\s*"), "between": re.compile(r"\s+and\s+")}


def _ranges(text: str, found: list[_Found]) -> list[_Found]:
    """"from May to July", "from 2007 until 2010", "between 2007 and 2010": one interval
    from the first's start to the second's end."""
    out: list[_Found] = []
    k = 0
    while k < len(found):
        f = found[k]
        g = found[k + 1] if k + 1 < len(found) else None
        if g is not None and _joined(text, f, g):
            out.append(_Found(f.start, g.end, _range_rule(f.base, g.base), f.tensed or g.tensed, "", f.base))
            k += 2
            continue
        out.append(f)
        k += 1
    return out


def _joined(text: str, first: _Found, second: _Found) -> bool:
    gap = text[first.start:second.start][first.end - first.start:]
    if first.prep == "from" and second.prep in ("until", "till"):
        return not gap.strip()
    pattern = _RANGE_GAP.get(first.prep)
    return pattern is not None and not second.prep and pattern.fullmatch(gap) is not None


def _range_rule(first: Rule, second: Rule) -> Rule:
    def rule(day: dt.date, tense: str | None) -> tuple[_Value, str] | None:
        a, b = first(day, tense), second(day, tense)
        if a is None or b is None or a[0].start is None or b[0].end is None or a[0].start.first > b[0].end.last:
            return None
        notes = dict.fromkeys(note.strip() for _, why in (a, b) for note in why.split(";")[1:])
        return _span(a[0].start, b[0].end, a[0].qualifier or b[0].qualifier), "".join(f"; {n}" for n in notes)
    return rule


# Sentences: a full stop, question or exclamation mark (and any closing quote or bracket)
# followed by a space and a capital or an opening quote; or a line break. Not after the
# abbreviations news copy uses before a name or a number.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(]?[A-Z0-9])|\n+")
_ABBREVIATIONS = frozenset("mr mrs ms dr st gen col lt sgt capt gov sen rep prof jr sr no vs mt ft jan feb mar apr "
                           "jun jul aug sep sept oct nov dec inc corp co ltd".split())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of `text` starts and ends (spaces around it left out)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        word = re.search(r"([A-Za-z]+)\.?$", text[start:m.start() + 1])
        if m.group().startswith(".") and word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue  # "Mr. Kadyrov", "U.S. officials"
        end = m.end() if not m.group().startswith("\n") else m.start()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b - (len(text[a:b]) - len(text[a:b].rstrip())))
            for a, b in spans if text[a:b].strip()]


def _publication_days(published: When) -> tuple[dt.date, dt.date, str]:
    """The first and last possible publication days, and a qualifier when that is uncertain."""
    first, last = published.earliest, published.latest
    doubt = "?" if published.is_uncertain or published.is_approximate or first is None or last is None else ""
    first = first or last
    last = last or first
    return first, last, doubt


def _publication_text(first: dt.date, last: dt.date) -> str:
    if first == last:
        return _day(first).text
    return f"some day from {_day(first).text} to {_day(last).text}"


def _evaluate(found: _Found, text: str, sentence: tuple[int, int], published: When) -> Resolved | None:
    first_day, last_day, doubt = _publication_days(published)
    tense, marker = _tense(text, sentence, found.start, found.end) if found.tensed else (None, "")
    if tense is None and found.tensed and _tense_free(found.rule, first_day, last_day):
        tense = PAST  # both readings agree: nothing to say about tense
    early, late = found.rule(first_day, tense), found.rule(last_day, tense)
    if early is None or late is None:
        return None
    if early[0].edtf() == late[0].edtf():
        value, why = early
    else:  # the publication day is uncertain: from the earliest reading to the latest
        value = _span(_untimed(early[0].start), _untimed(late[0].end), early[0].qualifier or late[0].qualifier)
        # no lead: the reading is the span itself, the two ends follow as a note
        why = (f"; {_lead(early[1]) or 'as written'}: {early[0].text()} if published {_day(first_day).text}, "
               f"{late[0].text()} if published {_day(last_day).text}")
    if doubt:
        if value.timed:
            why += "; the time of day is left out, as EDTF gives none to an uncertain date"
        value = value.qualified("?")
        why += "; the publication date is uncertain"
    phrase = text[found.start:found.end]
    said = f"'{phrase}'"
    if marker and not _tense_free(found.rule, first_day, last_day):
        said += f" ({tense}: '{marker}')"
    lead, notes = _lead(why), why[len(_lead(why)):]
    reading = f"{lead}, {value.text()}" if lead and lead != value.text() else value.text()
    basis = f"{said}, published {_publication_text(first_day, last_day)} → {reading}{notes}"
    return Resolved(value.edtf(), basis, phrase, found.start, found.end)


def _tense_free(rule: Rule, first_day: dt.date, last_day: dt.date) -> bool:
    """Whether the past and the future reading agree on every publication day."""
    def same(day: dt.date) -> bool:
        past, future = rule(day, PAST), rule(day, FUTURE)
        return (past and past[0].edtf()) == (future and future[0].edtf())
    return same(first_day) and same(last_day)


def _lead(why: str) -> str:
    """The reading a reason starts with ("the Wednesday before"), before its notes."""
    return why.split(";")[0] if why else ""


def find_all(text: str, published: When) -> list[Resolved]:
    """Every date expression in a text, in order."""
    out = []
    for sentence in sentence_spans(text):
        for found in _candidates(text, *sentence):
            resolved = _evaluate(found, text, sentence, published)
            if resolved is not None:
                out.append(resolved)
    return out




def resolve(sentence: str, published: When, context: str = "") -> Resolved | None:
    """The date a sentence gives its event, against the article's publication date
    (a When: a day, or an interval when the publication day is uncertain); `context`
    is the paragraph or text before it (a date said earlier may carry over). None when
    the sentence gives none."""
    found = find_all(sentence, published)
    if not found:
        return (_carried(sentence, published, context) if context else None) or _perfect(sentence, published)
    aside = [(m.start(), m.end()) for m in _RELATIVE_CLAUSE.finditer(sentence)]
    main = [r for r in found if not any(a <= r.start < b for a, b in aside)]
    return (main or found)[0]


# The present perfect ("have joined", "has repeatedly denied") says only that it happened by
# the time of writing: at or before publication. Only outside quotation marks, where it is
# the article's own statement and not the speaker's.
PARTICIPLE = (r"\w+ed|been|gone|done|made|said|told|had|led|left|met|fought|sent|found|held|become|come|won|lost"
               r"|brought|built|kept|spent|paid|taught|thought|sought|begun|seen|known|grown|shown|drawn|flown"
               r"|thrown|written|spoken|taken|given|driven|broken|chosen|fallen|risen|stolen|sworn|beaten|hidden"
               r"|fled|struck|stood|got|gotten|put|set|cut|hit|let|shut|spread|run")
_PERFECT = re.compile(rf"\b(?:has|have|[’']ve)\s+(?:(?:\w+ly|not|never|already|also|long|just|ever|since)\s+)*"
                      rf"(?:{PARTICIPLE})\b", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


def _perfect(sentence: str, published: When) -> Resolved | None:
    unquoted = _QUOTED.sub(lambda m: " " * len(m.group()), sentence)
    m = _PERFECT.search(unquoted)
    if m is None:
        return None
    first_day, last_day, doubt = _publication_days(published)
    value = _span(None, _day(last_day), doubt)
    basis = (f"'{m.group()}': the present perfect, with no date, published {_publication_text(first_day, last_day)}"
             f" → at or before publication, {value.text()}")
    return Resolved(value.edtf(), basis, sentence[m.start():m.end()], m.start(), m.end())


# --- Dates carried over from the text before ------------------------------------------------

# Words that tie a sentence with no date of its own to the time of the one before: the same
# time, or a shift from it in days ("the next day": +1). Without one, nothing carries over:
# a sentence may as well give background ("In total, over 2,000 have joined"). "Continued"
# only as a reporting verb ("…,” he continued."), not as "has continued supporting him".
_SAME_TIME = (r"at\s+the\s+time|at\s+that\s+time|at\s+first|initially|(?:on\s+)?the\s+same\s+day|(?:on\s+)?that"
              r"(?:\s+same)?\s+day|(?:later|earlier)\s+that\s+day|that\s+(?:morning|afternoon|evening|night)"
              r"|added|adding|went\s+on\s+to|continued(?=\s*(?:[,.:;!?”\"]|$))|also\s+said")
_CARRY = re.compile(
    rf"\b(?:(?P<same>{_SAME_TIME})"
    r"|(?P<later>the\s+(?:next|following)\s+day|(?:a|one|two|three|four|five|six|seven|\d{1,2})\s+days?\s+later)"
    r"|(?P<earlier>the\s+(?:day|night)\s+before|the\s+previous\s+day|(?:a|one|two|three|four|five|six|seven"
    r"|\d{1,2})\s+days?\s+(?:earlier|before)))\b", re.IGNORECASE)
# An attribution: a name and a reporting verb, either way round ("Kadyrov wrote", "said Peskov").
_VERBS = r"said|says|wrote|writes|told|tells|added|stated|declared|insisted|announced|posted"
_ATTRIBUTION = re.compile(rf"\b(?P<name>[A-Z][\w’'-]+)\s+(?P<verb>{_VERBS})\b|\b(?P<verb2>{_VERBS})\s+"
                          rf"(?P<name2>[A-Z][\w’'-]+)\b")


def _carried(sentence: str, published: When, context: str) -> Resolved | None:
    """The date an earlier sentence gave, where this one says it goes on at that time."""
    dated = _last_dated_sentence(context, published)
    if dated is None:
        return None
    earlier_text, earlier = dated
    marker = _CARRY.search(sentence)
    if marker is None:
        return _same_attribution(sentence, earlier_text, earlier) or _framed(sentence, published, context)
    kind = marker.lastgroup
    shift = 0 if kind == "same" else _count(marker.group()) * (1 if kind == "later" else -1)
    edtf = _shifted(_joined_dates(earlier), shift)
    if edtf is None:
        return None
    days = f"{abs(shift)} day{'s' * (abs(shift) > 1)}"
    how = "the date of" if not shift else f"{days} {'after' if shift > 0 else 'before'}"
    basis = f"'{marker.group()}': no date of its own, so {how} an earlier sentence, {_dates_said(earlier)} → {edtf}"
    return Resolved(edtf, basis, marker.group(), marker.start(), marker.end())


FRAME_DAYS = 7  # a date older than this is background, not the article's news


def _framed(sentence: str, published: When, context: str) -> Resolved | None:
    """A sentence in the simple past with no date, in a paragraph that an older date opens
    ("In March, analysts discovered ... . Murdered opposition leader Boris Nemtsov noticed
    a “fray” ..."): told as part of that account, it had happened by then, so at or before
    that date's end, uncertain (it may be older still, never said when). Only the same
    paragraph, only in the past tense (not "has continued", not "believe"), and only a
    date older than the week (within it, the article's news decides: see draft.py)."""
    paragraph = context[context.rfind("\n") + 1:]
    dated = _last_dated_sentence(paragraph, published) if paragraph.strip() else None
    bare = _QUOTED.sub(lambda m: " " * len(m.group()), sentence)
    if dated is None or _PERFECT.search(bare) or not _past_words(bare, 0, len(bare)):
        return None
    earlier = dated[1]
    end = max(parse_date(r.edtf).latest or published.latest for r in earlier)
    if (published.latest - end).days <= FRAME_DAYS:
        return None
    edtf = f"../{_joined_dates(earlier).split('/')[-1].rstrip('?~%')}?"
    basis = (f"No date of its own, in the simple past, in a paragraph told from {_dates_said(earlier)}: part of that "
             f"account, so by its end → {edtf}; it may be older, and the text does not say so, hence uncertain")
    return Resolved(edtf, basis, "", 0, 0)


def _same_attribution(sentence: str, earlier_text: str, earlier: list[Resolved]) -> Resolved | None:
    """"Kadyrov wrote ... on Wednesday." then "“...,” Kadyrov wrote.": one statement, one date."""
    for m in _ATTRIBUTION.finditer(sentence):
        name, verb = m["name"] or m["name2"], m["verb"] or m["verb2"]
        if re.search(rf"\b{re.escape(name)}\s+{verb}\b|\b{verb}\s+{re.escape(name)}\b", earlier_text):
            edtf = _joined_dates(earlier)
            basis = (f"'{m.group()}': no date of its own; the same attribution in an earlier sentence gives "
                     f"{_dates_said(earlier)} → {edtf}")
            return Resolved(edtf, basis, m.group(), m.start(), m.end())
    return None


def _last_dated_sentence(context: str, published: When) -> tuple[str, list[Resolved]] | None:
    found = find_all(context, published)
    if not found:
        return None
    spans = sentence_spans(context)
    where = next(span for span in spans if span[0] <= found[-1].start < span[1])
    return context[where[0]:where[1]], [r for r in found if where[0] <= r.start < where[1]]


def _dates_said(found: list[Resolved]) -> str:
    return " and ".join(f"'{r.phrase}' ({r.edtf})" for r in found)


def _joined_dates(found: list[Resolved]) -> str:
    """One date for all that a sentence gave: the one, or the span from the first to the last."""
    whens = [parse_date(r.edtf) for r in found]
    if len({r.edtf for r in found}) == 1:
        return found[0].edtf
    first = min(whens, key=lambda w: w.sort_key[:2])
    last = max(whens, key=lambda w: w.sort_key[2:])
    left = first.start.edtf() if first.start else ".."
    right = last.end.edtf() if last.end else ".."
    return f"{left}/{right}"


def _count(words: str) -> int:
    first = words.split()[0].lower()
    return int(first) if first.isdigit() else _COUNTS.get(first, 1)


def _shifted(edtf: str, days: int) -> str | None:
    """A date moved by whole days; only dates given to the day can be."""
    if not days:
        return edtf
    when = parse_date(edtf)
    ends = [when.start, when.end]
    if any(p is None or p.precision != DAY for p in ends):
        return None
    moved = [p._replace(**dict(zip(("year", "month", "day"), (p.earliest + dt.timedelta(days)).timetuple()[:3])))
             for p in ends]
    return moved[0].edtf() if not when.interval else f"{moved[0].edtf()}/{moved[1].edtf()}"
