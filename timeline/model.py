"""The event model: what a loaded events file holds, with no knowledge of files or screens."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as date_type

from .dates import MONTH, When, parse_date

KINDS = {
    "airstrike": "air strikes and bombing raids",
    "attack": "attacks on the ground: shootings, bombings, stabbings",
    "statement": "something someone said or wrote",
    "claim": "an assertion someone makes that others may dispute",
    "denial": "a denial or refusal of a claim",
    "report": "reported figures and findings",
    "media": "videos, broadcasts, documentaries",
    "deployment": "forces sent or stationed",
    "political": "appointments, decisions, political moves",
    "other": "anything else",
}

STATUSES = ("reported", "alleged", "disputed")

RELATION_TYPES = ("denies", "responds-to", "part-of", "same-as", "contradicts", "follows")

# How a relation reads from the other end: "A denies B" shows on B as "denied by A".
INVERSE_NAMES = {
    "denies": "denied by",
    "responds-to": "answered by",
    "part-of": "includes",
    "same-as": "same as",
    "contradicts": "contradicted by",
    "follows": "followed by",
}


@dataclass(slots=True)
class Source:
    id: str
    outlet: str
    published: When | None = None
    headline: str | None = None
    url: str | None = None
    file: str | None = None
    note: str | None = None


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    type: str | None = None
    affiliation: str | None = None
    registered: bool = True

    def names(self) -> tuple[str, ...]:
        """Every name this actor answers to: id, name and aliases."""
        return (self.id, self.name, *self.aliases)


@dataclass(slots=True)
class ActorRole:
    actor: str  # actor id
    role: str | None = None


@dataclass(slots=True)
class Citation:
    """What a source says for an event: its words, verbatim (`quote`), or what it says in
    other words (`paraphrase`: never shown or checked as its words). One of the two, never
    both; the other is None."""

    source: str  # source id
    quote: str | None
    line: int = 0  # where the citation stands in its file, for messages
    paraphrase: str | None = None


@dataclass(slots=True)
class Relation:
    type: str
    event: str  # event id
    line: int = 0


@dataclass(slots=True)
class Figure:
    quantity: str
    value: float
    what: str | None = None
    qualifier: str = "exactly"
    claimed_by: str | None = None  # actor id
    as_of: When | None = None


@dataclass(slots=True)
class Event:
    id: str
    date: When
    kind: str
    title: str
    date_basis: str | None = None
    summary: str | None = None
    actors: list[ActorRole] = field(default_factory=list)
    location: str | None = None
    status: str = "reported"
    sources: list[Citation] = field(default_factory=list)
    related: list[Relation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    line: int = 0  # where the event starts in its file, for messages

    @property
    def actor_ids(self) -> list[str]:
        return [a.actor for a in self.actors]

    def to_record(self) -> tuple:
        """The compact form a Timeline stores: plain tuples, strings and numbers."""
        return (
            self.id, self.date.edtf(), self.kind, self.title, self.date_basis, self.summary,
            tuple((a.actor, a.role) for a in self.actors), self.location, self.status,
            tuple((c.source, c.quote, c.line, c.paraphrase) for c in self.sources),
            tuple((r.type, r.event, r.line) for r in self.related),
            tuple((f.quantity, f.value, f.what, f.qualifier, f.claimed_by, f.as_of.edtf() if f.as_of else None)
                  for f in self.figures),
            tuple(self.tags), self.line,
        )

    @classmethod
    def from_record(cls, record: tuple) -> "Event":
        (event_id, date, kind, title, basis, summary, actors, location, status, sources, related,
         figures, tags, line) = record
        return cls(
            event_id, parse_date(date), kind, title, basis, summary,
            [ActorRole(a, r) for a, r in actors], location, status,
            [Citation(s, q, n, p) for s, q, n, p in sources], [Relation(t, e, n) for t, e, n in related],
            [Figure(q, v, w, ql, c, parse_date(a) if a else None) for q, v, w, ql, c, a in figures],
            list(tags), line,
        )


# Positions of the fields in a record (see Event.to_record).
R_ID, R_DATE, R_KIND, R_TITLE, R_BASIS, R_SUMMARY, R_ACTORS, R_LOCATION, R_STATUS, R_SOURCES, \
    R_RELATED, R_FIGURES, R_TAGS, R_LINE = range(14)


class EventTable(Sequence):
    """The events of a timeline, in time order, built from their records when asked for.

    A million Event objects would take seconds to build and gigabytes to hold; the screen
    only ever needs the few dozen it shows.
    """

    def __init__(self, timeline: "Timeline"):
        self.timeline = timeline
        self._built: dict[int, Event] = {}

    def __len__(self) -> int:
        return len(self.timeline.records)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        event = self._built.get(index)
        if event is None:
            if len(self._built) > 4096:
                self._built.clear()
            event = self._built[index] = Event.from_record(self.timeline.record(index))
        return event

    def index(self, event, *args) -> int:  # by id: events are unique by id
        try:
            return self.timeline.by_id[event.id]
        except KeyError:
            raise ValueError(f"{event.id} is not in this timeline") from None


OPEN_END = date_type.max.toordinal()


class Timeline:
    """A loaded, validated events file. `events` are in time order.

    Besides the events, it keeps columns computed once at load (days, months, indexes),
    so filtering and drawing never need to build every event.
    """

    def __init__(self, records: Sequence[tuple], sources: dict[str, Source] | None = None,
                 actors: dict[str, Actor] | None = None, kinds: dict[str, str] | None = None,
                 title: str = "Timeline", columns: dict | None = None):
        self.sources = sources or {}
        self.actors = actors or {}
        self.kinds = kinds if kinds is not None else dict(KINDS)
        self.title = title
        self.path: str | None = None
        self.corpus: str | None = None
        self.warnings: list = []
        self.pending_cache: tuple | None = None  # (entry, fingerprint) to save, see cache.py
        # Set by the cache on a timeline read from it: whether the file's content is still
        # what the entry was made from (it hashes the file: the app asks after its first screen).
        self.content_check: Callable[[], bool] | None = None
        if columns is None:
            records, columns = build_columns(records)
        # A list of tuples, or (from the store) a sequence that decodes each when asked for.
        self.records = records
        self.events = EventTable(self)
        # The columns by name (COLUMN_NAMES): a dict, or (from the store, store.py) a
        # mapping that reads each in place when first asked for.
        self._columns = columns
        self._indexes: tuple[Mapping, Mapping, Mapping, Mapping] | None = None
        self._stored_indexes: dict[str, Mapping] | None = None
        self._field_indexes: tuple[dict, dict] | None = None
        self.text_buffer = None  # the search texts as one search.TextBuffer (from the cache, or the Searcher)
        # Set by the cache: reads the search texts kept in its store, as a TextBuffer (None if it can't).
        self.texts_loader: Callable[[], object] | None = None
        # Set by the cache: reads the indexes kept in its store, by name (None if it can't).
        self.indexes_loader: Callable[[], dict[str, Mapping] | None] | None = None
        self._with_figures: list[int] | None = None

    def use_columns(self, columns) -> None:
        """Read the columns from `columns` (a mapping by name) from now on."""
        self._columns = columns

    def adopt(self, other: "Timeline") -> None:
        """Become `other` (the same file loaded afresh), keeping this object, which the
        screens hold: for a stored timeline whose store turns out damaged."""
        state = dict(other.__dict__)
        state.pop("events")
        self.__dict__.update(state)

    def column(self, name: str):
        return getattr(self, name) if name in ("by_id", "ids") else self._columns[name]

    # The columns. A day is an ordinal (date.toordinal).
    @property
    def first_day(self) -> Sequence[int]:  # the day it sorts by
        return self._columns["first_day"]

    @property
    def earliest_day(self) -> Sequence[int]:  # earliest possible day, 0 if open
        return self._columns["earliest_day"]

    @property
    def last_day(self) -> Sequence[int]:  # latest possible day, OPEN_END if open
        return self._columns["last_day"]

    @property
    def month_of(self) -> Sequence[int]:  # year * 100 + month (0: year only)
        return self._columns["month_of"]

    @property
    def ids(self) -> Sequence[str]:
        found = self._columns.get("ids") if isinstance(self._columns, dict) else self._columns["ids"]
        if found is None:
            found = self._columns["ids"] = [record[R_ID] for record in self.records]
        return found

    @property
    def incoming(self) -> Mapping[str, list[tuple[str, str]]]:
        """The relations pointing at each event, by its id: (type, id of the event relating)."""
        return self._columns["incoming"]

    @property
    def by_id(self) -> Mapping[str, int]:
        """Event positions by id, built on first use: the first screen needs none, and a
        million ids take most of a second to index (the store looks them up in place)."""
        found = self._columns.get("by_id") if isinstance(self._columns, dict) else self._columns["by_id"]
        if found is None:
            found = self._columns["by_id"] = {event_id: i for i, event_id in enumerate(self.ids)}
        return found

    # The indexes by actor, kind and source are only needed to filter, so they are built
    # on first use (the app asks for them in the background after its first screen).
    @property
    def index_actor(self) -> dict[str, list[int]]:
        return self.indexes()[0]

    @property
    def index_kind(self) -> dict[str, list[int]]:
        return self.indexes()[1]

    @property
    def index_source(self) -> dict[str, list[int]]:
        return self.indexes()[2]

    @property
    def index_status(self) -> dict[str, list[int]]:
        return self.indexes()[3]

    def indexes(self) -> tuple[Mapping, Mapping, Mapping, Mapping]:
        if self._indexes is None:
            stored = self.stored_indexes()
            self._indexes = ((stored["actor"], stored["kind"], stored["source"], stored["status"]) if stored
                             else build_indexes(self.records))
        return self._indexes

    def stored_indexes(self) -> dict[str, Mapping] | None:
        """The store's indexes by name (store.INDEX_NAMES), read on first use; None for a
        timeline loaded from its file (or a store whose indexes do not check)."""
        if self._stored_indexes is None and self.indexes_loader is not None:
            self._stored_indexes = self.indexes_loader()
            self.indexes_loader = None
        return self._stored_indexes

    def field_indexes(self) -> tuple[Mapping, Mapping]:
        """Event positions by tag and by location: from the store, or read from every record
        on first use (on a million events that takes seconds, once)."""
        if self._field_indexes is None:
            stored = self.stored_indexes()
            self._field_indexes = (stored["tag"], stored["location"]) if stored else build_field_indexes(self.records)
        return self._field_indexes

    def index_figures(self) -> list[int]:
        """The events that carry figures (a column of their own would cost every file;
        figures are few, and this view is opened on demand)."""
        if self._with_figures is None:
            stored = self.stored_indexes()
            self._with_figures = (list(stored["figures"].get("", ())) if stored else
                                  [i for i in range(len(self.records)) if self.record(i)[R_FIGURES]])
        return self._with_figures

    def index_map(self) -> dict[str, Mapping]:
        """Every index by name, as the store keeps them."""
        return dict(zip(("actor", "kind", "source", "status", "tag", "location", "figures"),
                        (*self.indexes(), *self.field_indexes(), {"": self.index_figures()})))

    def date_text(self, index: int) -> str:
        """The date of an event as written (EDTF), without decoding the event."""
        if isinstance(self._columns, dict):
            return self.record(index)[R_DATE]
        return self._columns["dates"][index]

    def record(self, index: int) -> tuple:
        return self.records[index]

    def columns(self) -> dict:
        return {name: self.column(name) for name in COLUMN_NAMES}

    def event(self, event_id: str) -> Event | None:
        index = self.by_id.get(event_id)
        return None if index is None else self.events[index]

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def is_denied(self, event: Event | str) -> bool:
        """Whether another event denies or contradicts this one."""
        event_id = event if isinstance(event, str) else event.id
        return any(t in ("denies", "contradicts") for t, _ in self.incoming.get(event_id, ()))

    def outlets(self, event: Event) -> list[str]:
        """The distinct outlets that report an event."""
        seen = {}
        for citation in event.sources:
            source = self.sources.get(citation.source)
            seen.setdefault(source.outlet if source else citation.source, None)
        return list(seen)


COLUMN_NAMES = ("first_day", "last_day", "earliest_day", "month_of", "incoming", "ids")


def _date_columns(date: str) -> tuple[tuple[int, int, int, int], int, int, int]:
    """(sort key, year*100+month, latest day, earliest day) of a date."""
    when = parse_date(date)
    key = when.sort_key
    # The month it is shown under: that of the day it sorts by (headings are laid out by
    # bisection, so this must never go down in time order), 0 for a whole year or more
    # that sorts by its first day. A season sorts under its first month (Spring: March).
    point = when.start or when.end
    day = date_type.fromordinal(key[0])
    month = day.month if point.precision >= MONTH or (day.month, day.day) != (1, 1) else 0
    latest = when.latest.toordinal() if when.latest else OPEN_END
    earliest = when.earliest.toordinal() if when.earliest else 0
    return key, day.year * 100 + month, latest, earliest


def build_columns(records: list[tuple]) -> tuple[list[tuple], dict]:
    """Sort records by date (When.sort_key: the earliest possible day; on one day, those
    without a time of day first, then the timed by their instant; then the latest day)
    and compute the columns."""
    known: dict[str, tuple] = {}  # dates repeat: a file of a million events has few distinct ones
    keyed = []
    for record in records:
        date = record[R_DATE]
        columns = known.get(date)
        if columns is None:
            columns = known[date] = _date_columns(date)
        keyed.append((columns, record))
    keyed.sort(key=lambda k: k[0][0])
    records = [k[1] for k in keyed]
    columns = {
        "first_day": array("l", (k[0][0][0] for k in keyed)),
        "month_of": array("l", (k[0][1] for k in keyed)),
        "last_day": array("l", (k[0][2] for k in keyed)),
        "earliest_day": array("l", (k[0][3] for k in keyed)),
        "incoming": {},
    }
    incoming = columns["incoming"]
    for record in records:
        for relation_type, target, _ in record[R_RELATED]:
            incoming.setdefault(target, []).append((relation_type, record[R_ID]))
    return records, columns


def build_indexes(records: Sequence[tuple]) -> tuple[dict, dict, dict, dict]:
    """Event positions by actor id, by kind, by source id and by status."""
    index_actor: dict[str, list[int]] = {}
    index_kind: dict[str, list[int]] = {}
    index_source: dict[str, list[int]] = {}
    index_status: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        index_status.setdefault(record[R_STATUS], []).append(i)
        for actor in dict.fromkeys(a for a, _ in record[R_ACTORS]):
            index_actor.setdefault(actor, []).append(i)
        index_kind.setdefault(record[R_KIND], []).append(i)
        for source in dict.fromkeys(c[0] for c in record[R_SOURCES]):
            index_source.setdefault(source, []).append(i)
    return index_actor, index_kind, index_source, index_status


def build_field_indexes(records: Sequence[tuple]) -> tuple[dict, dict]:
    """Event positions by tag and by location."""
    index_tag: dict[str, list[int]] = {}
    index_location: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        for tag in dict.fromkeys(record[R_TAGS]):
            index_tag.setdefault(tag, []).append(i)
        if record[R_LOCATION]:
            index_location.setdefault(record[R_LOCATION], []).append(i)
    return index_tag, index_location
