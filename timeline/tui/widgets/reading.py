"""A line under the header while a file is read for the first time (coldopen.py): how far
the reading got, as a bar and in words, and what the screen shows meanwhile."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

BAR = 20  # cells of the bar


class ReadingBar(Static):
    DEFAULT_CSS = """
    ReadingBar { height: 1; background: $primary-background; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, name: str):
        super().__init__(id="reading")
        self.file_name = name
        self.done, self.estimate, self.shown = 0, 0, 0
        self.writing = False

    def on_mount(self) -> None:
        self.refresh_text()

    def progress(self, done: int, estimate: int) -> None:
        """`done` events of about `estimate` read; done < 0: all read, the store is being written."""
        if done < 0:
            self.writing = True
        else:
            self.done, self.estimate = done, max(estimate, self.estimate)
        self.refresh_text()

    def showing(self, count: int) -> None:
        """The screen shows the first `count` events in time order."""
        self.shown = count
        self.refresh_text()

    def refresh_text(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        fraction = 1.0 if self.writing else self.done / self.estimate if self.estimate else 0.0
        filled = round(BAR * min(1.0, fraction))
        text.append("━" * filled, style="bold")
        text.append("─" * (BAR - filled), style="dim")
        if self.writing:
            text.append("  read; opening the whole file")
        elif self.estimate:
            text.append(f"  reading {self.done:,} of ~{self.estimate:,} events")
        else:
            text.append(f"  reading {self.file_name}")
        if self.shown:
            text.append(f"  ·  showing the first {self.shown:,} in time order", style="italic")
        self.update(text)
