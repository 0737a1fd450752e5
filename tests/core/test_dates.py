import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates import (
    DAY,
    MONTH,
    UNTIMED,
    YEAR,
    DateError,
    Point,
    Time,
    When,
    moment_text,
    parse_date,
    parse_loose,
)

ZONES = [None, None, "Z", "+03:00", "-05:00", "+05:30", "-00:00", "+14:00", "-12:00"]


@st.composite
def times(draw):
    return Time(draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.none() | st.integers(0, 59)),
                draw(st.sampled_from(ZONES)))


@st.composite
def points(draw):
    """Every form a point may take: year, month, day (mostly), a day with a time, a season,
    a year, month or day left unspecified (201X, 20XX, 2015-XX, 2015-10-XX, 2015-XX-XX)."""
    shape = draw(st.sampled_from(["plain"] * 5 + ["timed", "season", "decade", "century", "month-x", "day-x",
                                                  "month-day-x"]))
    approximate, uncertain = draw(st.booleans()), draw(st.booleans())
    year = draw(st.integers(1, 9999))
    if shape == "timed":  # EDTF qualifies no time of day
        return Point(year, draw(st.integers(1, 12)), draw(st.integers(1, 28)), time=draw(times()))
    if shape == "season":
        return Point(min(year, 9998), None, None, approximate, uncertain, season=draw(st.integers(21, 24)))
    if shape == "decade":
        return Point(draw(st.integers(1, 999)) * 10, None, None, approximate, uncertain, unspecified="X")
    if shape == "century":
        return Point(draw(st.integers(1, 99)) * 100, None, None, approximate, uncertain, unspecified="XX")
    if shape == "month-x":
        return Point(year, None, None, approximate, uncertain, unspecified="-XX")
    if shape == "day-x":
        return Point(year, draw(st.integers(1, 12)), None, approximate, uncertain, unspecified="-XX")
    if shape == "month-day-x":
        return Point(year, None, None, approximate, uncertain, unspecified="-XX-XX")
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None and draw(st.booleans()):
        day = draw(st.integers(1, 28))
    return Point(year, month, day, approximate, uncertain)


@st.composite
def whens(draw):
    shape = draw(st.sampled_from(["single", "closed", "open-start", "open-end", "unknown-start"]))
    a = draw(points())
    if shape == "single":
        return When(a, a)
    b = draw(points())
    if b.last_instant < a.first_instant:
        a, b = b, a
    if b.last_instant < a.first_instant:  # overlapping coarse and fine dates can still be out of order
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
    ("2015-10-02~", "2015-10-02", "2015-10-02", DAY, "2 Oct 2015~"),
    ("2015-10?", "2015-10-01", "2015-10-31", MONTH, "Oct 2015?"),
    ("2015%", "2015-01-01", "2015-12-31", YEAR, "2015~?"),
    ("2016-02-08/2016-02-09", "2016-02-08", "2016-02-09", DAY, "8–9 Feb 2016"),
    ("2015-09-30/2015-10-01", "2015-09-30", "2015-10-01", DAY, "30 Sep – 1 Oct 2015"),
    ("2015-12/2016-02", "2015-12-01", "2016-02-29", MONTH, "Dec 2015 – Feb 2016"),
    ("2016-02/2016-03", "2016-02-01", "2016-03-31", MONTH, "Feb–Mar 2016"),
    ("2014/2015", "2014-01-01", "2015-12-31", YEAR, "2014–2015"),
    ("../2015-03", None, "2015-03-31", MONTH, "before Mar 2015"),
    ("2015-09/..", "2015-09-01", None, MONTH, "since Sep 2015"),
    ("/2015-03", None, "2015-03-31", MONTH, "unknown – Mar 2015"),
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
    # a time of day typed is kept, and its zone
    ("2015-09-30 05:00", "2015-09-30T05:00"),
    ("2015-09-30 5:00 +03:00", "2015-09-30T05:00+03:00"),
    ("30 Sep 2015 05:00 UTC", "2015-09-30T05:00Z"),
    ("September 30, 2015 5:30 pm", "2015-09-30T17:30"),
    ("30 September 2015 10am", "2015-09-30T10:00"),
    ("30 September 2015 10:00 +0300", "2015-09-30T10:00+03:00"),
    ("30 September 2015 10:00 UTC", "2015-09-30T10:00Z"),
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


def the_range(when: When) -> tuple:
    """What a date says: its first and last possible days and moments (times included),
    where it sorts, and its qualifiers."""
    return (when.earliest, when.latest, when.earliest_moment, when.latest_moment, when.sort_key,
            when.is_approximate, when.is_uncertain, when.qualities())


@given(whens())
def test_display_and_edtf_reparse_to_the_same_date(when):
    assert parse_date(when.edtf()) == when
    assert parse_date(when.edtf()).edtf() == when.edtf()
    shown = parse_date(when.display())
    assert the_range(shown) == the_range(when)
    if not (when.interval and when.start == when.end):  # "1 Apr 2016" is a day, not an interval of one
        assert shown == when
    assert parse_date(shown.display()) == shown


@given(whens())
def test_earliest_is_never_after_latest(when):
    if when.earliest and when.latest:
        assert when.earliest <= when.latest
    assert when.sort_key[0] <= when.sort_key[2]


# --- the calendar ----------------------------------------------------------------------

@pytest.mark.parametrize("month, last_day", [
    ("01", 31), ("02", 28), ("03", 31), ("04", 30), ("05", 31), ("06", 30),
    ("07", 31), ("08", 31), ("09", 30), ("10", 31), ("11", 30), ("12", 31),
])
def test_a_month_ends_on_its_last_day(month, last_day):
    assert parse_date(f"2015-{month}").latest == dt.date(2015, int(month), last_day)


@pytest.mark.parametrize("year, last_day", [(2016, 29), (2015, 28), (1900, 28), (2000, 29)])
def test_february_has_29_days_in_a_leap_year_only(year, last_day):
    assert parse_date(f"{year}-02").latest == dt.date(year, 2, last_day)


def test_a_year_runs_from_1_january_to_31_december():
    when = parse_date("2015")
    assert (when.earliest, when.latest) == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))


@pytest.mark.parametrize("text", ["0001", "9999-12-31", "2016-02-29", "2015-04-30"])
def test_the_first_and_last_possible_dates_are_dates(text):
    assert parse_date(text).edtf() == text


# --- qualifiers ------------------------------------------------------------------------

@pytest.mark.parametrize("text, approximate, uncertain, display", [
    ("2015-10-02", False, False, "2 Oct 2015"),
    ("2015-10-02~", True, False, "2 Oct 2015~"),
    ("2015-10-02?", False, True, "2 Oct 2015?"),
    ("2015-10-02%", True, True, "2 Oct 2015~?"),
])
def test_approximate_and_uncertain_are_kept_apart(text, approximate, uncertain, display):
    when = parse_date(text)
    assert (when.is_approximate, when.is_uncertain) == (approximate, uncertain)
    assert when.display() == display
    assert when.edtf() == text


@given(points())
def test_qualifiers_follow_the_date_as_in_edtf(point):
    """Both qualifiers sit on one side, after the date, as the events file writes them."""
    shown = point.display()
    assert shown.startswith(point.plain())
    assert shown[len(point.plain()):] == ("~" if point.approximate else "") + ("?" if point.uncertain else "")


@pytest.mark.parametrize("text, words", [
    ("2015-10-02", ""), ("2015-10-02~", "approximate"), ("2015-10?", "uncertain"),
    ("2015%", "approximate, uncertain"), ("2015-10~/2016?", "approximate, uncertain"),
    ("../2015-03", ""),  # "before Mar 2015" says it already
    ("/2015-03", "start unknown"), ("2015-09/", "end unknown"), ("2015-09?/..", "uncertain"),
])
def test_the_qualifiers_in_words(text, words):
    assert parse_date(text).qualities() == words


def test_an_interval_is_approximate_or_uncertain_when_either_end_is():
    assert parse_date("2015-10~/2016").is_approximate
    assert parse_date("2015/2016-03~").is_approximate
    assert not parse_date("2015/2016").is_approximate
    assert parse_date("2015-10?/2016").is_uncertain
    assert parse_date("2015/2016-03?").is_uncertain
    assert not parse_date("2015/2016").is_uncertain


@pytest.mark.parametrize("text", ["../2015-03", "/2015-03", "2015-09/..", "2015-09/"])
def test_an_interval_with_an_open_or_unknown_end_is_uncertain(text):
    when = parse_date(text)
    assert when.is_uncertain and not when.is_approximate


def test_the_precision_of_an_interval_is_its_coarsest_end():
    assert parse_date("2015/2016-02-09").precision == YEAR
    assert parse_date("2016-02-09/2017").precision == YEAR
    assert parse_date("2015-10/2016-02-09").precision == MONTH


# --- sorting ---------------------------------------------------------------------------

def test_sort_key_gives_the_earliest_and_latest_possible_days():
    day = lambda y, m, d: dt.date(y, m, d).toordinal()
    assert parse_date("2015-10").sort_key == (day(2015, 10, 1), UNTIMED, day(2015, 10, 31), UNTIMED)
    # an open end sorts by the known one, for both halves of the key
    assert parse_date("../2015-03").sort_key == (day(2015, 3, 31), UNTIMED, day(2015, 3, 31), UNTIMED)
    assert parse_date("2015-09/..").sort_key == (day(2015, 9, 1), UNTIMED, day(2015, 9, 1), UNTIMED)


# --- display ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, display", [
    ("0033-04-03", "3 Apr 0033"),  # four digits, so it reads back as a year
    ("0033", "0033"),
    ("2015-09/", "Sep 2015 – unknown"),
    ("2015-09?/..", "since Sep 2015?"),
    ("2016-02-08~/2016-02-09", "8 Feb 2016~ – 9 Feb 2016"),  # qualifiers are never shortened away
    ("2016-02-08/2016-02-09?", "8 Feb 2016 – 9 Feb 2016?"),
    ("2016-02~/2016-03", "Feb 2016~ – Mar 2016"),
    ("2014?/2015", "2014? – 2015"),
    ("2015/2016-02", "2015 – Feb 2016"),  # precisions differ
    ("2016-02/2016-03-05", "Feb 2016 – 5 Mar 2016"),
    ("2015-12-31/2016-01-01", "31 Dec 2015 – 1 Jan 2016"),  # days in two years
    ("0998-02-08/0998-02-09", "8–9 Feb 0998"),
    ("0998-02/0998-03", "Feb–Mar 0998"),
    ("0998/0999", "0998–0999"),
    ("0998-02-08/0998-03-09", "8 Feb – 9 Mar 0998"),
])
def test_display_forms(text, display):
    when = parse_date(text)
    assert when.display() == display
    assert str(when) == text
    assert parse_date(display) == when


# --- human forms -----------------------------------------------------------------------

@pytest.mark.parametrize("text, edtf", [
    ("~ 2 Oct 2015", "2015-10-02~"),
    ("~Oct 2015", "2015-10~"),
    ("2 Oct 2015 ?", "2015-10-02?"),
    ("~2015?", "2015%"),
    ("2015~?", "2015%"),
    ("2 Oct 2015~", "2015-10-02~"),
    ("Oct 2015 ~", "2015-10~"),
    ("2015?~", "2015%"),
    ("Sept. 2015", "2015-09"),
    ("2 Oct. 2015", "2015-10-02"),
    ("2 october 2015", "2015-10-02"),
    ("  9 Feb 2016  ", "2016-02-09"),
    ("8-9 Feb 2016", "2016-02-08/2016-02-09"),
    ("8 — 9 Feb 2016", "2016-02-08/2016-02-09"),
    ("8–9 Feb. 2016", "2016-02-08/2016-02-09"),
    ("30 Sep - 1 Oct 2015", "2015-09-30/2015-10-01"),
    ("30 Sep. – 1 Oct. 2015", "2015-09-30/2015-10-01"),
    ("Feb - Mar 2016", "2016-02/2016-03"),
    ("Feb.–Mar. 2016", "2016-02/2016-03"),
    ("2015 - 2016", "2015/2016"),
    ("2015—2016", "2015/2016"),
    ("Dec 2015 – Feb 2016", "2015-12/2016-02"),
    ("2015-12 - 2016-02", "2015-12/2016-02"),
    ("before Mar 2015", "../2015-03"),
    ("Before Mar 2015", "../2015-03"),
    ("until Mar 2015", "../2015-03"),
    ("since Sep 2015", "2015-09/.."),
    ("after Sep 2015", "2015-09/.."),
    ("AFTER 2015-09", "2015-09/.."),
    ("unknown – Mar 2015", "/2015-03"),
    ("Sep 2015 – unknown", "2015-09/"),
    ("? – Mar 2015", "/2015-03"),  # as typed
    ("Sep 2015 – ?", "2015-09/"),
    ("2015-09 / 2015-10", "2015-09/2015-10"),
])
def test_human_forms_read_as_their_edtf(text, edtf):
    assert parse_date(text).edtf() == edtf


@pytest.mark.parametrize("text, message", [
    ("2016-00", "month 00 does not exist; months run from 01 to 12"),
    ("2016-13", "month 13 does not exist; months run from 01 to 12"),
    ("2015-02-29", "February 2015 has no day 29 (it has 28 days)"),
    ("2015-04-31", "April 2015 has no day 31 (it has 30 days)"),
    ("2015-04-00", "April 2015 has no day 0 (it has 30 days)"),
    ("32 Jan 2015", "January 2015 has no day 32 (it has 31 days)"),
    ("0000-01", "year 0 is out of range (1 to 9999)"),
    ("8–9 Foo 2016", "'Foo' is not a month name"),
    ("30 Sep – 1 Foo 2015", "'Foo' is not a month name"),
    ("30 Foo – 1 Oct 2015", "'Foo' is not a month name"),
    ("Foo–Mar 2016", "'Foo' is not a month name"),
    ("Feb–Foo 2016", "'Foo' is not a month name"),
    ("2016-02-09/2016-02-01", "the interval ends (2016-02-01) before it starts (2016-02-09)"),
    ("2016/2015-12", "the interval ends (2015-12) before it starts (2016)"),
    ("../..", "an interval needs at least one known end"),
    ("?/?", "an interval needs at least one known end"),
    ("before ..", "an interval needs at least one known end"),
    ("2015/soon", "'soon' is not a date; expected a date like 2016"),
    ("soon/2015", "'soon' is not a date; expected a date like 2016"),
    ("since soon", "'soon' is not a date"),
    ("before soon", "'soon' is not a date"),
    ("   ", "the date is empty; expected a date like 2016"),
    ("9 2016", "'9 2016' is not a date"),  # a day needs its month
    ("Foo 2016", "'Foo 2016' is not a date"),
    ("2015 - 2016 - 2017", "'2015 - 2016 - 2017' is not a date"),
    ("2015/2016/2017", "'2016/2017' is not a date"),  # the first "/" splits
    ("yesterday", "'yesterday' is not a date; expected a date like 2016, 2016-02, 2016-02-09, Feb 2016"),
])
def test_bad_dates_say_exactly_what_is_wrong(text, message):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert message in str(error.value)


def test_every_message_for_a_bad_date_lists_the_forms_expected():
    with pytest.raises(DateError) as error:
        parse_date("soon")
    assert str(error.value) == (
        "'soon' is not a date; expected a date like 2016, 2016-02, 2016-02-09, Feb 2016, 9 Feb 2016, "
        "2015-10-02~ (approximate), 2015-10-02? (uncertain), 2016-02-08/2016-02-09 (interval) "
        "or ../2015-03 (open start)")


def test_a_date_that_is_not_text_is_refused():
    with pytest.raises(DateError, match=r"^20160209 is not a date; expected a date like"):
        parse_date(20160209)
    with pytest.raises(DateError, match=r"^None is not a date"):
        parse_date(None)


def test_a_date_error_is_a_value_error():
    # callers that catch ValueError (argparse types, the settings) catch it too
    with pytest.raises(ValueError):
        parse_date("soon")


def test_a_human_range_is_a_closed_interval_with_no_qualifiers():
    when = parse_date("8–9 Feb 2016")
    assert when.interval and when.open_start == "" and when.open_end == ""
    assert not when.is_approximate and not when.is_uncertain
    assert when.start == Point(2016, 2, 8) and when.end == Point(2016, 2, 9)


def test_a_single_date_is_not_an_interval():
    when = parse_date("2016-02-09")
    assert not when.interval and when.start is when.end


def test_an_open_end_keeps_how_it_was_open():
    assert parse_date("../2015-03").open_start == ".." and parse_date("/2015-03").open_start == ""
    assert parse_date("2015-09/..").open_end == ".." and parse_date("2015-09/").open_end == ""


# --- loose dates -----------------------------------------------------------------------

@pytest.mark.parametrize("text, edtf, precision", [
    ("February, 2016", "2016-02", MONTH),
    ("Feb 2016", "2016-02", MONTH),
    ("february 2016", "2016-02", MONTH),
    ("2016", "2016", YEAR),
    ("9 February 2016", "2016-02-09", DAY),
    ("9th February 2016", "2016-02-09", DAY),  # an ordinal is a day, not a typo
    ("February 1st, 2016", "2016-02-01", DAY),
    ("February 2nd, 2016", "2016-02-02", DAY),
    ("February 3rd, 2016", "2016-02-03", DAY),
    ("Tuesday, 9 February 2016", "2016-02-09", DAY),
    ("2016/02/09", "2016-02-09", DAY),
    ("2016.", "2016", YEAR),  # dateutil fills month and day from its default; none is given
    ("2016 AD", "2016", YEAR),
])
def test_loose_dates_keep_the_precision_the_text_gives(text, edtf, precision):
    when = parse_loose(text)
    assert when.edtf() == edtf and when.precision == precision
    assert when == parse_date(edtf)  # the same date, both ends and all
    assert not when.interval and not when.is_approximate and not when.is_uncertain


def test_loose_dates_read_our_own_forms_first():
    # dateutil knows nothing of "~" or intervals; ours are read before it is asked
    assert parse_loose("~2 Oct 2015").edtf() == "2015-10-02~"
    assert parse_loose("8–9 Feb 2016").edtf() == "2016-02-08/2016-02-09"


# dateutil would read "oct2015" and "9february 2016"; a typo rule refuses them first
@pytest.mark.parametrize("text", ["2015-09Oct", "Oct2015", "oct2015", "9February 2016", "9february 2016", "2016x"])
def test_a_number_run_into_a_word_is_a_typo_not_a_date(text):
    with pytest.raises(DateError, match=rf"^'{text}' is not a date; expected a date like 2016"):
        parse_loose(text)


@pytest.mark.parametrize("text", ["the day after tomorrow", "31 February 2016 and then", "99999999999999999999"])
def test_text_dateutil_cannot_read_is_not_a_date(text):
    with pytest.raises(DateError, match=r"is not a date; expected a date like 2016"):
        parse_loose(text)


def test_a_loose_date_without_a_year_says_so():
    with pytest.raises(DateError, match=r"^'9 February' gives no year; expected a date like 2016"):
        parse_loose("9 February")


@given(points())
def test_loose_reading_agrees_with_the_exact_one_on_our_forms(point):
    when = When(point, point)
    assert parse_loose(when.edtf()) == when
    assert parse_loose(when.display()) == when


def test_an_interval_may_start_and_end_on_the_same_day():
    when = parse_date("2016-02-09/2016-02-09")
    assert when.interval and when.earliest == when.latest == dt.date(2016, 2, 9)


# Every form parse_date reads, with what it must give, written out by hand:
# (text, EDTF, display, earliest, latest, approximate, uncertain)
FORMS = [
    ("2015-10-02~", "2015-10-02~", "2 Oct 2015~", "2015-10-02", "2015-10-02", True, False),
    ("2015-10-02?", "2015-10-02?", "2 Oct 2015?", "2015-10-02", "2015-10-02", False, True),
    ("2015-10-02%", "2015-10-02%", "2 Oct 2015~?", "2015-10-02", "2015-10-02", True, True),
    ("~2 Oct 2015", "2015-10-02~", "2 Oct 2015~", "2015-10-02", "2015-10-02", True, False),
    ("2 Oct 2015?", "2015-10-02?", "2 Oct 2015?", "2015-10-02", "2015-10-02", False, True),
    ("~2 Oct 2015?", "2015-10-02%", "2 Oct 2015~?", "2015-10-02", "2015-10-02", True, True),
    ("Oct 2015", "2015-10", "Oct 2015", "2015-10-01", "2015-10-31", False, False),
    ("~2016", "2016~", "2016~", "2016-01-01", "2016-12-31", True, False),
    ("0001", "0001", "0001", "0001-01-01", "0001-12-31", False, False),
    ("9999-12", "9999-12", "Dec 9999", "9999-12-01", "9999-12-31", False, False),
    ("8–9 Feb 2016", "2016-02-08/2016-02-09", "8–9 Feb 2016", "2016-02-08", "2016-02-09", False, False),
    ("8-9 Feb 2016", "2016-02-08/2016-02-09", "8–9 Feb 2016", "2016-02-08", "2016-02-09", False, False),
    ("30 Sep – 1 Oct 2015", "2015-09-30/2015-10-01", "30 Sep – 1 Oct 2015", "2015-09-30", "2015-10-01",
     False, False),
    ("Feb–Mar 2016", "2016-02/2016-03", "Feb–Mar 2016", "2016-02-01", "2016-03-31", False, False),
    ("2015–2016", "2015/2016", "2015–2016", "2015-01-01", "2016-12-31", False, False),
    ("2015-09 – 2016-01", "2015-09/2016-01", "Sep 2015 – Jan 2016", "2015-09-01", "2016-01-31", False, False),
    # a one-day interval is valid, and reads as the day it is (never "8–8 Feb 2016")
    ("2016-02-08/2016-02-08", "2016-02-08/2016-02-08", "8 Feb 2016", "2016-02-08", "2016-02-08", False, False),
    ("before Mar 2015", "../2015-03", "before Mar 2015", None, "2015-03-31", False, True),
    ("until Mar 2015", "../2015-03", "before Mar 2015", None, "2015-03-31", False, True),
    ("Until Mar 2015", "../2015-03", "before Mar 2015", None, "2015-03-31", False, True),
    ("since Sep 2015", "2015-09/..", "since Sep 2015", "2015-09-01", None, False, True),
    ("after Sep 2015", "2015-09/..", "since Sep 2015", "2015-09-01", None, False, True),
    ("After Sep 2015", "2015-09/..", "since Sep 2015", "2015-09-01", None, False, True),
    ("2016-02-08/", "2016-02-08/", "8 Feb 2016 – unknown", "2016-02-08", None, False, True),
    ("/2016-02-08", "/2016-02-08", "unknown – 8 Feb 2016", None, "2016-02-08", False, True),
    ("2016-02-08/?", "2016-02-08/", "8 Feb 2016 – unknown", "2016-02-08", None, False, True),
]


@pytest.mark.parametrize("text, edtf, display, earliest, latest, approximate, uncertain", FORMS)
def test_each_form_reads_as_written_down(text, edtf, display, earliest, latest, approximate, uncertain):
    when = parse_date(text)
    assert when.edtf() == edtf and display in (None, when.display())
    assert (when.earliest.isoformat() if when.earliest else None) == earliest
    assert (when.latest.isoformat() if when.latest else None) == latest
    assert (when.is_approximate, when.is_uncertain) == (approximate, uncertain)
    assert when.interval == ("/" in edtf)


@pytest.mark.parametrize("text, message", [
    ("2016-02-09/2016-02-08", "the interval ends (2016-02-08) before it starts (2016-02-09)"),
    ("../..", "an interval needs at least one known end"),
    ("0000", "year 0 is out of range (1 to 9999)"),
])
def test_impossible_dates_say_why(text, message):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert str(error.value) == message


# --- times of day (EDTF level 0) -------------------------------------------------------

@pytest.mark.parametrize("text, edtf, display", [
    ("2015-09-30T05:00", "2015-09-30T05:00", "30 Sep 2015 05:00"),
    ("2015-09-30T05:00:30", "2015-09-30T05:00:30", "30 Sep 2015 05:00:30"),
    ("2015-09-30T05:00Z", "2015-09-30T05:00Z", "30 Sep 2015 05:00 UTC"),
    ("2015-09-30T05:00+03:00", "2015-09-30T05:00+03:00", "30 Sep 2015 05:00 +03:00"),
    ("2015-09-30T05:00:30-05:00", "2015-09-30T05:00:30-05:00", "30 Sep 2015 05:00:30 -05:00"),
    ("2015-09-30T05:00+0300", "2015-09-30T05:00+03:00", "30 Sep 2015 05:00 +03:00"),  # ISO's other spellings
    ("2015-09-30T05:00+03", "2015-09-30T05:00+03:00", "30 Sep 2015 05:00 +03:00"),
    ("2015-09-30T00:00", "2015-09-30T00:00", "30 Sep 2015 00:00"),
    ("2015-09-30T23:59:59", "2015-09-30T23:59:59", "30 Sep 2015 23:59:59"),
])
def test_a_time_of_day_keeps_its_day_and_reads_back(text, edtf, display):
    when = parse_date(text)
    assert when.edtf() == edtf and when.display() == display
    assert when.earliest == when.latest == dt.date(2015, 9, 30)  # the day as written, whatever the zone
    assert when.precision == DAY and not when.is_approximate and not when.is_uncertain
    assert parse_date(display) == when


@pytest.mark.parametrize("text, edtf", [
    ("30 Sep 2015 05:00", "2015-09-30T05:00"),
    ("30 Sep 2015 5:00", "2015-09-30T05:00"),
    ("30 September 2015, 05:00 UTC", "2015-09-30T05:00Z"),
    ("30 Sep 2015 05:00 GMT", "2015-09-30T05:00Z"),
    ("30 Sep 2015 05:00Z", "2015-09-30T05:00Z"),
    ("30 Sep 2015 05:00+03:00", "2015-09-30T05:00+03:00"),
    ("30 Sep 2015 05:00 – 30 Sep 2015 07:00", "2015-09-30T05:00/2015-09-30T07:00"),
])
def test_a_time_of_day_in_the_human_form(text, edtf):
    assert parse_date(text).edtf() == edtf


BAD_TIMES = [
    ("2015-09-30T24:00", "hour 24 does not exist; hours run from 00 to 23 (midnight is 00:00 of the next day)"),
    ("2015-09-30T05:60", "minute 60 does not exist; minutes run from 00 to 59"),
    ("2015-09-30T05:00:60", "second 60 does not exist; seconds run from 00 to 59"),
    ("2015-09-30T05:00+15:00", "no time zone is +15:00 from UTC; zones run from -12:00 to +14:00"),
    ("2015-09-30T05:00-13:00", "no time zone is -13:00 from UTC"),
    ("2015-09-30T05:00+03:75", "no time zone is +03:75 from UTC"),
    ("2015-02-29T05:00", "February 2015 has no day 29"),
    ("2015-09-30T05:00~", "'2015-09-30T05:00~': a time of day cannot be approximate or uncertain in EDTF; "
                          "write the day alone (2015-09-30~) and say the time in date_basis"),
    ("30 Sep 2015 05:00?", "a time of day cannot be approximate or uncertain"),
    ("2015-09-30 05:00", "'2015-09-30 05:00' is not a date; EDTF writes a T between the day and the time, "
                         "with two-digit hours: 2015-09-30T05:00"),
    ("2015-09-30 5:00 UTC", "2015-09-30T05:00Z"),
    ("2015-09-30T5:00", "not a date"),
    ("2015-09T05:00", "not a date"),  # a time needs its day
    ("2015-09-30T07:00/2015-09-30T05:00", "the interval ends (2015-09-30T05:00) before it starts (2015-09-30T07:00)"),
    # 05:00 at +03:00 is 02:00 UTC, before 04:00 UTC: the end is before the start
    ("2015-09-30T04:00Z/2015-09-30T05:00+03:00", "the interval ends"),
]


def test_on_one_day_the_untimed_sort_first_then_the_timed_by_their_instant():
    written = ["2015-09-30T05:00", "2015-09-30T04:00Z", "2015-09-30T05:00+03:00", "2015-09-30",
               "2015-09-30T23:30-05:00", "2015-09-30T05:00:30", "2015-10-01T00:10+03:00", "2015-09-29T23:00"]
    order = sorted(written, key=lambda text: parse_date(text).sort_key)
    assert order == [
        "2015-09-29T23:00",
        "2015-09-30",  # a day without a time: before every time on that day
        "2015-09-30T05:00+03:00",  # 02:00 UTC
        "2015-09-30T04:00Z",
        "2015-09-30T05:00",  # a local time sorts as if it were UTC
        "2015-09-30T05:00:30",
        "2015-09-30T23:30-05:00",  # 04:30 UTC the next day, but on the day written
        "2015-10-01T00:10+03:00",  # 21:10 UTC the day before, on the day written
    ]


def test_a_moment_in_edtf_reads_back():
    assert moment_text(parse_date("2015-09-30T05:00+03:00").earliest_moment) == "2015-09-30T05:00+03:00"
    assert moment_text(parse_date("2015-09-30T05:00:30Z").earliest_moment) == "2015-09-30T05:00:30Z"
    assert moment_text(parse_date("2015-09-30T05:00").latest_moment) == "2015-09-30T05:00"
    assert moment_text(parse_date("2015-09").latest_moment) == "2015-09-30"
    assert parse_date("2015-09-30T05:00+03:00").earliest_moment == dt.datetime(
        2015, 9, 30, 5, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))


def test_a_typed_zone_by_name_is_refused_rather_than_dropped():
    with pytest.raises(DateError, match="a time zone by name is not read; write it as UTC or an offset"):
        parse_loose("30 September 2015 10:00 EST")


# --- unspecified digits (EDTF level 1) -------------------------------------------------

RANGES = [  # (text, display, earliest, latest, precision)
    ("201X", "a year in the 2010s", "2010-01-01", "2019-12-31", YEAR),
    ("20XX", "a year in 2000–2099", "2000-01-01", "2099-12-31", YEAR),
    ("2015-XX", "a month in 2015", "2015-01-01", "2015-12-31", YEAR),
    ("2015-XX-XX", "a day in 2015", "2015-01-01", "2015-12-31", YEAR),
    ("2015-10-XX", "a day in Oct 2015", "2015-10-01", "2015-10-31", MONTH),
    ("2016-02-XX", "a day in Feb 2016", "2016-02-01", "2016-02-29", MONTH),
    ("201X~", "a year in the 2010s~", "2010-01-01", "2019-12-31", YEAR),
    ("2015-10-XX?", "a day in Oct 2015?", "2015-10-01", "2015-10-31", MONTH),
    ("999X", "a year in the 9990s", "9990-01-01", "9999-12-31", YEAR),
    ("001X", "a year in the 0010s", "0010-01-01", "0019-12-31", YEAR),
]

IN_WORDS = [
    ("2010s", "201X"), ("the 2010s", "201X"), ("The 1990s~", "199X~"), ("a year in the 2010s?", "201X?"),
    ("a year in 1900–1999", "19XX"), ("a month in 2015", "2015-XX"), ("A day in October 2015", "2015-10-XX"),
    ("201X/2016", "201X/2016"), ("a day in Oct 2015 – 5 Nov 2015", "2015-10-XX/2015-11-05"),
]

BAD_UNSPECIFIED = [
    ("000X", "'000X' includes the year 0; years run from 0001 to 9999"),
    ("00XX", "includes the year 0"),
    ("2015-13-XX", "month 13 does not exist"),
    ("2XXX", "not a date"),  # EDTF level 1 leaves at most the last two digits of a year unspecified
    ("2015-XX-10", "not a date"),
    ("201x", "not a date"),
    ("a year in 1900–1998", "not a date"),
    ("a month in Oct 2015", "not a date"),
]


# --- seasons (EDTF level 1) ------------------------------------------------------------

# Three whole months of the Northern hemisphere's meteorological seasons
RANGES += [
    ("2016-21", "Spring 2016", "2016-03-01", "2016-05-31", YEAR),
    ("2016-22", "Summer 2016", "2016-06-01", "2016-08-31", YEAR),
    ("2016-23", "Autumn 2016", "2016-09-01", "2016-11-30", YEAR),
    ("2016-24", "Winter 2016–17", "2016-12-01", "2017-02-28", YEAR),  # winter runs into the next year
    ("2015-24", "Winter 2015–16", "2015-12-01", "2016-02-29", YEAR),
    ("1999-24", "Winter 1999–00", "1999-12-01", "2000-02-29", YEAR),
    ("2016-21~", "Spring 2016~", "2016-03-01", "2016-05-31", YEAR),
    ("2016-23%", "Autumn 2016~?", "2016-09-01", "2016-11-30", YEAR),
]

IN_WORDS += [
    ("spring 2016", "2016-21"), ("Fall 2016", "2016-23"), ("Winter 2016", "2016-24"), ("Winter 2016/17", "2016-24"),
    ("Winter 2016-2017", "2016-24"), ("Summer 2016?", "2016-22?"), ("Spring 2016 – Winter 2016–17", "2016-21/2016-24"),
    ("Spring 2016 - 2017", "2016-21/2017"), ("2016-21/2016-06", "2016-21/2016-06"),
]

BAD_SEASONS = [
    ("2016-25", "month 25 does not exist; months run from 01 to 12, and seasons from 21 (spring) to 24 (winter)"),
    ("2016-20", "month 20 does not exist"),
    ("2016-21-05", "month 21 does not exist; months run from 01 to 12; 21 to 24 are seasons, which have no day"),
    ("9999-24", "the winter of 9999 runs into the year 10000"),
    ("Spring 2016-2017", "only a winter runs into the next year, written Winter 2016–17"),
    ("Winter 2016–18", "only a winter runs into the next year"),
    ("2016-22/2016-21", "the interval ends (2016-21) before it starts (2016-22)"),
]


@pytest.mark.parametrize("text, display, earliest, latest, precision", RANGES)
def test_unspecified_digits_and_seasons_span_their_range(text, display, earliest, latest, precision):
    when = parse_date(text)
    assert when.edtf() == text and when.display() == display
    assert (when.earliest.isoformat(), when.latest.isoformat()) == (earliest, latest)
    assert when.precision == precision
    assert parse_date(display) == when


@pytest.mark.parametrize("text, edtf", IN_WORDS)
def test_unspecified_digits_and_seasons_in_words(text, edtf):
    assert parse_date(text).edtf() == edtf


@pytest.mark.parametrize("text, message", BAD_TIMES + BAD_UNSPECIFIED + BAD_SEASONS)
def test_a_new_form_written_wrong_says_what_is_wrong(text, message):
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert message in str(error.value)


# --- digits are ASCII -------------------------------------------------------------------

@pytest.mark.parametrize("text, digit", [
    ("٢٠٠٤", "٢, arabic-indic digit two"), ("２００４-０２", "２, fullwidth digit two"),
    ("2004-0٢", "٢, arabic-indic digit two"), ("۲۰۰۴", "۲, extended arabic-indic digit two"),
    ("२००४", "२, devanagari digit two"), ("9 Feb ٢٠١٦", "٢"), ("2016²", "², superscript two"),
    ("8–9 Feb ٢٠١٦", "٢"),
])
def test_digits_of_other_scripts_are_refused(text, digit):
    for parse in (parse_date, parse_loose):
        with pytest.raises(DateError) as error:
            parse(text)
        assert str(error.value).startswith(f"'{text}' has a digit that is not one of 0-9 ({digit}")
        assert str(error.value).endswith("write the digits 0-9")


def test_the_en_dash_of_a_display_form_is_no_digit():
    assert parse_date("8–9 Feb 2016").edtf() == "2016-02-08/2016-02-09"


# --- anything that is not text ----------------------------------------------------------

@pytest.mark.parametrize("value", [None, 5, 2016.0, b"2016", ["2016"], {"date": "2016"}, ("2016",), True])
def test_a_value_that_is_not_text_is_our_error_for_both_readers(value):
    for parse in (parse_date, parse_loose):
        with pytest.raises(DateError, match="is not a date; expected a date like 2016"):
            parse(value)


@given(st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.lists(st.text(max_size=3), max_size=2)))
def test_any_value_gives_our_error_never_a_type_error(value):
    for parse in (parse_date, parse_loose):
        with pytest.raises(DateError):
            parse(value)


@given(st.text(max_size=40))
def test_any_typed_text_gives_a_date_or_our_error(text):
    try:
        when = parse_loose(text)
    except DateError:
        return
    assert isinstance(when, When)


def test_a_point_without_a_time_sorts_at_untimed():
    assert parse_date("2015-09-30").sort_key[1] == UNTIMED
    assert parse_date("2015-09-30T00:00").sort_key[1] == 0
    assert parse_date("2015-09-30T00:00+14:00").sort_key[1] == -14 * 3600 > UNTIMED


@pytest.mark.parametrize("text, days", [
    ("2016-21", "1 Mar – 31 May 2016"), ("2015-24", "1 Dec 2015 – 29 Feb 2016"), ("201X", "1 Jan 2010 – 31 Dec 2019"),
    ("2015-10-XX", "1–31 Oct 2015"), ("2016-21/2016-06-10", "1 Mar – 10 Jun 2016"), ("../2016-24", "before 28 Feb 2017"),
    ("2016-02", ""), ("2015-09-30T05:00", ""), ("2016-02-08/2016-02-09", ""),
])
def test_the_days_a_season_or_unspecified_digits_cover_in_words(text, days):
    when = parse_date(text)
    assert when.days() == days
    if days:
        assert parse_date(days).earliest == when.earliest and parse_date(days).latest == when.latest
