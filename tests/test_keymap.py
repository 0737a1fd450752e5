"""Users remap keys by binding id in keymap.yaml; bad entries are reported like bad events."""

import io

import pytest
from rich.console import Console

from conftest import EVENTS
from timeline.tui import keys
from timeline.tui.app import make_app
from timeline.loader import load
from timeline.problems import LoadError
from timeline.settings import load_keymap
from timeline.tui.widgets.timeline_view import TimelineView


def test_keymap_file_is_read_and_checked(write):
    path = write("keymap.yaml", "nav.down: n, down\nnav.up: u\n")
    assert load_keymap(keys.defaults(), keys.scopes(), path) == {"nav.down": "n,down", "nav.up": "u"}


def test_unknown_binding_id_is_named_with_its_line(write):
    path = write("keymap.yaml", "nav.down: n\nnav.dwon: x\n")
    with pytest.raises(LoadError) as error:
        load_keymap(keys.defaults(), keys.scopes(), path)
    assert str(error.value.problems[0]).startswith(f"{path}:2:1: unknown binding id 'nav.dwon' (did you mean 'nav.down'?)")


def test_no_keymap_file_means_no_changes(tmp_path):
    assert load_keymap(keys.defaults(), keys.scopes(), tmp_path / "keymap.yaml") == {}


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
