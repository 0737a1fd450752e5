"""A picker: choose several items (actors, kinds) from a list that narrows as you type."""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Checkbox, Input, Label, OptionList, SelectionList
from textual.widgets.selection_list import Selection

from ...filters import Choice
from .. import keys


class ChoiceList(SelectionList[str]):
    """A SelectionList whose box holds ✓ when chosen and is empty when not: Textual's draws
    an X in both, told apart by colour alone."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER or index >= self.option_count:
            return strip
        chosen = self.get_option_at_index(index).value in self.selected
        segments[1] = Segment("✓" if chosen else " ", segments[1].style)
        return Strip(segments, strip.cell_length)

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Typed fast, a highlight from before the list was refilled can come once it is
        # empty: Textual's handler looks the option up, fails, and the list is gone (then
        # Enter ended the app with NoMatches). A highlight of no option is dropped.
        if event.option_index >= self.option_count:
            event.stop()
            event.prevent_default()


class PickerScreen(ModalScreen[tuple[str, ...] | None]):
    """Returns the chosen values, or None when closed with Escape."""

    BINDINGS = keys.PICKER
    DEFAULT_CSS = """
    PickerScreen { align: center middle; }
    PickerScreen > Vertical { width: 70%; max-width: 80; min-width: 40; height: 80%; border: thick $accent; background: $panel; padding: 0 1; }
    PickerScreen Input { margin: 0 0 1 0; }
    PickerScreen SelectionList { height: 1fr; }
    PickerScreen #picker-hint { color: $text-muted; width: 1fr; height: auto; }
    /* beside the title, so a small terminal keeps room for the list; the header shows the filters whole */
    PickerScreen #picker-top { height: 1; }
    PickerScreen #picker-note { color: $text-muted; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, title: str, choices: list[Choice], chosen: tuple[str, ...] = (), note: str = ""):
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.chosen: list[str] = list(chosen)
        self.note = note  # what the counts count

    def compose(self):
        with Vertical():
            with Horizontal(id="picker-top"):
                yield Label(Text(self.title_text + "  ", style="bold"))
                yield Label(Text(self.note), id="picker-note")  # the filters hold typed text: not markup
            yield Input(placeholder="type to narrow", id="picker-input")
            yield ChoiceList(id="picker-list")
            yield Label("tab chooses (several may be) · enter applies · esc closes", id="picker-hint")

    def on_mount(self) -> None:
        self.refill("")
        self.query_one(Input).focus()

    def refill(self, typed: str) -> None:
        selection = self.query_one(SelectionList)
        selection.clear_options()
        shown = [c for c in self.choices if not typed or c.matches(typed)]
        selection.add_options([
            # none among the events the other filters let through: still there, dimmed
            Selection(Text.assemble((f"{c.count:>6}  ", "dim"), (c.label, "dim" if not c.count else "")),
                      c.value, c.value in self.chosen)
            for c in shown
        ])
        if shown:
            selection.highlighted = 0

    def on_input_changed(self, message: Input.Changed) -> None:
        self.refill(message.value)

    def on_selection_list_selection_toggled(self, message: SelectionList.SelectionToggled) -> None:
        value = message.selection.value
        if value in self.chosen:
            self.chosen.remove(value)
        else:
            self.chosen.append(value)

    def action_move(self, delta: int) -> None:
        selection = self.query_one(SelectionList)
        if selection.option_count:
            current = selection.highlighted or 0
            selection.highlighted = max(0, min(selection.option_count - 1, current + delta))

    def action_toggle(self) -> None:
        selection = self.query_one(SelectionList)
        if selection.highlighted is not None:
            selection.toggle(selection.get_option_at_index(selection.highlighted).value)

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.action_apply()

    def action_apply(self) -> None:
        selection = self.query_one(SelectionList)
        if not self.chosen and selection.highlighted is not None and selection.option_count:
            self.chosen.append(selection.get_option_at_index(selection.highlighted).value)
        self.dismiss(tuple(self.chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)
