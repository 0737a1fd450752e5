"""The article reader: the full text, every quoted passage highlighted, one in focus."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from .. import keys
from ..clipboard import Copyable, copyables
from ..widgets.footer import AppFooter
from .copy import CopyKeys
from ...controls import visible
from ...corpus import Passage, coverage, paragraphs
from ...model import Source, Timeline


@dataclass
class NearestPassage:
    """The passage of the article most like a quote that is not in it verbatim."""

    passage: Passage
    quote_number: int  # the quote's number in the detail pane
    differences: tuple[str, ...]


class ReaderScreen(CopyKeys, Screen[None]):
    """Returns nothing; `v` shows the article's coverage through `show_coverage`. Opens at
    `found[current]`, or at `nearest` when given (a quote not in the article verbatim), or
    at the top for `paraphrase` (its number in the detail pane: not the article's words, it
    has no passage)."""

    BINDINGS = keys.READER
    DEFAULT_CSS = """
    ReaderScreen #reader-head { height: auto; background: $primary-background; padding: 0 1; }
    ReaderScreen VerticalScroll { padding: 0 2; }
    ReaderScreen .paragraph { margin: 0 0 1 0; max-width: 100; }
    ReaderScreen .reader--quote { background: $warning 25%; }
    ReaderScreen .reader--current { background: $warning 70%; color: $text; text-style: bold; }
    ReaderScreen .reader--nearest { background: $error 30%; }
    ReaderScreen .paragraph.chosen { border-left: thick $accent; padding-left: 1; }
    """
    COMPONENT_CLASSES = {"reader--quote", "reader--current", "reader--nearest"}

    def __init__(self, timeline: Timeline, source: Source, text: str, found: list[Passage], current: int = 0,
                 show_coverage: Callable[[str], None] | None = None, nearest: NearestPassage | None = None,
                 paraphrase: tuple[int, int] | None = None,
                 capture: Callable[[str, int, int], None] | None = None):
        super().__init__()
        self.show_coverage = show_coverage
        self.timeline = timeline
        self.source = source
        self.text = text
        self.found = found
        self.current = current
        self.nearest = nearest
        self.at_nearest = nearest is not None  # in focus until n or N steps to a verbatim quote
        self.paraphrase = paraphrase  # (event index, number) of the paraphrase it was opened for, until n or N
        self.spans = paragraphs(text)
        self.capture = capture  # drafts an event from (source id, start, end) of the article
        uncited = set(coverage(timeline, source.id, text).uncited)
        self.uncited = [n for n, span in enumerate(self.spans) if span in uncited]
        self.chosen: int | None = None  # the paragraph chosen with ] and [, to draft from

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

    @property
    def focus_passage(self) -> Passage | None:
        """The passage in focus: the current quote, or the nearest passage."""
        if self.at_nearest:
            return self.nearest.passage
        return self.found[self.current] if self.found and self.paraphrase is None else None

    def _marked(self) -> list[tuple[Passage, object]]:
        """Each passage to mark, with its style."""
        quote, current = self._style("reader--quote"), self._style("reader--current")
        focus = self.focus_passage
        marked = [(p, current if p is focus else quote) for p in self.found]
        if self.nearest is not None:
            marked.append((self.nearest.passage, current if self.at_nearest else self._style("reader--nearest")))
        return marked

    def show_current(self) -> None:
        """Draw every paragraph with its quotes marked, and bring the one in focus (or the
        one chosen) into view."""
        marked, focus = self._marked(), self.focus_passage
        focus_paragraph = None
        for index, (start, end) in enumerate(self.spans):
            text = Text(self.text[start:end])
            for passage, style in marked:
                if passage.start < end and passage.end > start:
                    text.stylize(style, max(0, passage.start - start), min(end, passage.end) - start)
            if focus_paragraph is None and focus is not None and focus.start < end and focus.end > start:
                focus_paragraph = index
            paragraph = self.query_one(f"#p{index}", Static)
            paragraph.update(text)
            paragraph.set_class(index == self.chosen, "chosen")
        self.query_one("#reader-head", Static).update(self.heading())
        shown = self.chosen if self.chosen is not None else focus_paragraph
        if shown is not None:
            self.query_one(f"#p{shown}").scroll_visible(top=True, animate=False)

    def heading(self) -> Text:
        s = self.source
        head = Text(s.outlet, style="bold")
        if s.headline:
            head.append(f" — “{s.headline}”")
        head.append(f"\n{s.published.display() if s.published else 'date unknown'}", style="dim")
        if s.url:
            head.append(f"  {s.url}", style="dim")
        head.append(f"  ({s.file})", style="dim")
        if self.chosen is not None:
            number = self.uncited.index(self.chosen) + 1
            head.append(f"\nUncited paragraph {number} of {len(self.uncited)}: no event cites it", style="bold")
            head.append(" — c drafts an event from it")
        elif self.paraphrase is not None:
            event_index, number = self.paraphrase
            event = self.timeline.events[event_index]
            head.append(f"\nParaphrase {number}, not the article's words: not looked for in it", style="bold yellow")
            head.append(f" — {event.title} ({event.date.display()})")
        elif self.at_nearest:
            nearest = self.nearest
            event = self.timeline.events[nearest.passage.event_index]
            head.append(f"\nNearest passage to quote {nearest.quote_number}, not verbatim", style="bold red")
            head.append(f" — {event.title} ({event.date.display()})")
            if nearest.differences:
                head.append(visible(f"\ndiffers: {'; '.join(nearest.differences)}"), style="red")
        elif self.found:
            passage = self.found[self.current]
            event = self.timeline.events[passage.event_index]
            head.append(f"\nQuote {self.current + 1} of {len(self.found)} cited from this article", style="bold")
            head.append(f" — {event.title} ({event.date.display()})")
        else:
            head.append("\nNo event quotes this article verbatim.", style="yellow")
        return head

    def action_next_passage(self) -> None:
        self._step(1)

    def action_previous_passage(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        """To the next (1) or previous (-1) quote; from the nearest passage, to the quote
        after or before it in the text."""
        if not self.found:
            return
        if self.paraphrase is not None:  # from the top: the first quote, or the last
            self.paraphrase = None
            self.current = 0 if direction > 0 else len(self.found) - 1
        elif self.at_nearest:
            self.at_nearest = False
            start = self.nearest.passage.start
            after = [n for n, p in enumerate(self.found) if p.start >= start]
            before = [n for n, p in enumerate(self.found) if p.start < start]
            self.current = (after or [0])[0] if direction > 0 else (before or [len(self.found) - 1])[-1]
        else:
            self.current = (self.current + direction) % len(self.found)
        self.chosen = None  # back to the quotes
        self.show_current()

    def action_uncited(self, direction: int) -> None:
        """Choose the next (1) or previous (-1) paragraph that no event cites, from the one
        chosen, else from the passage in focus."""
        if not self.uncited:
            self.notify("Every paragraph of this article is cited by an event.", timeout=4)
            return
        if self.chosen is not None:
            here = self.chosen
        else:
            focus = self.focus_passage
            here = next((n for n, (a, b) in enumerate(self.spans) if focus and a <= focus.start < b), -1)
            here = here if direction > 0 else (here if here >= 0 else len(self.spans))
        after = [n for n in self.uncited if n > here] if direction > 0 else [n for n in self.uncited if n < here]
        self.chosen = (after[0] if direction > 0 else after[-1]) if after else (
            self.uncited[0] if direction > 0 else self.uncited[-1])
        self.show_current()

    def action_capture(self) -> None:
        """Draft an event from the chosen paragraph, else from the paragraph of the passage in focus."""
        if self.capture is None:
            return
        if self.chosen is not None:
            start, end = self.spans[self.chosen]
        else:
            focus = self.focus_passage
            span = next(((a, b) for a, b in self.spans if focus and a <= focus.start < b), None)
            if span is None:
                self.notify("Choose a paragraph first: ] and [ step through those no event cites.", timeout=5)
                return
            start, end = span
        self.capture(self.source.id, start, end)

    def action_coverage(self) -> None:
        if self.show_coverage is not None:
            self.show_coverage(self.source.id)

    def action_close(self) -> None:
        self.dismiss(None)

    # --- copy, and open the article's link ------------------------------------------------

    def copyables(self) -> dict[str, Copyable]:
        """What the copy keys offer: the event and citation of the quote in focus (or of the
        paraphrase the reader was opened for), and the article's link."""
        event, quote = None, None  # quote None: the event's paraphrase of this article
        if self.paraphrase is not None:
            event = self.timeline.events[self.paraphrase[0]]
        elif self.focus_passage is not None:
            event = self.timeline.events[self.focus_passage.event_index]
            quote = self.focus_passage.quote
        citation = None if event is None else next(
            (n for n, c in enumerate(event.sources) if c.source == self.source.id and c.quote == quote), None)
        choices = copyables(self.timeline, event, citation)
        choices["link"] = Copyable(self.source.url, "this article has no link")
        return choices
