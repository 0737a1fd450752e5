"""The timeline: events in time order under year and month headings, one row each.

Rendered virtually with Textual's Line API: only the visible rows are drawn, and drawn
rows are cached, so the widget costs the same for fifty events or a million.
"""

from __future__ import annotations

import bisect

from collections.abc import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.text import Text
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .. import keys
from ...dates import MONTH_ABBR, UNTIMED, parse_date
from ...model import Timeline
from ...search import TextMatch
from ..highlight import marked
from ..marks import DENIED_MARK, MARKED_MARK, NOTED_MARK, STATUS_MARKS, UNVERIFIED_MARK, kind_mark

DATE_WIDTH = 24  # the most the date column takes


class RowLayout(Sequence):
    """The rows of the timeline: an event index (>= 0) or a heading (< 0, see `heading_of`).

    Worked out per month group, not per row: events are in time order, so each month's
    events are found by bisection, and a million events lay out in a few milliseconds.
    """

    def __init__(self, timeline: Timeline, shown: Sequence[int]):
        self.shown = shown
        self.heading_rows: list[int] = []  # row positions of the headings
        self.heading_values: list[int] = []
        self.group_starts: list[int] = []  # k (place in `shown`) where each month group starts
        self.group_offsets: list[int] = []  # headings above that group's first event
        month_of = timeline.month_of
        key = month_of.__getitem__
        k, year, headings = 0, None, 0
        while k < len(shown):
            month_key = month_of[shown[k]]
            y, m = divmod(month_key, 100)
            if y != year:
                self._heading(k + headings, -(y * 100) - 1)
                headings, year = headings + 1, y
            if m:
                self._heading(k + headings, -month_key - 1)
                headings += 1
            self.group_starts.append(k)
            self.group_offsets.append(headings)
            k = bisect.bisect_right(shown, month_key, lo=k, key=key)
        self.length = len(shown) + headings
        self.event_rows = _EventRows(self)

    def _heading(self, row: int, value: int) -> None:
        self.heading_rows.append(row)
        self.heading_values.append(value)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, row: int) -> int:
        if not 0 <= row < self.length:
            raise IndexError(row)
        h = bisect.bisect_right(self.heading_rows, row)
        if h and self.heading_rows[h - 1] == row:
            return self.heading_values[h - 1]
        return self.shown[row - h]

    def position_of(self, k: int) -> int:
        """The row of the k-th shown event."""
        group = bisect.bisect_right(self.group_starts, k) - 1
        return k + self.group_offsets[group]


class _EventRows(Sequence):
    """The row positions of the events, in order (sorted, so bisect works on it)."""

    def __init__(self, layout: RowLayout):
        self.layout = layout

    def __len__(self) -> int:
        return len(self.layout.shown)

    def __getitem__(self, k: int) -> int:
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        return self.layout.position_of(k)


def heading_of(row: int) -> tuple[int, int]:
    """(year, month) of a heading row; month 0 for a year heading."""
    return divmod(-row - 1, 100)


class TimelineView(ScrollView, can_focus=True):
    """Scrollable list of events; the cursor is always on an event row."""

    BINDINGS = keys.TIMELINE
    COMPONENT_CLASSES = {"timeline--year", "timeline--month", "timeline--cursor", "timeline--dim", "timeline--empty"}
    DEFAULT_CSS = """
    TimelineView { background: $surface; overflow-x: hidden; }
    TimelineView > .timeline--year { color: $text; text-style: bold; background: $primary 30%; }
    TimelineView > .timeline--month { color: $text-muted; text-style: bold; }
    TimelineView > .timeline--cursor { background: $accent 40%; }
    TimelineView:focus > .timeline--cursor { background: $accent 70%; }
    TimelineView > .timeline--dim { color: $text-muted; }
    TimelineView > .timeline--empty { color: $warning; }
    """

    cursor = reactive(-1, always_update=True)  # index into rows, -1 when there are none

    class Selected(Message):
        """The cursor moved to an event (or to none)."""

        def __init__(self, event_index: int | None):
            self.event_index = event_index
            super().__init__()

    class Opened(Message):
        """Enter was pressed on an event."""

        def __init__(self, event_index: int):
            self.event_index = event_index
            super().__init__()

    def __init__(self, timeline: Timeline, corpus=None, on_move: Callable[[int | None], None] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.timeline = timeline
        # Called as the cursor moves, with the event it is on: what must be painted in the
        # same frame as the row (the header's position), where a message would come after it.
        self.on_move = on_move
        self.corpus = corpus  # with one, rows mark quotes not found verbatim
        self.shown: Sequence[int] = []  # event indexes shown, in time order
        self.rows: Sequence[int] = []  # see RowLayout
        self.event_rows: Sequence[int] = []  # positions in `rows` of the event rows
        self.heading_rows: list[int] = []  # positions in `rows` of the headings
        self.empty_message: list[str] = []
        self.highlight: tuple[TextMatch, ...] = ()  # the searches whose matches rows highlight
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._date_width = 12
        self.session = None  # the marks and notes (timeline/session.py) that rows show, if any
        self._after_paint: list[Callable[[], None]] = []

    # --- content ---------------------------------------------------------------------

    def show(self, indexes: list[int], keep_event: int | None = None) -> None:
        """Display these events; keep the cursor on `keep_event` if it is still shown."""
        self.shown = indexes
        self.rows = RowLayout(self.timeline, indexes)
        self.event_rows = self.rows.event_rows
        self.heading_rows = self.rows.heading_rows
        sample = indexes[:: max(1, len(indexes) // 200)]
        widths = [len(parse_date(self.timeline.date_text(i)).display()) for i in sample]
        # wide enough for a time with its zone ("30 Sep 2015 05:00 +03:00"); longer dates
        # (two times, qualifiers on both ends) end in "…" and show whole in the detail pane
        self._date_width = min(DATE_WIDTH, max(widths, default=10))
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.rows) or len(self.empty_message))
        target = self._position_of(keep_event) if keep_event is not None else None
        self.cursor = target if target is not None else (self.event_rows[0] if self.event_rows else -1)
        self.refresh()
        # After a new list of rows, the scroll range is only right after the next layout.
        self.call_after_refresh(self.scroll_to_cursor)

    def refresh_rows(self) -> None:
        """Draw the rows again (their marks or notes changed)."""
        self._cache.clear()
        self.refresh()

    def set_highlight(self, matches: tuple[TextMatch, ...]) -> None:
        """Highlight the matches of these searches in the rows (none: no highlight)."""
        if matches != self.highlight:
            self.highlight = matches
            self._cache.clear()
            self.refresh()

    def _position_of(self, event_index: int) -> int | None:
        """The row position of a shown event, or None."""
        k = bisect.bisect_left(self.shown, event_index)
        if k < len(self.shown) and self.shown[k] == event_index:
            return self.rows.position_of(k)
        return None

    @property
    def selected_event(self) -> int | None:
        if 0 <= self.cursor < len(self.rows) and self.rows[self.cursor] >= 0:
            return self.rows[self.cursor]
        return None

    @property
    def selected_position(self) -> int:
        """1-based place of the selected event among those shown, 0 when none."""
        k = bisect.bisect_left(self.event_rows, self.cursor)
        return k + 1 if k < len(self.event_rows) and self.event_rows[k] == self.cursor else 0

    def select_event(self, event_index: int) -> bool:
        position = self._position_of(event_index)
        if position is not None:
            self.cursor = position
        return position is not None

    def watch_cursor(self, old: int, new: int) -> None:
        # Two rows change: the one the cursor leaves and the one it lands on (a scroll
        # repaints the rest).
        for row in (old, new):
            if 0 <= row < len(self.rows):
                self.refresh_line(row)
        if new >= 0:
            self.scroll_to_cursor()
        if self.on_move is not None:
            self.on_move(self.selected_event)
        self.post_message(self.Selected(self.selected_event))

    def scroll_to_cursor(self) -> None:
        # Keep the cursor's headings in view when they fit above it.
        if not 0 <= self.cursor < len(self.rows):
            return
        top = self.cursor
        while top > 0 and self.rows[top - 1] < 0 and self.cursor - top < 2:
            top -= 1
        self.scroll_to_region(Region(0, top, 1, self.cursor - top + 1), animate=False, immediate=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.rows) or len(self.empty_message))
        # A shorter view would leave the cursor's row below its bottom edge; the scroll
        # range is the new one only after the next layout.
        self.call_after_refresh(self.scroll_to_cursor)

    # --- rendering -------------------------------------------------------------------

    def call_after_paint(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the rows have been painted again: Textual paints on its next
        frame, after a layout when one is due, and `call_after_refresh` may come before."""
        self._after_paint.append(callback)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if self._after_paint:  # called after the frame being painted, this line and the rest
            callbacks, self._after_paint = self._after_paint, []
            for callback in callbacks:
                self.call_later(callback)
        row_index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if not self.rows:
            return self._render_empty(row_index, width)
        if row_index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        selected = row_index == self.cursor
        key = (row_index, width, selected, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(self.rows[row_index], width, selected)
            self._cache[key] = strip
        return strip

    def _render_empty(self, row_index: int, width: int) -> Strip:
        if row_index < len(self.empty_message):
            text = Text(self.empty_message[row_index], no_wrap=True, overflow="ellipsis")
            text.truncate(width, overflow="ellipsis", pad=True)
            # As a span: Text.render drops a Text's own style when it has no spans.
            text.stylize(self.get_component_rich_style("timeline--empty"))
            return Strip(list(text.render(self.app.console)), width).apply_style(self.rich_style)
        return Strip.blank(width, self.rich_style)

    def _render_row(self, row: int, width: int, selected: bool) -> Strip:
        base = self.rich_style
        if row < 0:
            year, month = heading_of(row)
            if month:
                style = base + self.get_component_rich_style("timeline--month")
                label = f"  {MONTH_ABBR[month]} {year}"
            else:
                style = base + self.get_component_rich_style("timeline--year")
                label = f" {year}"
            return Strip([Segment(label.ljust(width)[:width], style)], width)
        text = self.row_text(row, width)
        if selected:
            text.stylize(self.get_component_rich_style("timeline--cursor"))
        segments = list(text.render(self.app.console))
        return Strip(segments, width).apply_style(base)

    def row_text(self, event_index: int, width: int) -> Text:
        """One event as a row: date, kind mark, status marks, title, actors, source count."""
        t = self.timeline
        event = t.events[event_index]
        dim = self.get_component_rich_style("timeline--dim")
        mark, mark_style = kind_mark(event.kind)
        status, status_style = STATUS_MARKS.get(event.status, (" ", ""))
        denied = DENIED_MARK if t.is_denied(event.id) else (" ", "")
        outlets = len(t.outlets(event))
        sources = f" {outlets}▤"
        actors = ", ".join(_short_name(t, a) for a in dict.fromkeys(event.actor_ids))
        text = Text(no_wrap=True, overflow="ellipsis")
        session = self.session
        text.append(*(MARKED_MARK if session is not None and session.is_marked(event.id) else (" ", "")))
        text.append(*(NOTED_MARK if session is not None and event.id in session.notes else (" ", "")))
        text.append(" ")
        text.append(_fit(event.date.display(), self._date_width), style=dim)
        text.append(" ")
        text.append(mark, style=mark_style)
        text.append(status, style=status_style)
        text.append(denied[0], style=denied[1])
        if self.corpus is not None:
            unverified = any(self.corpus.is_verbatim(t.sources.get(c.source), c.quote) is False
                             for c in event.sources if c.quote is not None)
            text.append(*(UNVERIFIED_MARK if unverified else (" ", "")))
        text.append(" ")
        fixed = text.cell_len + len(sources)
        room = max(0, width - fixed)
        title = event.title
        actor_room = min(cell_len(actors) + 3, max(0, room - cell_len(title)), max(0, room // 3))
        if actor_room <= 3:  # too little room to name anyone: the title takes it all
            actor_room = 0
        text.append_text(marked(_fit(title, room - actor_room), self.highlight))
        if actor_room:
            text.append_text(marked(_fit("  " + actors, actor_room), self.highlight, dim))
        text.append(sources, style="yellow" if outlets == 1 else dim)
        return text

    # --- keys and mouse --------------------------------------------------------------

    def _move_to(self, position: int | None) -> None:
        if position is not None and self.event_rows:
            self.cursor = position

    def _step(self, delta: int) -> None:
        if not self.event_rows:
            return
        here = bisect.bisect_left(self.event_rows, self.cursor)
        self._move_to(self.event_rows[max(0, min(len(self.event_rows) - 1, here + delta))])

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        self._move_to(self.event_rows[0] if self.event_rows else None)

    def action_last(self) -> None:
        self._move_to(self.event_rows[-1] if self.event_rows else None)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        if not self.event_rows:
            return
        height = max(1, self.scrollable_content_region.height - 1)
        # The page scrolls by as much as the cursor moves, so the cursor keeps its line on
        # the screen: read the offset before the move, which scrolls to the cursor itself.
        top = self.scroll_offset.y
        target = max(0, min(len(self.rows) - 1, self.cursor + direction * height))
        here = bisect.bisect_left(self.event_rows, target)
        if direction < 0 and (here >= len(self.event_rows) or self.event_rows[here] != target):
            here -= 1
        self._move_to(self.event_rows[max(0, min(len(self.event_rows) - 1, here))])
        self.scroll_to(y=max(0, top + direction * height), animate=False, immediate=True)
        self.scroll_to_cursor()

    def _jump_heading(self, years_only: bool, direction: int) -> None:
        """Move to the first event of the next (or previous) month or year that has events."""
        rows = self.rows
        headings = [h for h in self.heading_rows if not years_only or heading_of(rows[h])[1] == 0]
        starts = sorted({self._first_event_after(h) for h in headings})
        if not starts:
            return
        if direction > 0:
            k = bisect.bisect_right(starts, self.cursor)
            target = starts[k] if k < len(starts) else None
        else:
            current = bisect.bisect_right(starts, self.cursor) - 1
            target = starts[current - 1] if current >= 1 else None
        if target is None:
            self.app.bell()
        else:
            self._move_to(target)

    def _first_event_after(self, heading: int) -> int:
        return self.event_rows[bisect.bisect_left(self.event_rows, heading)]

    def action_next_month(self) -> None:
        self._jump_heading(False, 1)

    def action_previous_month(self) -> None:
        self._jump_heading(False, -1)

    def action_next_year(self) -> None:
        self._jump_heading(True, 1)

    def action_previous_year(self) -> None:
        self._jump_heading(True, -1)

    def action_open(self) -> None:
        if self.selected_event is not None:
            self.post_message(self.Opened(self.selected_event))

    def go_to_day(self, ordinal: int, second: int = UNTIMED) -> None:
        """Move to the first shown event that sorts on or after the day `ordinal` (and on
        that day, at or after `second`, as When.sort_key counts it)."""
        if not self.shown:
            return
        t, shown = self.timeline, self.shown
        first_day = t.first_day
        k = bisect.bisect_left(shown, ordinal, key=lambda i: first_day[i])
        if second != UNTIMED:  # times are rare: the day's events are looked at one by one
            while k < len(shown) and first_day[shown[k]] == ordinal and \
                    parse_date(t.date_text(shown[k])).sort_key[1] < second:
                k += 1
        self._move_to(self.event_rows[min(k, len(shown) - 1)])

    def on_click(self, event: Click) -> None:
        row = event.y + self.scroll_offset.y
        if 0 <= row < len(self.rows) and self.rows[row] >= 0:
            self.cursor = row


def _short_name(timeline: Timeline, actor_id: str) -> str:
    actor = timeline.actors.get(actor_id)
    if actor is None:
        return actor_id
    # The shortest alias that is a single word reads best in a row ("Kadyrov", "Peskov").
    words = [a for a in actor.aliases if " " not in a and a[:1].isupper()]
    return min(words, key=len) if words else actor.name


def _fit(text: str, room: int) -> str:
    """Exactly `room` cells: padded, or cut with an ellipsis. Counted in terminal cells,
    so titles in scripts drawn two cells wide (Chinese, Japanese) keep the columns straight."""
    if room <= 0:
        return ""
    if cell_len(text) <= room:
        return set_cell_size(text, room)
    return set_cell_size(text, room - 1) + "…"
