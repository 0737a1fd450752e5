"""Which events match: filters by actor, kind, source, status, tag, location, outlets,
text and dates, and the actors and kinds left out, on precomputed indexes."""

from __future__ import annotations

import bisect
import datetime as dt
import threading
import time
import weakref
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .dates import When, moment_second, parse_date
from .model import R_ACTORS, R_ID, R_LOCATION, R_SOURCES, R_SUMMARY, R_TITLE, STATUSES, Timeline
from .problems import did_you_mean
from .search import SearchError, TextBuffer, TextMatch, normalize, parse, prepare_folding, refines


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
    marked: frozenset[str] | None = None  # the ids of the events marked (session.py); None: not filtered

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
            self._fields = self._timeline().field_indexes()
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


class NoteTexts:
    """The analyst's notes on events (session.py), as a search reads them: a noted event
    matches when its text and its note together hold what is searched for. Notes are few,
    so each is looked at on its own, beside the buffer of the file's texts."""

    def __init__(self, timeline: Timeline, notes: dict[str, str]):
        by_id = timeline.by_id
        self.folded = {by_id[i]: normalize(note) for i, note in notes.items() if i in by_id}
        self.order = sorted(self.folded)

    def __bool__(self) -> bool:
        return bool(self.order)

    def add_matches(self, match: TextMatch, buffer: TextBuffer, chunk: Sequence[int], found: list[int]) -> list[int]:
        """`found` (the matches among `chunk`, sorted) with the noted events of `chunk`
        that match through their note."""
        if not chunk:
            return found
        first = bisect.bisect_left(self.order, chunk[0])
        last = bisect.bisect_right(self.order, chunk[-1])
        extra = [i for i in self.order[first:last] if sorted_holds(chunk, i) and not sorted_holds(found, i)
                 and match.matches(buffer.text(i) + "\n" + self.folded[i])]
        return sorted(found + extra) if extra else found


def sorted_holds(ordered: Sequence[int], value: int) -> bool:
    """Whether a sorted sequence (a list or a range) holds the value."""
    k = bisect.bisect_left(ordered, value)
    return k < len(ordered) and ordered[k] == value


def step_from(ordered: Sequence[int], here: int | None, direction: int) -> int:
    """The place in a sorted sequence of the first item after `here` (direction 1) or
    the last before it (-1); from nowhere, the first or the last. It may fall outside the
    sequence, when there is none that way: the caller says so, or goes round."""
    if here is None:
        return 0 if direction > 0 else len(ordered) - 1
    if direction > 0:
        return bisect.bisect_right(ordered, here)
    return bisect.bisect_left(ordered, here) - 1


_BUFFERING = threading.Lock()  # held while a timeline's search texts are read or made
STEP = 20_000  # candidates a search looks at in one step: a few milliseconds at most
FIRST_STEP = 256  # the first step of a search asked for its first few matches


class Search:
    """The events a query finds, found a step at a time, so that a screen can show the
    first of them before all are known: `found` (in time order) only grows, and holds
    every match once `done`. What is left to look at is a list of parts, each a slice of
    candidates with the terms already known to be in them (typing on)."""

    def __init__(self, query: Query, found: Sequence[int], parts: list[tuple[Sequence[int], int, int, tuple]] = (),
                 match: TextMatch | None = None, buffer: TextBuffer | None = None, notes: NoteTexts | None = None):
        self.query = query
        self._notes = notes
        self.found: Sequence[int] = list(found) if parts else found
        self._parts = [part for part in parts if part[1] < part[2]]
        self._match, self._buffer = match, buffer

    @property
    def done(self) -> bool:
        return not self._parts

    def pending(self) -> list[tuple[Sequence[int], int, int, tuple]]:
        """The parts not looked at yet."""
        return list(self._parts)

    def step(self, size: int | None = None) -> None:
        """Look at up to `size` (STEP) more candidates."""
        candidates, first, last, known = self._parts[0]
        stop = min(last, first + (size or STEP))
        chunk = candidates[first:stop]  # a range's slice is one
        found = self._match.select_in(self._buffer, chunk, known)
        self.found.extend(self._notes.add_matches(self._match, self._buffer, chunk, found) if self._notes else found)
        if stop < last:
            self._parts[0] = (candidates, stop, last, known)
        else:
            self._parts.pop(0)

    def advance(self, enough: int | None = None, seconds: float | None = None, past: int | None = None) -> bool:
        """Find on until done, or until `enough` are found and the event `past` has been
        looked at (found or not), or for about `seconds`; True when done."""
        deadline = None if seconds is None else time.perf_counter() + seconds
        size = FIRST_STEP if enough is not None else STEP  # small steps at first: no more is found than is asked for
        while self._parts:
            if enough is not None and len(self.found) >= enough and (past is None or self._beyond(past)):
                break
            if deadline is not None and time.perf_counter() >= deadline:
                break
            self.step(size)
            size = min(STEP, size * 2)
        return self.done

    def _beyond(self, index: int) -> bool:
        """Whether every candidate up to this event has been looked at."""
        candidates, first, _, _ = self._parts[0]
        return candidates[first] > index

    def result(self) -> Sequence[int]:
        """Every match (finding the rest first)."""
        self.advance()
        return self.found


class Searcher:
    """Runs queries against one timeline, keeping its search texts between queries."""

    def __init__(self, timeline: Timeline):
        self.timeline = timeline
        self._last: Search | None = None
        self._last_find: tuple[Sequence[int], str, list[int]] | None = None
        self.notes: NoteTexts | None = None  # the analyst's notes, which a text search reads too

    def set_notes(self, notes: dict[str, str]) -> None:
        """The notes on events (id -> note) that a text search reads with each event."""
        self.notes = NoteTexts(self.timeline, notes)
        self._last = self._last_find = None  # what they found may be found otherwise now

    def texts(self) -> list[str]:
        """The searchable text of every event, as a list (for tests and tools: a search
        reads them in one buffer, `buffer`)."""
        return self.buffer().texts()

    def buffer(self) -> TextBuffer:
        """The search texts in one buffer (see search.TextBuffer): the store's, read in
        place, or made on first use (or ahead, by `prepare`) from the records, one text
        at a time, and kept on the timeline for the cache to store."""
        t = self.timeline
        found = t.text_buffer
        if found is not None and len(found) == len(t.records):
            return found
        # One at a time: a search typed while the background preparation reads them (325 MB
        # checked at 1M) waits for that reading, rather than doing it again beside it.
        with _BUFFERING:
            loader = t.texts_loader
            if t.text_buffer is None and loader is not None:
                t.text_buffer = loader()
            if t.text_buffer is None or len(t.text_buffer) != len(t.records):
                t.text_buffer = TextBuffer.of(search_text(t, t.record(i)) for i in range(len(t.records)))
            return t.text_buffer

    def prepare(self, pause=lambda: None) -> None:
        """Do ahead what the first search or filter would otherwise wait for; `pause()`
        between the parts (the app waits there while keys are being pressed)."""
        self.buffer()
        pause()
        self.timeline.indexes()
        pause()
        self.timeline.by_id  # built, for the first jump to an event and the first reload
        pause()
        prepare_folding()

    def run(self, query: Query) -> Sequence[int]:
        """Indexes (in time order) of the events that match every kind of filter."""
        return self.start(query).result()

    def start(self, query: Query) -> Search:
        """A search for the query, with every filter but the text applied; the text is
        looked for as the search is advanced (Search.advance)."""
        last = self._last
        match = text_match(query.text)
        if last and refines(last.query.text, query.text) and last.query.with_(text="") == query.with_(text=""):
            # Typing on: only the events the shorter text matched can match the longer,
            # and they all hold its words already; those it has not looked at yet, it
            # still may.
            known = text_match(last.query.text).terms
            parts = [(last.found, 0, len(last.found), known), *last.pending()]
        else:
            candidates = self._run(query)
            if not match:
                self._last = Search(query, candidates)
                return self._last
            parts = [(candidates, 0, len(candidates), ())]
        self._last = Search(query, [], parts, match, self.buffer(), self.notes)
        return self._last

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
            result = match.select_in(self.buffer(), last[2], text_match(last[1]).terms)
        else:
            result = match.select_in(self.buffer(), indexes)
        if self.notes:
            result = self.notes.add_matches(match, self.buffer(), indexes, result)
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
        for values, index in ((query.not_actors, lambda: t.index_actor), (query.not_kinds, lambda: t.index_kind)):
            for value in values:  # an index is asked for only when one of its values is left out
                excluded.update(index().get(value, ()))
        return excluded

    def _run(self, query: Query) -> Sequence[int]:
        """The events every filter but the text lets through."""
        t = self.timeline
        candidates: set[int] | None = None
        for ids, index in self._chosen(query):
            matched = set().union(*(index.get(i, ()) for i in ids))
            candidates = matched if candidates is None else candidates & matched
        if query.single_outlet:
            single = facets(t).single_outlet
            candidates = set(single) if candidates is None else candidates & single
        if query.marked is not None:
            marked = {t.by_id[i] for i in query.marked if i in t.by_id}
            candidates = marked if candidates is None else candidates & marked
        result = sorted(candidates) if candidates is not None else range(len(t.records))
        excluded = self._excluded(query)
        if excluded:
            result = [i for i in result if i not in excluded]
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
        return parse_date(self.timeline.date_text(index))
