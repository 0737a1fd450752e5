"""The event model: what a loaded events file holds, with no knowledge of files or screens."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import When

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
    source: str  # source id
    quote: str
    line: int = 0  # where the citation stands in its file, for messages


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


@dataclass
class Timeline:
    """A loaded, validated events file. `events` are in time order."""

    events: list[Event]
    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=lambda: dict(KINDS))
    title: str = "Timeline"
    path: str | None = None
    corpus: str | None = None
    warnings: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.events.sort(key=lambda e: e.date.sort_key)
        self.by_id = {e.id: i for i, e in enumerate(self.events)}
        self.index_actor: dict[str, list[int]] = {}
        self.index_kind: dict[str, list[int]] = {}
        self.index_source: dict[str, list[int]] = {}
        self.incoming: dict[str, list[tuple[str, str]]] = {}
        for i, event in enumerate(self.events):
            for actor in dict.fromkeys(event.actor_ids):
                self.index_actor.setdefault(actor, []).append(i)
            self.index_kind.setdefault(event.kind, []).append(i)
            for source in dict.fromkeys(c.source for c in event.sources):
                self.index_source.setdefault(source, []).append(i)
            for relation in event.related:
                self.incoming.setdefault(relation.event, []).append((relation.type, event.id))

    def event(self, event_id: str) -> Event | None:
        index = self.by_id.get(event_id)
        return None if index is None else self.events[index]

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def is_denied(self, event: Event) -> bool:
        """Whether another event denies or contradicts this one."""
        return any(t in ("denies", "contradicts") for t, _ in self.incoming.get(event.id, ()))

    def outlets(self, event: Event) -> list[str]:
        """The distinct outlets that report an event."""
        seen = {}
        for citation in event.sources:
            source = self.sources.get(citation.source)
            seen.setdefault(source.outlet if source else citation.source, None)
        return list(seen)
