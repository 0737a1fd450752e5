"""The overview strip, the actor lanes, and export from the app."""

from timeline.axis import make_axis


def test_axis_uses_months_then_groups_of_months_then_years():
    day = lambda y, m, d=1: __import__("datetime").date(y, m, d).toordinal()
    assert make_axis(day(2015, 1), day(2015, 12, 31), 80).unit == "month"
    short = make_axis(day(2020, 3, 2), day(2020, 3, 4), 80)
    assert (short.unit, short.columns, short.label(1)) == ("day", 3, "3 Mar 2020")
    assert make_axis(day(2007, 1), day(2018, 12, 31), 72).unit == "2 months"
    assert make_axis(day(1000, 1), day(2000, 1), 50).unit.endswith("years")
    axis = make_axis(day(2015, 1), day(2015, 12, 31), 80)
    assert axis.columns == 12 and axis.label(1) == "Feb 2015"
    assert axis.column_of(day(2015, 3, 15)) == 2
