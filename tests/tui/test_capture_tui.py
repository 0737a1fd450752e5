"""Capture from the reader: choose a paragraph no event cites, draft an event from it,
see it, append it to the events file on an explicit key; live reload then shows it."""

import shutil

from conftest import CORPUS
from test_live_reload import wait_for

from timeline.loader import load
from timeline.tui.app import make_app
from timeline.tui.screens.capture import CaptureScreen
from timeline.tui.screens.reader import ReaderScreen
from timeline.tui.widgets.timeline_view import TimelineView

WITNESSES = "Witnesses reported heavy smoke over the river."


def corpus_copy(tmp_path):
    for name in ("events.yaml", "wire-a.txt", "paper-b.txt"):
        shutil.copy(CORPUS / name, tmp_path / name)
    return tmp_path / "events.yaml"


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def open_reader(pilot, event_id):
    app = pilot.app
    app.main.query_one(TimelineView).select_event(app.timeline.by_id[event_id])
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(app.screen, ReaderScreen)


async def test_capture_an_uncited_paragraph_appends_a_draft_event_and_reload_shows_it(tmp_path):
    path = corpus_copy(tmp_path)
    before = path.read_bytes()
    app = make_app(load(path), corpus=str(tmp_path))
    app.reload_interval = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        await open_reader(pilot, "bridge-claim")
        await pilot.press("right_square_bracket")  # the next paragraph no event cites
        await pilot.pause()
        assert "Uncited paragraph 2 of 2: no event cites it — c drafts an event from it" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        shown = screen_text(app)
        assert "Drafted event — to be appended to events.yaml" in shown
        assert f'quote: "{WITNESSES}"' in shown and "tags: [draft]" in shown
        assert path.read_bytes() == before  # nothing written before the key
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        written = path.read_bytes()
        assert written.startswith(before) and (tmp_path / "events.yaml.bak").read_bytes() == before
        assert await wait_for(pilot, lambda: len(app.timeline.events) == 5)
        event = app.timeline.events[app.timeline.by_id["witnesses-reported"]]
        assert [c.quote for c in event.sources] == [WITNESSES] and "draft" in event.tags
        assert (event.kind, event.date.edtf()) == ("statement", "../2020-03-03")


async def test_escape_cancels_and_the_file_is_untouched(tmp_path):
    path = corpus_copy(tmp_path)
    before = path.read_bytes()
    app = make_app(load(path), corpus=str(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot, "bridge-claim")
        await pilot.press("c")  # no paragraph chosen: the quote's own paragraph
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        assert "The ministry said on Monday" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
    assert path.read_bytes() == before and not (tmp_path / "events.yaml.bak").exists()


async def test_stepping_back_through_uncited_paragraphs_wraps(tmp_path):
    path = corpus_copy(tmp_path)
    app = make_app(load(path), corpus=str(tmp_path))
    async with app.run_test(size=(50, 15)) as pilot:
        await open_reader(pilot, "bridge-claim")
        reader = app.screen
        await pilot.press("left_square_bracket")  # before the quote: the headline line
        assert reader.text[slice(*reader.spans[reader.chosen])] == "Officials claim the bridge was destroyed"
        await pilot.press("left_square_bracket")  # and round to the last
        assert reader.text[slice(*reader.spans[reader.chosen])] == WITNESSES
        await pilot.press("n")  # back to the quotes
        assert reader.chosen is None
