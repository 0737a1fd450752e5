"""The working session's dialogs: a note on an event, a view's name, the saved views, the
marks and notes (orphans too), and the command line that gives a view. What they show
comes from the session file, so every text in them is shown, never obeyed (visible)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...controls import visible
from .. import keys
from ..marks import MARKED_MARK, NOTED_MARK
from ..widgets.vim_list import VimOptionList
from .help import key_names
from .prompts import PROMPT_CSS



def in_words(described: list[str]) -> str:
    """A view's filters in words, on one line (they come from the session file: shown, never obeyed)."""
    return visible("; ".join(described)) or "no filter: every event"


class NoteScreen(ModalScreen[str | None]):
    """Write the note on one event; dismisses with its text (empty: no note), or None."""

    BINDINGS = keys.NOTE
    DEFAULT_CSS = PROMPT_CSS.format(name="NoteScreen") + """
    NoteScreen > Vertical { width: 80; }
    NoteScreen TextArea { height: 10; max-height: 50vh; }
    """

    def __init__(self, title: str, note: str):
        super().__init__()
        self.title_text, self.note = title, note

    def compose(self):
        with Vertical():
            yield Label(Text.assemble(("Note on: ", "bold"), visible(self.title_text)))
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label(f"{key_names(self.app, 'note.save')} keeps it (an empty note is taken away) · "
                        f"{key_names(self.app, 'note.cancel')} leaves it as it was", classes="hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NameViewScreen(ModalScreen[str | None]):
    """Ask for a name for the current view (its filters in words above the field)."""

    BINDINGS = keys.NAME_VIEW
    DEFAULT_CSS = PROMPT_CSS.format(name="NameViewScreen")

    def __init__(self, described: list[str], taken: list[str]):
        super().__init__()
        self.described, self.taken = described, taken

    def compose(self):
        with Vertical():
            yield Label(Text("Save this view", style="bold"))
            yield Label(in_words(self.described), classes="hint")
            yield Input(placeholder="its name", id="view-name")
            yield Label("", classes="error", id="view-error")
            yield Label(f"enter saves (a name taken is replaced) · {key_names(self.app, 'view.name_cancel')} closes",
                        classes="hint")

    def on_mount(self) -> None:
        self._say("")

    def _say(self, text: str) -> None:
        label = self.query_one("#view-error", Label)
        label.update(text)
        label.display = bool(text)  # an empty error line would still show its colour

    def on_input_changed(self, message: Input.Changed) -> None:
        self._say("a view of this name is replaced" if message.value.strip() in self.taken else "")

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        name = message.value.strip()
        if name:
            self.dismiss(name)
        else:
            self._say("give the view a name")

    def action_cancel(self) -> None:
        self.dismiss(None)


LIST_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 100; max-width: 100%; height: 80%; border: thick $accent; background: $panel; padding: 0 1; }}
{name} OptionList {{ height: 1fr; border: none; }}
{name} .hint {{ color: $text-muted; }}
"""


@dataclass(frozen=True)
class ViewEntry:
    name: str
    described: list[str]  # its filters in words
    command: str  # the command line that gives it


class SavedViewsScreen(ModalScreen[str | None]):
    """The saved views, each with its filters and its command line; dismisses with the
    name of the one to restore, or None."""

    BINDINGS = keys.SAVED_VIEWS
    DEFAULT_CSS = LIST_CSS.format(name="SavedViewsScreen")

    def __init__(self, entries: list[ViewEntry], delete: Callable[[str], None]):
        super().__init__()
        self.entries, self.delete = entries, delete

    def compose(self):
        with Vertical():
            yield Label(Text("Saved views", style="bold"))
            yield VimOptionList(id="views")
            yield Label(f"{key_names(self.app, 'views.restore')} restores · "
                        f"{key_names(self.app, 'views.delete')} deletes · {key_names(self.app, 'views.close')} "
                        "closes", classes="hint")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        if not self.entries:
            listing.add_option(Option(Text("No view saved yet: v names the filters and the cursor.", style="dim"),
                                      disabled=True))
            return
        for number, entry in enumerate(self.entries):
            if number:
                listing.add_option(None)  # a rule between two views
            label = Text()
            label.append(visible(entry.name), style="bold")
            label.append("\n" + in_words(entry.described))
            label.append("\n" + visible(entry.command), style="dim")
            listing.add_option(Option(label, id=entry.name))
        listing.highlighted = 0

    def _highlighted(self) -> str | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None or not self.entries:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.action_restore()

    def action_restore(self) -> None:
        name = self._highlighted()
        if name is not None:
            self.dismiss(name)

    def action_delete(self) -> None:
        name = self._highlighted()
        if name is None:
            return
        self.delete(name)
        self.entries = [entry for entry in self.entries if entry.name != name]
        self._fill()
        self.notify(visible(f"Deleted the view '{name}'."), timeout=3)

    def action_close(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class MarkEntry:
    event_id: str
    line: Text | None  # the event as a line; None for an orphan (its id is gone from the file)
    marked: bool
    note: str


class MarksScreen(ModalScreen[str | None]):
    """Every marked or noted event, orphans last; dismisses with the id to go to, or None."""

    BINDINGS = keys.MARKS
    DEFAULT_CSS = LIST_CSS.format(name="MarksScreen")

    def __init__(self, entries: list[MarkEntry]):
        super().__init__()
        self.entries = entries

    def compose(self):
        with Vertical():
            marked = sum(entry.marked for entry in self.entries)
            noted = sum(bool(entry.note) for entry in self.entries)
            orphans = sum(entry.line is None for entry in self.entries)
            yield Label(Text.assemble(("Marks and notes", "bold"), f" · {marked} marked, {noted} noted"
                                      + (f", {orphans} no longer in the file" if orphans else "")))
            yield VimOptionList(id="marks")
            yield Label(f"{key_names(self.app, 'marks.choose')} goes to the event · "
                        f"{key_names(self.app, 'marks.close')} closes", classes="hint")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        if not self.entries:
            listing.add_option(Option(Text("Nothing marked or noted yet: m marks an event, i writes a note.",
                                           style="dim"), disabled=True))
        for entry in self.entries:
            listing.add_option(Option(self._label(entry), id=entry.event_id, disabled=entry.line is None))
        first = next((i for i, entry in enumerate(self.entries) if entry.line is not None), None)
        if first is not None:
            listing.highlighted = first
        listing.focus()

    @staticmethod
    def _label(entry: MarkEntry) -> Text:
        label = Text()
        label.append(MARKED_MARK[0] if entry.marked else " ", style=MARKED_MARK[1])
        label.append(NOTED_MARK[0] if entry.note else " ", style=NOTED_MARK[1])
        label.append(" ")
        if entry.line is None:
            label.append(f"orphan: {visible(entry.event_id)}", style="bold red")
            label.append(" (no event has this id now; kept in case it comes back)", style="dim")
        else:
            label.append_text(entry.line)
        if entry.note:
            for line in visible(entry.note).split("\n"):  # under a bar: a line's leading spaces are not kept
                label.append("\n┆ ", style=NOTED_MARK[1])
                label.append(line, style="italic")
        return label

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.dismiss(message.option.id)

    def action_choose(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None and self.entries and self.entries[listing.highlighted].line is not None:
            self.dismiss(self.entries[listing.highlighted].event_id)

    def action_close(self) -> None:
        self.dismiss(None)


class CommandLineScreen(ModalScreen[None]):
    """The command that opens this view again, or lists or exports its events."""

    BINDINGS = keys.COMMAND_LINE
    DEFAULT_CSS = PROMPT_CSS.format(name="CommandLineScreen") + """
    CommandLineScreen > Vertical { width: 100; }
    CommandLineScreen #command { background: $boost; padding: 0 1; margin: 1 0; }
    """

    def __init__(self, described: list[str], command: str):
        super().__init__()
        self.described, self.command = described, command

    def compose(self):
        with Vertical():
            yield Label(Text("The command line for this view", style="bold"))
            yield Label(in_words(self.described), classes="hint")
            yield Static(Text(visible(self.command)), id="command")
            yield Label("'timeline list' or 'timeline export' take the same options · select it with the mouse "
                        f"to copy · {key_names(self.app, 'command.close')} closes", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
