"""Keys typed in one burst: the terminal hands them over together (a fast typist, a paste,
tmux send-keys), and Textual sends each to the widget focused when it arrives. Pilot's
press waits between keys, so a burst is posted here as the terminal's driver posts it."""

import pytest
from conftest import EVENTS
from test_app import selected
from textual import events
from textual.widgets import Input

from timeline.loader import load
from timeline.tui.app import make_app
from timeline.tui.screens.prompts import ExportScreen

NAMES = {"/": "slash", ":": "colon", "\r": "enter", " ": "space"}


@pytest.fixture
def timeline():
    return load(EVENTS)


async def burst(app, pilot, typed: str) -> None:
    for character in typed:
        app.post_message(events.Key(NAMES.get(character, character), character))
    for _ in range(4):
        await pilot.pause()


async def test_letters_typed_with_the_slash_go_into_the_search_not_to_the_list(timeline):
    """'/Pes' at once: the letters were the list's commands ('e' opened the export dialog)."""
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(app, pilot, "/Pes")
        assert not isinstance(app.screen, ExportScreen)
        assert app.main.query_one("#search", Input).value == "Pes"
        assert app.main.filters.query.text == "Pes"


async def test_a_name_typed_with_the_pickers_key_picks_it(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(app, pilot, "aKadyrov\r")
        assert app.screen is app.main and app.main.filters.query.actors == ("kadyrov",)


async def test_a_date_typed_with_the_go_to_key_goes_there(timeline):
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await burst(app, pilot, ":2016\r")
        assert app.screen is app.main
        assert "2016" in selected(app).date.display()
