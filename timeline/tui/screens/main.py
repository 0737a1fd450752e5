"""The main screen: the timeline, its overview strip and the detail pane, with the keys
and palette commands that act on them. Other screens never see these keys."""

from __future__ import annotations

import bisect
import io
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from ...claims import answer_place, answers_to
from ...controls import visible
from ...corpus import Corpus, Passage, passages
from ...dates import When, moment_text
from ...export import export_text, nothing_to_export
from ...filters import Filters, choices, cleared
from ...goto import landing
from ...model import Source, Timeline
from ...output import write_file
from ...query import Search, step_from, text_match
from ...search import SearchError, parse
from .. import keys
from ..clipboard import Copyable, copyables
from ..commands import MainCommands
from ..scope import Scope
from ..session_actions import SessionActions
from ..widgets.detail import DetailPane, SourceList, quote_number
from ..widgets.footer import NARROW_WIDTH, AppFooter
from ..widgets.header import HeaderText
from ..widgets.overview import Overview
from ..widgets.timeline_view import TimelineView
from .help import key_names
from .copy import CopyKeys
from .lanes import LanesScreen
from .picker import PickerScreen
from .prompts import DateRangeScreen, ExportScreen, GotoDateScreen
from .reader import NearestPassage, ReaderScreen
from .views import coverage_screen, disputes_screen, figures_screen

PICKER_TITLES = {"actors": "Filter by actor", "kinds": "Filter by kind", "sources": "Filter by source",
                 "statuses": "Filter by status", "tags": "Filter by tag", "locations": "Filter by location",
                 "not_actors": "Leave out actors (their events are hidden)",
                 "not_kinds": "Leave out kinds (their events are hidden)"}
PICKER_CHOICES = {"not_actors": "actors", "not_kinds": "kinds"}  # a picker offering another filter's choices
SEARCH_PLACEHOLDERS = {
    "filter": "search: every word, in any order (\"a phrase\" as written, /regular expression)",
    "find": "find without filtering: n / N step through the matches (\"a phrase\", /regular expression)",
}
FIRST_SCREEN_SECONDS = 0.03  # what a filter may take to find its first screen of matches; it counts on after
COUNT_SLICE = 0.015  # the counting done between two looks at the keys and the screen
COUNT_PAUSE = 0.001  # between two slices: the keys' and the screen's turn
COUNT_START_LATEST = 0.2  # the count starts once the first matches are painted, or after this
MAIN_ACTIONS = frozenset(binding.action.split("(")[0] for binding in keys.MAIN)  # "pick('tags')" is "pick"


class MainScreen(CopyKeys, SessionActions, Screen):
    CSS_PATH = "main.tcss"
    BINDINGS = keys.MAIN
    COMMANDS = {MainCommands}

    def __init__(self, timeline: Timeline, corpus: Corpus | None, corpus_note: str, filters: Filters,
                 session=None, cursor_id: str | None = None):
        super().__init__()
        self.timeline = timeline
        self.corpus = corpus
        self.corpus_note = corpus_note
        self.filters = filters
        self.session = session  # marks, notes and views (timeline/session.py); None: no file to keep them for
        self._first_cursor = cursor_id  # where the cursor opens: the event of the view left last
        self.searcher = self.new_searcher(timeline)
        self.shown: Sequence[int] = []  # the events on screen: all the filters let through, or the first so far
        self._counting: Search | None = None  # a search whose matches are still being counted
        self._count_started: Search | None = None  # the one whose count has begun
        self._count_keep: int | None = None  # the event the cursor was on before it
        self._count_from: int | None = None  # the event its first matches put the cursor on
        self._stepping: tuple[int, int] | None = None  # (claim, place among its answers) x went to
        self._text_before_search = ""
        self._described: list[str] = []  # the filters in words, for the header
        self.find_text = ""  # what find highlights and n / N step through; it filters nothing
        self._search_mode = "filter"  # what the search bar does: "filter" (/) or "find" (f)
        self._find_origin: int | None = None  # the event selected when find was opened
        self.reading = False  # the file is being read for the first time (the app's cold open)

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        yield Static(id="reload-error")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Overview(self.timeline, id="overview")
                yield TimelineView(self.timeline, self.corpus, on_move=self._cursor_moved, id="timeline")
            yield DetailPane(self.timeline, self.corpus, self.corpus_note, id="detail")
        yield Input(placeholder=SEARCH_PLACEHOLDERS["filter"], id="search")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one("#reload-error").display = False
        self._fit_layout(self.app.size.width)
        self.view.session = self.query_one(DetailPane).session = self.session
        self.refilter(keep_id=self._first_cursor)
        self.query_one(TimelineView).focus()

    def on_unmount(self) -> None:
        self.remember_view()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # Under a dialog the footer stays in view: it must not offer keys that the
        # dialog holds back (they never reach this screen while it is covered).
        return self.app.screen is self or action not in MAIN_ACTIONS

    def on_screen_suspend(self) -> None:
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        self.refresh_bindings()

    def on_resize(self, event) -> None:
        self._fit_layout(event.size.width)

    def _fit_layout(self, width: int) -> None:
        # below this the detail pane goes under the timeline
        self.query_one("#body").set_class(width < NARROW_WIDTH, "narrow")

    @property
    def view(self) -> TimelineView:
        return self.query_one(TimelineView)

    # --- the file, reloaded ----------------------------------------------------------

    def show_timeline(self, timeline: Timeline) -> None:
        """Show a reloaded file, keeping the filters and the cursor on the same event."""
        kept = self.view.selected_event
        kept_id = self.timeline.ids[kept] if kept is not None else None
        self.timeline = timeline
        self.searcher = self.new_searcher(timeline)
        for widget in (self.view, self.query_one(DetailPane), self.query_one(Overview)):
            widget.timeline = timeline
        self.query_one("#reload-error").display = False
        self.refilter(keep_id=kept_id)

    def show_banner(self, text: Text) -> None:
        """A message about the file above the timeline (it cannot be read, it is gone)."""
        banner = self.query_one("#reload-error", Static)
        banner.update(text)
        banner.display = True

    @property
    def banner_shown(self) -> bool:
        return self.query_one("#reload-error").display

    # --- filtering -------------------------------------------------------------------

    def set_filters(self, filters: Filters, keep_id: str | None = None) -> None:
        before, self.filters = self.filters, filters
        if not self.refilter(keep_id):
            self.filters = before
            self.update_header()

    def toggle_filter(self, name: str, value: str) -> None:
        self.set_filters(self.filters.toggle(name, value))

    def refilter(self, keep_id: str | None = None) -> bool:
        """Show the events the filters let through; False, with the screen unchanged,
        when there is not the memory to find them. A text search shows the first
        screen of its matches at once, and counts the rest between keys (the header
        says so meanwhile)."""
        view = self.view
        keep = view.selected_event if keep_id is None else self.timeline.by_id.get(keep_id)
        try:
            search = self.searcher.start(self.filters.query)
            search.advance(enough=max(100, 2 * view.size.height), past=keep, seconds=FIRST_SCREEN_SECONDS)
        except MemoryError:
            self._out_of_memory()
            return False
        self._counting = None if search.done else search
        self._show(search, keep)
        if not search.done:
            self._count_keep, self._count_from = keep, view.selected_event
            # The first matches on screen first: counted from here, two slices (20 ms each)
            # ran before Textual painted them, and held a typed character's matches back by
            # 40 ms at 1M. Counted anyway when the rows are not painted (a dialog over them).
            start = partial(self._start_count, search)
            view.call_after_paint(start)
            self.set_timer(COUNT_START_LATEST, start)
        return True

    def _out_of_memory(self) -> None:
        self.notify("There is not the memory for this filter; the events shown are as they were.",
                    title="Out of memory", severity="error", timeout=8)

    def _show(self, search: Search, keep: int | None) -> None:
        """Show what the search has found so far, the cursor on `keep` if it is there."""
        view = self.view
        self.shown = search.found if search.done else list(search.found)  # the view keeps what it is given
        view.empty_message = self.empty_message() if not self.shown else []
        self._update_highlight()
        view.show(self.shown, keep_event=keep)
        self.query_one(Overview).set_view(self.shown, view.selected_event)
        self.update_header()

    def _start_count(self, search: Search) -> None:
        if search is self._counting and self._count_started is not search:
            self._count_started = search
            self.set_timer(COUNT_PAUSE, partial(self._count_on, search))

    def _count_on(self, search: Search) -> None:
        """Count a slice more of the search's matches, then let keys and the screen in."""
        if search is not self._counting:
            return  # a newer filter took its place
        try:
            done = search.advance(seconds=COUNT_SLICE)
        except MemoryError:
            self._counting = None
            self._out_of_memory()
            return
        if done:
            self._counted(search)
        else:
            self.set_timer(COUNT_PAUSE, partial(self._count_on, search))

    def _counted(self, search: Search) -> None:
        """Every match found: show them all, the cursor where the user left it (or, not
        moved, on the event it was on before the filter, now that it can be found)."""
        self._counting = None
        view = self.view
        moved = view.selected_event != self._count_from
        self._show(search, view.selected_event if moved or self._count_keep is None else self._count_keep)

    def all_shown(self) -> Sequence[int]:
        """Every event the filters let through: while a search is still counting, it is
        counted to the end first (an export, a view, find must have them all)."""
        search = self._counting
        if search is not None:
            search.result()
            self._counted(search)
        return self.shown

    def empty_message(self) -> list[str]:
        if self._counting is not None:
            return ["", "   Searching…"]
        if not self.timeline.events and self.reading:
            return ["", "   Reading the file: its first events in time order come here in a moment."]
        if not self.timeline.events:
            return ["", "   This file has no events yet: add them under 'events:' (the README's 'File format'",
                    "   shows how). The file is watched: they appear here when you save it."]
        lines = ["", "   No events match."]
        described = self.filters.describe(self.timeline)
        if described:
            lines.append("")
            lines += [f"   {part}" for part in described]
            lines += ["", "   Press r to clear all filters, or Esc to clear the last one."]
        return lines

    def update_header(self) -> None:
        self._described = self.filters.describe(self.timeline)
        self.update_position()

    def update_position(self) -> None:
        """The header again, for the cursor's new place (the filters as update_header found them)."""
        view = self.view
        index = view.selected_event
        position = Text(no_wrap=True)
        counting = self._counting is not None
        if index is not None and self.shown:
            position.append(f"▸ {self.timeline.events[index].date.display()} ", style="bold")
            position.append(f"{view.selected_position:,}/{'…' if counting else f'{len(self.shown):,}'} ", style="dim")
        total = len(self.timeline.events)  # with thousands marked, as the reading line and the title count
        count = f"searching {total:,} events…" if counting else f"{len(self.shown):,} of {total:,} events"
        header = HeaderText(count, self._described, self.timeline.title, position)
        widget = self.query_one("#header", Static)
        # As many lines as before (most moves): repainted, without a layout of the screen.
        width, height = widget.size
        widget.update(header, layout=not width or len(header.lines(width)) != height)

    # --- filter keys -------------------------------------------------------------------

    def _pick(self, name: str) -> None:
        # The counts are of the events the other filters let through: what choosing gives.
        others = self.filters.set(name, **cleared(name))
        within = set(self.new_searcher(self.timeline).run(others.query)) if others.order else None
        note = ("counts: events that match " + "; ".join(others.describe(self.timeline)) if within is not None
                else "counts: events in the whole file")
        screen = PickerScreen(PICKER_TITLES[name], choices(self.timeline, PICKER_CHOICES.get(name, name), within),
                              getattr(self.filters.query, name), note)
        self.app.push_screen(screen, partial(self._picked, name))

    def _picked(self, name: str, values: tuple[str, ...] | None) -> None:
        if values is not None:
            self.set_filters(self.filters.set(name, **{name: tuple(values)}))
        self.view.focus()

    def action_pick_actors(self) -> None:
        self._pick("actors")

    def action_pick_kinds(self) -> None:
        self._pick("kinds")

    def action_pick_sources(self) -> None:
        self._pick("sources")

    def action_pick(self, name: str) -> None:
        """A picker for the filter `name` (statuses, tags, locations, not_actors, not_kinds)."""
        self._pick(name)

    def action_single_outlet(self) -> None:
        self.set_filters(self.filters.set("single_outlet", single_outlet=not self.filters.query.single_outlet))

    # --- the search bar: search (filters) and find (does not) ----------------------------

    def action_search(self) -> None:
        self._text_before_search = self.filters.query.text
        self._open_search("filter", self.filters.query.text)

    def action_find(self) -> None:
        self._text_before_search = self.find_text
        self._find_origin = self.view.selected_event
        self._open_search("find", self.find_text)

    def _open_search(self, mode: str, text: str) -> None:
        search = self.query_one("#search", Input)
        self._search_mode = mode
        search.placeholder = SEARCH_PLACEHOLDERS[mode]
        search.border_title = search.border_subtitle = None
        search.value = text
        search.display = True
        self.set_focus(search)  # at once: the rest of a burst typed with '/' goes into it (TimelineApp._on_key)

    def on_input_changed(self, message: Input.Changed) -> None:
        if message.input.id != "search":
            return
        text = message.value.strip()
        try:
            parse(text)
        except SearchError as error:  # half-typed, most often: the events shown stay as they are
            message.input.border_subtitle = f"not a regular expression yet: {error.reason}"
            return
        message.input.border_subtitle = None
        if self._search_mode == "find":
            self._find(text)
        else:
            self.set_filters(self.filters.set("text", text=text))

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id == "search":
            self._close_search()

    def _close_search(self) -> None:
        self.query_one("#search", Input).display = False
        self.view.focus()

    def _update_highlight(self) -> bool:
        """Highlight, in the rows and the detail pane, the matches of the search and the
        find; True when that changed what the detail pane highlights."""
        matches = tuple(match for match in (text_match(self.filters.query.text), text_match(self.find_text)) if match)
        self.view.set_highlight(matches)
        pane = self.query_one(DetailPane)
        changed = pane.highlight != matches
        pane.highlight = matches
        return changed

    def _highlight_find(self, text: str) -> None:
        self.find_text = text
        if self._update_highlight():
            self.query_one(DetailPane).redraw()

    def _find(self, text: str) -> None:
        """Find as it is typed: highlight the matches and go to the first one from where
        find was opened, filtering nothing."""
        self._highlight_find(text)
        found = self.searcher.find(self.all_shown(), text) if text else []
        search = self.query_one("#search", Input)
        search.border_title = (f"{len(found)} event{'s' * (len(found) != 1)} match" if found
                               else "no event shown matches" if text else None)
        origin = self._find_origin
        if found:
            k = bisect.bisect_left(found, origin) if origin is not None else 0
            self.view.select_event(found[k % len(found)])
        elif origin is not None:
            self.view.select_event(origin)

    def action_step_match(self, direction: int) -> None:
        """To the next (or previous) shown event that matches the find, else the search;
        past the last, round to the first."""
        text = self.find_text or self.filters.query.text
        if not text:
            self.notify("Nothing to find: f finds without filtering, / searches.", timeout=3)
            return
        found = self.searcher.find(self.all_shown(), text)
        if not found:
            self.notify(f"No event shown matches “{text}”.", severity="warning", timeout=3)
            return
        k = step_from(found, self.view.selected_event, direction)
        wrapped = not 0 <= k < len(found)
        k %= len(found)
        self.view.select_event(found[k])
        where = (" (from the top)" if direction > 0 else " (from the bottom)") if wrapped else ""
        self.notify(f"Match {k + 1} of {len(found)}{where}", timeout=2)

    def action_pick_dates(self) -> None:
        q = self.filters.query
        screen = DateRangeScreen(moment_text(q.date_from) if q.date_from else "",
                                 moment_text(q.date_to) if q.date_to else "")
        self.app.push_screen(screen, self._picked_dates)

    def _picked_dates(self, result: tuple[When | None, When | None] | None) -> None:
        if result is not None:
            first, last = result
            self.set_filters(self.filters.set("dates", date_from=first.earliest_moment if first else None,
                                              date_to=last.latest_moment if last else None))
        self.view.focus()

    def action_clear_filters(self) -> None:
        self.set_filters(Filters())
        self.notify("All filters cleared.", timeout=2)

    def action_back(self) -> None:
        """Escape: close the search bar, leave the detail pane, clear the find, or clear
        the last filter."""
        search = self.query_one("#search", Input)
        if search.display:
            if self._search_mode == "find":  # the find as it was, and the cursor where it was
                self._highlight_find(self._text_before_search)
                if self._find_origin is not None:
                    self.view.select_event(self._find_origin)
            else:
                self.set_filters(self.filters.set("text", text=self._text_before_search))
            self._close_search()
            return
        if not self.view.has_focus:
            self.view.focus()
            return
        if self.find_text:
            self._highlight_find("")
        elif self.filters.order:
            self.set_filters(self.filters.without_last())

    # --- moving ------------------------------------------------------------------------

    def action_goto_date(self) -> None:
        self.app.push_screen(GotoDateScreen(), self._went_to)

    def _went_to(self, when: When | None) -> None:
        view = self.view
        shown = self.all_shown()
        landed = None if when is None else landing(self.timeline, shown, when, filtered=bool(self.filters.order))
        if landed is not None:
            view.select_event(landed.event)
            if landed.message:
                self.notify(landed.message, timeout=5)
        view.focus()

    def go_to_day(self, ordinal: int) -> None:
        self.view.go_to_day(ordinal)

    def jump_to_event(self, event_id: str) -> None:
        index = self.timeline.by_id.get(event_id)
        if index is None:
            self.notify(f"No event '{event_id}' in this file.", severity="warning")
            return
        view = self.view
        if not view.select_event(index):
            # Following a link serves the user better than refusing it: show everything,
            # and say so, rather than leave them at a dead end.
            self.set_filters(Filters())
            self.notify("Filters cleared to show the linked event.", timeout=3)
            view.select_event(index)
        view.focus()

    def action_next_answer(self) -> None:
        """x: from a claim to its first answer, then on to each next one, in time order."""
        self._step_answer(1)

    def action_previous_answer(self) -> None:
        """X: back to the answer before; from the first answer, to the claim."""
        self._step_answer(-1)

    def action_to_claim(self) -> None:
        """c: from any answer straight back to its claim, however far x went."""
        index = self.view.selected_event
        place = None if index is None else self._answer_place(index, claim_first=True)
        if place is None or place[1] < 0:
            self.notify("This event answers no claim." if place is None else f"This is the claim; {self._x_keys}.",
                        timeout=3)
            return
        self._stepping = None
        self.jump_to_event(self.timeline.ids[place[0]])

    @property
    def _x_keys(self) -> str:
        app = self.app
        return (f"{key_names(app, 'nav.counterpart')} next, {key_names(app, 'nav.counterpart_back')} back, "
                f"{key_names(app, 'nav.claim')} the claim")

    def _answer_place(self, index: int, claim_first: bool = False) -> tuple[int, int] | None:
        """As claims.answer_place, but on the answer x stepped to, the claim x came from: an
        answer to two claims goes on through the answers of the one it was reached from."""
        if self._stepping:
            claim, place = self._stepping
            answers = answers_to(self.timeline, self.timeline.ids[claim])
            if place < len(answers) and answers[place][1] == index:
                return self._stepping
        return answer_place(self.timeline, index, claim_first)

    def _step_answer(self, direction: int) -> None:
        index = self.view.selected_event
        place = None if index is None else self._answer_place(index)
        if place is None:
            self.notify("Nothing denies or answers this event, and it answers none.", timeout=3)
            return
        claim, position = place
        answers = answers_to(self.timeline, self.timeline.ids[claim])
        target = position + direction
        if target >= len(answers):
            self.notify(f"This is the last of {len(answers)} answer{'s' * (len(answers) != 1)}; {self._x_keys}.",
                        timeout=3)
        elif target < 0 and position < 0:
            self.notify(f"This is the claim; {self._x_keys}.", timeout=3)
        elif target < 0:  # back from the first answer
            self._stepping = None
            self.jump_to_event(self.timeline.ids[claim])
        else:
            kind, answer = answers[target]
            self._stepping = (claim, target)
            self.notify(f"{kind} ({target + 1} of {len(answers)}); {self._x_keys}", timeout=3)
            self.jump_to_event(self.timeline.ids[answer])

    # --- messages from the widgets -----------------------------------------------------

    def _cursor_moved(self, index: int | None) -> None:
        """The cursor's place, in the same frame as its row: the strip and the header."""
        self.cursor_id = None if index is None else self.timeline.ids[index]
        overviews = self.query(Overview)
        if overviews:  # not while the app is closing
            overviews.first().set_cursor(index)
            self.update_position()

    def on_timeline_view_selected(self, message: TimelineView.Selected) -> None:
        panes = self.query(DetailPane)
        if not panes:  # the message can arrive while the app is closing
            return
        index = message.event_index
        panes.first().follow(None if index is None else self.timeline.events[index])

    def on_overview_jump(self, message: Overview.Jump) -> None:
        self.view.go_to_day(message.ordinal)
        self.view.focus()

    def on_timeline_view_opened(self, message: TimelineView.Opened) -> None:
        self.query_one(DetailPane).focus_lists()

    def on_detail_pane_follow(self, message: DetailPane.Follow) -> None:
        self.jump_to_event(message.event_id)

    def on_detail_pane_read(self, message: DetailPane.Read) -> None:
        self.open_reader(message.event_id, message.citation)

    # --- sources: the reader, coverage, disputes, figures, lanes -----------------------

    def article_text(self, source_id: str) -> tuple[Source | None, str | None]:
        """The source and its article's text, or a notification saying why there is none."""
        source = self.timeline.sources.get(source_id)
        if self.corpus is None:
            self.notify(self.corpus_note, title="No articles to read", severity="warning", timeout=6)
            return source, None
        text = self.corpus.text(source) if source else None
        if text is None:
            self.notify(visible(self.corpus.why_missing(source)), title="Cannot open the article", severity="warning")
            return source, None
        return source, visible(text)  # one character for one: the places of the quotes hold

    def open_reader(self, event_id: str, citation_number: int = 0) -> None:
        index = self.timeline.by_id[event_id]
        event = self.timeline.events[index]
        if not event.sources:
            return
        number = min(citation_number, len(event.sources) - 1)
        citation = event.sources[number]
        source, text = self.article_text(citation.source)
        if text is None:
            return
        found = passages(self.timeline, source.id, text)
        if citation.quote is None:  # a paraphrase: no passage to open at
            self.app.push_screen(ReaderScreen(self.timeline, source, text, found, show_coverage=self.show_coverage,
                                              paraphrase=(index, quote_number(event, number)),
                                              capture=self.capture_passage))
            return
        current = next((n for n, p in enumerate(found) if p.event_index == index and p.quote == citation.quote), None)
        nearest = self._nearest_passage(index, number, source) if current is None else None
        self.app.push_screen(ReaderScreen(self.timeline, source, text, found, current or 0,
                                          show_coverage=self.show_coverage, nearest=nearest,
                                          capture=self.capture_passage))

    def _nearest_passage(self, event_index: int, number: int, source: Source) -> NearestPassage | None:
        """Where the reader opens for a quote that is not in the article verbatim: the
        passage most like it (None, said in a notification, when the article has no text)."""
        event = self.timeline.events[event_index]
        citation = event.sources[number]
        check = self.corpus.check(event, citation, source)
        if check is None or check.nearest_at < 0:
            self.notify("This quote is not in the article verbatim, and nothing in the article is near it.",
                        severity="warning", timeout=6)
            return None
        passage = Passage(check.nearest_at, check.nearest_at + len(check.nearest), event_index, citation.quote)
        return NearestPassage(passage, quote_number(event, number), check.differences)

    def action_open_article(self) -> None:
        """The article of the event's first citation, or of the first one the source filter names."""
        index = self.view.selected_event
        if index is None:
            return
        self.open_reader(self.timeline.ids[index], self._filtered_citation(index) or 0)

    def _filtered_citation(self, index: int) -> int | None:
        """The event's first citation of a source the source filter names, if it names one."""
        wanted = set(self.filters.query.sources)
        return next((n for n, c in enumerate(self.timeline.events[index].sources) if c.source in wanted), None)

    # --- copy, and open a link ---------------------------------------------------------

    def copyables(self) -> dict[str, Copyable]:
        """What the copy keys offer: the selected event, and the quote in focus in the
        detail pane (else the source filter's), else every source of the event."""
        index = self.view.selected_event
        if index is None:
            return copyables(self.timeline, None)
        quotes = self.query_one(SourceList)
        if quotes.has_focus and quotes.quotes:
            citation = quotes.quotes[quotes.current].index
        else:
            citation = self._filtered_citation(index)
        return copyables(self.timeline, self.timeline.events[index], citation)

    def capture_passage(self, source_id: str, start: int, end: int) -> None:
        """Draft an event from a passage of the article and, once the analyst has seen it
        and asked for it, append it to the events file (live reload then shows it)."""
        from ...capture import CaptureError, append_event, draft_passage
        from ...output import OutputError
        from .capture import CaptureScreen

        source = self.timeline.sources[source_id]
        path = self.timeline.path
        text = self.corpus.text(source) if self.corpus else None  # the article's own characters
        try:
            if text is None or not path:
                raise CaptureError("there is no article text or no events file to write to")
            record = draft_passage(self.timeline, source, text, start, end)
        except CaptureError as error:
            self.notify(visible(str(error)), title="Cannot draft an event", severity="warning", timeout=8)
            return

        def appended(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                backup = append_event(path, record)
            except (OutputError, OSError) as error:  # CaptureError is one
                self.notify(visible(str(error)), title="Nothing written", severity="error", timeout=10)
                return
            self.notify(visible(f"Appended '{record['id']}' to {Path(path).name}, tagged 'draft'; the file as it was "
                                f"is kept as {backup.name}."), title="Event drafted", timeout=8)

        self.app.push_screen(CaptureScreen(record, path), appended)

    def show_coverage(self, source_id: str) -> None:
        source, text = self.article_text(source_id)
        if text is not None:
            self.app.push_screen(coverage_screen(self.timeline, source, text, self.scope()), self._chose_event)

    def scope(self) -> Scope:
        """What the views cover: the events shown here, as long as a filter is on."""
        described = tuple(self.filters.describe(self.timeline))
        return Scope(frozenset(self.all_shown()), described) if described else Scope()

    def action_disputes(self) -> None:
        self.app.push_screen(disputes_screen(self.timeline, self.scope()), self._chose_event)

    def action_figures(self) -> None:
        self.app.push_screen(figures_screen(self.timeline, self.scope()), self._chose_event)

    def action_lanes(self) -> None:
        """Lanes for the chosen actors, or for the busiest when none is chosen."""
        self.app.push_screen(LanesScreen(self.timeline, list(self.filters.query.actors), self.scope()),
                             self._chose_event)

    def _chose_event(self, event_id: str | None) -> None:
        while self.app.screen is not self:  # back here from a view over the reader
            self.app.pop_screen()
        if event_id:
            self.jump_to_event(event_id)

    # --- export ------------------------------------------------------------------------

    def action_export(self) -> None:
        if not self.all_shown():  # a report of nothing would read as one that found nothing
            reason = nothing_to_export(self.filters.describe(self.timeline))
            clear = f"; {key_names(self.app, 'filter.clear')} clears the filters" if self.filters.order else ""
            self.notify(f"{reason[0].upper()}{reason[1:]}{clear}.", title="Not exported", severity="warning",
                        timeout=6)
            return
        stem = Path(self.timeline.path).stem + "-export" if self.timeline.path else "timeline-export"
        marks = self.session.marks if self.session is not None else {}
        marked = sum(1 for i in self.all_shown() if self.timeline.ids[i] in marks)
        # In the browser version the export is a download: a name, not a place on the server.
        download = self.app.is_web
        self.app.push_screen(ExportScreen(stem if download else str(Path.cwd() / stem), len(self.all_shown()),
                                          self._write_export, download=download, marked=marked), self._exported)

    def _write_export(self, format_name: str, name: str, marked_only: bool = False) -> Path:
        """Write the events shown (or only the marked ones among them), as the dialog asks
        (in the browser, deliver them as a download); OutputError says why not."""
        filters = self.filters
        indexes = self.all_shown()
        if marked_only:  # said in the export's heading, as the filter to the marked would be
            filters = filters.set("marked", marked=self.session.marked())
            indexes = [i for i in indexes if self.timeline.ids[i] in filters.query.marked]
        events = [self.timeline.events[i] for i in indexes]
        text = export_text(format_name, self.timeline, events, filters.describe(self.timeline))
        self._export_count = len(events)
        if self.app.is_web:
            self.app.deliver_text(io.StringIO(text), save_filename=Path(name).name)
            return Path(Path(name).name)
        return write_file(name, text, input_path=self.timeline.path)

    def _exported(self, target: Path | None) -> None:
        if target is None:
            return
        where = f"the browser, as {target}" if self.app.is_web else str(target)
        self.notify(f"Wrote {self._export_count} events to {where}", title="Exported", timeout=4)
