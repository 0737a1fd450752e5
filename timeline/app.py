"""The explorer: a thin Textual layer over the core (loader, query, model)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from . import keys
from .claims import answered, answers_to
from .corpus import Corpus, passages, resolve_corpus
from .dates import When
from .model import Source, Timeline
from .problems import LoadError
from .query import Query, Searcher
from .watch import FileWatcher
from .widgets.detail import DetailPane, RelatedList, SourceList
from .widgets.footer import NARROW_WIDTH, AppFooter
from .widgets.help import HelpScreen
from .widgets.lanes import LanesScreen
from .widgets.overview import Overview
from .widgets.picker import Choice, PickerScreen
from .export import FORMATS, to_markdown, to_timelinejs
from .widgets.prompts import DateRangeScreen, ExportScreen, GotoDateScreen
from .widgets.reader import ReaderScreen
from .widgets.timeline_view import MONTH_ABBR, TimelineView
from .widgets.views import coverage_screen, disputes_screen, figures_screen



class TimelineApp(App):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it
    BINDINGS = keys.APP
    COMMANDS = App.COMMANDS | {lambda: TimelineCommands}

    def __init__(self, timeline: Timeline, query: Query | None = None, corpus: str | None = None,
                 keymap: dict[str, str] | None = None):
        super().__init__()
        self.user_keymap = keymap or {}
        self.timeline = timeline
        self.searcher = Searcher(timeline)
        self.query_state = query or Query()
        # The order filters were set in, so Escape can take back the last one.
        self.filter_order: list[str] = [name for name in ("actors", "kinds", "sources", "text", "dates")
                                        if _filter_is_on(self.query_state, name)]
        folder, self.corpus_note = resolve_corpus(timeline, corpus)
        self.corpus = Corpus(folder) if folder else None
        self.shown: list[int] = []
        self._answer_turn: dict[int, int] = {}  # which answer `x` went to last, per claim
        self._stepping: tuple[int, int | None] | None = None  # (claim, answer) `x` is between
        self._text_before_search = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="header"):
            yield Static(id="header-left")
            yield Static(id="header-right")
        yield Static(id="reload-error")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Overview(self.timeline, id="overview")
                yield TimelineView(self.timeline, self.corpus, id="timeline")
            yield DetailPane(self.timeline, self.corpus, self.corpus_note, id="detail")
        yield Input(placeholder="search titles, summaries, quotes and actors", id="search")
        yield AppFooter()

    # Actions that act on the timeline: off (and out of the footer) on the reader and views.
    TIMELINE_ONLY = {"pick_actors", "pick_kinds", "search", "pick_dates", "pick_sources", "clear_filters",
                     "goto_date", "counterpart", "open_article", "disputes", "figures", "lanes", "export"}

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in self.TIMELINE_ONLY and len(self.screen_stack) > 1:
            return False
        return True

    def on_mount(self) -> None:
        self.title = self.timeline.title
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        self.query_one("#search", Input).display = False
        self._fit_layout(self.size.width)
        self.refilter()
        self.query_one(TimelineView).focus()
        self.query_one("#reload-error").display = False
        # After the first screen: build the search texts and write the cache, off the UI thread.
        # Only an optimisation: if it fails, the session goes on without it.
        self.run_worker(self._prepare_in_background, thread=True, exclusive=True, group="prepare",
                        exit_on_error=False)
        if self.timeline.path and Path(self.timeline.path).is_file():
            self.watcher = FileWatcher(self.timeline.path)
            self.set_interval(self.reload_interval, self._check_file)

    # --- live reload -------------------------------------------------------------------

    reload_interval = 1.0  # seconds between looks at the file
    _reload_generation = 0  # counts saves seen; only the newest one's result is shown

    def _check_file(self) -> None:
        banners = self.query("#reload-error")
        if not banners:  # the timer can fire while the app is closing
            return
        banner = banners.first(Static)
        if not Path(self.timeline.path).exists():
            if not banner.display:
                banner.update(Text(f"{self.timeline.path} is gone (moved or deleted); showing it as it was.",
                                   style="bold"))
                banner.display = True
            return
        if self.watcher.changed():
            self._reload_generation += 1
            self.run_worker(partial(self._reload, self.timeline.path, self._reload_generation),
                            thread=True, group="reload")

    def _reload(self, path: str, generation: int) -> None:
        """Load in a thread, then hand the result to the UI, unless a newer save overtook it."""
        from .cache import load_cached

        try:
            timeline = load_cached(path)
        except LoadError as error:
            self.call_from_thread(self._reloaded, generation, None, error.problems)
            return
        self.call_from_thread(self._reloaded, generation, timeline, None)

    def _reloaded(self, generation: int, timeline: Timeline | None, problems: list | None) -> None:
        if generation != self._reload_generation:
            return  # a later save is being read: its result is the one to show
        if timeline is None:
            self.show_reload_error(problems)
        else:
            self.replace_timeline(timeline)

    def show_reload_error(self, problems: list) -> None:
        """Keep the last good data on screen, and say what is wrong with the file now."""
        banner = self.query_one("#reload-error", Static)
        lines = [str(p) for p in problems[:3]] + ([f"... and {len(problems) - 3} more"] if len(problems) > 3 else [])
        text = Text("The file changed and cannot be read; showing it as it was before. Fix it and save.\n",
                    style="bold")
        text.append("\n".join(lines))
        banner.update(text)
        banner.display = True

    def replace_timeline(self, timeline: Timeline) -> None:
        """Show a reloaded file, keeping the filters and the cursor on the same event."""
        view = self.query_one(TimelineView)
        kept = view.selected_event
        kept_id = self.timeline.ids[kept] if kept is not None else None
        self.timeline = timeline
        self.searcher = Searcher(timeline)
        for widget in (view, self.query_one(DetailPane), self.query_one(Overview)):
            widget.timeline = timeline
        self.query_one("#reload-error").display = False
        self.refilter(keep_id=kept_id)
        self.update_header()
        self.notify(f"Reloaded {Path(timeline.path).name}: {len(timeline.events)} events.", timeout=2)
        self.run_worker(self._prepare_in_background, thread=True, exclusive=True, group="prepare",
                        exit_on_error=False)

    def _prepare_in_background(self) -> None:
        from .cache import save

        self.searcher.prepare()
        save(self.timeline)

    def on_resize(self, event) -> None:
        self._fit_layout(event.size.width)

    def _fit_layout(self, width: int) -> None:
        # below this the detail pane goes under the timeline
        self.query_one("#body").set_class(width < NARROW_WIDTH, "narrow")

    # --- filtering -------------------------------------------------------------------

    def set_query(self, name: str, **changes) -> None:
        self.query_state = self.query_state.with_(**changes)
        if name in self.filter_order:
            self.filter_order.remove(name)
        if _filter_is_on(self.query_state, name):
            self.filter_order.append(name)
        self.refilter()

    def toggle_filter(self, name: str, value: str) -> None:
        """Add a value to a filter (actors, kinds), or take it out if it is there."""
        values = list(getattr(self.query_state, name))
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        self.set_query(name, **{name: tuple(values)})

    def refilter(self, keep_id: str | None = None) -> None:
        view = self.query_one(TimelineView)
        keep = view.selected_event if keep_id is None else self.timeline.by_id.get(keep_id)
        self.shown = self.searcher.run(self.query_state)
        view.empty_message = self.empty_message() if not self.shown else []
        view.show(self.shown, keep_event=keep)
        self.query_one(Overview).set_view(self.shown, view.selected_event)
        self.update_header()

    def filter_descriptions(self) -> list[str]:
        q, t = self.query_state, self.timeline
        parts = []
        if q.actors:
            parts.append("actor: " + " or ".join(t.actor_name(a) for a in q.actors))
        if q.kinds:
            parts.append("kind: " + " or ".join(q.kinds))
        if q.sources:
            parts.append("source: " + " or ".join(_source_label(t, s) for s in q.sources))
        if q.text:
            parts.append(f"text: “{q.text}”")
        if q.date_from or q.date_to:
            first = q.date_from.isoformat() if q.date_from else "start"
            last = q.date_to.isoformat() if q.date_to else "end"
            parts.append(f"dates: {first} to {last}")
        return parts

    def empty_message(self) -> list[str]:
        if not self.timeline.events:
            return ["", "   This file has no events yet: add them under 'events:' (the README's 'File format'",
                    "   shows how). The file is watched: they appear here when you save it."]
        lines = ["", "   No events match."]
        if self.filter_descriptions():
            lines.append("")
            lines += [f"   {part}" for part in self.filter_descriptions()]
            lines += ["", "   Press r to clear all filters, or Esc to clear the last one."]
        return lines

    def update_header(self) -> None:
        left = Text(no_wrap=True, overflow="ellipsis")
        left.append(f" {len(self.shown)} of {len(self.timeline.events)} events", style="bold")
        for part in self.filter_descriptions():
            left.append("  │  ")
            left.append(part, style="bold yellow")
        left.append("  │  ")
        left.append(self.timeline.title, style="dim")
        self.query_one("#header-left", Static).update(left)
        self.update_position()

    def update_position(self) -> None:
        view = self.query_one(TimelineView)
        index = view.selected_event
        right = Text(no_wrap=True)
        if index is not None and self.shown:
            position = view.selected_position
            right.append(f"▸ {self.timeline.events[index].date.display()} ", style="bold")
            right.append(f"{position}/{len(self.shown)} ", style="dim")
        self.query_one("#header-right", Static).update(right)

    # --- actions ---------------------------------------------------------------------

    def action_pick_actors(self) -> None:
        t = self.timeline
        choices = [
            Choice(actor.id, actor.name, len(t.index_actor.get(actor.id, ())), actor.aliases)
            for actor in t.actors.values()
        ]
        choices.sort(key=lambda c: (-c.count, c.label.lower()))
        self.push_screen(PickerScreen("Filter by actor", choices, self.query_state.actors),
                         partial(self._picked, "actors"))

    def action_pick_kinds(self) -> None:
        t = self.timeline
        choices = [Choice(kind, kind, len(t.index_kind.get(kind, ())), (description,))
                   for kind, description in t.kinds.items()]
        self.push_screen(PickerScreen("Filter by kind", choices, self.query_state.kinds),
                         partial(self._picked, "kinds"))

    def _picked(self, name: str, values: tuple[str, ...] | None) -> None:
        if values is not None:
            self.set_query(name, **{name: tuple(values)})
        self.query_one(TimelineView).focus()

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        self._text_before_search = self.query_state.text
        search.value = self.query_state.text
        search.display = True
        search.focus()

    def on_input_changed(self, message: Input.Changed) -> None:
        if message.input.id == "search":
            self.set_query("text", text=message.value.strip())

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id == "search":
            self._close_search()

    def _close_search(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one(TimelineView).focus()

    def action_pick_dates(self) -> None:
        q = self.query_state
        screen = DateRangeScreen(q.date_from.isoformat() if q.date_from else "",
                                 q.date_to.isoformat() if q.date_to else "")
        self.push_screen(screen, self._picked_dates)

    def _picked_dates(self, result: tuple[When | None, When | None] | None) -> None:
        if result is not None:
            first, last = result
            self.set_query("dates", date_from=first.earliest if first else None,
                           date_to=last.latest if last else None)
        self.query_one(TimelineView).focus()

    def action_clear_filters(self) -> None:
        self.query_state = Query()
        self.filter_order.clear()
        self.refilter()
        self.notify("All filters cleared.", timeout=2)

    def action_back(self) -> None:
        """Escape: close the search bar, leave the detail pane, or clear the last filter."""
        search = self.query_one("#search", Input)
        if search.display:
            self.set_query("text", text=self._text_before_search)
            self._close_search()
            return
        view = self.query_one(TimelineView)
        if not view.has_focus:
            view.focus()
            return
        if self.filter_order:
            self.set_query(self.filter_order[-1], **_cleared(self.filter_order[-1]))

    def action_goto_date(self) -> None:
        self.push_screen(GotoDateScreen(), self._went_to)

    def _went_to(self, when: When | None) -> None:
        view = self.query_one(TimelineView)
        if when is not None and view.shown:
            first_day = self.timeline.first_day
            day = when.sort_key[0]
            if day > first_day[view.shown[-1]]:
                self.notify(f"Nothing shown after {when.display()}: at the last event.", timeout=3)
            elif day < first_day[view.shown[0]]:
                self.notify(f"Nothing shown before {when.display()}: at the first event.", timeout=3)
            view.go_to_day(day)
        view.focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    # --- messages from widgets ---------------------------------------------------------

    def on_timeline_view_selected(self, message: TimelineView.Selected) -> None:
        panes = self.query(DetailPane)
        if not panes:  # the message can arrive while the app is closing
            return
        index = message.event_index
        panes.first().show_event(None if index is None else self.timeline.events[index])
        self.query_one(Overview).set_cursor(index)
        self.update_position()

    def on_overview_jump(self, message: Overview.Jump) -> None:
        view = self.query_one(TimelineView)
        view.go_to_day(message.ordinal)
        view.focus()

    def on_timeline_view_opened(self, message: TimelineView.Opened) -> None:
        for kind in (SourceList, RelatedList):
            widget = self.query_one(kind)
            if widget.display and widget.option_count:
                widget.focus()
                return
        self.query_one(DetailPane).focus()

    def on_detail_pane_follow(self, message: DetailPane.Follow) -> None:
        self.jump_to_event(message.event_id)

    def on_detail_pane_read(self, message: DetailPane.Read) -> None:
        self.open_reader(message.event_id, message.citation)

    # --- sources: the reader, coverage, disputes, figures ------------------------------

    def article_text(self, source_id: str) -> tuple[Source | None, str | None]:
        """The source and its article's text, or a notification saying why there is none."""
        source = self.timeline.sources.get(source_id)
        if self.corpus is None:
            self.notify(self.corpus_note, title="No articles to read", severity="warning", timeout=6)
            return source, None
        text = self.corpus.text(source) if source else None
        if text is None:
            self.notify(self.corpus.why_missing(source), title="Cannot open the article", severity="warning")
        return source, text

    def open_reader(self, event_id: str, citation_number: int = 0) -> None:
        index = self.timeline.by_id[event_id]
        event = self.timeline.events[index]
        if not event.sources:
            return
        citation = event.sources[min(citation_number, len(event.sources) - 1)]
        source, text = self.article_text(citation.source)
        if text is None:
            return
        found = passages(self.timeline, source.id, text)
        current = next((n for n, p in enumerate(found) if p.event_index == index and p.quote == citation.quote), None)
        if current is None:
            self.notify("This quote is not in the article verbatim; the detail pane shows the nearest passage.",
                        severity="warning", timeout=6)
        self.push_screen(ReaderScreen(self.timeline, source, text, found, current or 0))

    def action_open_article(self) -> None:
        """The article of the event's first citation, or of the first one the source filter names."""
        index = self.query_one(TimelineView).selected_event
        if index is None:
            return
        citations = self.timeline.events[index].sources
        wanted = set(self.query_state.sources)
        number = next((n for n, c in enumerate(citations) if c.source in wanted), 0)
        self.open_reader(self.timeline.ids[index], number)

    def show_coverage(self, source_id: str) -> None:
        source, text = self.article_text(source_id)
        if text is not None:
            self.push_screen(coverage_screen(self.timeline, source, text), self._chose_event)

    def action_disputes(self) -> None:
        self.push_screen(disputes_screen(self.timeline), self._chose_event)

    def action_figures(self) -> None:
        self.push_screen(figures_screen(self.timeline), self._chose_event)

    def action_export(self) -> None:
        stem = Path(self.timeline.path).stem + "-export" if self.timeline.path else "timeline-export"
        self.push_screen(ExportScreen(str(Path.cwd() / stem), len(self.shown)), self._export)

    def _export(self, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        format_name, name = choice
        target = Path(name).expanduser()
        problem = None
        if target.exists():
            problem = f"{target} exists already; choose a new name"
        elif not target.parent.is_dir():
            problem = f"the folder {target.parent} does not exist"
        if problem:
            self.notify(problem, title="Not exported", severity="error", timeout=6)
            return
        events = [self.timeline.events[i] for i in self.shown]
        if format_name == "timelinejs":
            text = to_timelinejs(self.timeline, events)
        elif format_name == "markdown":
            text = to_markdown(self.timeline, events, "; ".join(self.filter_descriptions()))
        else:
            text = FORMATS[format_name](self.timeline, events)
        try:
            target.write_text(text, encoding="utf-8")
        except OSError as error:
            self.notify(f"{target}: {error.strerror}", title="Not exported", severity="error", timeout=6)
            return
        self.notify(f"Wrote {len(events)} events to {target}", title="Exported", timeout=4)

    def action_lanes(self) -> None:
        """Lanes for the chosen actors, or for the busiest eight when none is chosen."""
        t = self.timeline
        actors = list(self.query_state.actors) or sorted(t.index_actor, key=lambda a: -len(t.index_actor[a]))[:8]
        self.push_screen(LanesScreen(t, actors), self._chose_event)

    def _chose_event(self, event_id: str | None) -> None:
        while len(self.screen_stack) > 1:  # back to the timeline from a view over the reader
            self.pop_screen()
        if event_id:
            self.jump_to_event(event_id)

    def action_counterpart(self) -> None:
        """From a claim to its first answer; from there back to the claim; again to the next
        answer, and so round. From an event reached otherwise, to the claim it answers."""
        view = self.query_one(TimelineView)
        index = view.selected_event
        if index is None:
            return
        stepping = self._stepping
        if stepping and stepping[1] == index:  # on the answer we stepped to: back to its claim
            self._stepping = (stepping[0], None)
            self.jump_to_event(self.timeline.ids[stepping[0]])
            return
        answers = answers_to(self.timeline, self.timeline.ids[index])
        if answers:
            turn = self._answer_turn.get(index, -1) + 1
            self._answer_turn[index] = turn % len(answers)
            kind, target = answers[turn % len(answers)]
            self._stepping = (index, target)
            self.notify(f"{kind} ({turn % len(answers) + 1} of {len(answers)}); x goes back, x again to the next",
                        timeout=3)
            self.jump_to_event(self.timeline.ids[target])
            return
        claims = answered(self.timeline, index)
        if not claims:
            self.notify("Nothing denies or answers this event, and it answers none.", timeout=3)
            return
        self._stepping = None
        self.jump_to_event(self.timeline.ids[claims[0]])

    def action_pick_sources(self) -> None:
        t = self.timeline
        choices = [Choice(source.id, _source_label(t, source.id), len(t.index_source.get(source.id, ())),
                          (source.outlet, source.headline or ""))
                   for source in t.sources.values()]
        choices.sort(key=lambda c: (-c.count, c.label.lower()))
        self.push_screen(PickerScreen("Filter by source", choices, self.query_state.sources),
                         partial(self._picked, "sources"))

    def jump_to_event(self, event_id: str) -> None:
        index = self.timeline.by_id.get(event_id)
        if index is None:
            self.notify(f"No event '{event_id}' in this file.", severity="warning")
            return
        view = self.query_one(TimelineView)
        if not view.select_event(index):
            # Following a link serves the user better than refusing it: show everything,
            # and say so, rather than leave them at a dead end.
            self.query_state = Query()
            self.filter_order.clear()
            self.refilter()
            self.notify("Filters cleared to show the linked event.", timeout=3)
            view.select_event(index)
        view.focus()


def _source_label(timeline: Timeline, source_id: str) -> str:
    source = timeline.sources.get(source_id)
    if source is None:
        return source_id
    date = source.published.display() if source.published else ""
    return f"{source.outlet}, {date}" + (f" — {source.headline}" if source.headline else "")


def _filter_is_on(query: Query, name: str) -> bool:
    if name == "dates":
        return bool(query.date_from or query.date_to)
    return bool(getattr(query, name))


def _cleared(name: str) -> dict:
    if name == "dates":
        return {"date_from": None, "date_to": None}
    return {name: "" if name == "text" else ()}


class TimelineCommands(Provider):
    """Command palette: filter by an actor or kind, go to a month, clear filters."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app: TimelineApp = self.app
        t = app.timeline
        commands = [("Clear all filters", app.action_clear_filters, "show every event"),
                    ("Show keys (help)", app.action_help, "every key binding"),
                    ("Disputes: contested claims and their answers", app.action_disputes, "the claims view"),
                    ("Figures: reported numbers side by side", app.action_figures, "the figures view")]
        if app.corpus is not None:
            for source in t.sources.values():
                if source.file:
                    commands.append((f"Coverage: {_source_label(t, source.id)}",
                                     partial(app.show_coverage, source.id), "every event this article supports"))
        for actor in sorted(t.actors.values(), key=lambda a: -len(t.index_actor.get(a.id, ()))):
            count = len(t.index_actor.get(actor.id, ()))
            commands.append((f"Actor: {actor.name}", partial(app.toggle_filter, "actors", actor.id),
                             f"toggle the filter on {actor.name} ({count} events)"))
        for kind in t.kinds:
            commands.append((f"Kind: {kind}", partial(app.toggle_filter, "kinds", kind),
                             f"toggle the filter on {kind} events"))
        months = sorted({divmod(key, 100) for key in t.month_of})
        for year, month in months:
            label = f"{MONTH_ABBR[month]} {year}" if month else str(year)
            ordinal = _first_day(year, month)
            commands.append((f"Go to {label}", partial(app.query_one(TimelineView).go_to_day, ordinal),
                             "move the cursor there"))
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands()[:12]:
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


def _first_day(year: int, month: int) -> int:
    import datetime as dt

    return dt.date(year, month or 1, 1).toordinal()


def make_app(timeline: Timeline, query: Query | None = None, corpus: str | None = None,
             keymap: dict[str, str] | None = None) -> TimelineApp:
    """Build the app from loaded data; the CLI and the tests both come through here.
    Tests pass no keymap, so no user configuration reaches them."""
    return TimelineApp(timeline, query=query, corpus=corpus, keymap=keymap)
