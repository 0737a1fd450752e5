"""The timeline's row layout, built per month group by bisection, against a naive build."""

from array import array

from hypothesis import given
from hypothesis import strategies as st

from timeline.tui.widgets.timeline_view import RowLayout


class FakeTimeline:
    def __init__(self, month_of):
        self.month_of = array("l", month_of)


def naive_rows(month_of, shown):
    rows, year, month = [], None, None
    for index in shown:
        key = month_of[index]
        if key != month:
            y, m = divmod(key, 100)
            if y != year:
                rows.append(-(y * 100) - 1)
                year = y
            if m:
                rows.append(-key - 1)
            month = key
        rows.append(index)
    return rows


months = st.lists(st.tuples(st.integers(1990, 1995), st.integers(0, 12)), max_size=60).map(
    lambda pairs: sorted(y * 100 + m for y, m in pairs))


@given(months, st.data())
def test_layout_matches_a_row_by_row_build(month_of, data):
    shown = sorted(data.draw(st.sets(st.integers(0, max(0, len(month_of) - 1)))) if month_of else set())
    layout = RowLayout(FakeTimeline(month_of), shown)
    expected = naive_rows(month_of, shown)
    assert list(layout) == expected
    assert list(layout.event_rows) == [i for i, row in enumerate(expected) if row >= 0]
    assert layout.heading_rows == [i for i, row in enumerate(expected) if row < 0]
