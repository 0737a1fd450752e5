"""The overview strip, the actor lanes, and export from the app."""

import json

import pytest

from conftest import EVENTS
from test_app import selected
from timeline.tui.app import make_app
from timeline.axis import make_axis
from timeline.loader import load
from timeline.tui.screens.lanes import LanesScreen
from timeline.tui.widgets.overview import Overview
from timeline.tui.widgets.timeline_view import TimelineView


@pytest.fixture
def timeline():
    return load(EVENTS)


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


async def test_overview_counts_every_event_and_brightens_the_filtered(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        strip = app.main.query_one(Overview)
        strip.render()
        axis = strip.axis
        day_of = timeline.first_day.__getitem__
        assert sum(axis.counts(range(len(timeline.events)), day_of)) == len(timeline.events)
        await pilot.press("a", *"Peskov", "enter")
        strip.render()
        shown = axis.counts(app.main.query_one(TimelineView).shown, day_of)
        assert sum(shown) == len([e for e in timeline.events if "peskov" in e.actor_ids])
        columns = {axis.column_of(timeline.first_day[timeline.by_id[e.id]]) for e in timeline.events
                   if "peskov" in e.actor_ids}
        assert {c for c, n in enumerate(shown) if n} == columns


async def test_clicking_the_overview_moves_to_that_time(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        strip = app.main.query_one(Overview)
        strip.render()
        target = strip.axis.column_of(timeline.event("chechnya-police-attacks").date.sort_key[0])
        await pilot.click(Overview, offset=(target * strip.stretch, 0))
        event = selected(app)
        assert strip.axis.column_of(event.date.sort_key[0]) == target
        assert event.date.sort_key[0] >= strip.axis.starts[target]


async def test_lanes_show_each_chosen_actor_and_jump(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"peskov", "tab", *("backspace",) * 6, *"karimov", "tab", "enter")
        await pilot.press("L")
        lanes = app.screen
        assert isinstance(lanes, LanesScreen)
        assert lanes.actors == ["peskov", "karimov"]
        for lane, actor in enumerate(lanes.actors):
            placed = sorted(i for cell in lanes.cells[lane] for i in cell)
            assert placed == timeline.index_actor[actor]  # every event of the actor, in its lane
        first = lanes.cells[0][lanes.column][0]
        await pilot.press("right")
        second_column = lanes.column
        assert lanes.cells[0][second_column] and lanes.cells[0][second_column][0] > first
        await pilot.press("down")  # Karimov's lane, same column
        assert lanes.lane == 1
        await pilot.press("up", "enter")
        assert selected(app).id == timeline.ids[lanes.cells[0][second_column][0]]


async def test_lanes_without_a_filter_take_the_busiest_actors(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("L")
        busiest = sorted(timeline.index_actor, key=lambda a: -len(timeline.index_actor[a]))[:8]
        assert app.screen.actors == busiest


async def test_export_from_the_app_writes_what_is_shown(timeline, tmp_path):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", *"denial", "enter", "e")
        path = app.screen.query_one("#export-path")
        path.value = str(tmp_path / "denials.md")
        await pilot.press("down", "enter")  # TimelineJS
        written = tmp_path / "denials.json"
        assert written.is_file()
        document = json.loads(written.read_text(encoding="utf-8"))
        assert [s["unique_id"] for s in document["events"]] == [e.id for e in timeline.events if e.kind == "denial"]
        await pilot.press("e")
        app.screen.query_one("#export-path").value = str(written)
        await pilot.press("down", "enter")
        assert written.read_text(encoding="utf-8") == json.dumps(document, ensure_ascii=False, indent=1) + "\n"
