"""The time axis under the overview strip and the actor lanes: how a span is cut into
columns, what each column is called, and how many events fall in each."""

import datetime as dt

import pytest

from timeline.axis import Axis, make_axis


def day(y, m, d=1):
    return dt.date(y, m, d).toordinal()


def test_axis_uses_months_then_groups_of_months_then_years():
    assert make_axis(day(2015, 1), day(2015, 12, 31), 80).unit == "month"
    short = make_axis(day(2020, 3, 2), day(2020, 3, 4), 80)
    assert (short.unit, short.columns, short.label(1)) == ("day", 3, "3 Mar 2020")
    assert make_axis(day(2007, 1), day(2018, 12, 31), 72).unit == "2 months"
    assert make_axis(day(1000, 1), day(2000, 1), 50).unit.endswith("years")
    axis = make_axis(day(2015, 1), day(2015, 12, 31), 80)
    assert axis.columns == 12 and axis.label(1) == "Feb 2015"
    assert axis.column_of(day(2015, 3, 15)) == 2


# --- days -----------------------------------------------------------------------------

def test_a_span_that_fits_gets_a_day_a_column():
    axis = make_axis(day(2020, 3, 2), day(2020, 3, 4), 80)
    assert axis.starts == [day(2020, 3, 2), day(2020, 3, 3), day(2020, 3, 4), day(2020, 3, 5)]
    assert [axis.label(c) for c in range(3)] == ["2 Mar 2020", "3 Mar 2020", "4 Mar 2020"]


def test_days_exactly_as_many_as_the_width_still_get_a_column_each():
    axis = make_axis(day(2015, 1, 1), day(2015, 1, 10), 10)
    assert (axis.unit, axis.columns) == ("day", 10)
    assert make_axis(day(2015, 1, 1), day(2015, 1, 11), 10).unit == "month"


def test_a_single_day_is_one_column_whatever_the_width():
    for width in (0, 1, 80):
        axis = make_axis(day(2016, 2, 9), day(2016, 2, 9), width)
        assert (axis.unit, axis.starts) == ("day", [day(2016, 2, 9), day(2016, 2, 10)])


def test_a_last_day_before_the_first_gives_the_first_day_alone():
    axis = make_axis(day(2016, 2, 9), day(2016, 2, 1), 80)
    assert (axis.unit, axis.starts) == ("day", [day(2016, 2, 9), day(2016, 2, 10)])


def test_a_day_axis_marks_where_each_month_begins():
    axis = make_axis(day(2020, 2, 27), day(2020, 3, 2), 80)  # 2020 is a leap year
    assert axis.year_starts() == [(0, "Feb 2020"), (3, "Mar 2020")]


# --- months -----------------------------------------------------------------------------

def test_a_year_by_month_starts_each_column_on_the_first_of_a_month():
    axis = make_axis(day(2015, 1, 10), day(2015, 12, 20), 80)
    assert axis.unit == "month"
    assert axis.starts == [day(2015, m) for m in range(1, 13)] + [day(2016, 1)]
    assert [axis.label(c) for c in (0, 11)] == ["Jan 2015", "Dec 2015"]


def test_groups_of_months_are_named_by_their_first_and_last_month():
    axis = make_axis(day(2007, 1), day(2018, 12, 31), 72)  # 144 months in 72 columns
    assert (axis.unit, axis.columns) == ("2 months", 72)
    assert axis.starts[:3] == [day(2007, 1), day(2007, 3), day(2007, 5)]
    assert axis.starts[-1] == day(2019, 1)
    assert axis.label(0) == "Jan–Feb 2007"
    assert axis.label(71) == "Nov–Dec 2018"


def test_a_group_of_months_across_a_new_year_names_both_years():
    axis = make_axis(day(2015, 12), day(2016, 3, 31), 2)
    assert (axis.unit, axis.starts) == ("2 months", [day(2015, 12), day(2016, 2), day(2016, 4)])
    assert [axis.label(0), axis.label(1)] == ["Dec 2015 – Jan 2016", "Feb–Mar 2016"]


def test_the_last_group_of_months_may_run_past_the_span():
    # 5 months in 2 columns: 3 months each, the second running a month past May
    axis = make_axis(day(2015, 1), day(2015, 5, 31), 2)
    assert (axis.unit, axis.starts) == ("3 months", [day(2015, 1), day(2015, 4), day(2015, 7)])
    assert axis.label(1) == "Apr–Jun 2015"


def test_eleven_months_a_column_is_the_most_before_years():
    axis = make_axis(day(2015, 1), day(2015, 11, 30), 1)
    assert (axis.unit, axis.starts, axis.label(0)) == ("11 months", [day(2015, 1), day(2015, 12)], "Jan–Nov 2015")
    axis = make_axis(day(2015, 1), day(2015, 12, 31), 1)
    assert (axis.unit, axis.starts, axis.label(0)) == ("year", [day(2015, 1), day(2016, 1)], "2015")


def test_a_month_axis_marks_where_each_year_begins():
    axis = make_axis(day(2015, 11), day(2016, 2, 29), 10)
    assert axis.columns == 4
    assert axis.year_starts() == [(0, "2015"), (2, "2016")]


# --- years ------------------------------------------------------------------------------

def test_a_long_span_gets_a_year_a_column():
    axis = make_axis(day(2000, 1), day(2019, 12, 31), 20)  # 240 months in 20 columns
    assert (axis.unit, axis.columns) == ("year", 20)
    assert axis.starts[:2] == [day(2000, 1), day(2001, 1)] and axis.starts[-1] == day(2020, 1)
    assert [axis.label(0), axis.label(19)] == ["2000", "2019"]
    assert axis.year_starts()[:3] == [(0, "2000"), (1, "2001"), (2, "2002")]


def test_a_very_long_span_gets_groups_of_years():
    axis = make_axis(day(1000, 1), day(2000, 1), 50)  # 1001 years: 21 a column, 48 columns
    assert (axis.unit, axis.columns) == ("21 years", 48)
    assert axis.starts[:2] == [day(1000, 1), day(1021, 1)] and axis.starts[-1] == day(2008, 1)
    assert [axis.label(0), axis.label(47)] == ["1000–1020", "1987–2007"]
    assert axis.year_starts()[:2] == [(0, "1000"), (1, "1021")]


# --- columns and counts -------------------------------------------------------------------

def test_a_day_falls_in_the_column_that_covers_it_and_the_edges_take_the_rest():
    axis = make_axis(day(2015, 1), day(2015, 12, 31), 80)
    assert axis.column_of(day(2015, 1, 31)) == 0
    assert axis.column_of(day(2015, 2, 1)) == 1  # a column's first day is its own
    assert axis.column_of(day(2015, 12, 31)) == 11
    assert axis.column_of(day(2014, 6, 1)) == 0  # before the axis: the first column
    assert axis.column_of(day(2016, 6, 1)) == 11  # after it: the last


def test_counts_per_column_with_the_edges_taking_what_falls_outside():
    axis = make_axis(day(2015, 1), day(2015, 12, 31), 80)
    days = [day(2014, 12, 31), day(2015, 1, 1), day(2015, 1, 31), day(2015, 2, 1), day(2015, 12, 31),
            day(2016, 1, 5)]
    counts = axis.counts(list(range(len(days))), days.__getitem__)
    assert counts == [3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]


def test_no_events_count_nothing():
    axis = make_axis(day(2015, 1), day(2015, 12, 31), 80)
    assert axis.counts([], lambda i: i) == [0] * 12


def test_an_axis_built_by_hand_has_one_column_fewer_than_starts():
    axis = Axis("month", [day(2015, 1), day(2015, 2), day(2015, 3)])
    assert axis.columns == 2 and axis.label(1) == "Feb 2015"


@pytest.mark.parametrize("width", [1, 3, 12, 40, 200])
def test_columns_never_outnumber_the_width(width):
    for first, last in [(day(2015, 1), day(2015, 12, 31)), (day(1900, 1), day(2020, 1)), (day(2015, 1), day(2015, 1, 20))]:
        axis = make_axis(first, last, width)
        assert 1 <= axis.columns <= width
        assert axis.starts[0] <= first and axis.starts[-1] > last  # every day is covered
