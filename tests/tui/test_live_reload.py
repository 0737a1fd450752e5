"""Live reload: the app follows the file as it is edited, and keeps the last good data."""

from unittest import mock

import pytest
from conftest import EVENTS, recorded_for

from timeline.loader import load
from timeline.query import Query
from timeline.tui.app import make_app
from timeline.tui.widgets.timeline_view import TimelineView


def copy_events(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(EVENTS.read_bytes())
    return path


async def wait_for(pilot, condition, seconds=5.0):
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_an_edit_is_shown_keeping_filters_and_cursor(tmp_path):
    path = copy_events(tmp_path)
    app = make_app(load(path), query=Query(actors=("peskov",)))
    app.reload_interval = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.main.query_one(TimelineView)
        view.action_last()
        kept = app.timeline.ids[view.selected_event]
        text = path.read_text(encoding="utf-8")
        old_title = load(path).event(kept).title
        path.write_text(text.replace(old_title, "An edited title"), encoding="utf-8")
        assert await wait_for(pilot, lambda: app.timeline.event(kept).title == "An edited title")
        await pilot.pause()
        assert app.timeline.ids[view.selected_event] == kept  # the cursor stayed on the event
        assert app.main.filters.query.actors == ("peskov",)  # and the filter stayed on
        assert "An edited title" in view.row_text(view.selected_event, 100).plain


async def test_an_edited_title_is_the_apps_title_after_the_reload(tmp_path):
    """The window's title is the file's: a reload kept the old one."""
    path = copy_events(tmp_path)
    app = make_app(load(path))
    app.reload_interval = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        old = app.timeline.title
        path.write_text(path.read_text(encoding="utf-8").replace(old, "Edited title", 1), encoding="utf-8")
        assert await wait_for(pilot, lambda: app.timeline.title == "Edited title")
        assert app.title == "Edited title"


async def test_an_invalid_edit_keeps_the_old_data_and_shows_the_error(tmp_path):
    path = copy_events(tmp_path)
    app = make_app(load(path))
    app.reload_interval = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        before = len(app.timeline.events)
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("kind: attack", "kind: atack", 1), encoding="utf-8")
        banner = app.main.query_one("#reload-error")
        assert await wait_for(pilot, lambda: banner.display)
        message = str(banner.render())
        assert "cannot be read (1 error); showing it as it was before" in message
        assert f"{path}:" in message and "unknown kind 'atack' (did you mean 'attack'?)" in message
        assert len(app.timeline.events) == before
        path.write_text(good, encoding="utf-8")  # fixed: the banner goes
        assert await wait_for(pilot, lambda: not banner.display)
        assert len(app.timeline.events) == before


async def test_a_slow_reload_of_an_older_save_never_overwrites_a_newer_one(tmp_path):
    path = copy_events(tmp_path)
    app = make_app(load(path))
    async with app.run_test(size=(120, 40)) as pilot:
        good = load(path)
        app._reload_generation = 2  # a newer save (generation 2) is being read
        app._reloaded(1, None, ["an old error"])  # the older one finishes last, with an error
        app._reloaded(1, good, None)
        assert not app.main.query_one("#reload-error").display
        app._reloaded(2, good, None)
        await pilot.pause()
        assert not app.main.query_one("#reload-error").display


# --- hostile saves: the session goes on, with the last good data ------------------------

HOSTILE_SAVES = {
    "a recursive alias": ("kind: attack", "kind: attack\n    tags: &t [a, *t]",
                          "the alias *t stands inside the value it names"),
    "nesting 100,000 deep": ("kind: attack", "kind: attack\n    tags: " + "[" * 100_000 + "]" * 100_000,
                             "this is not valid YAML"),
    "an escape sequence": ("kind: attack", 'kind: attack\n    summary: "\\e]0;PWNED\\a\\e[2J"',
                           "'summary' holds the control character U+001B (escape)"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_SAVES))
async def test_a_hostile_save_keeps_the_old_data_and_shows_the_error(tmp_path, name):
    old, new, words = HOSTILE_SAVES[name]
    path = copy_events(tmp_path)
    app = make_app(load(path))
    app.reload_interval = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        before = app.timeline
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        banner = app.main.query_one("#reload-error")
        assert await wait_for(pilot, lambda: banner.display)
        assert words in str(banner.render())
        assert app.timeline is before and app.is_running


async def test_a_reload_that_fails_in_an_unforeseen_way_is_shown_not_fatal(tmp_path):
    path = copy_events(tmp_path)
    app = make_app(load(path))
    app.reload_interval = 0.05
    with mock.patch("timeline.cache.load_cached", side_effect=RecursionError("maximum recursion depth exceeded")):
        async with app.run_test(size=(120, 40)) as pilot:
            before = app.timeline
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            banner = app.main.query_one("#reload-error")
            assert await wait_for(pilot, lambda: banner.display)
            assert "cannot be read (RecursionError: maximum recursion depth exceeded)" in str(banner.render())
            assert app.timeline is before and app.is_running


async def test_a_file_whose_content_is_not_the_caches_is_reloaded_after_the_first_screen(tmp_path):
    """The cache takes a file by its status before the first screen; when its content
    then turns out to be another than the entry's, the app reloads it from the file."""
    from timeline.cache import load_cached

    path = copy_events(tmp_path)
    title = load(path).events[0].title
    recorded_for(path, path.read_text(encoding="utf-8").replace(title, "A title of before").encode("utf-8"))
    app = make_app(load_cached(path, check_content=False))
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.main.query_one(TimelineView)
        assert await wait_for(pilot, lambda: app.timeline.events[0].title == title)
        await pilot.pause()
        assert title[:40] in view.row_text(0, 120).plain


async def test_a_session_on_the_store_reloads_an_edit_and_the_store_is_made_again(tmp_path):
    """Opened from the columnar store, as a warm open is: an edit is shown (read from the
    file), searched, and written to the store again for the next open."""
    from timeline import store
    from timeline.cache import load_cached, save
    from timeline.query import Searcher

    path = copy_events(tmp_path)
    save(load_cached(path))
    stored = load_cached(path, check_content=False)
    assert type(stored.records) is store.StoredRecords
    old_title = stored.events[0].title
    app = make_app(stored)
    app.reload_interval = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.main.query_one(TimelineView)
        path.write_text(path.read_text(encoding="utf-8").replace(old_title, "Zanzibar edited title"), encoding="utf-8")
        assert await wait_for(pilot, lambda: app.timeline.events[0].title == "Zanzibar edited title")
        assert await wait_for(pilot, lambda: not any(w.group == "prepare" and not w.is_finished for w in app.workers))
        await pilot.pause()
        assert "Zanzibar edited title" in view.row_text(view.selected_event, 100).plain
        assert [app.timeline.ids[i] for i in Searcher(app.timeline).run(Query(text="zanzibar"))] == [app.timeline.ids[0]]
    again = load_cached(path)
    assert type(again.records) is store.StoredRecords and again.pending_cache is None  # the store, made again
    assert again.events[0].title == "Zanzibar edited title"
    assert list(again.events) == list(load(path).events)
    assert [again.ids[i] for i in Searcher(again).run(Query(text="zanzibar"))] == [again.ids[0]]
