"""Keys that cost what the screen shows: the row and the header move at once and the detail
pane follows when the keys rest; a search shows its first matches and counts the rest
between keys, the header saying so and never giving a count it does not have."""

import json
from unittest import mock

import pytest
from conftest import EVENTS
from rich.text import Text
from textual.geometry import Region

from timeline.loader import load
from timeline.query import Query, Searcher
from timeline.tui.app import make_app
from timeline.tui.widgets.detail import DetailPane, QuoteEntry, SourceList
from timeline.tui.widgets.timeline_view import TimelineView


def header(app) -> str:
    widget = app.main.query_one("#header")
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(line.text.strip() for line in lines if line.text.strip())


def pane_title(app) -> str:
    """The first line the detail pane shows: the event's title."""
    body = app.main.query_one("#detail-body")
    first = next(widget for widget in body.children if widget.display)
    return first.content.plain if isinstance(first.content, Text) else str(first.content)


def selected(app):
    view = app.main.query_one(TimelineView)
    return app.timeline.events[view.selected_event]


@pytest.fixture(scope="module")
def bundled():
    return load(EVENTS)


async def test_keys_typed_ahead_move_the_row_and_the_pane_shows_where_they_stop(bundled):
    app = make_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"jjjjjj")
        assert f"7/{len(bundled.events)}" in header(app)  # the header keeps up with the row
        await pilot.pause()
        assert selected(app) is bundled.events[6]
        assert pane_title(app) == bundled.events[6].title
        assert app.main.query_one(DetailPane).event is bundled.events[6]


async def test_a_move_updates_the_pane_in_place(bundled):
    """The pane's widgets are kept from one event to the next: a move repaints them, it
    does not mount the pane anew."""
    app = make_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        before = list(app.main.query(QuoteEntry))
        await pilot.press("j")
        await pilot.pause()
        after = list(app.main.query(QuoteEntry))
        assert before and after[:len(before)] == before[:len(after)]
        shown = [entry for entry in after if entry.display]
        assert shown == app.main.query_one(SourceList).quotes
        assert len(shown) == len(bundled.events[1].sources)


async def test_enter_right_after_a_move_opens_the_event_the_cursor_is_on(bundled):
    app = make_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "enter")  # before the pane has had a frame to follow
        pane, quotes = app.main.query_one(DetailPane), app.main.query_one(SourceList)
        assert pane.event is bundled.events[2] and quotes.has_focus
        assert [entry.index for entry in quotes.quotes] == list(range(len(bundled.events[2].sources)))


# --- a search on a file of many events ---------------------------------------------------------

def many_events(write, count: int):
    """A file of `count` events, every third one about Grozny."""
    header = {"title": "Many", "sources": {"wire": {"outlet": "Wire", "published": "2016-01-01"}}}
    lines = [json.dumps(header)]
    for n in range(count):
        place = "Grozny" if n % 3 == 0 else "Aleppo"
        lines.append(json.dumps({"id": f"e{n}", "date": f"2016-{1 + n % 12:02d}-{1 + n % 28:02d}", "kind": "report",
                                 "title": f"Report {n} from {place}", "date_basis": "stated",
                                 "sources": [{"source": "wire", "quote": f"fighting in {place}"}]}))
    return load(write("many.jsonl", "\n".join(lines) + "\n"))


async def test_a_search_shows_its_first_matches_and_counts_the_rest_between_keys(write):
    timeline = many_events(write, 900)
    expected = list(Searcher(timeline).run(Query(text="grozny")))
    app = make_app(timeline)
    # Small steps, and counting held back: the screen as it is before the count is done.
    with mock.patch("timeline.query.STEP", 20), mock.patch("timeline.query.FIRST_STEP", 20), \
            mock.patch("timeline.tui.screens.main.COUNT_PAUSE", 3600):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("slash", *"grozny")
            await pilot.pause()
            view = app.main.query_one(TimelineView)
            shown = list(view.shown)
            assert 100 <= len(shown) < len(expected) and shown == expected[:len(shown)]
            assert "searching 900 events…" in header(app)
            assert f"of 900 events" not in header(app)  # no count it does not have
            assert "1/…" in header(app)
            # what needs them all counts to the end first: here, find's matches
            assert app.main.all_shown() == expected
            assert f"{len(expected)} of 900 events" in header(app)


async def test_the_count_arrives_by_itself_and_the_cursor_stays_where_the_user_took_it(write):
    timeline = many_events(write, 900)
    expected = list(Searcher(timeline).run(Query(text="grozny")))
    app = make_app(timeline)
    with mock.patch("timeline.query.STEP", 20), mock.patch("timeline.query.FIRST_STEP", 20):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("slash", *"grozny", "enter", "j", "j")
            for _ in range(20):
                await pilot.pause(0.05)
            view = app.main.query_one(TimelineView)
            assert list(view.shown) == expected
            assert f"{len(expected)} of 900 events" in header(app)
            assert view.selected_event == expected[2]
            assert f"3/{len(expected)}" in header(app)



async def test_a_call_after_paint_comes_once_the_rows_are_painted_again(bundled):
    """What a search counts after its first matches are on screen waits for this."""
    app = make_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.main.query_one(TimelineView)
        called = []
        view.call_after_paint(lambda: called.append(view.scroll_offset.y))
        assert called == []
        await pilot.pause()
        assert called == [0]
        await pilot.pause()
        assert called == [0]  # once


async def test_the_header_marks_thousands_as_the_title_and_the_reading_line_do(write):
    timeline = many_events(write, 1200)
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G")
        assert "1,200 of 1,200 events" in header(app) and "1,200/1,200" in header(app)
