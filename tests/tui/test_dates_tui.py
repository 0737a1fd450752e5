"""Times of day, seasons and unspecified digits in the app: one day's events in time
order, each date shown as it reads back, go-to and the date filter taking a time."""

import pytest
from conftest import ROOT
from test_app import detail_text, header, selected, shown_ids

from timeline.loader import load
from timeline.tui.app import make_app
from timeline.tui.widgets.timeline_view import TimelineView

DATES = ROOT / "tests" / "core" / "data" / "dates" / "events.yaml"
IN_TIME_ORDER = ["some-year", "that-day", "five-in-moscow", "four-utc", "five-local", "late-in-new-york",
                 "some-day-in-october", "next-day-moscow", "winter", "spring"]


@pytest.fixture
def timeline():
    return load(DATES)


def row_of(app, event_id: str) -> str:
    view = app.main.query_one(TimelineView)
    return view.row_text(app.timeline.by_id[event_id], 100).plain


async def test_the_timeline_lists_one_days_events_in_time_order(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)):
        assert shown_ids(app) == IN_TIME_ORDER
        assert row_of(app, "five-in-moscow").startswith("   30 Sep 2015 05:00 +03:00 ")
        assert row_of(app, "four-utc").startswith("   30 Sep 2015 04:00 UTC    ")
        assert row_of(app, "some-year").startswith("   a year in the 2010s      ")
        assert row_of(app, "winter").startswith("   Winter 2015–16           ")


async def test_the_order_and_the_rows_survive_a_warm_open(tmp_path):
    from timeline.cache import load_cached, save

    path = tmp_path / "events.yaml"
    path.write_bytes(DATES.read_bytes())
    save(load_cached(path))
    app = make_app(load_cached(path))
    async with app.run_test(size=(120, 40)):
        assert shown_ids(app) == IN_TIME_ORDER


@pytest.mark.parametrize("typed, lands_on", [
    ("30 Sep 2015 03:00 UTC", "four-utc"),  # past 05:00 in Moscow, which is 02:00 UTC
    ("2015-09-30T05:00", "five-local"),
    ("2015-09-30T02:00Z", "five-in-moscow"),
    ("2015-09-30", "that-day"),  # a day: its first event, the one without a time
    ("Spring 2016", "spring"),
    ("Winter 2015", "winter"),
    ("2015-10-XX", "some-day-in-october"),
])
async def test_go_to_a_time_lands_on_the_first_event_at_or_after_it(timeline, typed, lands_on):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G", "colon", *typed, "enter")
        assert selected(app).id == lands_on


async def test_the_detail_pane_says_the_date_and_its_days(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G")  # spring
        assert "Date Spring 2016 1 Mar – 31 May 2016 (2016-21)" in detail_text(app)
        await pilot.press("colon", *"2015-09-30T02:00Z", "enter")
        assert "Date 30 Sep 2015 05:00 +03:00 (2015-09-30T05:00+03:00)" in detail_text(app)


async def test_the_date_filter_takes_a_time_and_shows_it(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d", *"2015-09-30T04:30Z", "tab", *"2015-09-30 05:00", "enter")
        assert "3 of 10 events" in header(app)
        assert "dates: 2015-09-30T04:30Z to 2015-09-30T05:00" in header(app)
        assert shown_ids(app) == ["some-year", "that-day", "five-local"]
        await pilot.press("d")  # the dialog opens with the moments as they read back
        assert app.screen.query_one("#date-from").value == "2015-09-30T04:30Z"
        assert app.screen.query_one("#date-to").value == "2015-09-30T05:00"


async def test_a_date_too_long_for_its_column_ends_in_an_ellipsis(write):
    path = write("e.yaml", """
        sources: {s: {outlet: O, published: 2019}}
        events:
          - {id: a, date: 2018-08-20T09:00/2018-08-23T18:00, date_basis: b, kind: other, title: Monitors,
             sources: [{source: s, quote: q}]}
          - {id: b, date: 2018-08-20T13:40:05+03:00, date_basis: b, kind: other, title: Shot,
             sources: [{source: s, quote: q}]}
    """)
    app = make_app(load(path))
    async with app.run_test(size=(120, 40)):
        assert row_of(app, "a").startswith("   20 Aug 2018 09:00 – 23 … ")
        assert row_of(app, "b").startswith("   20 Aug 2018 13:40:05 +0… ")


def test_snapshot_times_seasons_and_unspecified_digits_80x24(snap_compare):
    """The rows and the detail pane of one day's timed events, a season and the 2010s."""
    async def to_moscow(pilot):
        view = pilot.app.main.query_one(TimelineView)
        view.select_event(pilot.app.timeline.by_id["five-in-moscow"])
        await pilot.pause()

    assert snap_compare(make_app(load(DATES)), terminal_size=(80, 24), run_before=to_moscow)
