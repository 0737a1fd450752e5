"""An OptionList that also moves with the vim keys, as the timeline does."""

from textual.widgets import OptionList

from .. import keys


class VimOptionList(OptionList):
    BINDINGS = keys.LIST
