"""Which events match: filters by actor, kind, source, status, tag, location, outlets,
text and dates, and the actors and kinds left out, on precomputed indexes."""

from __future__ import annotations

import datetime as dt
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .dates import When, moment_second, parse_date
from .model import R_ACTORS, R_DATE, R_ID, R_LOCATION, R_SOURCES, R_SUMMARY, R_TAGS, R_TITLE, STATUSES, Timeline
from .problems import did_you_mean
from .search import SearchError, TextMatch, normalize, parse, refines


class QueryError(ValueError):
    """A filter that names nothing in the file; the message suggests what was meant."""


@dataclass(frozen=True)
class Query:
    actors: tuple[str, ...] = ()  # actor ids; an event matches if any of them acts in it
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # source ids
    text: str = ""  # every word in it, in any order (see search.py)
    date_from: dt.date | None = None  # a datetime when a time of day was given
    date_to: dt.date | None = None
    statuses: tuple[str, ...] = ()  # reported, alleged, disputed
    tags: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()  # locations as the file writes them
    single_outlet: bool = False  # only events that a single outlet reports
    not_actors: tuple[str, ...] = ()  # actor ids: no event in which any of them acts
    not_kinds: tuple[str, ...] = ()

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


def resolve_status(term: str) -> str:
    status = term.strip().lower()
    if status in STATUSES:
        return status
    raise QueryError(f"unknown status '{term}'{did_you_mean(term, STATUSES)}; expected one of: {', '.join(STATUSES)}")


def resolve_tag(timeline: Timeline, term: str, tags: Sequence[str] | None = None) -> list[str]:
    """The tags written `term`, in any case and with or without accents ("Kremlin" and
    "kremlin" alike). `tags`: every tag of the file in time order, if not the timeline's."""
    wanted = normalize(term.strip())
    tags = facets(timeline).index_tag if tags is None else tags
    found = [tag for tag in tags if normalize(tag) == wanted]
    if found:
        return found
    raise QueryError(f"no event is tagged '{term}'{did_you_mean(term, tags)}; "
                     "'timeline list FILE --format json' shows every event's tags")


def resolve_location(timeline: Timeline, term: str, places: Sequence[str] | None = None) -> list[str]:
    """The locations written `term` (any case, any accents), else those that hold it:
    "Grozny" for "Grozny" and "near Grozny, Chechnya", as an outlet's name for a source.
    `places`: every location of the file in time order, if not the timeline's."""
    wanted = normalize(term.strip())
    places = facets(timeline).index_location if places is None else places
    found = [place for place in places if normalize(place) == wanted]
    if not found:
        found = [place for place in places if wanted and wanted in normalize(place)]
    if found:
        return found
    raise QueryError(f"no event's location is or holds '{term}'{did_you_mean(term, places)}")


def text_match(text: str) -> TextMatch:
    """A search text parsed (see search.py); a regular expression that is not valid is
    a QueryError saying why."""
    try:
        return parse(text)
    except SearchError as error:
        raise QueryError(str(error)) from None


class Facets:
    """Indexes that only some filters need, each built on first use and then kept: by
    tag and by location, read from the records (on a million events that takes seconds,
    once, as the figures view does), and the events a single outlet reports, worked out
    from the index by source (a second on a million)."""

    def __init__(self, timeline: Timeline):
        self._timeline = weakref.ref(timeline)  # kept beside the timeline: it must not keep it alive
        self._fields: tuple[dict[str, list[int]], dict[str, list[int]]] | None = None
        self._single: frozenset[int] | None = None

    @property
    def index_tag(self) -> dict[str, list[int]]:
        return self._by_field()[0]

    @property
    def index_location(self) -> dict[str, list[int]]:
        return self._by_field()[1]

    @property
    def single_outlet(self) -> frozenset[int]:
        """The events that one outlet reports, no fewer and no more."""
        if self._single is None:
            self._single = _single_outlet_events(self._timeline())
        return self._single

    def _by_field(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        if self._fields is None:
            timeline = self._timeline()
            index_tag: dict[str, list[int]] = {}
            index_location: dict[str, list[int]] = {}
            for i in range(len(timeline.records)):
                record = timeline.record(i)
                for tag in dict.fromkeys(record[R_TAGS]):
                    index_tag.setdefault(tag, []).append(i)
                if record[R_LOCATION]:
                    index_location.setdefault(record[R_LOCATION], []).append(i)
            self._fields = index_tag, index_location
        return self._fields


def _single_outlet_events(timeline: Timeline) -> frozenset[int]:
    # An outlet as Timeline.outlets counts it: a source's outlet, else the source's id.
    by_outlet: dict[str, list[list[int]]] = {}
    for source_id, events in timeline.index_source.items():
        source = timeline.sources.get(source_id)
        by_outlet.setdefault(source.outlet if source else source_id, []).append(events)
    outlets_of: Counter[int] = Counter()
    for lists in by_outlet.values():
        outlets_of.update(lists[0] if len(lists) == 1 else set().union(*lists))
    return frozenset(i for i, count in outlets_of.items() if count == 1)


_facets: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def facets(timeline: Timeline) -> Facets:
    """The tag, location and outlet indexes of a timeline, kept with it."""
    found = _facets.get(timeline)
    if found is None:
        found = _facets[timeline] = Facets(timeline)
    return found


def search_text(timeline: Timeline, record: tuple) -> str:
    """Everything a text search looks at in one event, folded once (search.normalize)."""
    parts = [record[R_ID], record[R_TITLE], record[R_SUMMARY] or "", record[R_LOCATION] or ""]
    parts += [paraphrase if quote is None else quote for _, quote, _, paraphrase in record[R_SOURCES]]
    for actor_id, _ in record[R_ACTORS]:
        actor = timeline.actors.get(actor_id)
        parts += actor.names() if actor else [actor_id]
    return normalize("\n".join(parts))


class Searcher:
    """Runs queries against one timeline, keeping the lowercased texts between queries."""

    def __init__(self, timeline: Timeline):
        self.timeline = timeline
        self._last: tuple[Query, list[int]] | None = None
        self._last_find: tuple[Sequence[int], str, list[int]] | None = None

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
        if last and refines(last[0].text, query.text) and last[0].with_(text="") == query.with_(text=""):
            # Typing on: only the events the shorter text matched can match the longer,
            # and they all hold its words already.
            known = text_match(last[0].text).terms
            result = text_match(query.text).select(last[1], self.texts(), known)
        else:
            result = self._run(query)
        self._last = (query, result)
        return result

    def find(self, indexes: Sequence[int], text: str) -> list[int]:
        """Those of `indexes` whose text matches `text`: what find steps through, without
        filtering. Typing on refines the last answer, as `run` does."""
        match = text_match(text)
        if not match:
            return []
        last = self._last_find
        if last and last[0] is indexes and last[1] == text:  # n and N ask again and again
            return last[2]
        if last and last[0] is indexes and refines(last[1], text):
            result = match.select(last[2], self.texts(), text_match(last[1]).terms)
        else:
            result = match.select(indexes, self.texts())
        self._last_find = (indexes, text, result)
        return result

    def _chosen(self, query: Query) -> list[tuple[tuple[str, ...], dict]]:
        """(values, index) of each filter of several values that is on: an event must
        have one of the values of each."""
        # An index is asked for only when filtered by: the first screen, unfiltered, is
        # drawn before the indexes are read.
        t = self.timeline
        chosen = [(query.actors, lambda: t.index_actor), (query.kinds, lambda: t.index_kind),
                  (query.sources, lambda: t.index_source), (query.statuses, lambda: t.index_status),
                  (query.tags, lambda: facets(t).index_tag), (query.locations, lambda: facets(t).index_location)]
        return [(values, index()) for values, index in chosen if values]

    def _excluded(self, query: Query) -> set[int]:
        """The events a filter leaves out: those of an actor or a kind not wanted."""
        t = self.timeline
        excluded: set[int] = set()
        for values, index in ((query.not_actors, t.index_actor), (query.not_kinds, t.index_kind)):
            for value in values:
                excluded.update(index.get(value, ()))
        return excluded

    def _run(self, query: Query) -> Sequence[int]:
        t = self.timeline
        candidates: set[int] | None = None
        for ids, index in self._chosen(query):
            matched = set().union(*(index.get(i, ()) for i in ids))
            candidates = matched if candidates is None else candidates & matched
        if query.single_outlet:
            single = facets(t).single_outlet
            candidates = set(single) if candidates is None else candidates & single
        result = sorted(candidates) if candidates is not None else range(len(t.records))
        excluded = self._excluded(query)
        if excluded:
            result = [i for i in result if i not in excluded]
        match = text_match(query.text)
        if match:
            result = match.select(result, self.texts())
        if query.date_from:
            first, last_day = query.date_from.toordinal(), t.last_day
            result = [i for i in result if last_day[i] >= first]
            if isinstance(query.date_from, dt.datetime):  # a time: on its day, only what may end after it
                at = first * 86400 + moment_second(query.date_from)
                result = [i for i in result if last_day[i] > first or self._when(i).end.last_instant >= at]
        if query.date_to:
            last, earliest_day = query.date_to.toordinal(), t.earliest_day
            result = [i for i in result if earliest_day[i] <= last]
            if isinstance(query.date_to, dt.datetime):  # on its day, only what may start before it
                at = last * 86400 + moment_second(query.date_to)
                result = [i for i in result if earliest_day[i] < last or self._when(i).start.first_instant <= at]
        return result

    def _when(self, index: int) -> When:
        return parse_date(self.timeline.record(index)[R_DATE])
