"""Problems a new user found, each pinned by a test."""

import pytest
from conftest import EVENTS, SEEDS
from test_app import selected

from timeline.loader import load
from timeline.query import Query
from timeline.tui.app import make_app
from timeline.tui.screens.listing import EventListScreen


async def test_vim_keys_move_in_the_views():
    timeline = load(EVENTS)
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("D")
        assert isinstance(app.screen, EventListScreen)
        listing = app.screen.query_one("#listing")
        first = listing.highlighted
        await pilot.press("j")
        assert listing.highlighted > first
        await pilot.press("G")
        assert listing.highlighted == listing.option_count - 1
        await pilot.press("g")
        assert listing.highlighted == first


async def test_vim_keys_move_in_the_detail_pane_lists():
    timeline = load(EVENTS)
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.query_one("#timeline").select_event(timeline.by_id["kadyrov-claims-spy-network-inside-is"])
        await pilot.press("enter", "j")
        assert app.main.query_one("#sources").current == 1
        await pilot.press("k")
        assert app.main.query_one("#sources").current == 0
        assert selected(app).id == "kadyrov-claims-spy-network-inside-is"


async def test_lanes_span_only_their_actors_events():
    timeline = load(EVENTS)
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"peskov", "enter", "L")
        axis = app.screen.axis
        days = [timeline.first_day[i] for i in timeline.index_actor["peskov"]]
        assert axis.starts[0] <= min(days) and max(days) < axis.starts[-1]
        assert axis.unit == "month"  # 2015-2016 fits a month a column at this width


async def test_goto_beyond_the_last_event_says_so():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("colon", *"2099", "enter")
        assert selected(app) is app.timeline.events[-1]
        assert any("Nothing shown after 2099" in str(n.message) for n in app._notifications)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the project")
async def test_o_opens_the_article_the_source_filter_names():
    timeline = load(EVENTS)
    app = make_app(timeline, query=Query(sources=("breitbart-2016-02-09",)))
    async with app.run_test(size=(120, 40)) as pilot:
        event = timeline.event("kadyrov-takes-power-in-chechnya")
        assert event.sources[0].source != "breitbart-2016-02-09"
        app.main.query_one("#timeline").select_event(timeline.by_id[event.id])
        await pilot.press("o")
        assert app.screen.source.id == "breitbart-2016-02-09"
