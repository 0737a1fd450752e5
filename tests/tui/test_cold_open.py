"""The first open of a JSON Lines file (coldopen.py): the first screen comes before the file
is read to the end, keys work meanwhile, the reading shows and ends, errors found late still
end the session as the command line reports them, and what is shown at the end is what the
loader reads."""

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.cache import Fingerprint, entry_path, open_for_app, read_entry
from timeline.coldopen import PREVIEW_EVENTS, ColdOpen, Preview, run_load
from timeline.loader import load
from timeline.model import Timeline, build_columns
from timeline.problems import LoadError
from timeline.tui.app import make_app
from timeline.tui.widgets.reading import ReadingBar
from timeline.tui.widgets.timeline_view import TimelineView

HEADER = {"title": "Cold", "actors": {"a1": {"name": "Anna Petrova"}, "a2": {"name": "Oleg Sidorov"}},
          "sources": {"s1": {"outlet": "Wire", "published": "2020-01-01"}}}


def event(n: int, date: str, **more) -> dict:
    return {"id": f"e{n:06d}", "date": date, "kind": "statement", "title": f"Event number {n}",
            "actors": ["a1"], "sources": [{"source": "s1", "quote": f"words {n}"}], **more}


def write(path: Path, events: list[dict], header: dict | None = HEADER) -> Path:
    lines = ([json.dumps(header)] if header is not None else []) + [json.dumps(e) for e in events]
    path.write_text("\n".join(lines) + "\n")
    return path


def days(count: int, start: int = 0) -> list[str]:
    """`count` dates a day apart, from 2000-01-01 on."""
    from datetime import date

    first = date(2000, 1, 1).toordinal() + start
    return [date.fromordinal(first + n).isoformat() for n in range(count)]


def cold_app(path: Path, pause: Path | None = None):
    cold = ColdOpen(path, entry_path(path), pause)
    waiting = Timeline([], title=path.name)
    waiting.path = str(path)
    return make_app(waiting, cold=cold), cold


async def until(pilot, test, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        assert time.monotonic() < deadline, "the screen never showed what was awaited"
        await pilot.pause(0.05)


def bar(app) -> ReadingBar | None:
    found = app.main.query(ReadingBar)
    return found.first() if found else None


def bar_text(app) -> str:
    widget = bar(app)
    return str(widget.render()) if widget else ""


def selected_title(app) -> str:
    view = app.main.query_one(TimelineView)
    return app.timeline.events[view.selected_event].title


def records(timeline: Timeline) -> list[tuple]:
    return [timeline.record(i) for i in range(len(timeline.records))]


@pytest.mark.asyncio
async def test_the_first_screen_comes_before_the_file_is_read_and_keys_work_meanwhile(tmp_path):
    # out of date order: the first screen is the events that sort first, not the first lines
    dates = days(3000)
    path = write(tmp_path / "late.jsonl", [event(n, d) for n, d in enumerate(reversed(dates))])
    reference = load(path)
    pause = tmp_path / "go"
    app, cold = cold_app(path, pause)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: len(app.timeline.events) > 0)
            # the load is held back: all the screen has is the preview
            assert bar(app) is not None and "showing the first" in bar_text(app)
            assert len(app.timeline.events) == PREVIEW_EVENTS
            assert selected_title(app) == reference.events[0].title
            await pilot.press("j", "j")
            assert selected_title(app) == reference.events[2].title
            pause.touch()
            await until(pilot, lambda: bar(app) is None)
            assert len(app.timeline.events) == len(reference.events)
            assert records(app.timeline) == records(reference)
            # the cursor stayed on the event it was on
            assert selected_title(app) == reference.events[2].title
    finally:
        cold.stop()


@pytest.mark.asyncio
async def test_the_reading_shows_how_far_it_got_and_ends(tmp_path, monkeypatch):
    path = write(tmp_path / "many.jsonl", [event(n, d) for n, d in enumerate(days(20000))])
    app, cold = cold_app(path)
    seen = []  # what the bar says after each step (a look now and then could miss them all)
    shown = ReadingBar.progress

    def progress(widget, done, estimate):
        shown(widget, done, estimate)
        seen.append(str(widget.render()))

    monkeypatch.setattr(ReadingBar, "progress", progress)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: bar(app) is None)
            # of about the file's lines (estimated from its first ones), then of its events counted
            totals = [int(found.group(1).replace(",", "")) for text in seen
                      if (found := re.search(r"reading [\d,]+ of ~?([\d,]+) events", text))]
            assert totals and all(abs(total - 20000) <= 1000 for total in totals)
            assert len(app.timeline.events) == 20000
    finally:
        cold.stop()


@pytest.mark.asyncio
async def test_a_file_in_date_order_shows_its_first_chunk(tmp_path):
    path = write(tmp_path / "ordered.jsonl", [event(n, d) for n, d in enumerate(days(5000))])
    reference = load(path)
    app, cold = cold_app(path, tmp_path / "never")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: len(app.timeline.events) > 0)
            assert selected_title(app) == reference.events[0].title
            assert records(app.timeline) == records(reference)[:len(app.timeline.events)]
    finally:
        cold.stop()


@pytest.mark.asyncio
async def test_an_error_late_in_the_file_ends_the_session_with_the_loaders_messages(tmp_path):
    events = [event(n, d) for n, d in enumerate(days(4000))]
    events[-1]["kind"] = "no-such-kind"
    path = write(tmp_path / "broken.jsonl", events)
    with pytest.raises(LoadError) as expected:
        load(path)
    app, cold = cold_app(path)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: app.load_error is not None)
        assert app.return_code == 2
        assert [str(p) for p in app.load_error.problems] == [str(p) for p in expected.value.problems]
    finally:
        cold.stop()
    assert not entry_path(path).exists()


@pytest.mark.asyncio
async def test_quitting_mid_reading_does_not_wait_and_leaves_no_entry_to_use(tmp_path):
    path = write(tmp_path / "quit.jsonl", [event(n, d) for n, d in enumerate(days(3000))])
    pause = tmp_path / "go"
    app, cold = cold_app(path, pause)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: len(app.timeline.events) > 0)
            started = time.monotonic()
            await pilot.press("q")
        assert time.monotonic() - started < 5
        cold.close()
        assert cold.children["load"].poll() is None  # it goes on alone
        cold.stop()  # ... until stopped mid-way: nothing it began is taken for an entry
        assert open_for_app(path) == (None, entry_path(path))
        assert not list(entry_path(path).parent.glob("*.arrow"))
    finally:
        cold.stop()


@pytest.mark.asyncio
async def test_a_load_child_that_dies_without_a_word_leaves_the_app_to_read_the_file(tmp_path):
    path = write(tmp_path / "killed.jsonl", [event(n, d) for n, d in enumerate(reversed(days(1000)))])
    app, cold = cold_app(path, tmp_path / "never")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: len(app.timeline.events) > 0)
            cold.children["load"].kill()  # as the kernel's out-of-memory killer would
            await until(pilot, lambda: bar(app) is None)
            assert records(app.timeline) == records(load(path))
    finally:
        cold.stop()


# --- the children's results, against the loader ---------------------------------------

DATES = st.one_of(
    st.dates(min_value=__import__("datetime").date(1990, 1, 1), max_value=__import__("datetime").date(2030, 12, 31))
    .map(lambda d: d.isoformat()),
    st.sampled_from(["2016", "2016-02", "2016-02~", "2015-10/2016-01", "../2015-03", "2016-21", "2016-02-08T10:00Z",
                     "201X", "2016-02-08/2016-02-09", "1995-01-01", "1995-01"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dates=st.lists(DATES, min_size=1, max_size=400), header=st.booleans())
def test_the_preview_and_the_stored_events_are_the_loaders(tmp_path_factory, dates, header):
    folder = tmp_path_factory.mktemp("cold")
    path = write(folder / "events.jsonl", [event(n, d) for n, d in enumerate(dates)], HEADER if header else None)
    reference = records(load(path))
    preview = preview_of(path)
    shown = build_columns(preview.first_in_time(shown=False))[0]
    assert shown == reference[:len(shown)] and len(shown) == min(PREVIEW_EVENTS, len(reference))
    sent = []
    entry = entry_path(path)
    run_load(path, entry, lambda message: sent.append(message) or True)
    assert sent[-1] == ("stored",)
    stored = read_entry(entry, Fingerprint(path))
    assert records(stored) == reference


def preview_of(path: Path) -> Preview:
    import mmap

    with open(path, "rb") as stream:
        return Preview(path, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ))


def test_a_first_chunk_in_order_is_corrected_by_an_earlier_event_later_in_the_file(tmp_path):
    events = [event(n, d) for n, d in enumerate(days(2000, start=10))] + [event(2000, "1999-12-31")]
    path = write(tmp_path / "almost.jsonl", events)
    preview = preview_of(path)
    first = preview.first_chunk()
    assert first and first[0][0] == "e000000"  # in order as far as the first chunk goes
    corrected = build_columns(preview.first_in_time(shown=True))[0]
    assert corrected == records(load(path))[:PREVIEW_EVENTS]
    assert corrected[0][0] == "e002000"


def test_a_file_in_date_order_all_through_needs_no_second_preview(tmp_path):
    path = write(tmp_path / "ordered.jsonl", [event(n, d) for n, d in enumerate(days(2000))])
    preview = preview_of(path)
    assert preview.first_chunk() is not None
    assert preview.first_in_time(shown=True) is None


def test_a_file_with_errors_sends_them_and_no_entry(tmp_path):
    path = write(tmp_path / "bad.jsonl", [event(0, "2020-01-01"), event(1, "not a date")])
    sent = []
    run_load(path, entry_path(path), lambda message: sent.append(message) or True)
    with pytest.raises(LoadError) as expected:
        load(path)
    assert sent[-1] == ("problems", expected.value.problems)
    assert not entry_path(path).exists()


def test_the_children_end_when_asked(tmp_path):
    path = write(tmp_path / "stop.jsonl", [event(0, "2020-01-01")])
    cold = ColdOpen(path, entry_path(path), tmp_path / "never")
    cold.stop()
    assert all(child.poll() is not None for child in cold.children.values())


def test_messages_go_as_json_and_come_back_as_they_were(tmp_path):
    import orjson

    from timeline.coldopen import decode, encode
    from timeline.model import Actor, Source
    from timeline.problems import Pos, Problem

    def again(message):
        return decode(orjson.loads(orjson.dumps(encode(message))))

    record = ("e1", "2020-01", "statement", "T", None, "S", (("a1", "target"),), "Here", "alleged",
              (("s1", "q", 3, None),), (("denies", "e0", 4),), (("killed", 5, "people", "about", "a1", None),),
              ("tag",), 2)
    preview = ("preview", "Title", {"s1": Source("s1", "Wire")}, {"a1": Actor("a1", "Anna", ("A",))}, {"k": "d"},
               [record], 10, True)
    assert again(preview) == preview
    problems = ("problems", [Problem("f.jsonl", Pos(3, 1), "wrong", "error")])
    assert again(problems) == problems
    error = again(("error", FileNotFoundError(2, "No such file or directory", "f.jsonl")))[1]
    assert isinstance(error, FileNotFoundError) and (error.strerror, error.filename) == ("No such file or directory", "f.jsonl")
    assert type(again(("error", MemoryError()))[1]) is MemoryError
    assert again(("progress", 5, 10)) == ("progress", 5, 10)


def test_the_command_line_reads_only_a_large_file_in_the_children(tmp_path, monkeypatch):
    from timeline import cli

    path = write(tmp_path / "x.jsonl", [event(0, "2020-01-01")])
    args = cli._app_parser().parse_args([str(path)])
    assert cli._first_open(path, args) == (None, None)  # small: loaded before the app, as before
    monkeypatch.setattr(cli, "COLD_OPEN_BYTES", 10)
    timeline, cold = cli._first_open(path, args)
    try:
        assert cold is not None and len(timeline.events) == 0
    finally:
        cold.stop()
    with_filter = cli._app_parser().parse_args([str(path), "--kind", "statement"])
    assert cli._first_open(path, with_filter) == (None, None)


@pytest.mark.parametrize("width", [120, 80, 50])
async def test_the_reading_line_says_what_is_shown_in_the_width_it_has(width):
    """At 80 columns the long wording was cut in the middle ('showing the first 200 in');
    a shorter one that fits is taken instead, and it still says how many are shown."""
    from textual.app import App

    class Line(App):
        def compose(self):
            yield ReadingBar("events.jsonl")

    app = Line()
    async with app.run_test(size=(width, 3)) as pilot:
        line = app.query_one(ReadingBar)
        line.count(1_000_000)
        line.progress(122_199, 1_000_000)
        line.showing(200)
        await pilot.pause()
        shown = line.render()
        assert shown.cell_len <= line.size.width and "200" in str(shown)
        assert ("reading 122,199 of 1,000,000 events" if width >= 80 else "122,199/1,000,000") in str(shown)


@pytest.mark.asyncio
async def test_the_screen_never_says_the_file_has_no_events_while_it_is_read(tmp_path, monkeypatch):
    """Before the first events come, the list says the file is being read: its first paint
    came before the app knew, and told the user to add events under 'events:'."""
    from timeline.tui.screens.main import MainScreen

    said = []
    original = MainScreen.empty_message

    def empty_message(screen):
        lines = original(screen)
        said.append(" ".join(lines))
        return lines

    monkeypatch.setattr(MainScreen, "empty_message", empty_message)
    path = write(tmp_path / "many.jsonl", [event(n, d) for n, d in enumerate(days(3000))])
    app, cold = cold_app(path, tmp_path / "go")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: len(app.timeline.events) > 0)
    finally:
        cold.stop()
    assert said and not any("no events yet" in text for text in said)
    assert any("Reading the file" in text for text in said)
