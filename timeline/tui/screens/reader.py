"""The article reader: the full text, every quoted passage highlighted, one in focus."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from .. import keys
from ..widgets.footer import AppFooter
from ...corpus import Passage, paragraphs
from ...model import Source, Timeline


class ReaderScreen(Screen[None]):
    """Returns nothing; `v` shows the article's coverage through `show_coverage`."""

    BINDINGS = keys.READER
    DEFAULT_CSS = """
    ReaderScreen #reader-head { height: auto; background: $primary-background; padding: 0 1; }
    ReaderScreen VerticalScroll { padding: 0 2; }
    ReaderScreen .paragraph { margin: 0 0 1 0; max-width: 100; }
    ReaderScreen .reader--quote { background: $warning 25%; }
    ReaderScreen .reader--current { background: $warning 70%; color: $text; text-style: bold; }
    """
    COMPONENT_CLASSES = {"reader--quote", "reader--current"}

    def __init__(self, timeline: Timeline, source: Source, text: str, found: list[Passage], current: int = 0,
                 show_coverage: Callable[[str], None] | None = None):
        super().__init__()
        self.show_coverage = show_coverage
        self.timeline = timeline
        self.source = source
        self.text = text
        self.found = found
        self.current = current
        self.spans = paragraphs(text)

    def compose(self):
        yield Static(id="reader-head")
        with VerticalScroll(id="reader-body"):
            for index, _ in enumerate(self.spans):
                yield Static(id=f"p{index}", classes="paragraph")
        yield AppFooter()

    def on_mount(self) -> None:
        self.show_current()

    def _style(self, name: str):
        return self.get_component_rich_style(name)

    def show_current(self) -> None:
        """Draw every paragraph with its quotes marked, and bring the current one into view."""
        quote, current = self._style("reader--quote"), self._style("reader--current")
        focus_paragraph = 0
        for index, (start, end) in enumerate(self.spans):
            text = Text(self.text[start:end])
            for number, passage in enumerate(self.found):
                if passage.start < end and passage.end > start:
                    style = current if number == self.current else quote
                    text.stylize(style, max(0, passage.start - start), min(end, passage.end) - start)
                    if number == self.current and not focus_paragraph:
                        focus_paragraph = index
            self.query_one(f"#p{index}", Static).update(text)
        self.query_one("#reader-head", Static).update(self.heading())
        if self.found:
            self.query_one(f"#p{focus_paragraph}").scroll_visible(top=True, animate=False)

    def heading(self) -> Text:
        s = self.source
        head = Text(s.outlet, style="bold")
        if s.headline:
            head.append(f" — “{s.headline}”")
        head.append(f"\n{s.published.display() if s.published else 'date unknown'}", style="dim")
        if s.url:
            head.append(f"  {s.url}", style="dim")
        head.append(f"  ({s.file})", style="dim")
        if self.found:
            passage = self.found[self.current]
            event = self.timeline.events[passage.event_index]
            head.append(f"\nQuote {self.current + 1} of {len(self.found)} cited from this article", style="bold")
            head.append(f" — {event.title} ({event.date.display()})")
        else:
            head.append("\nNo event quotes this article verbatim.", style="yellow")
        return head

    def action_next_passage(self) -> None:
        if self.found:
            self.current = (self.current + 1) % len(self.found)
            self.show_current()

    def action_previous_passage(self) -> None:
        if self.found:
            self.current = (self.current - 1) % len(self.found)
            self.show_current()

    def action_coverage(self) -> None:
        if self.show_coverage is not None:
            self.show_coverage(self.source.id)

    def action_close(self) -> None:
        self.dismiss(None)
