"""The detail pane: one event in full, its sources cited with their quotes, and its links."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.table import Table
from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .. import keys
from ...controls import visible
from ...corpus import Corpus, QuoteCheck
from ...model import INVERSE_NAMES, Event, Timeline
from ...search import TextMatch
from ..highlight import marked
from ..marks import DENIED_MARK, kind_mark
from .vim_list import VimOptionList


class Quotation:
    """A quote set off by a bar down its whole left side, wrapped to the width given."""

    def __init__(self, text: str | Text, indent: int = 3, style: str = "italic", bar_style: str = "cyan"):
        self.text, self.indent, self.style, self.bar_style = text, indent, style, bar_style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(10, options.max_width - self.indent - 2)
        text = self.text if isinstance(self.text, Text) else Text(self.text, style=self.style)
        for line in text.wrap(console, width):
            yield Text.assemble(" " * self.indent, ("┃ ", self.bar_style), line)


class RelatedList(VimOptionList):
    """The events this one is linked to; Enter follows the highlighted link."""

    BINDINGS = keys.RELATED

    def action_follow(self) -> None:
        self.action_select()


class SourceList(VimOptionList):
    """The citations of the event; Enter opens the article at the quote."""

    BINDINGS = keys.SOURCES

    def action_read(self) -> None:
        self.action_select()


class DetailPane(VerticalScroll, can_focus=True):
    BINDINGS = keys.DETAIL_PANE
    DEFAULT_CSS = """
    DetailPane { padding: 0 1; background: $surface; }
    DetailPane:focus-within { background: $boost; }
    DetailPane > #detail-body { height: auto; }
    DetailPane .gap { margin: 1 0 0 0; }
    DetailPane > OptionList { height: auto; max-height: 40; margin: 0; border: none; padding: 0; background: $surface; }
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

    def __init__(self, timeline: Timeline, corpus: Corpus | None = None, corpus_note: str = "", **kwargs):
        super().__init__(**kwargs)
        self.timeline = timeline
        self.corpus = corpus
        self.corpus_note = corpus_note
        self.event: Event | None = None
        self.highlight: tuple[TextMatch, ...] = ()  # the searches whose matches are highlighted

    def compose(self):
        yield Vertical(id="detail-body")
        yield Static(id="sources-title")
        yield SourceList(id="sources")
        yield Static(self.corpus_note, id="corpus-note")
        yield Static(id="related-title")
        yield RelatedList(id="related")

    def show_event(self, event: Event | None) -> None:
        self.event = event
        body = self.query_one("#detail-body")
        body.remove_children()
        for widget in self.query(OptionList):
            widget.clear_options()
        if event is None:
            body.mount(Static(Text("No event selected.", style="dim")))
            self._fill("#sources-title", SourceList, "", [])
            self._fill("#related-title", RelatedList, "", [])
            self.query_one("#corpus-note").display = False
            self.scroll_home(animate=False)
            return
        body.mount_all([Static(part, classes=css) for part, css in render_event(self.timeline, event, self.highlight)])
        articles = len({c.source for c in event.sources})
        title = (f"Sources ({articles} article{'s' * (articles != 1)}, "
                 f"{len(event.sources)} quote{'s' * (len(event.sources) != 1)})")
        self._fill("#sources-title", SourceList, title,
                   citation_options(self.timeline, event, self.corpus, self.highlight))
        self.query_one("#corpus-note").display = self.corpus is None and bool(self.corpus_note)
        self._fill("#related-title", RelatedList, "Related", related_links(self.timeline, event))
        self.scroll_home(animate=False)

    def action_into_lists(self) -> None:
        self.focus_lists()

    def focus_lists(self) -> None:
        """Focus the quotes, else the links, else the pane itself."""
        for kind in (SourceList, RelatedList):
            widget = self.query_one(kind)
            if widget.display and widget.option_count:
                widget.focus()
                return
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
        if not message.option.id or self.event is None:
            return
        if isinstance(message.option_list, SourceList):
            self.post_message(self.Read(self.event.id, int(message.option.id)))
        else:
            self.post_message(self.Follow(message.option.id))


def citation_options(timeline: Timeline, event: Event, corpus: Corpus | None,
                     highlight: tuple[TextMatch, ...] = ()) -> list[tuple[Group, str]]:
    """One option per quote: the article it comes from, the quote (its matches of the
    search highlighted), and whether it checks."""
    options = []
    for number, citation in enumerate(event.sources):
        source = timeline.sources.get(citation.source)
        head = Text(f"{number + 1}. ", style="bold")
        head.append(source.outlet if source else citation.source, style="bold")
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
        parts.append(Quotation(marked(citation.quote, highlight, "italic")))
        check = corpus.check(event, citation, source) if corpus and source else None
        if check is not None:
            parts.append(verification_line(check))
        options.append((Group(*parts), str(number)))
    return options


def verification_line(check: QuoteCheck) -> Text:
    if check.found:
        return Text("   ✓ verbatim in the article", style="green")
    line = Text("   ✗ not in the article verbatim", style="bold red")
    line.append(visible(f" — differs: {'; '.join(check.differences)}"), style="red")
    line.append("\n   nearest passage: ", style="dim")
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


def render_event(timeline: Timeline, event: Event, highlight: tuple[TextMatch, ...] = ()) -> list[tuple[object, str]]:
    """The event as (renderable, css classes) parts, one Static each; the matches of the
    search are highlighted in its title, actors, place and summary."""
    mark, mark_style = kind_mark(event.kind)
    parts = [(marked(event.title, highlight, "bold"), "")]

    line = Text()
    line.append(f"{mark} {event.kind}", style=mark_style)
    line.append("  ·  ")
    status_style = {"disputed": "bold yellow", "alleged": "yellow"}.get(event.status, "green")
    line.append(event.status, style=status_style)
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
    date.append(f"  ({event.date.edtf()})", style="dim")
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
