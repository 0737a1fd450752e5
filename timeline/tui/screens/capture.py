"""The drafted event, shown as it will be written, before it is appended to the file."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import keys
from ...controls import visible
from ...draft_file import event_lines
from .help import key_names


class CaptureScreen(ModalScreen[bool]):
    """Returns True when the analyst appends the event, False when they cancel."""

    BINDINGS = keys.CAPTURE
    DEFAULT_CSS = """
    CaptureScreen { align: center middle; }
    CaptureScreen > Vertical { width: 100; max-width: 100%; height: auto; max-height: 100%;
                               border: round $accent; background: $surface; padding: 0 1; }
    CaptureScreen VerticalScroll { height: auto; }
    CaptureScreen #capture-head { margin: 0 0 1 0; }
    CaptureScreen #capture-keys { dock: bottom; margin: 1 0 0 0; color: $text-muted; }
    """

    def __init__(self, record: dict, path: str | Path):
        super().__init__()
        self.record = record
        self.path = Path(path)

    def compose(self):
        # The keys stay in sight below the event, which scrolls when the terminal is small.
        with Vertical():
            head = Text("Drafted event", style="bold")
            head.append(f" — to be appended to {visible(self.path.name)}, tagged 'draft' until you have "
                        "reviewed it", style="dim")
            yield Static(head, id="capture-head")
            with VerticalScroll():
                yield Static(Text(visible("\n".join(event_lines(self.record)))), id="capture-event")
            append, cancel = key_names(self.app, "capture.append"), key_names(self.app, "capture.cancel")
            yield Static(f"{append}  append to {visible(self.path.name)} (the old file is kept as "
                         f"{visible(self.path.name)}.bak)    {cancel}  cancel", id="capture-keys")

    def action_append(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
