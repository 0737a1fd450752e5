"""Users remap keys by binding id in keymap.yaml; bad entries are reported like bad events."""

import io

from conftest import EVENTS
from rich.console import Console

from timeline.loader import load
from timeline.tui.app import make_app
from timeline.tui.widgets.timeline_view import TimelineView


async def test_remapped_key_moves_and_help_shows_it():
    timeline = load(EVENTS)
    app = make_app(timeline, keymap={"nav.down": "n"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert app.main.query_one(TimelineView).selected_event == 1
        await pilot.press("j")  # no longer bound
        assert app.main.query_one(TimelineView).selected_event == 1
        await pilot.press("question_mark")
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.query("Static").last().content)
        line = next(l for l in console.export_text().splitlines() if "Next event" in l)
        assert line.split()[0] == "n"


async def test_palette_toggles_a_kind_filter_on_and_off():
    timeline = load(EVENTS)
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)):
        app.main.toggle_filter("kinds", "denial")
        assert app.main.filters.query.kinds == ("denial",)
        app.main.toggle_filter("kinds", "denial")
        assert app.main.filters.query.kinds == ()
