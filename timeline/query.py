"""Which events match: filters by actor, kind, source, text and dates, on precomputed indexes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .model import R_ACTORS, R_ID, R_LOCATION, R_SOURCES, R_SUMMARY, R_TITLE, Timeline
from .problems import did_you_mean


# Typed quotes are straight; articles' are curly: search treats them alike.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalize(text: str) -> str:
    return text.lower().translate(_QUOTES)


class QueryError(ValueError):
    """A filter that names nothing in the file; the message suggests what was meant."""


@dataclass(frozen=True)
class Query:
    actors: tuple[str, ...] = ()  # actor ids; an event matches if any of them acts in it
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # source ids
    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def with_(self, **changes) -> "Query":
        return replace(self, **changes)


def resolve_actor(timeline: Timeline, term: str) -> str:
    """The id of the actor whose id, name or alias is `term` (any case)."""
    wanted = term.strip().lower()
    for actor in timeline.actors.values():
        if any(name.lower() == wanted for name in actor.names()):
            return actor.id
    names = [name for actor in timeline.actors.values() for name in actor.names()]
    raise QueryError(f"no actor is called '{term}'{did_you_mean(term, names)}; "
                     "'timeline list FILE --format json' shows every event's actors")


def resolve_kind(timeline: Timeline, term: str) -> str:
    kind = term.strip().lower()
    if kind in timeline.kinds:
        return kind
    raise QueryError(f"unknown kind '{term}'{did_you_mean(term, timeline.kinds)}; "
                     f"expected one of: {', '.join(timeline.kinds)}")


def resolve_source(timeline: Timeline, term: str) -> list[str]:
    """Source ids matching an id or an outlet name (an outlet may have several articles)."""
    wanted = term.strip().lower()
    found = [s.id for s in timeline.sources.values() if wanted in (s.id.lower(), s.outlet.lower())]
    if not found:  # a part of an outlet's name: "breitbart" for "Breitbart News"
        found = [s.id for s in timeline.sources.values() if wanted and wanted in s.outlet.lower()]
    if found:
        return found
    names = list(timeline.sources) + [s.outlet for s in timeline.sources.values()]
    raise QueryError(f"no source is called '{term}'{did_you_mean(term, names)}; "
                     "name a source id or an outlet")


def search_text(timeline: Timeline, record: tuple) -> str:
    """Everything a text search looks at in one event, lowercased once."""
    parts = [record[R_ID], record[R_TITLE], record[R_SUMMARY] or "", record[R_LOCATION] or ""]
    parts += [quote for _, quote, _ in record[R_SOURCES]]
    for actor_id, _ in record[R_ACTORS]:
        actor = timeline.actors.get(actor_id)
        parts += actor.names() if actor else [actor_id]
    return normalize("\n".join(parts))


class Searcher:
    """Runs queries against one timeline, keeping the lowercased texts between queries."""

    def __init__(self, timeline: Timeline):
        self.timeline = timeline
        self._last: tuple[Query, list[int]] | None = None

    def texts(self) -> list[str]:
        """The searchable text of every event: from the cache, or built on first use (or
        ahead, by `prepare`) and then kept on the timeline for the cache to store."""
        t = self.timeline
        if t.search_texts is None and t.texts_loader is not None:
            t.search_texts = t.texts_loader()
        if t.search_texts is None:
            t.search_texts = [search_text(t, t.record(i)) for i in range(len(t.records))]
        return t.search_texts

    def prepare(self) -> None:
        """Do ahead what the first search or filter would otherwise wait for."""
        self.timeline.indexes()
        self.timeline.by_id  # built, for the first jump to an event and the first reload
        self.texts()

    def run(self, query: Query) -> Sequence[int]:
        """Indexes (in time order) of the events that match every kind of filter."""
        last = self._last
        if (last and last[0].text and normalize(query.text).startswith(normalize(last[0].text))
                and last[0].with_(text="") == query.with_(text="")):
            # Typing on: only the events the shorter text matched can match the longer.
            needle, texts = normalize(query.text), self.texts()
            result = [i for i in last[1] if needle in texts[i]]
        else:
            result = self._run(query)
        self._last = (query, result)
        return result

    def _run(self, query: Query) -> Sequence[int]:
        t = self.timeline
        candidates: set[int] | None = None
        # The indexes are asked for only when filtered by: the first screen, unfiltered,
        # is drawn before they are read.
        for ids, position in ((query.actors, 0), (query.kinds, 1), (query.sources, 2)):
            if ids:
                index = t.indexes()[position]
                matched = set().union(*(index.get(i, ()) for i in ids))
                candidates = matched if candidates is None else candidates & matched
        result = sorted(candidates) if candidates is not None else range(len(t.records))
        if query.text:
            needle = normalize(query.text)
            texts = self.texts()
            result = [i for i in result if needle in texts[i]]
        if query.date_from:
            first, last_day = query.date_from.toordinal(), t.last_day
            result = [i for i in result if last_day[i] >= first]
        if query.date_to:
            last, earliest_day = query.date_to.toordinal(), t.earliest_day
            result = [i for i in result if earliest_day[i] <= last]
        return result
