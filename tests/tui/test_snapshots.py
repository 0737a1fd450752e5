"""Snapshot tests of each screen (pytest-textual-snapshot). Update with --snapshot-update
after a deliberate change, and look at snapshot_report.html before accepting."""

import datetime as dt

from conftest import EVENTS
from textual.widgets import Input

from timeline.loader import load
from timeline.query import Query
from timeline.tui.app import make_app
from timeline.tui.widgets.timeline_view import TimelineView


def app(query=None):
    """The bundled events without their corpus, so the screens are the same on a machine
    without the seed articles (the sources tests snapshot the corpus screens)."""
    timeline = load(EVENTS)
    timeline.corpus = None
    return make_app(timeline, query=query)


async def no_blink(pilot):
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


def test_main_screen_120x40(snap_compare):
    assert snap_compare(app(), terminal_size=(120, 40))


def test_main_screen_80x24(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24))


def test_actor_picker(snap_compare):
    async def open_picker(pilot):
        await pilot.press("a")
        await no_blink(pilot)
        await pilot.press(*"kad")
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(120, 40), run_before=open_picker)


def test_help_screen(snap_compare):
    assert snap_compare(app(), terminal_size=(120, 40), press=["question_mark"])


def test_event_with_several_sources_and_a_denial(snap_compare):
    async def select_claim(pilot):
        timeline = pilot.app.timeline
        view = pilot.app.main.query_one(TimelineView)
        view.select_event(timeline.by_id["kadyrov-claims-spy-network-inside-is"])
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(120, 40), run_before=select_claim)


def test_empty_result(snap_compare):
    assert snap_compare(app(Query(actors=("peskov",), text="airstrike")), terminal_size=(120, 40))


def test_actor_lanes(snap_compare):
    assert snap_compare(app(), terminal_size=(120, 40), press=["L", "right", "right"])


# Each view under a filter: its header says what it shows (the filters, in words).

def test_disputes_under_an_actor_filter(snap_compare):
    assert snap_compare(app(Query(actors=("peskov",))), terminal_size=(120, 40), press=["D"])


def test_figures_under_an_actor_filter(snap_compare):
    assert snap_compare(app(Query(actors=("fsb", "breitbart-news"))), terminal_size=(120, 40), press=["F"])


def test_lanes_under_a_kind_filter(snap_compare):
    assert snap_compare(app(Query(kinds=("claim",))), terminal_size=(120, 40), press=["L"])


def test_actor_picker_counts_under_a_kind_filter_with_one_chosen(snap_compare):
    async def open_picker(pilot):
        await pilot.press("a")
        await no_blink(pilot)
        await pilot.press("tab", "down")
        await pilot.pause()

    assert snap_compare(app(Query(kinds=("claim",))), terminal_size=(120, 40), run_before=open_picker)


def test_header_with_many_filters_at_80x24(snap_compare):
    query = Query(actors=("kadyrov", "peskov", "putin"), kinds=("claim", "statement", "denial"),
                  sources=("breitbart-2016-02-09",), text="chechen")
    assert snap_compare(app(query), terminal_size=(80, 24))


def test_search_of_two_words_highlighted(snap_compare):
    """Both words highlighted, in the rows and in the detail pane (its title, actors,
    summary and quotes)."""
    assert snap_compare(app(Query(text="Kadyrov Peskov")), terminal_size=(120, 40))


# --- the working session: marks, notes, saved views ----------------------------------------

def session_of_the_bundled_file():
    """Marks, a note, an orphan and two saved views on the bundled events."""
    from timeline.filters import Filters
    from timeline.session import Session

    session = Session.open(EVENTS)
    for event_id in ("kadyrov-takes-power-in-chechnya", "putin-obama-discuss-syria-at-un", "a-deleted-event"):
        session.toggle_mark(event_id)
    session.set_note("putin-obama-discuss-syria-at-un", "Ask the UN desk whether the talks were\non the 28th or the 29th.")
    session.set_note("a-deleted-event", "Was the bridge event; renamed?")
    session.save_view("kadyrov spies", Filters.of(Query(actors=("kadyrov",), text="spy")), None)
    session.save_view("disputed, 2016", Filters.of(Query(statuses=("disputed",), date_from=dt.date(2016, 1, 1))), None)
    session.save()


async def no_text_blink(pilot):
    from textual.widgets import TextArea

    for widget in pilot.app.screen.query(TextArea):
        widget.cursor_blink = False
    await no_blink(pilot)


def test_marks_and_notes_in_the_rows_and_the_detail_pane(snap_compare):
    session_of_the_bundled_file()

    async def select_noted(pilot):
        view = pilot.app.main.query_one(TimelineView)
        view.select_event(pilot.app.timeline.by_id["putin-obama-discuss-syria-at-un"])
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(120, 40), run_before=select_noted)


def test_note_editor(snap_compare):
    session_of_the_bundled_file()

    async def open_note(pilot):
        await pilot.press("g", "i")
        await no_text_blink(pilot)
        await pilot.press(*"check the year")
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(120, 40), run_before=open_note)


def test_save_view_dialog(snap_compare):
    async def name_view(pilot):
        await pilot.press("a", *"kadyrov", "enter", "v")
        await no_blink(pilot)
        await pilot.press(*"kadyrov")
        await pilot.pause()

    assert snap_compare(app(), terminal_size=(80, 24), run_before=name_view)


def test_saved_views(snap_compare):
    session_of_the_bundled_file()
    assert snap_compare(app(), terminal_size=(120, 40), press=["V"])


def test_marks_and_notes_listed_with_an_orphan(snap_compare):
    session_of_the_bundled_file()
    assert snap_compare(app(), terminal_size=(80, 24), press=["B"])


def test_command_line_of_the_view(snap_compare):
    async def show_command(pilot):
        await pilot.press("slash", *"spy network", "enter")
        pilot.app.main.action_show_command()
        await pilot.pause()

    assert snap_compare(app(Query(actors=("peskov",))), terminal_size=(120, 40), run_before=show_command)
