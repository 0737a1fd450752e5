"""Each screen owns its keys and palette commands: what belongs to the main screen cannot
be reached from a screen above it, and every binding can be remapped by its id."""

import inspect
import pkgutil
from importlib import import_module

import pytest
from conftest import EVENTS
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode

import timeline.tui
from timeline.loader import load
from timeline.tui import keys
from timeline.tui.app import make_app
from timeline.tui.screens.help import HelpScreen
from timeline.tui.screens.lanes import LanesScreen
from timeline.tui.screens.listing import EventListScreen
from timeline.tui.screens.main import MainScreen
from timeline.tui.screens.picker import PickerScreen


async def run_command(pilot, typed: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*typed)
    await pilot.pause(0.3)  # the palette searches in a worker
    await pilot.press("enter")
    await pilot.pause()


async def test_the_palette_runs_a_main_screen_command_from_the_main_screen():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await run_command(pilot, "Disputes")
        assert isinstance(app.screen, EventListScreen)


async def test_the_palette_offers_no_main_screen_command_over_the_lanes():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("L")
        assert isinstance(app.screen, LanesScreen)
        await pilot.press("D")  # the key does nothing here
        assert isinstance(app.screen, LanesScreen)
        await run_command(pilot, "Disputes")
        assert isinstance(app.screen, (LanesScreen, CommandPalette))  # nothing opened on top
        assert not any(isinstance(screen, EventListScreen) for screen in app.screen_stack)


def package_classes():
    """Every screen and widget class defined in timeline.tui."""
    for info in pkgutil.walk_packages(timeline.tui.__path__, "timeline.tui."):
        module = import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                yield cls


def test_every_binding_of_every_screen_and_widget_is_in_the_registry():
    registered = {id(binding) for binding in keys.everything()}
    classes = list(package_classes())
    assert {MainScreen, PickerScreen, HelpScreen} <= set(classes)
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding) and binding.id, (cls, binding)
            assert id(binding) in registered, (cls.__name__, binding.id)


def test_binding_ids_are_unique():
    ids = [binding.id for binding in keys.everything()]
    shared = {i for i in ids if ids.count(i) > 1}
    # one group serves several scopes (MAIN, APP, LIST): the same Binding object, not two
    assert all(len({id(b) for b in keys.everything() if b.id == i}) == 1 for i in shared)


def test_the_default_keys_have_no_clash():
    from timeline.settings import _clashes

    assert _clashes({}, "keymap.yaml", {}, keys.defaults(), keys.scopes(), keys.normalize) == []


@pytest.mark.parametrize("binding_id, key", [("picker.toggle", "ctrl+t"), ("help.close", "c")])
async def test_dialog_keys_can_be_remapped(binding_id, key):
    """Picker, help and prompt keys were outside the registry and could not be remapped."""
    app = make_app(load(EVENTS), keymap={binding_id: key})
    async with app.run_test(size=(120, 40)) as pilot:
        if binding_id == "picker.toggle":
            await pilot.press("a", key, "down", key, "enter")  # enter alone would apply just one
            assert len(app.main.filters.query.actors) == 2
        else:
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            assert app.screen is app.main
