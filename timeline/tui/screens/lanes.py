"""Actor lanes: one lane per actor across a shared time axis, so the order of what each
did and said shows at a glance. The lanes hold the events the scope covers (those the
filters let through, or the whole file): for the chosen actors, or else the busiest."""

from __future__ import annotations

import bisect

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from .. import keys
from ..widgets.footer import AppFooter
from ...axis import Axis, make_axis
from ...model import R_KIND, Timeline
from ..widgets.overview import year_labels
from ..marks import kind_mark
from ..scope import Scope, ScopedView
from .help import key_names

LABEL_WIDTH = 22
BUSIEST = 8  # lanes when no actor is chosen


class LanesScreen(ScopedView, Screen[str | None]):
    """Dismisses with the chosen event's id, or None."""

    BINDINGS = keys.LANES
    DEFAULT_CSS = """
    LanesScreen #lanes-head { height: auto; background: $primary-background; padding: 0 1; }
    LanesScreen #lanes { height: auto; padding: 1 1 0 1; }
    LanesScreen #lanes-cell { height: 1fr; padding: 1 1 0 1; border-top: tall $primary-background-lighten-2; }
    """

    def __init__(self, timeline: Timeline, chosen: list[str], scope: Scope = Scope()):
        super().__init__()
        self.timeline = timeline
        self.chosen = chosen  # the actor filter's actors, kept whatever the scope
        self.scope = scope
        self.actors: list[str] = []
        self.lane = 0
        self.column = 0
        self.axis: Axis | None = None
        self.cells: list[list[list[int]]] = []  # per lane, per column: event indexes

    def compose(self):
        yield Static(id="lanes-head")
        yield Static(id="lanes")
        yield Static(id="lanes-cell")
        yield AppFooter()

    def on_mount(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Lanes for the scope, the cursor on the first lane's first event."""
        self.actors = self.chosen or self.busiest()
        self.layout_lanes()
        self.lane = 0
        self.column = next((c for c, cell in enumerate(self.cells[0]) if cell), 0) if self.cells else 0
        self.draw()

    def busiest(self) -> list[str]:
        index, events = self.timeline.index_actor, self.scope.events
        counts = {actor: len(found) if events is None else sum(1 for i in found if i in events)
                  for actor, found in index.items()}
        return [actor for actor in sorted(index, key=lambda a: -counts[a]) if counts[actor]][:BUSIEST]

    def events_of(self, actor: str) -> list[int]:
        events = self.scope.events
        found = self.timeline.index_actor.get(actor, [])
        return found if events is None else [i for i in found if i in events]

    def on_resize(self) -> None:
        self.layout_lanes()
        self.draw()

    def layout_lanes(self) -> None:
        """Put each actor's events in the columns of one axis shared by all lanes."""
        t = self.timeline
        days = t.first_day
        width = max(10, self.size.width - LABEL_WIDTH - 4)
        # The axis spans these actors' events only: two actors in one year fill the width.
        mine = [i for actor in self.actors for i in self.events_of(actor)]
        self.axis = make_axis(days[min(mine)], days[max(mine)], width) if mine else None
        self.cells = []
        for actor in self.actors:
            events = self.events_of(actor)
            columns: list[list[int]] = [[] for _ in range(self.axis.columns if self.axis else 0)]
            for index in events:
                columns[self.axis.column_of(days[index])].append(index)
            self.cells.append(columns)

    def draw(self) -> None:
        t = self.timeline
        head = Text("Actor lanes", style="bold")
        head.append(f"\n{len(self.actors)} actor{'s' * (len(self.actors) != 1)} on one time axis "
                    f"({self.axis.unit if self.axis else '-'} a column); "
                    "←/→ from event to event, ↑/↓ between lanes, enter goes to the event", style="dim")
        head.append("\n")
        head.append_text(self.scope.line(key_names(self.app, "view.scope")))
        self.query_one("#lanes-head", Static).update(head)
        body = Text(no_wrap=True)
        # A short span is drawn wider: each column `stretch` cells.
        width = max(10, self.size.width - LABEL_WIDTH - 4)
        stretch = max(1, width // self.axis.columns) if self.axis else 1
        for lane, actor in enumerate(self.actors):
            name = t.actor_name(actor)
            label = (name if len(name) < LABEL_WIDTH else name[: LABEL_WIDTH - 2] + "…").ljust(LABEL_WIDTH)
            body.append(label, style="bold" if lane == self.lane else "")
            for column, cell in enumerate(self.cells[lane]):
                if cell:
                    mark, style = kind_mark(t.record(cell[0])[R_KIND])
                    if len(cell) > 1:
                        style += " bold underline"
                else:
                    mark, style = "·", "dim"
                if lane == self.lane and column == self.column:
                    style += " reverse"
                body.append(mark, style=style)
                if stretch > 1:
                    body.append(("·" if not cell else " ") * (stretch - 1), style="dim")
            body.append("\n")
        if self.axis:
            body.append(" " * LABEL_WIDTH + year_labels(self.axis, stretch), style="dim")
        self.query_one("#lanes", Static).update(body)
        self.query_one("#lanes-cell", Static).update(self.cell_text())

    def cell_text(self) -> Text:
        if not self.cells or self.axis is None:
            return Text("No actors to show." if not self.actors else "None of these actors has an event here.",
                        style="dim")
        t = self.timeline
        cell = self.cells[self.lane][self.column]
        text = Text(f"{t.actor_name(self.actors[self.lane])} — {self.axis.label(self.column)}: ", style="bold")
        text.append(f"{len(cell)} event{'s' * (len(cell) != 1)}\n")
        for index in cell[:12]:
            event = t.events[index]
            mark, style = kind_mark(event.kind)
            text.append(f"  {event.date.display():<20} ", style="dim")
            text.append(mark + " ", style=style)
            text.append(event.title + "\n")
        if len(cell) > 12:
            text.append(f"  ... and {len(cell) - 12} more\n", style="dim")
        return text

    def action_step(self, direction: int) -> None:
        """To the next (or previous) column of this lane that holds an event."""
        if not self.cells:
            return
        filled = [c for c, cell in enumerate(self.cells[self.lane]) if cell]
        if direction > 0:
            k = bisect.bisect_right(filled, self.column)
            target = filled[k] if k < len(filled) else None
        else:
            k = bisect.bisect_left(filled, self.column) - 1
            target = filled[k] if k >= 0 else None
        if target is None:
            self.app.bell()
            return
        self.column = target
        self.draw()

    def action_lane(self, direction: int) -> None:
        if self.cells:
            self.lane = max(0, min(len(self.cells) - 1, self.lane + direction))
            self.draw()

    def action_choose(self) -> None:
        cell = self.cells[self.lane][self.column] if self.cells and self.axis else []
        if cell:
            self.dismiss(self.timeline.ids[cell[0]])
        else:
            self.app.bell()

    def action_close(self) -> None:
        self.dismiss(None)
