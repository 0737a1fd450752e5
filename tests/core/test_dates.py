import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates import (
    DAY,
    MONTH,
    YEAR,
    DateError,
    Point,
    When,
    parse_date,
    parse_loose,
)


@st.composite
def points(draw):
    year = draw(st.integers(1, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None and draw(st.booleans()):
        day = draw(st.integers(1, 28))
    return Point(year, month, day, draw(st.booleans()), draw(st.booleans()))


@st.composite
def whens(draw):
    shape = draw(st.sampled_from(["single", "closed", "open-start", "open-end", "unknown-start"]))
    a = draw(points())
    if shape == "single":
        return When(a, a)
    b = draw(points())
    if b.latest < a.earliest:
        a, b = b, a
    if b.latest < a.earliest:  # overlapping coarse and fine dates can still be out of order
        return When(a, a)
    if shape == "closed":
        return When(a, b, True)
    if shape == "open-start":
        return When(None, b, True, open_start="..")
    if shape == "unknown-start":
        return When(None, b, True)
    return When(a, None, True, open_end="..")


@pytest.mark.parametrize("text, earliest, latest, precision, display", [
    ("2016", "2016-01-01", "2016-12-31", YEAR, "2016"),
    ("2016-02", "2016-02-01", "2016-02-29", MONTH, "Feb 2016"),
    ("2015-02", "2015-02-01", "2015-02-28", MONTH, "Feb 2015"),
    ("2016-02-09", "2016-02-09", "2016-02-09", DAY, "9 Feb 2016"),
    ("2015-10-02~", "2015-10-02", "2015-10-02", DAY, "~2 Oct 2015"),
    ("2015-10?", "2015-10-01", "2015-10-31", MONTH, "Oct 2015?"),
    ("2015%", "2015-01-01", "2015-12-31", YEAR, "~2015?"),
    ("2016-02-08/2016-02-09", "2016-02-08", "2016-02-09", DAY, "8–9 Feb 2016"),
    ("2015-09-30/2015-10-01", "2015-09-30", "2015-10-01", DAY, "30 Sep – 1 Oct 2015"),
    ("2015-12/2016-02", "2015-12-01", "2016-02-29", MONTH, "Dec 2015 – Feb 2016"),
    ("2016-02/2016-03", "2016-02-01", "2016-03-31", MONTH, "Feb–Mar 2016"),
    ("2014/2015", "2014-01-01", "2015-12-31", YEAR, "2014–2015"),
    ("../2015-03", None, "2015-03-31", MONTH, "before Mar 2015"),
    ("2015-09/..", "2015-09-01", None, MONTH, "since Sep 2015"),
    ("/2015-03", None, "2015-03-31", MONTH, "? – Mar 2015"),
])
def test_parse_edtf(text, earliest, latest, precision, display):
    when = parse_date(text)
    assert (str(when.earliest) if when.earliest else None) == earliest
    assert (str(when.latest) if when.latest else None) == latest
    assert when.precision == precision
    assert when.display() == display
    assert when.edtf() == text
    assert parse_date(display) == when


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("yesterday", "not a date"),
    ("2016-13", "month 13 does not exist"),
    ("2015-02-29", "has no day 29"),
    ("2016-02-09/2016-02-01", "ends (2016-02-01) before it starts"),
    ("../..", "at least one known end"),
    ("0000", "out of range"),
    ("2016-2-9", "not a date"),
])
def test_bad_dates_say_what_was_expected(text, message):
    with pytest.raises(DateError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_date(text)


def test_open_start_sorts_by_its_known_end():
    assert parse_date("../2015-03").sort_key < parse_date("2015-04").sort_key
    assert parse_date("2015-03").sort_key < parse_date("2015-03-02").sort_key


def test_sort_key_is_the_earliest_possible_day():
    assert parse_date("2015").sort_key[0] == dt.date(2015, 1, 1).toordinal()
    assert parse_date("2015-10~").sort_key < parse_date("2015-10-02").sort_key


@pytest.mark.parametrize("text, edtf", [
    ("Feb 2016", "2016-02"),
    ("February 2016", "2016-02"),
    ("9 February 2016", "2016-02-09"),
    ("February 9, 2016", "2016-02-09"),
    ("2016", "2016"),
])
def test_loose_dates_never_invent_a_day(text, edtf):
    assert parse_loose(text).edtf() == edtf


def test_loose_date_without_a_year_is_refused():
    with pytest.raises(DateError, match="no year"):
        parse_loose("Feb 9")


@given(st.text(max_size=40))
def test_any_string_gives_a_date_or_our_error(text):
    try:
        when = parse_date(text)
    except DateError:
        return
    assert isinstance(when, When)
    if when.earliest and when.latest:
        assert when.earliest <= when.latest


@given(st.from_regex(r"\A[\d./~?%-]{1,25}\Z"))
def test_edtf_like_strings_give_a_date_or_our_error(text):
    try:
        when = parse_date(text)
    except DateError:
        return
    if when.earliest and when.latest:
        assert when.earliest <= when.latest


@given(whens())
def test_display_and_edtf_reparse_to_the_same_date(when):
    assert parse_date(when.edtf()) == when
    assert parse_date(when.display()) == when


@given(whens())
def test_earliest_is_never_after_latest(when):
    if when.earliest and when.latest:
        assert when.earliest <= when.latest
    assert when.sort_key[0] <= when.sort_key[1]
