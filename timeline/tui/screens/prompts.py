"""Small modal prompts: go to a date, the date-range filter, and export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList

from ...dates import DateError, When, parse_loose
from ...export import EXPORT_FORMATS
from ...filters import date_range_problem
from ...output import OutputError, OutputExists, free_name, taken
from ...wording import counted
from .. import keys

PROMPT_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 64; max-width: 100%; height: auto; border: thick $accent; background: $panel; padding: 0 1; }}
{name} .error {{ color: $error; height: auto; width: 1fr; }}
{name} .hint {{ color: $text-muted; width: 1fr; }}
"""

COMPACT_BELOW = 20  # lines of screen under which the export dialog's fields lose their borders


class GotoDateScreen(ModalScreen[When | None]):
    """Ask for a date ("2016-02", "Feb 2016", "9 February 2016")."""

    BINDINGS = keys.GOTO
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

    BINDINGS = keys.DATES
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
        problem = date_range_problem(first, last)
        if problem:
            self.query_one("#dates-error", Label).update(problem)
            return
        self.dismiss((first, last))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[Path | None]):
    """Ask for a format and a file name, and write the export there with `write(format,
    path)`; returns the path written, or None. A name that is taken keeps the dialog
    open, with a free one proposed; so does any other reason the file cannot be written."""

    BINDINGS = keys.EXPORT
    DEFAULT_CSS = PROMPT_CSS.format(name="ExportScreen") + """
    ExportScreen > Vertical { width: 76; max-width: 100%; }
    ExportScreen OptionList { height: auto; margin: 0 0 1 0; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, stem: str, count: int, write: Callable[..., Path], download: bool = False, marked: int = 0):
        super().__init__()
        self.stem = stem
        self.count = count
        self.write = write
        self.download = download  # the browser version: the file goes to the browser, no file here is touched
        self.marked = marked  # how many of the events shown are marked: a box offers only them
        self.formats = list(EXPORT_FORMATS.items())  # (name, (extension, description))

    def compose(self):
        with Vertical():
            yield Label(Text(f"Export the {counted(self.count, 'event')} shown", style="bold"))
            yield OptionList(*[f"{name:<11} {description}" for name, (_, description) in EXPORT_FORMATS.items()],
                             id="export-format")
            yield Input(f"{self.stem}{self.formats[0][1][0]}", id="export-path")
            if self.marked:
                yield Checkbox(f"only the {self.marked} marked (tab, space)", id="export-marked")
            yield Label("", classes="error", id="export-error")
            yield Label(f"↑/↓ format · enter {'downloads' if self.download else 'writes'} · esc closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0
        self.query_one("#export-path", Input).focus()

    def on_resize(self, event) -> None:
        # Bordered, the dialog needs 18 lines: on a shorter screen its fields go without
        # borders, or its last lines (the hint, an error) would be off the screen.
        for field in self.query("OptionList, Input, Checkbox"):
            field.compact = event.size.height < COMPACT_BELOW

    def on_option_list_option_highlighted(self, message) -> None:
        path = self.query_one("#export-path", Input)
        extension = self.formats[message.option_index][1][0]
        if path.value.strip():  # swap the extension, keep the name; the cursor goes to the end
            base = path.value[: -len(Path(path.value).suffix)] if Path(path.value).suffix else path.value
            path.value = base + extension
            path.cursor_position = len(path.value)

    def on_checkbox_changed(self, message: Checkbox.Changed) -> None:
        self.query_one("#export-path", Input).focus()  # back where enter writes

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        options.highlighted = max(0, min(len(self.formats) - 1, (options.highlighted or 0) + delta))

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        name = message.value.strip()
        if not name:
            self.say("give a file name")
            return
        if not self.download and taken(name):  # never written over from here: a free name instead, for enter to take
            self.propose(name, f"{Path(name).name} exists already")
            return
        index = self.query_one(OptionList).highlighted or 0
        try:
            only_marked = bool(self.marked) and self.query_one("#export-marked", Checkbox).value
            written = self.write(self.formats[index][0], name, *([True] if only_marked else []))
        except OutputExists:  # taken since the check above
            self.propose(name, f"{Path(name).name} exists already")
            return
        except OutputError as error:
            self.say(str(error))
            return
        self.dismiss(written)

    def propose(self, name: str, reason: str) -> None:
        free = free_name(name)
        path = self.query_one("#export-path", Input)
        path.value = str(free) if Path(name).expanduser().is_absolute() else str(Path(name).with_name(free.name))
        path.cursor_position = len(path.value)
        self.say(f"{reason}: proposed {free.name} instead; enter writes it, or change the name")

    def say(self, message: str) -> None:
        self.query_one("#export-error", Label).update(message)

    def action_cancel(self) -> None:
        self.dismiss(None)
