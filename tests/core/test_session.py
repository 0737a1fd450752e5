"""The working session's store (timeline/session.py): marks, notes and views kept per events
file in the data folder, keyed to ids; a damaged or hostile file never trusted nor fatal."""

import datetime as dt
import json
import os

import pytest
from conftest import EVENTS

from timeline.cli import _app_parser, _command_parser, build_query
from timeline.filters import Filters, command_args, command_line, describe
from timeline.loader import load
from timeline.query import Query, Searcher
from timeline.session import Session, data_dir, filters_json, filters_of, session_path


@pytest.fixture
def events(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(EVENTS.read_bytes())
    return path


def test_the_data_folder_is_timeline_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path / "here"))
    assert data_dir() == tmp_path / "here"
    assert session_path("x.yaml").parent == tmp_path / "here" / "sessions"


def test_marks_notes_and_views_come_back(events):
    session = Session.open(events)
    assert session.toggle_mark("kadyrov-takes-power-in-chechnya") is True
    session.toggle_mark("putin-obama-discuss-syria-at-un")
    assert session.toggle_mark("putin-obama-discuss-syria-at-un") is False
    session.set_note("kadyrov-takes-power-in-chechnya", "check the year against 003\n")
    filters = Filters().set("actors", actors=("kadyrov",)).set("text", text="spy")
    session.save_view("spies", filters, "kadyrov-takes-power-in-chechnya")
    session.remember(filters.set("marked", marked=session.marked()), None)
    assert session.save() is None

    again = Session.open(events)
    assert again.problem is None
    assert list(again.marks) == ["kadyrov-takes-power-in-chechnya"]
    assert again.note("kadyrov-takes-power-in-chechnya") == "check the year against 003"
    assert again.views["spies"].filters == filters
    assert again.views["spies"].cursor == "kadyrov-takes-power-in-chechnya"
    # The filter to the marked is kept as on, and holds the marks of the day it is restored.
    assert again.last_view.filters.query.marked == frozenset()
    again.toggle_mark("putin-obama-discuss-syria-at-un")
    assert again.restored(again.last_view).query.marked == {"kadyrov-takes-power-in-chechnya", "putin-obama-discuss-syria-at-un"}


def test_an_empty_note_takes_the_note_away(events):
    session = Session.open(events)
    session.set_note("a", "something")
    session.set_note("a", "  \n")
    assert "a" not in session.notes


def test_the_session_is_the_files_whatever_name_reaches_it(events, tmp_path, monkeypatch):
    link = tmp_path / "link.yaml"
    link.symlink_to(events)
    session = Session.open(events)
    session.toggle_mark("kadyrov-takes-power-in-chechnya")
    session.save()
    assert Session.open(link).is_marked("kadyrov-takes-power-in-chechnya")
    monkeypatch.chdir(tmp_path)
    assert Session.open("events.yaml").is_marked("kadyrov-takes-power-in-chechnya")


def test_an_id_gone_from_the_file_keeps_its_mark_and_note_as_an_orphan(events):
    session = Session.open(events)
    session.toggle_mark("kadyrov-takes-power-in-chechnya")
    session.set_note("kadyrov-takes-power-in-chechnya", "keep this")
    session.save()
    events.write_text(events.read_text(encoding="utf-8").replace("id: kadyrov-takes-power-in-chechnya", "id: kadyrov-in-power"),
                      encoding="utf-8")
    timeline = load(events)
    again = Session.open(events)
    assert again.orphans(timeline.by_id) == ["kadyrov-takes-power-in-chechnya"]
    assert again.note("kadyrov-takes-power-in-chechnya") == "keep this"
    events.write_text(events.read_text(encoding="utf-8").replace("id: kadyrov-in-power", "id: kadyrov-takes-power-in-chechnya"),
                      encoding="utf-8")
    assert Session.open(events).orphans(load(events).by_id) == []


@pytest.mark.parametrize("content", [
    b"{not json",
    b"\xff\xfe\x00",
    b"[1, 2, 3]",
    b'{"format": 2, "marks": []}',
    b'{"format": 1, "marks": "kadyrov"}',
    b'{"format": 1, "marks": [1]}',
    b'{"format": 1, "notes": {"a": ["x"]}}',
    b'{"format": 1, "views": {"v": {"filters": {"query": {"exec": "rm -rf /"}}}}}',
    b'{"format": 1, "views": {"v": {"filters": {"query": {"date_from": "yesterday"}}}}}',
    b'{"format": 1, "views": {"v": {"filters": {"query": {}, "order": ["__class__"]}}}}',
    b'{"format": 1, "last_view": {"filters": {"query": {"actors": "kadyrov"}}}}',
    b"[" * 100_000 + b"]" * 100_000,
], ids=["not-json", "not-utf8", "a-list", "another-format", "marks-text", "marks-number", "note-list",
        "unknown-filter", "bad-date", "unknown-order", "actors-text", "deep"])
def test_a_damaged_or_hostile_file_is_set_aside_and_the_session_starts_empty(events, content):
    path = session_path(events)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    session = Session.open(events)
    assert session.problem and str(path) in session.problem and "set aside" in session.problem
    assert (session.marks, session.notes, session.views, session.last_view) == ({}, {}, {}, None)
    assert path.with_name(path.name + ".damaged").read_bytes() == content  # nothing lost
    session.toggle_mark("kadyrov-takes-power-in-chechnya")
    assert session.save() is None
    assert Session.open(events).is_marked("kadyrov-takes-power-in-chechnya")


def test_a_session_file_too_large_is_not_read(events, monkeypatch):
    import timeline.session as module

    monkeypatch.setattr(module, "MAX_BYTES", 100)
    path = session_path(events)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": 1, "marks": ["x" * 200]}))
    assert "larger than" in Session.open(events).problem


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_a_fifo_in_the_session_files_place_is_set_aside_never_waited_on(events, kind):
    path = session_path(events)
    path.parent.mkdir(parents=True)
    path.mkdir() if kind == "folder" else os.mkfifo(path)
    session = Session.open(events)
    assert "not a regular file" in session.problem
    session.toggle_mark("kadyrov-takes-power-in-chechnya")
    assert session.save() is None


def test_a_session_that_cannot_be_written_is_said_not_fatal(events):
    path = session_path(events)
    path.parent.mkdir(parents=True)
    path.parent.chmod(0o500)
    try:
        session = Session.open(events)
        session.toggle_mark("kadyrov-takes-power-in-chechnya")
        problem = session.save()
    finally:
        path.parent.chmod(0o700)
    if os.geteuid() != 0:  # root writes anywhere
        assert "not saved" in problem


def test_saving_writes_only_the_session_file(events):
    before = events.read_bytes()
    session = Session.open(events)
    session.toggle_mark("kadyrov-takes-power-in-chechnya")
    session.set_note("kadyrov-takes-power-in-chechnya", "note")
    session.save_view("all", Filters(), None)
    session.save()
    assert events.read_bytes() == before
    assert sorted(p.name for p in session_path(events).parent.iterdir()) == [session_path(events).name]


@pytest.mark.parametrize("query", [
    Query(actors=("kadyrov", "peskov"), kinds=("claim",), text='"spy network" /x', statuses=("disputed",)),
    Query(date_from=dt.date(2015, 9, 30), date_to=dt.datetime(2016, 2, 9, 5, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))),
    Query(single_outlet=True, not_actors=("putin",), not_kinds=("report",), tags=("kremlin",), marked=frozenset()),
])
def test_filters_read_back_from_json(query):
    filters = Filters.of(query)
    assert filters_of(json.loads(json.dumps(filters_json(filters)))) == filters


def _cli_filters(timeline, args, parser):
    return Filters.of(build_query(timeline, parser.parse_args(args)))


@pytest.mark.parametrize("query", [
    Query(),
    Query(actors=("kadyrov", "peskov"), kinds=("claim", "denial")),
    Query(sources=("breitbart-2015-10-01",), text="spy network"),
    Query(text='"Chechen leader" putin'),
    Query(text="/peskov|karimov"),
    Query(date_from=dt.date(2015, 9, 30), date_to=dt.date(2016, 2, 9)),
    Query(date_from=dt.datetime(2015, 9, 30, 5, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))),
    Query(statuses=("disputed", "alleged"), single_outlet=True),
    Query(not_actors=("putin",), not_kinds=("report",)),
    Query(tags=("kremlin",), locations=("Chechnya, Russia",)),
    Query(marked=frozenset({"kadyrov-takes-power-in-chechnya"})),
])
def test_the_command_line_shown_gives_the_same_filters(events, query):
    """What the explorer shows as the view's command is read by the command line's own
    parser into the same filters: the two cannot disagree."""
    timeline = load(events)
    if query.marked is not None:
        session = Session.open(events)
        for event_id in query.marked:
            session.toggle_mark(event_id)
        session.save()
    filters = Filters.of(query)
    args = command_args(query)
    assert _cli_filters(timeline, [str(events), *args], _app_parser()) == filters
    assert _cli_filters(timeline, ["list", str(events), *args], _command_parser()) == filters
    assert describe(timeline, build_query(timeline, _app_parser().parse_args([str(events), *args]))) == \
        filters.describe(timeline)


def test_the_command_line_is_quoted_for_the_shell():
    line = command_line("my events.yaml", Query(actors=("kadyrov",), text="spy 'network'"))
    assert line == "timeline 'my events.yaml' --actor kadyrov --search 'spy '\"'\"'network'\"'\"''"


def test_the_filter_to_the_marked_and_the_search_through_notes(events):
    timeline = load(events)
    searcher = Searcher(timeline)
    marked = frozenset({"kadyrov-takes-power-in-chechnya", "putin-obama-discuss-syria-at-un", "gone"})
    assert [timeline.ids[i] for i in searcher.run(Query(marked=marked))] == \
        [i for i in timeline.ids if i in marked]
    assert searcher.run(Query(marked=frozenset())) == []
    assert "marked events (3)" in describe(timeline, Query(marked=marked))
    # A word only in the note finds the event; a word of the note with a word of the event too.
    assert searcher.run(Query(text="zanzibar")) == []
    searcher.set_notes({"putin-obama-discuss-syria-at-un": "Zanzibar angle?"})
    index = timeline.by_id["putin-obama-discuss-syria-at-un"]
    assert list(searcher.run(Query(text="zanzibar"))) == [index]
    assert list(searcher.run(Query(text="zanzibar obama"))) == [index]
    assert searcher.find(range(len(timeline.events)), "zanzib") == [index]
    assert list(searcher.run(Query(text="zanzibar", kinds=("attack",)))) == []
