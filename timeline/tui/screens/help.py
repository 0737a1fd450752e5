"""The help screen: every key, read from the same registry as the footer, and the marks."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import keys
from ..marks import (DATE_QUALIFIERS, DENIED_MARK, KIND_MARKS, MARKED_MARK, NOTED_MARK, STATUS_MARKS, STATUS_MEANINGS,
                     UNVERIFIED_MARK)


def key_names(app, binding: Binding | str) -> str:
    """The keys of a binding (or a binding id) bound now (after the user's keymap), as the
    footer would show them."""
    if isinstance(binding, str):
        binding = keys.binding(binding)
    keymap = getattr(app, "user_keymap", {})
    bound = keymap.get(binding.id, binding.key)
    if bound != binding.key:
        binding = Binding(bound, binding.action)
    shown = []
    for key in binding.key.split(","):
        key = key.strip()
        shown.append(binding.key_display if binding.key_display and len(binding.key.split(",")) == 1
                     else app.get_key_display(Binding(key, binding.action)))
    return " ".join(shown)


def help_table(app) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    groups = [("Moving", keys.TIMELINE), ("Filtering, views and the app", keys.MAIN + keys.APP),
              ("Detail pane", keys.SOURCES + keys.RELATED),
              ("Copy menu (y; reader too)", keys.YANK),
              ("Article reader", [b for b in keys.READER if b not in keys.COPY]),
              ("Drafted event (c in the reader)", keys.CAPTURE), ("Actor lanes", keys.LANES),
              ("Views", keys.VIEW),
              ("Note (i), views (V), marks (B)", keys.NOTE + keys.SAVED_VIEWS + keys.MARKS)]
    for title, bindings in groups:
        table.add_row(Text(title, style="bold underline"), "")
        for binding in bindings:
            table.add_row(key_names(app, binding), binding.tooltip or binding.description)
        table.add_row("", "")
    table.add_row(Text("In the search bar", style="bold underline"), "")
    for key, what in keys.SEARCH_HELP:
        table.add_row(key, what)
    table.add_row("", "")
    table.add_row(Text("In a picker", style="bold underline"), "")
    for key, what in keys.PICKER_HELP:
        table.add_row(key, what)
    table.add_row("", "")
    table.add_row(Text("Marks in the timeline", style="bold underline"), "")
    for kind, (mark, style) in KIND_MARKS.items():
        table.add_row(Text(mark, style=style), kind)
    for status, (mark, style) in STATUS_MARKS.items():
        if mark.strip():
            table.add_row(Text(mark, style=style), f"{status} (status): {STATUS_MEANINGS[status]}")
    table.add_row(Text(DENIED_MARK[0], style=DENIED_MARK[1]), "another event denies or contradicts it")
    table.add_row(Text(UNVERIFIED_MARK[0], style=UNVERIFIED_MARK[1]), "a quote is not in its article verbatim (with a corpus)")
    table.add_row("3▤", "outlets reporting it (yellow when only one)")
    table.add_row(Text(MARKED_MARK[0], style=MARKED_MARK[1]), "before the date: you marked it (m)")
    table.add_row(Text(NOTED_MARK[0], style=NOTED_MARK[1]), "before the date: your note on it (i)")
    for mark, meaning in DATE_QUALIFIERS:
        table.add_row(mark, f"after a date: {meaning}")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = keys.HELP
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 72; max-width: 95%; height: 90%; border: thick $accent; background: $panel; padding: 0 1; }
    """

    def compose(self):
        with VerticalScroll():
            yield Static(Text("Keys", style="bold"))
            yield Static(help_table(self.app))

    def action_scroll(self, lines: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
