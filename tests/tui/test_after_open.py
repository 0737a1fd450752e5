"""The work after the first screen (the content hash, the indexes, the search texts) waits
while the user presses keys, so that the first keys after an open cost what they show."""

import time

from timeline.tui import app as app_module
from timeline.tui.app import Pause


class Clock:
    def __init__(self):
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class Keys:
    _last_input = 0.0


def test_the_work_waits_until_no_key_came_for_a_while(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(app_module, "time", clock)
    keys = Keys()
    keys._last_input = clock.now - 0.1  # a key a tenth of a second ago
    pause = Pause(keys)
    pause()
    assert clock.now >= keys._last_input + app_module.QUIET_SECONDS
    waited = clock.now
    pause()  # quiet since: goes on at once
    assert clock.now == waited


def test_keys_held_down_hold_the_work_back_only_so_long(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(app_module, "time", clock)

    class Pressing:  # a key every time it is asked
        @property
        def _last_input(self):
            return clock.now

    pause = Pause(Pressing())
    for _ in range(100):
        pause()
    assert app_module.QUIET_LONGEST <= clock.now - 100.0 < app_module.QUIET_LONGEST + 1


async def test_a_key_counts_as_input_for_the_pause(tmp_path):
    from conftest import EVENTS

    from timeline.loader import load
    from timeline.tui.app import make_app

    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        before = time.monotonic()
        await pilot.press("j")
        assert app._last_input >= before


async def test_the_footer_is_composed_again_only_when_the_keys_it_shows_change(monkeypatch):
    """Textual composes the footer (a widget a key) at each change of focus or bindings,
    three times over just after the first screen, where the first keys waited for it."""
    from conftest import EVENTS
    from textual.widgets import Input

    from timeline.loader import load
    from timeline.tui.app import make_app
    from timeline.tui.widgets.footer import AppFooter

    composed = []
    compose = AppFooter.compose

    def counted(self):
        if self._bindings_ready:
            composed.append(self)
        yield from compose(self)

    monkeypatch.setattr(AppFooter, "compose", counted)
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(composed) == 1
        footer = app.main.query_one(AppFooter)
        assert "Search" in " ".join(key.description for key in footer.children if hasattr(key, "description"))
        await pilot.press("j", "j")
        assert len(composed) == 1  # the same keys
        await pilot.press("slash")
        await pilot.pause()
        assert app.main.query_one("#search", Input).has_focus
        assert len(composed) == 2  # the search bar's keys
        await pilot.press("escape")
        await pilot.pause()
        assert len(composed) == 3
        assert "Actors" in " ".join(key.description for key in footer.children if hasattr(key, "description"))
