"""The timeline widget on its own, on a small file whose every row is written out by hand:
headings, the row format and its marks, and the moves at every edge."""

import pytest
from textual.app import App

from timeline.corpus import Corpus
from timeline.loader import load
from timeline.tui.widgets.timeline_view import TimelineView, _fit, _short_name

FILE = """\
title: Edges
sources:
  a: {outlet: Wire A, published: 2015-10-01}
  b: {outlet: Paper B, published: 2015-10-02}
actors:
  kadyrov: {name: Ramzan Kadyrov, aliases: [Kadyrov, the Chechen leader]}
  peskov: {name: Dmitry Peskov, aliases: [Peskov]}
  russia: {name: Russia}
events:
  - id: strike
    date: 2015-09-30
    date_basis: stated
    kind: airstrike
    title: Strikes begin
    actors: [russia]
    sources: [{source: a, quote: q1}, {source: b, quote: q2}]
  - id: claim
    date: 2015-09-30?
    date_basis: stated
    kind: claim
    status: disputed
    title: A claim
    actors: [kadyrov, peskov]
    sources: [{source: a, quote: q3}]
  - id: denial
    date: 2015-10
    date_basis: stated
    kind: denial
    status: alleged
    title: A denial
    actors: [peskov]
    sources: [{source: b, quote: q4}]
    related: [{type: denies, event: claim}]
  - id: later
    date: 2016
    date_basis: stated
    kind: protest
    title: Next year
    sources: [{source: a, quote: q5}, {source: a, quote: q6}]
kinds:
  protest: street protests
"""

# The rows as drawn at 60 cells: headings, then each event as 3 spaces, the date padded
# to the widest shown (12), a space, the kind, status and denied marks, a space (20 cells
# so far), the title, the actors by their shortest one-word alias (at most a third of
# the 37 cells left, cut with an ellipsis), and the number of outlets (3 cells).
ROWS = [
    " 2015",
    "  Sep 2015",
    f"{'   30 Sep 2015  ↯   Strikes begin':<48}{'  Russia':<9} 2▤",
    f"{'   30 Sep 2015? ✦⚑✗ A claim':<45}  Kadyrov, … 1▤",
    "  Oct 2015",
    f"{'   Oct 2015     ⊗◌  A denial':<48}{'  Peskov':<9} 1▤",
    " 2016",
    f"{'   2016         •   Next year':<57} 1▤",
]


class ViewApp(App):
    def __init__(self, timeline, shown=None, corpus=None):
        super().__init__()
        self.timeline, self.first_shown, self.corpus = timeline, shown, corpus
        self.opened = []

    def on_timeline_view_opened(self, message):
        self.opened.append(message.event_index)

    def compose(self):
        yield TimelineView(self.timeline, self.corpus)

    def on_mount(self):
        view = self.query_one(TimelineView)
        view.show(self.first_shown if self.first_shown is not None else list(range(len(self.timeline.events))))
        view.focus()


@pytest.fixture
def timeline(write):
    return load(write("edges.yaml", FILE))


def lines(view) -> list[str]:
    """The text of every row, as wide as the view, right spaces dropped."""
    return [view.render_line(y).text.rstrip() for y in range(len(view.rows))]


def selected_id(view) -> str | None:
    index = view.selected_event
    return None if index is None else view.timeline.ids[index]


async def test_every_row_as_drawn(timeline):
    async with ViewApp(timeline).run_test(size=(60, 12)) as pilot:
        view = pilot.app.query_one(TimelineView)
        assert lines(view) == ROWS
        assert view.render_line(len(ROWS)).text == " " * 60  # below the last row: blank


async def test_a_narrow_row_cuts_the_title_and_drops_the_actors(timeline):
    async with ViewApp(timeline).run_test(size=(30, 12)) as pilot:
        view = pilot.app.query_one(TimelineView)
        # 30 cells: 3 + 12 (date) + 1 + 3 marks + 1 = 20 before the title, 3 for " 2▤"
        assert lines(view)[2] == "   30 Sep 2015  ↯   Strike… 2▤"
        assert lines(view)[3] == "   30 Sep 2015? ✦⚑✗ A claim 1▤"
        assert all(len(line) <= 30 for line in lines(view))


async def test_the_cursor_starts_on_the_first_event_not_its_headings(timeline):
    async with ViewApp(timeline).run_test(size=(60, 12)) as pilot:
        view = pilot.app.query_one(TimelineView)
        assert view.cursor == 2 and selected_id(view) == "strike" and view.selected_position == 1


async def test_down_and_up_stop_at_the_ends(timeline):
    async with ViewApp(timeline).run_test(size=(60, 12)) as pilot:
        view = pilot.app.query_one(TimelineView)
        await pilot.press("up")
        assert selected_id(view) == "strike"
        await pilot.press("j", "j")
        assert selected_id(view) == "denial" and view.cursor == 5 and view.selected_position == 3
        await pilot.press("j", "j", "j")
        assert selected_id(view) == "later" and view.cursor == 7 and view.selected_position == 4
        await pilot.press("k")
        assert selected_id(view) == "denial"


async def test_first_and_last(timeline):
    async with ViewApp(timeline).run_test(size=(60, 12)) as pilot:
        view = pilot.app.query_one(TimelineView)
        await pilot.press("G")
        assert selected_id(view) == "later"
        await pilot.press("g")
        assert selected_id(view) == "strike"


async def test_month_and_year_jumps_and_their_edges(timeline):
    async with ViewApp(timeline).run_test(size=(60, 12)) as pilot:
        view, bells = pilot.app.query_one(TimelineView), []
        pilot.app.bell = lambda: bells.append(selected_id(view))
        await pilot.press("left_square_bracket")  # no month before the first
        await pilot.press("left_curly_bracket")  # no year before the first
        assert selected_id(view) == "strike" and bells == ["strike", "strike"]
        await pilot.press("j", "right_square_bracket")  # from the second event of Sep
        assert selected_id(view) == "denial"
        await pilot.press("left_square_bracket")
        assert selected_id(view) == "strike"  # the first event of the month before
        await pilot.press("right_curly_bracket")
        assert selected_id(view) == "later"
        await pilot.press("right_square_bracket", "right_curly_bracket")  # nothing after
        assert selected_id(view) == "later" and bells[2:] == ["later", "later"]
        await pilot.press("left_curly_bracket")
        assert selected_id(view) == "strike"


async def test_page_moves_by_the_height_less_one_and_stops_at_the_ends(write):
    many = FILE.split("events:\n")[0] + "events:\n" + "".join(
        f"  - {{id: e{n:02d}, date: 2015-09-{n:02d}, date_basis: s, kind: report, title: T{n}, "
        f"sources: [{{source: a, quote: q}}]}}\n" for n in range(1, 31))
    timeline = load(write("many.yaml", many))
    async with ViewApp(timeline).run_test(size=(40, 10)) as pilot:
        view = pilot.app.query_one(TimelineView)
        assert view.cursor == 2  # under " 2015" and "  Sep 2015"
        await pilot.press("pagedown")
        assert view.cursor == 11 and selected_id(view) == "e10"  # 2 + (10 - 1)
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        assert selected_id(view) == "e30"
        await pilot.press("pageup")
        assert view.cursor == 31 - 9 and selected_id(view) == "e21"
        await pilot.press("pageup", "pageup", "pageup", "pageup")
        assert selected_id(view) == "e01"


async def test_a_click_selects_an_event_and_a_heading_click_does_nothing(timeline):
    async with ViewApp(timeline).run_test(size=(60, 12)) as pilot:
        view = pilot.app.query_one(TimelineView)
        await pilot.click(TimelineView, offset=(5, 3))
        assert selected_id(view) == "claim"
        await pilot.click(TimelineView, offset=(5, 4))  # "  Oct 2015"
        assert selected_id(view) == "claim"
        await pilot.click(TimelineView, offset=(5, 2))  # the first event
        assert selected_id(view) == "strike"
        await pilot.click(TimelineView, offset=(5, 8))  # just below the last row
        await pilot.click(TimelineView, offset=(5, 9))
        assert selected_id(view) == "strike"


async def test_a_click_after_scrolling_selects_the_row_under_the_pointer(write):
    many = FILE.split("events:\n")[0] + "events:\n" + "".join(
        f"  - {{id: e{n:02d}, date: 2015-09-{n:02d}, date_basis: s, kind: report, title: T{n}, "
        f"sources: [{{source: a, quote: q}}]}}\n" for n in range(1, 31))
    async with ViewApp(load(write("many.yaml", many))).run_test(size=(40, 10)) as pilot:
        view = pilot.app.query_one(TimelineView)
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_offset.y == 32 - 10  # the last of 32 rows at the bottom
        await pilot.click(TimelineView, offset=(5, 0))
        assert selected_id(view) == "e21"  # row 22: e01 is row 2


async def test_going_to_a_day(timeline):
    async with ViewApp(timeline).run_test(size=(60, 12)) as pilot:
        view = pilot.app.query_one(TimelineView)
        first = timeline.first_day
        view.go_to_day(first[2])  # the day the denial starts (1 Oct 2015)
        await pilot.pause()
        assert selected_id(view) == "denial"
        view.go_to_day(first[2] + 1)  # after it: the next event
        await pilot.pause()
        assert selected_id(view) == "later"
        view.go_to_day(first[3] + 1000)  # beyond the last: the last
        await pilot.pause()
        assert selected_id(view) == "later"
        view.go_to_day(0)
        await pilot.pause()
        assert selected_id(view) == "strike"


async def test_a_filtered_view_keeps_the_cursor_and_refuses_hidden_events(timeline):
    async with ViewApp(timeline, shown=[0, 3]).run_test(size=(60, 12)) as pilot:
        view = pilot.app.query_one(TimelineView)
        assert [timeline.ids[row] if row >= 0 else "-" for row in view.rows] == ["-", "-", "strike", "-", "later"]
        assert view.select_event(3) and selected_id(view) == "later" and view.selected_position == 2
        assert not view.select_event(1) and selected_id(view) == "later"
        view.show([1, 2, 3], keep_event=3)
        await pilot.pause()
        assert selected_id(view) == "later" and view.selected_position == 3
        view.show([1, 2], keep_event=3)  # gone: back to the first shown
        await pilot.pause()
        assert selected_id(view) == "claim"


async def test_enter_opens_the_selected_event(timeline):
    async with ViewApp(timeline).run_test(size=(60, 12)) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        assert pilot.app.opened == [1]


async def test_nothing_shown_draws_the_message_and_keys_do_nothing(timeline):
    async with ViewApp(timeline, shown=[]).run_test(size=(60, 12)) as pilot:
        view = pilot.app.query_one(TimelineView)
        view.empty_message = ["", "   No events match."]
        view.show([])
        await pilot.pause()
        assert [view.render_line(y).text.rstrip() for y in range(3)] == ["", "   No events match.", ""]
        await pilot.press("j", "k", "g", "G", "pagedown", "pageup", "right_square_bracket", "left_curly_bracket", "enter")
        assert view.cursor == -1 and view.selected_event is None and view.selected_position == 0


async def test_the_empty_message_is_drawn_in_the_warning_style_and_cut_at_the_width(timeline):
    async with ViewApp(timeline, shown=[]).run_test(size=(30, 6)) as pilot:
        view = pilot.app.query_one(TimelineView)
        view.empty_message = ["   Press r to clear all filters, or Esc."]
        view.show([])
        await pilot.pause()
        strip = view.render_line(0)
        assert strip.text == "   Press r to clear all filte…" and strip.cell_length == 30
        warning = view.get_component_rich_style("timeline--empty")
        assert warning.color is not None and all(segment.style.color == warning.color
                                                 for segment in strip if segment.text.strip())


def test_fit_pads_or_cuts_to_exactly_the_room():
    assert _fit("abc", 5) == "abc  "
    assert _fit("abc", 3) == "abc"
    assert _fit("abcdef", 4) == "abc…"
    assert _fit("abc", 0) == "" and _fit("abc", -1) == ""
    assert _fit("日本語", 4) == "日 …"  # two cells a character: one fits, a space pads


def test_short_names_take_the_shortest_one_word_capitalised_alias(timeline):
    assert _short_name(timeline, "kadyrov") == "Kadyrov"  # not "the Chechen leader"
    assert _short_name(timeline, "russia") == "Russia"  # no aliases: the name
    assert _short_name(timeline, "nobody") == "nobody"  # not in the file: the id


# Twelve events in Sep 2015, twelve in Oct, three in Jan 2016: 32 rows, 10 on screen.
#   0 " 2015", 1 "  Sep 2015", 2-13 e01-e12, 14 "  Oct 2015", 15-26 f01-f12,
#   27 " 2016", 28 "  Jan 2016", 29-31 g01-g03
def months_file() -> str:
    head = FILE.split("events:\n")[0] + "events:\n"
    rows = [(f"e{n:02d}", f"2015-09-{n:02d}") for n in range(1, 13)]
    rows += [(f"f{n:02d}", f"2015-10-{n:02d}") for n in range(1, 13)]
    rows += [(f"g{n:02d}", f"2016-01-{n:02d}") for n in range(1, 4)]
    return head + "".join(f"  - {{id: {event_id}, date: {date}, date_basis: s, kind: report, title: T, "
                          f"sources: [{{source: a, quote: q}}]}}\n" for event_id, date in rows)


@pytest.fixture
def months(write):
    return load(write("months.yaml", months_file()))


async def test_jumps_scroll_so_the_events_headings_show_above_it(months):
    async with ViewApp(months).run_test(size=(40, 10)) as pilot:
        view = pilot.app.query_one(TimelineView)
        await pilot.press("G")
        assert selected_id(view) == "g03" and view.scroll_offset.y == 22  # the bottom
        await pilot.press("left_square_bracket")
        assert selected_id(view) == "f01" and view.scroll_offset.y == 14  # "  Oct 2015" on top
        await pilot.press("left_square_bracket")
        assert selected_id(view) == "e01" and view.scroll_offset.y == 0  # both headings on top
        await pilot.press("right_curly_bracket")
        assert selected_id(view) == "g01" and view.scroll_offset.y == 20  # g01 on the bottom line


async def test_moving_up_to_an_event_under_another_shows_no_more_than_it(months):
    async with ViewApp(months).run_test(size=(40, 10)) as pilot:
        view = pilot.app.query_one(TimelineView)
        await pilot.press("G")
        view.select_event(months.by_id["e02"])
        await pilot.pause()
        assert view.cursor == 3 and view.scroll_offset.y == 3  # e01 above it is an event, not a heading


async def test_a_page_scrolls_by_a_page_and_a_page_up_onto_a_heading_takes_the_event_before(months):
    async with ViewApp(months).run_test(size=(40, 10)) as pilot:
        view = pilot.app.query_one(TimelineView)
        await pilot.press("pagedown")
        assert selected_id(view) == "e10" and view.cursor == 11 and view.scroll_offset.y == 9
        await pilot.press("pagedown")
        assert selected_id(view) == "f06" and view.cursor == 20 and view.scroll_offset.y == 18
        view.select_event(months.by_id["f09"])  # row 23: a page up lands on row 14, "  Oct 2015"
        await pilot.pause()
        await pilot.press("pageup")
        assert selected_id(view) == "e12" and view.scroll_offset.y == 9


async def test_a_page_in_a_view_two_rows_high_is_one_row(months):
    async with ViewApp(months).run_test(size=(40, 2)) as pilot:
        view = pilot.app.query_one(TimelineView)
        await pilot.press("pagedown")
        assert selected_id(view) == "e02"


def test_short_names_prefer_the_shortest_capitalised_single_word(write):
    timeline = load(write("names.yaml", FILE.replace(
        "aliases: [Kadyrov, the Chechen leader]", "aliases: [Ra Ka, chief, Zed-Kadyrov, Kadyrov]")))
    # "Ra Ka" has a space, "chief" is not capitalised; of the rest the shortest wins
    assert _short_name(timeline, "kadyrov") == "Kadyrov"
    timeline = load(write("names2.yaml", FILE.replace(
        "aliases: [Kadyrov, the Chechen leader]", "aliases: [Zed, Abcdef]")))
    assert _short_name(timeline, "kadyrov") == "Zed"  # shortest, not first in the alphabet


def style_of(strip, text: str):
    """The style of the segment of a drawn row that is `text`, else the first holding it."""
    segments = list(strip)
    exact = [segment for segment in segments if segment.text == text]
    return (exact or [segment for segment in segments if text in segment.text])[0].style


async def test_rows_carry_their_colours(timeline):
    async with ViewApp(timeline).run_test(size=(60, 12)) as pilot:
        view = pilot.app.query_one(TimelineView)
        background = view.rich_style.bgcolor
        dim = view.get_component_rich_style("timeline--dim").color
        claim = view.render_line(3)  # not under the cursor
        assert style_of(claim, "30 Sep 2015?").color == dim
        assert style_of(claim, "✦").color.name == "yellow"
        assert style_of(claim, "⚑").color.name == "yellow" and style_of(claim, "⚑").bold
        assert style_of(claim, "✗").color.name == "red" and style_of(claim, "✗").bold
        assert style_of(claim, "Kadyrov").color == dim
        assert style_of(claim, "1▤").color.name == "yellow"  # a single outlet
        assert all(segment.style.bgcolor == background for segment in claim)
        cursor = view.get_component_rich_style("timeline--cursor").bgcolor
        assert all(segment.style.bgcolor == cursor for segment in view.render_line(2))
        await pilot.press("G")
        assert style_of(view.render_line(2), "2▤").color == dim  # two outlets
        year, month = view.render_line(0), view.render_line(1)
        assert style_of(year, "2015").bold and style_of(year, "2015").bgcolor != background
        assert style_of(month, "Sep 2015").bold and style_of(month, "Sep 2015").color != style_of(year, "2015").color
        assert year.text == " 2015".ljust(60) and month.text == "  Sep 2015".ljust(60)


async def test_the_empty_message_fills_the_width_on_the_views_background(timeline):
    async with ViewApp(timeline, shown=[]).run_test(size=(30, 6)) as pilot:
        view = pilot.app.query_one(TimelineView)
        view.empty_message = ["   No events match."]
        view.show([])
        await pilot.pause()
        for y in (0, 1):  # the message, then a blank line under it
            strip = view.render_line(y)
            assert len(strip.text) == 30 and all(s.style.bgcolor == view.rich_style.bgcolor for s in strip)


async def test_with_a_corpus_a_quote_not_in_its_article_is_marked(write, tmp_path):
    (tmp_path / "a.txt").write_text("Strikes began at dawn. Officials denied it.", encoding="utf-8")
    timeline = load(write("quoted.yaml", """\
        title: Quoted
        sources:
          a: {outlet: Wire A, published: 2015-10-01, file: a.txt}
        events:
          - {id: right, date: 2015-09-30, date_basis: s, kind: report, title: Word for word,
             sources: [{source: a, quote: Strikes began at dawn.}]}
          - {id: wrong, date: 2015-09-30, date_basis: s, kind: report, title: Changed,
             sources: [{source: a, quote: Strikes began at noon.}]}
        """))
    async with ViewApp(timeline, corpus=Corpus(tmp_path)).run_test(size=(60, 8)) as pilot:
        view = pilot.app.query_one(TimelineView)
        # with a corpus the marks take four cells: kind, status, denied, unverified
        assert view.render_line(2).text.startswith("   30 Sep 2015 #    Word for word")
        wrong = view.render_line(3)
        assert wrong.text.startswith("   30 Sep 2015 #  ! Changed")
        assert style_of(wrong, "!").color.name == "red" and style_of(wrong, "!").bold
