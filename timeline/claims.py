"""Claims and their answers: which events are contested, and by what.

A claim is contested when another event denies, contradicts or answers it, or when its
status is 'disputed'. The answers are those events, in time order.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from .model import Timeline

ANSWERS = ("denies", "contradicts", "responds-to")


@dataclass
class Contest:
    claim: int  # event index
    answers: list[tuple[str, int]]  # (relation type, event index), in time order


def answers_to(timeline: Timeline, event_id: str) -> list[tuple[str, int]]:
    """The events that deny, contradict or answer this one, in time order."""
    found = [(kind, timeline.by_id[other]) for kind, other in timeline.incoming.get(event_id, ())
             if kind in ANSWERS and other in timeline.by_id]
    return sorted(found, key=lambda pair: pair[1])


def answered(timeline: Timeline, event_index: int) -> list[int]:
    """The events this one denies, contradicts or answers."""
    event = timeline.events[event_index]
    return [timeline.by_id[r.event] for r in event.related if r.type in ANSWERS and r.event in timeline.by_id]


def answer_place(timeline: Timeline, index: int, claim_first: bool = False) -> tuple[int, int] | None:
    """Where an event stands in a dispute: (the claim it answers, its place among that claim's
    answers in time order), or (itself, -1) for a claim that has answers; None for neither.
    An event that is both is taken as the claim, or with `claim_first` as the answer."""
    own = (index, -1) if answers_to(timeline, timeline.ids[index]) else None
    claims = answered(timeline, index)
    theirs = None
    if claims:
        answers = [answer for _, answer in answers_to(timeline, timeline.ids[claims[0]])]
        theirs = (claims[0], answers.index(index))
    return (theirs or own) if claim_first else (own or theirs)


def contested(timeline: Timeline, within: Container[int] | None = None) -> list[Contest]:
    """Every contested claim with its answers, claims in time order: those another event
    denies or contradicts, and those whose status is 'disputed'. With `within` (the events
    a filter lets through), the disputes those events take part in: as the claim or as an
    answer. Each keeps all its answers, since a denial means little without its claim."""
    claims = set(timeline.index_status.get("disputed", ()))
    for event_id, links in timeline.incoming.items():
        if event_id in timeline.by_id and any(kind in ("denies", "contradicts") for kind, _ in links):
            claims.add(timeline.by_id[event_id])
    contests = [Contest(index, answers_to(timeline, timeline.ids[index])) for index in sorted(claims)]
    if within is None:
        return contests
    return [c for c in contests if c.claim in within or any(answer in within for _, answer in c.answers)]
