"""The overview strip: how many events fall in each month (or year) across the whole span,
with the filtered events bright, the others faint, and the cursor's place marked."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from ...axis import Axis, make_axis
from ...model import Timeline

BARS = "▁▂▃▄▅▆▇█"


class Overview(Widget):
    DEFAULT_CSS = """
    Overview { height: 2; background: $surface; }
    """
    COMPONENT_CLASSES = {"overview--shown", "overview--hidden", "overview--cursor", "overview--axis"}
    DEFAULT_CSS += """
    Overview > .overview--shown { color: $accent; }
    Overview > .overview--hidden { color: $text-disabled; }
    Overview > .overview--cursor { background: $warning; color: $background; }
    Overview > .overview--axis { color: $text-muted; }
    """

    class Jump(Message):
        """A click on the strip: go to the first shown event from this day on."""

        def __init__(self, ordinal: int):
            self.ordinal = ordinal
            super().__init__()

    def __init__(self, timeline: Timeline, **kwargs):
        super().__init__(**kwargs)
        self.timeline = timeline
        self.shown: Sequence[int] = []
        self.cursor_day: int | None = None
        self.axis: Axis | None = None
        self._counts: tuple | None = None  # (width, timeline, shown, axis, totals, shown counts)

    def set_view(self, shown: Sequence[int], cursor_event: int | None) -> None:
        self.shown = shown
        self.cursor_day = self.timeline.first_day[cursor_event] if cursor_event is not None else None
        self.refresh()

    def set_cursor(self, cursor_event: int | None) -> None:
        day = self.timeline.first_day[cursor_event] if cursor_event is not None else None
        if day != self.cursor_day:  # most moves stay on the day, and so in the strip's column
            self.cursor_day = day
            self.refresh()

    def _axis(self, width: int) -> Axis | None:
        days = self.timeline.first_day
        if not len(days):
            return None
        return make_axis(days[0], days[-1], width)

    def _counted(self, width: int) -> tuple[Axis | None, list[int], list[int]]:
        """The axis and the counts of every event and of those shown in each column,
        worked out again only when the width, the file or the events shown change: a
        cursor move redraws the strip with the counts it had."""
        kept = self._counts
        if kept is None or kept[0] != width or kept[1] is not self.timeline or kept[2] is not self.shown:
            axis = self._axis(width)
            day_of = self.timeline.first_day.__getitem__
            totals = axis.counts(range(len(self.timeline.first_day)), day_of) if axis else []
            shown = axis.counts(self.shown, day_of) if axis else []
            self._counts = kept = (width, self.timeline, self.shown, axis, totals, shown)
        return kept[3:]

    def render(self) -> Text:
        width = self.size.width
        axis, totals, shown = self._counted(width)
        self.axis = axis
        if axis is None:
            return Text("")
        peak = max(totals) or 1
        cursor = axis.column_of(self.cursor_day) if self.cursor_day is not None else None
        styles = {name: self.get_component_rich_style(f"overview--{name}")
                  for name in ("shown", "hidden", "cursor", "axis")}
        # Each column is drawn `stretch` cells wide, so a short span still fills the strip.
        self.stretch = stretch = max(1, width // axis.columns)
        bars = Text(no_wrap=True)
        for column in range(axis.columns):
            count = shown[column] or totals[column]
            level = 0 if not count else 1 + (len(BARS) - 1) * count // peak
            char = BARS[min(level, len(BARS)) - 1] if level else " "
            style = styles["shown"] if shown[column] else styles["hidden"]
            if column == cursor:
                style = styles["cursor"]
                char = char if char != " " else "▏"
            bars.append(char * stretch, style=style)
        bars.append("\n")
        bars.append(year_labels(axis, stretch), style=styles["axis"])
        return bars

    def on_click(self, event: Click) -> None:
        column = event.x // getattr(self, "stretch", 1)
        if self.axis is not None and 0 <= column < self.axis.columns:
            self.post_message(self.Jump(self.axis.starts[column]))


def year_labels(axis: Axis, stretch: int = 1) -> str:
    """Years written under the columns where they begin, each with a space before the next."""
    width = axis.columns * stretch
    labels = [" "] * width
    free_from = 0
    for column, label in axis.year_starts():
        at = column * stretch
        if at >= free_from and at + len(label) <= width:
            labels[at:at + len(label)] = list(label)
            free_from = at + len(label) + 1
    return "".join(labels)
