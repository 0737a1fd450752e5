"""A line under the header while a file is read for the first time (coldopen.py): how far
the reading got, as a bar and in words, and what the screen shows meanwhile."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from ...controls import visible

BAR = 20  # cells of the bar


class ReadingBar(Widget):
    DEFAULT_CSS = """
    ReadingBar { height: 1; background: $primary-background; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, name: str):
        super().__init__(id="reading")
        self.file_name = visible(name)  # a file's name is the user's, but may hold any character
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
        wordings = self._wordings()
        room = self.size.width - text.cell_len
        # The longest that fits (at 80 columns the long one was cut mid-phrase); before the
        # line is laid out it has no width, and the longest stands.
        text.append(next((w for w in wordings if cell_len(w) <= room), wordings[-1]) if self.size.width else wordings[0])
        return text

    def _wordings(self) -> list[str]:
        """What the line says after its bar, longest first."""
        if self.writing:
            states = ["  read; opening the whole file", "  opening"]
        elif self.estimate:
            about = "" if self.counted else "~"
            done = min(self.done, self.estimate)
            states = [f"  reading {done:,} of {about}{self.estimate:,} events", f"  {done:,}/{about}{self.estimate:,}"]
        else:
            states = [f"  reading {self.file_name}", "  reading"]
        if not self.shown:
            return states
        shown = [f"  ·  showing the first {self.shown:,} in time order", f"  ·  first {self.shown:,} shown",
                 f" · {self.shown:,} shown"]
        return [state + part for state in states for part in shown]
