"""Small modal prompts: go to a date, and the date-range filter."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ..dates import DateError, When, parse_loose

PROMPT_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 64; height: auto; border: thick $accent; background: $panel; padding: 0 1; }}
{name} .error {{ color: $error; height: auto; }}
{name} .hint {{ color: $text-muted; }}
"""


class GotoDateScreen(ModalScreen[When | None]):
    """Ask for a date ("2016-02", "Feb 2016", "9 February 2016")."""

    BINDINGS = [Binding("escape", "cancel", "Close", id="goto.cancel")]
    DEFAULT_CSS = PROMPT_CSS.format(name="GotoDateScreen")

    def compose(self):
        with Vertical():
            yield Label(Text("Go to date", style="bold"))
            yield Input(placeholder="2016-02, Feb 2016, 9 February 2016", id="goto-input")
            yield Label("", classes="error", id="goto-error")
            yield Label("enter goes · esc closes", classes="hint")

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        try:
            self.dismiss(parse_loose(message.value))
        except DateError as error:
            self.query_one("#goto-error", Label).update(str(error))

    def action_cancel(self) -> None:
        self.dismiss(None)


class DateRangeScreen(ModalScreen[tuple[When | None, When | None] | None]):
    """Ask for a from and a to date; either may be left empty."""

    BINDINGS = [Binding("escape", "cancel", "Close", id="dates.cancel")]
    DEFAULT_CSS = PROMPT_CSS.format(name="DateRangeScreen")

    def __init__(self, first: str = "", last: str = ""):
        super().__init__()
        self.first, self.last = first, last

    def compose(self):
        with Vertical():
            yield Label(Text("Show events between two dates", style="bold"))
            yield Label("From", classes="hint")
            yield Input(self.first, placeholder="e.g. 2015-09 (empty: from the start)", id="date-from")
            yield Label("To", classes="hint")
            yield Input(self.last, placeholder="e.g. Feb 2016 (empty: to the end)", id="date-to")
            yield Label("", classes="error", id="dates-error")
            yield Label("tab moves · enter applies · esc closes", classes="hint")

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        values = []
        for input_id in ("#date-from", "#date-to"):
            text = self.query_one(input_id, Input).value.strip()
            try:
                values.append(parse_loose(text) if text else None)
            except DateError as error:
                self.query_one("#dates-error", Label).update(str(error))
                self.query_one(input_id, Input).focus()
                return
        first, last = values
        if first and last and first.earliest and last.latest and last.latest < first.earliest:
            self.query_one("#dates-error", Label).update("the 'to' date is before the 'from' date")
            return
        self.dismiss((first, last))

    def action_cancel(self) -> None:
        self.dismiss(None)
