"""A full screen list of events under headings; Enter jumps to the chosen event. The list
is of the events its scope covers (the filtered ones, or the whole file), and a key
switches between the two."""

from __future__ import annotations

from collections.abc import Callable, Container

from rich.text import Text
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .. import keys
from ..widgets.footer import AppFooter
from ...model import Timeline
from ..marks import STATUS_MARKS, kind_mark
from ..scope import Scope, ScopedView
from ..widgets.vim_list import VimOptionList
from .help import key_names

# A view's heading and options, for the events given (None: every event).
Build = Callable[[Container[int] | None], tuple[Text, list[Option]]]


class EventListScreen(ScopedView, Screen[str | None]):
    """Dismisses with the chosen event's id, or None (Escape)."""

    BINDINGS = keys.VIEW
    DEFAULT_CSS = """
    EventListScreen #listing-head { height: auto; background: $primary-background; padding: 0 1; }
    EventListScreen OptionList { height: 1fr; border: none; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, build: Build, scope: Scope = Scope()):
        super().__init__()
        self.build = build
        self.scope = scope

    def compose(self):
        yield Static(id="listing-head")
        yield VimOptionList(id="listing")
        yield AppFooter()

    def on_mount(self) -> None:
        self.redraw()
        self.query_one(OptionList).focus()

    def redraw(self) -> None:
        heading, options = self.build(self.scope.events)
        heading.append("\n")
        heading.append_text(self.scope.line(key_names(self.app, "view.scope")))
        self.query_one("#listing-head", Static).update(heading)
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)
        first = next((i for i, option in enumerate(options) if not option.disabled), None)
        if first is not None:
            listing.highlighted = first

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.dismiss(message.option.id.split("#")[0] if message.option.id else None)

    def action_close(self) -> None:
        self.dismiss(None)


def event_line(timeline: Timeline, index: int, prefix: str = "", note: str = "") -> Text:
    """An event as one line (cut with an ellipsis, never wrapped): prefix, date, kind mark,
    title, status, and a note."""
    event = timeline.events[index]
    mark, style = kind_mark(event.kind)
    line = Text(prefix, no_wrap=True, overflow="ellipsis")
    line.append(f"{event.date.display():<20} ", style="dim")
    line.append(mark + " ", style=style)
    line.append(event.title)
    status_mark, status_style = STATUS_MARKS.get(event.status, (" ", ""))
    if status_mark.strip():
        line.append(f"  {status_mark} {event.status}", style=status_style)
    if note:
        line.append(f"  {note}", style="dim")
    return line


def heading_option(text: str, style: str = "bold underline") -> Option:
    return Option(Text(text, style=style), disabled=True)


def event_option(timeline: Timeline, index: int, prefix: str = "", note: str = "", key: str = "") -> Option:
    """An option that selects an event; `key` keeps ids unique when an event is listed twice."""
    return Option(event_line(timeline, index, prefix, note), id=f"{timeline.ids[index]}#{key}")
