"""Reported figures set side by side: every figure for one quantity, by date and claimant."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from .dates import When
from .model import Timeline


@dataclass
class FigureRow:
    quantity: str
    when: When
    value: float
    qualifier: str
    claimant: str | None  # display name
    what: str | None
    event_index: int
    outlets: list[str]

    @property
    def shown_value(self) -> str:
        words = {"exactly": "", "about": "about ", "over": "over ", "nearly": "nearly ",
                 "at least": "at least ", "up to": "up to "}
        return f"{words.get(self.qualifier, self.qualifier + ' ')}{self.value:,}"


def figures_by_quantity(timeline: Timeline, within: Container[int] | None = None) -> dict[str, list[FigureRow]]:
    """Quantities in order of their first figure; each quantity's figures by date. With
    `within`, only the figures of those events."""
    table: dict[str, list[FigureRow]] = {}
    for index in timeline.index_figures():
        if within is not None and index not in within:
            continue
        event = timeline.events[index]
        for figure in event.figures:
            table.setdefault(figure.quantity, []).append(FigureRow(
                figure.quantity, figure.as_of or event.date, figure.value, figure.qualifier,
                timeline.actor_name(figure.claimed_by) if figure.claimed_by else None,
                figure.what, index, timeline.outlets(event)))
    for rows in table.values():
        rows.sort(key=lambda row: (row.when.sort_key, row.event_index))
    return dict(sorted(table.items(), key=lambda item: item[1][0].when.sort_key))
