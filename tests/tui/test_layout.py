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


@given(width=st.integers(20, 160), filters=st.lists(st.sampled_from(["text: “mosc”", "kind: denial or attack",
                                                                     "actor: Dmitry Peskov"]), max_size=3))
def test_the_header_shows_the_cursors_place_whole_at_any_width_that_holds_it(width, filters):
    """At 50 columns a million events' count left the place no room, and it was cut
    ('▸ before Dec 2025 1,'): it takes a line of its own then."""
    from rich.text import Text

    from timeline.tui.widgets.header import HeaderText

    position = Text("▸ before Dec 2025 1,000,000/1,000,000 ")
    lines = HeaderText("1,000,000 of 1,000,000 events", filters, "Generated timeline", position).lines(width)
    assert all(line.cell_len <= width for line in lines)
    if position.cell_len <= width:
        assert any(line.plain.endswith(position.plain) for line in lines)
    assert lines[0].plain.startswith(" 1,000,000 of 1,000,000 events"[:width - 1])
