"""Pilot tests of the working session: marks, notes, saved views, the view left last and
the theme, kept from one app to the next, and the events file never written."""

import json
import shlex

import pytest
from conftest import EVENTS
from test_app import detail_text, header, selected, shown_ids
from textual.widgets import Checkbox, Input, OptionList, Static, TextArea

from timeline.cli import _app_parser, build_query
from timeline.filters import Filters
from timeline.loader import load
from timeline.query import Query
from timeline.session import Session, session_path
from timeline.settings import config_dir
from timeline.tui.app import make_app
from timeline.tui.screens.session import (CommandLineScreen, MarksScreen, NameViewScreen, NoteScreen,
                                          SavedViewsScreen)
from timeline.tui.widgets.timeline_view import TimelineView

SIZE = (120, 40)


@pytest.fixture
def events(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(EVENTS.read_bytes())
    return path


def row_of(app, event_id: str) -> str:
    view = app.main.query_one(TimelineView)
    return view.row_text(app.timeline.by_id[event_id], 100).plain


async def mark_events(pilot, *steps):
    """Mark the event after each number of `j` presses, from the top."""
    await pilot.press("g")
    for step in steps:
        await pilot.press(*"j" * step, "m")


async def test_m_marks_and_unmarks_shown_in_the_row_and_the_detail_pane(events):
    app = make_app(load(events))
    async with app.run_test(size=SIZE) as pilot:
        first = selected(app).id
        await pilot.press("m")
        await pilot.pause(0.1)
        assert row_of(app, first).startswith("★")
        assert "★ marked" in detail_text(app)
        assert Session.open(events).is_marked(first)  # kept at once, not only at quit
        await pilot.press("m")
        await pilot.pause(0.1)
        assert not row_of(app, first).startswith("★")
        assert "marked" not in detail_text(app)
        assert not Session.open(events).is_marked(first)


async def test_quote_keys_step_between_marks_and_M_filters_to_them(events):
    timeline = load(events)
    app = make_app(timeline)
    async with app.run_test(size=SIZE) as pilot:
        await mark_events(pilot, 2, 3, 10)
        ids = [timeline.events[i].id for i in (2, 5, 15)]
        await pilot.press("g", "apostrophe")
        assert selected(app).id == ids[0]
        await pilot.press("apostrophe", "apostrophe")
        assert selected(app).id == ids[2]
        await pilot.press("apostrophe")  # no mark after the last: the cursor stays
        assert selected(app).id == ids[2]
        await pilot.press("quotation_mark")
        assert selected(app).id == ids[1]
        await pilot.press("M")
        assert shown_ids(app) == ids
        assert "3 of 51 events" in header(app) and "marked events (3)" in header(app)
        await pilot.press("m")  # unmarked under the filter: it goes from the list
        assert len(shown_ids(app)) == 2 and "marked events (2)" in header(app)
        await pilot.press("M")
        assert len(shown_ids(app)) == len(timeline.events)


async def test_export_dialog_writes_only_the_marked(events, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    timeline = load(events)
    app = make_app(timeline)
    async with app.run_test(size=SIZE) as pilot:
        await mark_events(pilot, 1, 1)
        await pilot.press("e")
        await pilot.pause()
        assert "only the 2 marked" in str(app.screen.query_one(Checkbox).label)
        path = app.screen.query_one("#export-path", Input)
        path.value = str(tmp_path / "marked.jsonl")
        app.screen.query_one(OptionList).highlighted = 3  # JSON Lines
        await pilot.press("tab", "space")
        await pilot.pause()
        assert app.screen.query_one(Checkbox).value
        await pilot.press("enter")
        await pilot.pause()
    assert [e.id for e in load(tmp_path / "marked.jsonl").events] == [timeline.events[1].id, timeline.events[2].id]


async def test_a_note_is_written_shown_kept_and_found_by_the_search(events):
    timeline = load(events)
    app = make_app(timeline)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "i")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"ask Zanzibar desk")
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        noted = timeline.events[2].id
        assert "✎ Note: ask Zanzibar desk" in detail_text(app)
        assert row_of(app, noted).startswith(" ✎")
        await pilot.press("g", "slash", *"zanzibar", "enter")
        await pilot.pause(0.1)
        assert shown_ids(app) == [noted]
        # The search's highlight shows where the note matched.
        from timeline.tui.widgets.detail import DetailPane

        pane = app.main.query_one(DetailPane)
        note = next(w.content for w in pane.query(Static) if "Note:" in w.content.plain)
        assert any("reverse" in str(span.style) and note.plain[span.start:span.end] == "Zanzibar"
                   for span in note.spans)
    assert Session.open(events).note(noted) == "ask Zanzibar desk"
    again = make_app(load(events), clean=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        await pilot.pause(0.1)
        assert "ask Zanzibar desk" in detail_text(again)
        await pilot.press("i")
        assert again.screen.query_one(TextArea).text == "ask Zanzibar desk"
        await pilot.press("escape")
        assert not isinstance(again.screen, NoteScreen)


async def test_a_saved_view_is_restored_in_a_new_app(events):
    timeline = load(events)
    app = make_app(timeline, query=Query(actors=("kadyrov",)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"spy", "enter", "j")
        cursor = selected(app).id
        kept = shown_ids(app)
        await pilot.press("v")
        assert isinstance(app.screen, NameViewScreen)
        await pilot.press(*"spies", "enter")
        await pilot.press("r")
        assert len(shown_ids(app)) == len(timeline.events)
    again = make_app(load(events), clean=True)
    async with again.run_test(size=SIZE) as pilot:
        assert len(shown_ids(again)) == len(timeline.events)
        await pilot.press("V")
        assert isinstance(again.screen, SavedViewsScreen)
        listed = again.screen.query_one("#views").get_option_at_index(0).prompt.plain
        assert "spies" in listed and "actor: Ramzan Kadyrov; text: “spy”" in listed
        assert f"--actor kadyrov --search spy" in listed
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert shown_ids(again) == kept
        assert selected(again).id == cursor
        assert "actor: Ramzan Kadyrov" in header(again) and "text: “spy”" in header(again)


async def test_a_saved_view_is_deleted_with_x(events):
    session = Session.open(events)
    session.save_view("one", Filters.of(Query(kinds=("claim",))), None)
    session.save()
    app = make_app(load(events))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("V", "x")
        await pilot.pause()
        assert "No view saved yet" in app.screen.query_one("#views").get_option_at_index(0).prompt.plain
    assert Session.open(events).views == {}


async def test_the_view_left_last_is_restored_unless_clean_or_filters_given(events):
    timeline = load(events)
    app = make_app(timeline)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"putin", "enter", "j", "j")
        cursor, kept = selected(app).id, shown_ids(app)
        await pilot.press("q")
    again = make_app(load(events))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        assert shown_ids(again) == kept and selected(again).id == cursor
        assert "text: “putin”" in header(again)
    clean = make_app(load(events), clean=True)
    async with clean.run_test(size=SIZE):
        assert len(shown_ids(clean)) == len(timeline.events)
    given = make_app(load(events), query=Query(kinds=("claim",)))
    async with given.run_test(size=SIZE):
        assert "putin" not in header(given) and "kind: claim" in header(given)


async def test_the_command_line_shown_gives_this_view(events):
    timeline = load(events)
    app = make_app(timeline, query=Query(actors=("peskov",), statuses=("disputed", "reported")))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"spy network", "enter", "m", "M")
        filters = app.main.filters
        app.main.action_show_command()
        await pilot.pause()
        assert isinstance(app.screen, CommandLineScreen)
        command = app.screen.query_one("#command", Static).content.plain
    argv = shlex.split(command)
    assert argv[0] == "timeline"
    parsed = build_query(timeline, _app_parser().parse_args(argv[1:]))
    assert Filters.of(parsed) == Filters.of(filters.query)


async def test_marks_and_notes_are_listed_orphans_too(events):
    session = Session.open(events)
    session.toggle_mark("gone-from-the-file")
    session.set_note("gone-from-the-file", "was about the bridge")
    session.toggle_mark("putin-obama-discuss-syria-at-un")
    session.save()
    app = make_app(load(events))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("B")
        assert isinstance(app.screen, MarksScreen)
        listing = app.screen.query_one("#marks")
        lines = [listing.get_option_at_index(i).prompt.plain for i in range(listing.option_count)]
        assert "Syria at the UN" in lines[0]
        assert "orphan: gone-from-the-file" in lines[1] and "was about the bridge" in lines[1]
        await pilot.press("enter")
        await pilot.pause()
        assert selected(app).id == "putin-obama-discuss-syria-at-un"


async def test_a_damaged_session_file_is_said_and_the_app_opens(events):
    path = session_path(events)
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"format": 1, "marks": [{"__import__": "os"}]}')
    app = make_app(load(events))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("set aside" in str(n.message) for n in app._notifications)
        await pilot.press("m")
    assert Session.open(events).marks  # a new session file, the damaged one kept aside
    assert path.with_name(path.name + ".damaged").exists()


async def test_the_events_file_is_byte_identical_after_a_working_session(events):
    before = events.read_bytes()
    app = make_app(load(events))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "j", "m", "i", *"a note", "ctrl+s", "v", *"first", "enter")
        await pilot.press("M", "v", *"marked", "enter", "i", "ctrl+s", "q")
    assert events.read_bytes() == before
    assert set(Session.open(events).views) == {"first", "marked"}


async def test_the_theme_chosen_is_kept(events):
    app = make_app(load(events))
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme != "nord"
        app.theme = "nord"
        await pilot.pause()
    assert json.loads((config_dir() / "settings.json").read_text())["theme"] == "nord"
    again = make_app(load(events))
    async with again.run_test(size=SIZE):
        assert again.theme == "nord"


async def test_a_theme_unknown_or_a_damaged_settings_file_is_ignored(events):
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "settings.json").write_text('{"theme": "no-such-theme"}')
    app = make_app(load(events))
    async with app.run_test(size=SIZE):
        assert app.theme == "textual-dark"
    (config_dir() / "settings.json").write_text('{"theme": ')
    app = make_app(load(events))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("settings.json" in str(n.message) for n in app._notifications)
