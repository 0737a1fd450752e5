"""What a chronology (the Markdown and the HTML exports) says of each event, so that
both say the same: the numbers of the articles it cites, the events it is linked to and
how each link reads, and the anchor that a link to it points at."""

from __future__ import annotations

import html

from .claims import ANSWERS
from .model import INVERSE_NAMES, Event, Timeline

# How a link reads from the event that has it, and from the event it points to.
LINK_NAMES = {"denies": "Denies", "responds-to": "Responds to", "part-of": "Part of", "same-as": "Same as",
              "contradicts": "Contradicts", "follows": "Follows"}


def cited_numbers(e: Event, numbers: dict[str, int]) -> list[int]:
    """The numbers of the articles an event cites, each once, in order; an article cited
    for the first time is given the next number in `numbers` (source id → number)."""
    return list(dict.fromkeys(sorted(numbers.setdefault(c.source, len(numbers) + 1) for c in e.sources)))


def citing_events(events: list[Event]) -> dict[str, list[Event]]:
    """The events citing each article (source id → events, in order), found in one pass
    over the events rather than one per article."""
    citing: dict[str, list[Event]] = {}
    for e in events:
        for source_id in dict.fromkeys(c.source for c in e.sources):
            citing.setdefault(source_id, []).append(e)
    return citing


def event_links(timeline: Timeline, event: Event) -> list[tuple[str, str]]:
    """(how the link reads, the other event's id): the events this one answers (or is
    part of, follows...), then those that answer it. A denial means little without its
    claim, so one outside the export is named too."""
    outgoing = [(r.type in ANSWERS, LINK_NAMES[r.type], r.event) for r in event.related]
    incoming = [(kind in ANSWERS, INVERSE_NAMES[kind].capitalize(), other)
                for kind, other in timeline.incoming.get(event.id, ())]
    # the dispute first: what it answers, then what answers it; then the rest, as before
    ordered = [link for link in outgoing + incoming if link[0]] + [link for link in outgoing + incoming if not link[0]]
    return [(name, other) for _, name, other in ordered]


def event_anchor(event_id: str) -> str:
    # Prefixed, so that an event called '2016' is not the year's heading.
    return "event-" + html.escape(event_id)
