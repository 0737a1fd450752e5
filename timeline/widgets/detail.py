"""The detail pane: one event in full, its sources cited with their quotes, and its links."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .. import keys
from ..model import INVERSE_NAMES, Event, Timeline
from .timeline_view import DENIED_MARK, KIND_MARKS, DEFAULT_MARK


class RelatedList(OptionList):
    """The events this one is linked to; Enter follows the highlighted link."""

    BINDINGS = keys.DETAIL

    def action_follow(self) -> None:
        self.action_select()


class DetailPane(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    DetailPane { padding: 0 1; background: $surface; }
    DetailPane > #detail-body { height: auto; }
    DetailPane .quote { border-left: outer $accent; padding: 0 0 0 1; margin: 0 0 0 3; text-style: italic; }
    DetailPane .gap { margin: 1 0 0 0; }
    DetailPane > RelatedList { height: auto; max-height: 12; margin: 0 0 1 0; border: none; padding: 0; }
    DetailPane > #related-title { margin: 1 0 0 0; }
    """

    class Follow(Message):
        """The user chose a related event."""

        def __init__(self, event_id: str):
            self.event_id = event_id
            super().__init__()

    def __init__(self, timeline: Timeline, **kwargs):
        super().__init__(**kwargs)
        self.timeline = timeline
        self.event: Event | None = None

    def compose(self):
        yield Vertical(id="detail-body")
        yield Static(id="related-title")
        yield RelatedList(id="related")

    def show_event(self, event: Event | None) -> None:
        self.event = event
        body = self.query_one("#detail-body")
        related = self.query_one(RelatedList)
        title = self.query_one("#related-title", Static)
        related.clear_options()
        body.remove_children()
        if event is None:
            body.mount(Static(Text("No event selected.", style="dim")))
            title.update("")
            related.display = False
            self.scroll_home(animate=False)
            return
        body.mount_all([Static(part, classes=css) for part, css in render_event(self.timeline, event)])
        links = related_links(self.timeline, event)
        title.update(Text("Related", style="bold underline") if links else "")
        related.display = bool(links)
        related.add_options([Option(label, id=target) for label, target in links])
        if links:
            related.highlighted = 0
        self.scroll_home(animate=False)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id:
            self.post_message(self.Follow(message.option.id))


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
            mark, style = KIND_MARKS.get(target.kind, DEFAULT_MARK)
            label.append(mark + " ", style=style)
            label.append(target.title)
            label.append(f"  {target.date.display()}", style="dim")
        result.append((label, target_id))
    return result


def render_event(timeline: Timeline, event: Event) -> list[tuple[object, str]]:
    """The event as (renderable, css classes) parts, one Static each."""
    mark, mark_style = KIND_MARKS.get(event.kind, DEFAULT_MARK)
    parts = [(Text(event.title, style="bold"), "")]

    line = Text()
    line.append(f"{mark} {event.kind}", style=mark_style)
    line.append("  ·  ")
    status_style = {"disputed": "bold yellow", "alleged": "yellow"}.get(event.status, "green")
    line.append(event.status, style=status_style)
    if timeline.is_denied(event):
        line.append(f"  {DENIED_MARK[0]} denied or contradicted", style=DENIED_MARK[1])
    outlets = timeline.outlets(event)
    line.append("  ·  ")
    line.append(f"{len(outlets)} outlet{'s' * (len(outlets) != 1)}" if len(outlets) != 1 else "single outlet",
                style="dim")
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
            actors.append(timeline.actor_name(role.actor))
            if role.role:
                actors.append(f" ({role.role})", style="dim")
        facts.add_row("Actors", actors)
    if event.location:
        facts.add_row("Where", event.location)
    if event.tags:
        facts.add_row("Tags", ", ".join(event.tags))
    parts.append((facts, "gap"))
    if event.summary:
        parts.append((Text(event.summary), "gap"))
    if event.figures:
        parts.append((Text("Figures", style="bold underline"), "gap"))
        for figure in event.figures:
            text = Text(f"  {figure.qualifier + ' ' if figure.qualifier != 'exactly' else ''}{figure.value:,}", style="bold")
            text.append(f"  {figure.what or figure.quantity}")
            if figure.claimed_by:
                text.append(f"  — {timeline.actor_name(figure.claimed_by)}", style="dim")
            parts.append((text, ""))
    articles = len({c.source for c in event.sources})
    heading = f"Sources ({articles} article{'s' * (articles != 1)}, {len(event.sources)} quote{'s' * (len(event.sources) != 1)})"
    parts.append((Text(heading, style="bold underline"), "gap"))
    parts += render_sources(timeline, event)
    return parts


def render_sources(timeline: Timeline, event: Event) -> list[tuple[object, str]]:
    """Each cited article once, with all the quotes this event takes from it."""
    by_source: dict[str, list[str]] = {}
    for citation in event.sources:
        by_source.setdefault(citation.source, []).append(citation.quote)
    parts = []
    for number, (source_id, quotes) in enumerate(by_source.items(), start=1):
        source = timeline.sources.get(source_id)
        head = Text(f"{number}. ", style="bold")
        head.append(source.outlet if source else source_id, style="bold")
        if source and source.headline:
            head.append(f" — “{source.headline}”")
        parts.append((head, "gap" if number > 1 else ""))
        if source:
            meta = Text("   ")
            if source.published:
                meta.append(f"published {source.published.display()}", style="dim")
            if source.url:
                meta.append("  ")
                meta.append(source.url, style=f"underline link {source.url}")
            parts.append((meta, ""))
        parts += [(Text(quote), "quote") for quote in quotes]
    return parts
