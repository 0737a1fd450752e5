"""A line under the header while a file is read for the first time (coldopen.py): how far
the reading got, as a bar and in words, and what the screen shows meanwhile."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

BAR = 20  # cells of the bar


class ReadingBar(Widget):
    DEFAULT_CSS = """
    ReadingBar { height: 1; background: $primary-background; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, name: str):
        super().__init__(id="reading")
        self.file_name = name
        self.done, self.estimate, self.shown = 0, 0, 0
        self.writing = False
        self.counted = False  # the estimate is the preview's count of events, not the file's lines

    def progress(self, done: int, estimate: int) -> None:
        """`done` events of about `estimate` read; done < 0: all read, the store is being written."""
        if done < 0:
            self.writing = True
        else:
            self.done = done
            self.estimate = self.estimate if self.counted else estimate
        self.refresh()

    def count(self, events: int) -> None:
        """The file holds `events` events (every date counted)."""
        self.estimate, self.counted = events, True
        self.refresh()

    def showing(self, count: int) -> None:
        """The screen shows the first `count` events in time order."""
        self.shown = count
        self.refresh()

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        fraction = 1.0 if self.writing else self.done / self.estimate if self.estimate else 0.0
        cells = max(5, min(BAR, self.size.width // 6))  # the words keep the room on a narrow screen
        filled = round(cells * min(1.0, fraction))
        text.append("━" * filled, style="bold")
        text.append("─" * (cells - filled), style="dim")
        if self.writing:
            text.append("  read; opening the whole file")
        elif self.estimate:
            text.append(f"  reading {min(self.done, self.estimate):,} of {'' if self.counted else '~'}"
                        f"{self.estimate:,} events")
        else:
            text.append(f"  reading {self.file_name}")
        if self.shown:
            text.append(f"  ·  showing the first {self.shown:,} in time order", style="italic")
        return text
