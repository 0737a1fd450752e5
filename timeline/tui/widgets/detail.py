"""The detail pane: one event in full, its sources cited with their quotes (or paraphrases),
and its links."""

from __future__ import annotations

import itertools

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import events
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .. import keys
from ...controls import visible
from ...corpus import Corpus, QuoteCheck
from ...model import INVERSE_NAMES, Event, Source, Timeline
from ...search import TextMatch
from ..highlight import marked
from ..marks import DENIED_MARK, MARKED_MARK, NOTED_MARK, STATUS_MARKS, kind_mark
from .vim_list import VimOptionList


class Quotation:
    """A quote set off by a bar down its whole left side, wrapped to the width given; with
    a number, the number stands in the margin of its first line."""

    def __init__(self, text: str | Text, indent: int = 3, style: str = "italic", bar_style: str = "cyan",
                 number: int | None = None, bar: str = "┃ "):
        self.text, self.indent, self.style, self.bar_style = text, indent, style, bar_style
        self.number, self.bar = number, bar

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(10, options.max_width - self.indent - 2)
        margin = " " * self.indent
        text = self.text if isinstance(self.text, Text) else Text(self.text, style=self.style)
        for count, line in enumerate(text.wrap(console, width)):
            if count == 0 and self.number is not None:
                yield Text.assemble((f"{self.number:>{self.indent - 1}} ", "bold"), (self.bar, self.bar_style), line)
            else:
                yield Text.assemble(margin, (self.bar, self.bar_style), line)


class RelatedList(VimOptionList):
    """The events this one is linked to; Enter follows the highlighted link."""

    BINDINGS = keys.RELATED

    def action_follow(self) -> None:
        self.action_select()


class SourceList(Vertical, can_focus=True):
    """The event's citations, grouped under their articles, every quote in full: one quote
    is the current one, and Enter opens its article there.

    Widgets, not an OptionList: an OptionList keeps each option's height from the width it
    had when the options were added, and when its own scrollbar then narrows it the last
    line of an option is cut off, which was the ✓/✗ line. Here the pane scrolls them all."""

    BINDINGS = keys.SOURCES
    DEFAULT_CSS = """
    SourceList { height: auto; }
    SourceList > .article { margin: 1 0 0 0; }
    SourceList > .article.-first { margin: 0; }
    SourceList > .quote.-current { background: $block-cursor-blurred-background; }
    SourceList:focus > .quote.-current { background: $block-cursor-background; text-style: bold; }
    """

    current = 0  # which quote, in the order shown

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.quotes: list[QuoteEntry] = []

    def show(self, timeline: Timeline, event: Event | None, corpus: Corpus | None,
             highlight: tuple[TextMatch, ...] = ()) -> None:
        """Show this event's citations, in the widgets already there where they fit: a
        cursor move then updates what is on screen instead of mounting it anew."""
        self.quotes, self.current = [], 0
        parts: list[tuple[type[Static], object, int]] = []  # (widget class, content, citation index)
        for source_id, numbered in by_article(event) if event is not None else ():
            source = timeline.sources.get(source_id)
            quoted = any(event.sources[index].quote is not None for _, index in numbered)
            parts.append((ArticleHead, article_head(source_id, source, corpus, quoted), -1))
            for number, index in numbered:
                citation = event.sources[index]
                if citation.quote is None:
                    content = paraphrase_entry(number, citation.paraphrase or "", highlight)
                else:
                    check = corpus.check(event, citation, source) if corpus and source else None
                    content = quote_entry(number, citation.quote, check, highlight)
                parts.append((QuoteEntry, content, index))
        widgets = refill(self, [(kind, content) for kind, content, _ in parts])
        head = None
        for widget, (kind, content, index) in zip(widgets, parts):
            widget.set_class(widget is widgets[0], "-first")
            if isinstance(widget, QuoteEntry):
                widget.index = index
                widget.head, head = head, None  # the article's first quote shows its head with it
                self.quotes.append(widget)
            else:
                head = widget
        self._mark_current()

    def _mark_current(self) -> None:
        for number, entry in enumerate(self.quotes):
            entry.set_class(number == self.current, "-current")

    def go_to(self, number: int) -> None:
        if not self.quotes:
            return
        self.current = max(0, min(number, len(self.quotes) - 1))
        self._mark_current()
        self._show_current()

    def _show_current(self) -> None:
        """Scroll the current quote into view, with its article's head above it when it is
        the article's first quote and both fit."""
        entry = self.quotes[self.current]
        if entry.head is not None:
            entry.head.scroll_visible(animate=False)
        entry.scroll_visible(animate=False)

    def on_focus(self) -> None:
        if self.quotes:
            self._show_current()

    def on_resize(self) -> None:
        # A new width wraps everything above anew: the pane's old offset shows something else.
        if self.has_focus and self.quotes:
            self._show_current()

    def _scroll_within(self, direction: int) -> bool:
        """Scroll the pane on through the current quote when part of it is out of view
        that way (1 below, -1 above), a view less a line at a time; False when none is."""
        pane, entry = self.parent, self.quotes[self.current] if self.quotes else None
        if entry is None or not isinstance(pane, VerticalScroll) or not entry.region:
            return False
        view = pane.scrollable_content_region
        hidden = entry.region.bottom - view.bottom if direction > 0 else view.y - entry.region.y
        if hidden <= 0:
            return False
        pane.scroll_relative(y=direction * min(hidden, max(1, view.height - 1)), animate=False)
        return True

    def action_next_quote(self) -> None:
        # A quote longer than the pane is scrolled through before the next one is taken,
        # so that its last lines and its ✓/✗ line can be read at any size.
        if not self._scroll_within(1):
            self.go_to(self.current + 1)

    def action_previous_quote(self) -> None:
        if not self._scroll_within(-1):
            self.go_to(self.current - 1)

    def action_first_quote(self) -> None:
        self.go_to(0)

    def action_last_quote(self) -> None:
        self.go_to(len(self.quotes) - 1)

    def action_read(self) -> None:
        if self.quotes:
            self.post_message(self.Chosen(self.quotes[self.current].index))

    def on_click(self, message: events.Click) -> None:
        entry = message.widget
        if isinstance(entry, QuoteEntry):
            self.focus()
            self.go_to(self.quotes.index(entry))
            self.action_read()

    class Chosen(Message):
        """The user chose a quote: `citation` is its index in the event's sources."""

        def __init__(self, citation: int):
            self.citation = citation
            super().__init__()


class ArticleHead(Static):
    """An article's outlet, headline, date and link, above its quotes."""

    def __init__(self, content=""):
        super().__init__(content, classes="article")


class QuoteEntry(Static):
    """One quote, numbered, with its ✓/✗ line; `index` is its place in the event's sources."""

    def __init__(self, content="", index: int = -1):
        super().__init__(content, classes="quote")
        self.index = index
        self.head: Static | None = None  # its article's head, when it is the article's first quote


def refill(container: Widget, parts: list[tuple[type[Static], object]]) -> list[Static]:
    """Show these (widget class, content) parts in the container, in this order, in the
    widgets it already has where the class matches, updated in place; new ones from the
    first place where it does not. Those left over are hidden and emptied, kept for the
    next event: a cursor move repaints the pane instead of mounting it anew."""
    children = list(container.children)
    same = 0
    while same < min(len(parts), len(children)) and type(children[same]) is parts[same][0]:
        same += 1
    kept = children[:same]
    for widget, (_, content) in zip(kept, parts):
        widget.display = True
        if widget.content is not content:
            widget.update(content)
    if same < len(parts):
        if children[same:]:
            container.remove_children(children[same:])
        new = [kind(content) for kind, content in parts[same:]]
        container.mount_all(new)
        return kept + new
    for spare in children[same:]:
        spare.display = False
        spare.update("")
    return kept


class DetailPane(VerticalScroll, can_focus=True):
    BINDINGS = keys.DETAIL_PANE
    DEFAULT_CSS = """
    DetailPane { padding: 0 1; background: $surface; }
    DetailPane:focus-within { background: $boost; }
    DetailPane > #detail-body { height: auto; }
    DetailPane .gap { margin: 1 0 0 0; }
    DetailPane > RelatedList { height: auto; max-height: 40; margin: 0; border: none; padding: 0; background: $surface; }
    DetailPane > #sources-title, DetailPane > #related-title { margin: 1 0 0 0; }
    DetailPane > #corpus-note { color: $text-muted; margin: 0 0 0 3; }
    """

    class Follow(Message):
        """The user chose a related event."""

        def __init__(self, event_id: str):
            self.event_id = event_id
            super().__init__()

    class Read(Message):
        """The user chose a citation: open its article at the quote."""

        def __init__(self, event_id: str, citation: int):
            self.event_id = event_id
            self.citation = citation
            super().__init__()

    follow_delay = 1 / 60  # seconds (a frame) the cursor rests before the pane follows it

    def __init__(self, timeline: Timeline, corpus: Corpus | None = None, corpus_note: str = "", **kwargs):
        super().__init__(**kwargs)
        self.timeline = timeline
        self.corpus = corpus
        self.corpus_note = corpus_note
        self.event: Event | None = None
        self.highlight: tuple[TextMatch, ...] = ()  # the searches whose matches are highlighted
        self.session = None  # the analyst's marks and notes (timeline/session.py), if any
        self._pending: tuple[Event | None] | None = None  # the event to follow to, when the cursor rests
        self._follow_timer: Timer | None = None
        self._moves = 0  # cursor moves followed, so that a wait knows when another came

    def compose(self):
        yield Vertical(id="detail-body")
        yield Static(id="sources-title")
        yield SourceList(id="sources")
        yield Static(self.corpus_note, id="corpus-note")
        yield Static(id="related-title")
        yield RelatedList(id="related")

    def follow(self, event: Event | None) -> None:
        """Show this event once the cursor rests on it for a frame: the timeline's row
        moves at once, and a key held down (or typed ahead) is not kept waiting by the
        pane, which shows the event the keys stop on (as lazygit and lnav do). From no
        event (the first screen), the event is shown at once."""
        if self.event is None:
            self.show_event(event)
            return
        self._pending = (event,)
        self._moves += 1
        if self._follow_timer is not None:
            self._follow_timer.stop()
            self._follow_timer = None
        # The wait starts once the screen shows the move (the row, the header): the
        # pane's update must not hold back that frame.
        self.call_after_refresh(self._rest, self._moves)

    def _rest(self, moves: int) -> None:
        if moves == self._moves and self._pending is not None:  # no move since
            self._follow_timer = self.set_timer(self.follow_delay, self.catch_up)

    def catch_up(self) -> None:
        """Show now the event the pane is to follow to, if it has not yet."""
        if self._pending is not None:
            self.show_event(self._pending[0])

    def redraw(self) -> None:
        """Show the event again (the highlight changed), or the one it is to follow to."""
        self.show_event(self._pending[0] if self._pending is not None else self.event)

    def on_descendant_focus(self) -> None:
        self.catch_up()  # what the keys act on is the event the timeline's cursor is on

    def on_focus(self) -> None:
        self.catch_up()

    def show_event(self, event: Event | None) -> None:
        """Show this event in the widgets the pane already has, each updated in place."""
        self._pending = None
        if self._follow_timer is not None:
            self._follow_timer.stop()
            self._follow_timer = None
        self.event = event
        self.query_one(RelatedList).clear_options()
        self.query_one(SourceList).show(self.timeline, event, self.corpus, self.highlight)
        body = self.query_one("#detail-body")
        if event is None:
            refill(body, [(Static, Text("No event selected.", style="dim"))])
            self.query_one("#sources-title", Static).update("")
            self._fill("#related-title", RelatedList, "", [])
            self.query_one("#corpus-note").display = False
            self.scroll_home(animate=False)
            return
        parts = render_event(self.timeline, event, self.highlight)
        if self.session is not None:
            parts[2:2] = session_parts(self.session, event.id, self.highlight)
        for widget, (_, css) in zip(refill(body, [(Static, part) for part, _ in parts]), parts):
            widget.set_class(css == "gap", "gap")
        articles = len({c.source for c in event.sources})
        paraphrases = sum(c.quote is None for c in event.sources)
        quotes = len(event.sources) - paraphrases
        counts = [f"{articles} article{'s' * (articles != 1)}"]
        if quotes or not paraphrases:
            counts.append(f"{quotes} quote{'s' * (quotes != 1)}")
        if paraphrases:
            counts.append(f"{paraphrases} paraphrase{'s' * (paraphrases != 1)}")
        title = f"Sources ({', '.join(counts)})"
        self.query_one("#sources-title", Static).update(Text(title, style="bold underline") if event.sources else "")
        self.query_one("#corpus-note").display = self.corpus is None and bool(self.corpus_note)
        self._fill("#related-title", RelatedList, "Related", related_links(self.timeline, event))
        self.scroll_home(animate=False)

    def action_into_lists(self) -> None:
        self.focus_lists()

    def focus_lists(self) -> None:
        """Focus the quotes, else the links, else the pane itself."""
        self.catch_up()
        sources, related = self.query_one(SourceList), self.query_one(RelatedList)
        if sources.quotes:
            sources.focus()
        elif related.display and related.option_count:
            related.focus()
        else:
            self.focus()

    def _fill(self, title_id: str, kind: type[OptionList], title: str, options: list[tuple[object, str]]) -> None:
        self.query_one(title_id, Static).update(Text(title, style="bold underline") if options else "")
        widget = self.query_one(kind)
        widget.display = bool(options)
        widget.add_options([Option(label, id=option_id) for label, option_id in options])
        if options:
            widget.highlighted = 0

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id and self.event is not None:
            self.post_message(self.Follow(message.option.id))

    def on_source_list_chosen(self, message: SourceList.Chosen) -> None:
        message.stop()
        if self.event is not None:
            self.post_message(self.Read(self.event.id, message.citation))


def by_article(event: Event) -> list[tuple[str, list[tuple[int, int]]]]:
    """The event's citations grouped under their article, in the order the articles are
    first cited: (source id, [(quote number as shown, index in event.sources)])."""
    groups: dict[str, list[int]] = {}
    for index, citation in enumerate(event.sources):
        groups.setdefault(citation.source, []).append(index)
    numbers = itertools.count(1)
    return [(source_id, [(next(numbers), index) for index in indexes]) for source_id, indexes in groups.items()]


def quote_number(event: Event, index: int) -> int:
    """The number the detail pane shows for the citation at this index."""
    return next(number for _, quotes in by_article(event) for number, i in quotes if i == index)


def article_head(source_id: str, source: Source | None, corpus: Corpus | None, quoted: bool = True) -> Group:
    """Outlet, headline, date and link of an article, once above its quotes; `quoted`:
    whether any of them is a quote (a paraphrase is never checked)."""
    head = Text(source.outlet if source else source_id, style="bold")
    if source and source.headline:
        head.append(f" — “{source.headline}”")
    parts: list = [head]
    if source:
        meta = Text("   ", style="dim")
        if source.published:
            meta.append(f"published {source.published.display()}")
        if source.url:
            meta.append("  ")
            meta.append(source.url, style=f"underline link {source.url}")
        parts.append(meta)
    if quoted and corpus is not None and (source is None or corpus.text(source) is None):
        # Said once here, so that quotes without a ✓/✗ line never pass for checked ones.
        parts.append(Text(f"   ? quotes not checked: {visible(corpus.why_missing(source))}", style="yellow"))
    return Group(*parts)


def quote_entry(number: int, quote: str, check: QuoteCheck | None, highlight: tuple[TextMatch, ...] = ()) -> Group:
    parts: list = [Quotation(marked(quote, highlight, "italic"), number=number)]
    if check is not None:
        parts.append(Padding(verification_line(check), (0, 0, 0, 3)))  # wrapped lines keep the indent
    return Group(*parts)


def paraphrase_entry(number: int, paraphrase: str, highlight: tuple[TextMatch, ...] = ()) -> Group:
    """A paraphrase, said to be one before its words: upright, where quotes are italic,
    behind a dotted bar, never in quotation marks and never ✓/✗, since it is not the
    article's words and nothing in the article can confirm it word for word."""
    label = Text.assemble((f"{number:>2} ", "bold"), ("paraphrase, not the article's words:", "yellow"))
    return Group(label, Quotation(marked(paraphrase, highlight), style="", bar="┆ ", bar_style="dim"))


def verification_line(check: QuoteCheck) -> Text:
    if check.found:
        return Text("✓ verbatim in the article", style="green")
    line = Text("✗ not in the article verbatim", style="bold red")
    line.append(visible(f" — differs: {'; '.join(check.differences)}"), style="red")
    line.append("\nnearest passage: ", style="dim")
    line.append(f"“{visible(check.nearest)}”", style="italic")
    return line


def related_links(timeline: Timeline, event: Event) -> list[tuple[Text, str]]:
    """(label, target event id) for every link out of and into this event."""
    links = []
    for relation in event.related:
        links.append((relation.type, relation.event))
    for relation_type, other in timeline.incoming.get(event.id, ()):
        links.append((INVERSE_NAMES.get(relation_type, relation_type), other))
    result = []
    for name, target_id in links:
        target = timeline.event(target_id)
        label = Text()
        label.append(f"{name}: ", style="bold")
        if target is None:
            label.append(target_id, style="dim")
        else:
            mark, style = kind_mark(target.kind)
            label.append(mark + " ", style=style)
            label.append(target.title)
            label.append(f"  {target.date.display()}", style="dim")
        result.append((label, target_id))
    return result


def session_parts(session, event_id: str, highlight: tuple[TextMatch, ...] = ()) -> list[tuple[object, str]]:
    """The analyst's own: whether the event is marked, and the note on it (highlighted
    where the search matches it: the search reads notes too)."""
    parts: list[tuple[object, str]] = []
    if session.is_marked(event_id):
        parts.append((Text(f"{MARKED_MARK[0]} marked", style=MARKED_MARK[1]), ""))
    note = session.note(event_id)
    if note:
        text = Text()
        text.append(f"{NOTED_MARK[0]} Note: ", style=f"bold {NOTED_MARK[1]}")
        text.append_text(marked(visible(note), highlight))
        parts.append((text, "gap"))
    return parts


def render_event(timeline: Timeline, event: Event, highlight: tuple[TextMatch, ...] = ()) -> list[tuple[object, str]]:
    """The event as (renderable, css classes) parts, one Static each; the matches of the
    search are highlighted in its title, actors, place and summary."""
    mark, mark_style = kind_mark(event.kind)
    parts = [(marked(event.title, highlight, "bold"), "")]

    line = Text()
    line.append(f"{mark} {event.kind}", style=mark_style)
    line.append("  ·  ")
    status_mark, status_style = STATUS_MARKS.get(event.status, (" ", ""))
    line.append(f"{status_mark} {event.status}" if status_mark.strip() else event.status, style=status_style or "green")
    if timeline.is_denied(event):
        line.append(f"  {DENIED_MARK[0]} denied or contradicted", style=DENIED_MARK[1])
    outlets = timeline.outlets(event)
    line.append("  ·  ")
    if len(outlets) == 1:
        line.append("single outlet", style="yellow")
    else:
        line.append(f"{len(outlets)} outlets", style="dim")
    parts.append((line, ""))

    facts = Table.grid(padding=(0, 1))
    facts.add_column(style="bold dim", no_wrap=True)
    facts.add_column(ratio=1)
    date = Text(event.date.display(), style="bold")
    qualities = ", ".join(part for part in (event.date.days(), event.date.qualities()) if part)
    date.append(f"  {qualities + ' ' if qualities else ''}({event.date.edtf()})", style="dim")
    facts.add_row("Date", date)
    if event.date_basis:
        facts.add_row("Basis", Text(event.date_basis, style="italic"))
    if event.actors:
        actors = Text()
        for i, role in enumerate(event.actors):
            if i:
                actors.append(" · ")
            actors.append_text(marked(timeline.actor_name(role.actor), highlight))
            if role.role:
                actors.append(f" ({role.role})", style="dim")
        facts.add_row("Actors", actors)
    if event.location:
        facts.add_row("Where", marked(event.location, highlight))
    facts.add_row("Outlets", ", ".join(outlets))
    if event.tags:
        facts.add_row("Tags", ", ".join(event.tags))
    parts.append((facts, "gap"))
    if event.summary:
        parts.append((marked(event.summary, highlight), "gap"))
    if event.figures:
        parts.append((Text("Figures", style="bold underline"), "gap"))
        for figure in event.figures:
            value = f"{figure.qualifier + ' ' if figure.qualifier != 'exactly' else ''}{figure.value:,}"
            text = Text(f"  {value}", style="bold")
            text.append(f"  {figure.what or figure.quantity}")
            if figure.claimed_by:
                text.append(f"  — {timeline.actor_name(figure.claimed_by)}", style="dim")
            parts.append((text, ""))
    return parts
