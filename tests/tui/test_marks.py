"""One meaning per mark: a date's qualifiers (approximate, uncertain) and an event's status
(alleged, disputed) never share a symbol, read apart without colour, and the help lists them."""

import io

from rich.console import Console

from timeline.loader import load
from timeline.tui.app import make_app
from timeline.tui.screens.help import HelpScreen
from timeline.tui.widgets.detail import DetailPane
from timeline.tui.widgets.timeline_view import TimelineView

FILE = """\
title: Marks
sources:
  a: {outlet: Wire A, published: 2015-10-01}
events:
  - id: maybe-disputed
    date: 2015-09-30?
    kind: claim
    status: disputed
    title: Uncertain date, disputed
    sources: [{source: a, quote: q1}]
  - id: about-alleged
    date: 2015-10-02~
    kind: claim
    status: alleged
    title: Approximate date, alleged
    sources: [{source: a, quote: q2}]
  - id: sure-reported
    date: 2015-10-03
    kind: claim
    title: Exact date, reported
    sources: [{source: a, quote: q3}]
"""


def rows(app) -> dict[str, str]:
    """Each event's row as drawn, without colour, by title."""
    view = app.main.query_one(TimelineView)
    drawn = [view.render_line(y).text for y in range(len(view.rows))]
    return {next(t for t in ("disputed", "alleged", "reported") if t in line): line
            for line in drawn if "date," in line}


def plain(renderable, width=100) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def test_a_rows_date_and_status_marks_never_share_a_symbol(write):
    app = make_app(load(write("marks.yaml", FILE)))
    async with app.run_test(size=(100, 20)):
        row = rows(app)
        # The date carries its qualifiers after it, as the file writes them (EDTF)...
        assert "30 Sep 2015? " in row["disputed"] and "2 Oct 2015~ " in row["alleged"]
        # ...and the status its own mark, which no date uses.
        assert row["disputed"].count("?") == 1 and "⚑" in row["disputed"]
        assert row["alleged"].count("~") == 1 and "◌" in row["alleged"]
        assert not any(mark in row["reported"] for mark in "?~⚑◌")


async def test_the_help_lists_the_date_qualifiers_and_the_status_marks_apart(write):
    app = make_app(load(write("marks.yaml", FILE)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = [" ".join(line.split()) for line in plain(app.screen.query("Static").last().content).splitlines()]
        assert "⚑ disputed (status): its claim is contested" in lines
        assert "◌ alleged (status): claimed, not established" in lines
        assert "~ after a date: approximate (2 Oct 2015~)" in lines
        assert "? after a date: uncertain (Oct 2015?)" in lines


async def test_the_detail_pane_says_the_status_and_the_date_qualifiers_in_words(write):
    app = make_app(load(write("marks.yaml", FILE)))
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.main.query_one(DetailPane)
        shown = " ".join(plain(part.content) for part in pane.query("#detail-body Static"))
        assert "⚑ disputed" in shown
        assert "30 Sep 2015?  uncertain (2015-09-30?)" in shown
        await pilot.press("j")
        await pilot.pause()
        shown = " ".join(plain(part.content) for part in pane.query("#detail-body Static"))
        assert "◌ alleged" in shown
        assert "2 Oct 2015~  approximate (2015-10-02~)" in shown
