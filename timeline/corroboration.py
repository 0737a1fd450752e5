"""Whether a drafted passage reports an event the events file already has.

Two ways: its words overlap a quote of that event (the same wire copy in another outlet,
or a passage already cited), or it reports the same thing in other words: the same
speaker, the same kind of saying (a denial, a refusal to confirm, a claim...), on dates
that may be the same, about the same others. Either way the analyst is shown the event
and why, and adds the passage as a new source of it instead of a new event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .draft_actors import fold

SHINGLE = 5  # words in a run, the unit of overlap
MIN_RUNS = 3  # runs in common that make an overlap: seven words in a row
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_STOP = set("""a an the and or but of to in on at for from by with as is are was were be been has have had
that this these those it its he she they them his her their we our you i not no so than then there which who
whom what when where while will would can could should may might also about into over after before said says
told""".split())


@dataclass
class Match:
    event: object  # the Event of --into
    why: str
    same_source: bool  # the event already cites this article for this passage


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text))]


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i:i + SHINGLE]) for i in range(max(0, len(tokens) - SHINGLE + 1))} or (
        {tuple(tokens)} if tokens else set())


class Corroborator:
    """The events of --into, indexed by the runs of words in their quotes."""

    def __init__(self, timeline, cue_of, book):
        self.timeline = timeline
        self._cue_of = cue_of  # quote text → the cue class its words make, or None
        self._book = book
        # each run of words → the (event, quote) pairs that hold it; and each quote's number of runs
        self._by_shingle: dict[tuple[str, ...], set[tuple[int, int]]] = defaultdict(set)
        self._runs: dict[tuple[int, int], int] = {}
        for index, event in enumerate(timeline.events):
            for number, citation in enumerate(event.sources):
                if citation.quote:
                    runs = _shingles(citation.quote)
                    self._runs[index, number] = len(runs)
                    for shingle in runs:
                        self._by_shingle[shingle].add((index, number))

    def find(self, quotes: list[str], source_id: str, speaker: str | None, cue: str | None, date,
             others: set[str]) -> Match | None:
        """The event these passages report, if any: by shared words first, else by the
        same speaker saying the same kind of thing about the same others, on dates that
        may be one."""
        shared: dict[tuple[int, int], int] = defaultdict(int)
        for quote in quotes:
            for shingle in _shingles(quote):
                for key in self._by_shingle.get(shingle, ()):
                    shared[key] += 1
        # Enough words in common to be one passage, not a common turn of phrase: a run of
        # MIN_RUNS + SHINGLE - 1 words, or the whole of a shorter quote.
        overlapping = {key: n for key, n in shared.items() if n >= min(MIN_RUNS, self._runs[key])}
        if overlapping:
            best = max(overlapping, key=lambda k: (overlapping[k], -k[0]))
            index, count = best[0], overlapping[best]
            event = self.timeline.events[index]
            same = any(c.source == source_id and c.quote and any(c.quote in q or q in c.quote for q in quotes)
                       for c in event.sources)
            return Match(event, f"its words overlap a quote of the event: {count} runs of {SHINGLE} words "
                                "in common", same)
        if speaker is None or cue is None:
            return None
        for event in self.timeline.events:
            if speaker not in event.actor_ids or not _may_overlap(date, event.date):
                continue
            cues = {self._cue_of(c.quote) for c in event.sources if c.quote}
            if cue not in cues:
                continue
            about = others & (set(event.actor_ids) - {speaker})
            if about:
                names = ", ".join(sorted(self._book.name(a) for a in about))
                return Match(event, f"the same speaker ({self._book.name(speaker)}), the same kind of saying "
                                    f"({cue}), about {names}, on dates that may be one", False)
        return None


def _may_overlap(first, second) -> bool:
    """Whether two dates (Whens) may be the same day: their ranges meet."""
    a0, a1 = first.earliest, first.latest
    b0, b1 = second.earliest, second.latest
    return (a0 is None or b1 is None or a0 <= b1) and (b0 is None or a1 is None or b0 <= a1)
