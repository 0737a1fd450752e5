"""An OptionList that also moves with the vim keys, as the timeline does."""

from textual.binding import Binding
from textual.widgets import OptionList

VIM_KEYS = [
    Binding("j", "cursor_down", "Down", show=False, id="list.down"),
    Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    Binding("g", "first", "First", show=False, id="list.first"),
    Binding("G", "last", "Last", show=False, id="list.last"),
]


class VimOptionList(OptionList):
    BINDINGS = VIM_KEYS
