"""The filters a user sets: which are on, the order they were set in (Escape takes back
the last), how they read in words, and the choices a picker offers with their counts.

The command line and the explorer both go through here, so a filter means the same and
reads the same in a report's heading, the app's header and a picker.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from .dates import UNTIMED, When, moment_text
from .model import STATUSES, Timeline
from .query import Query, facets
from .search import is_regex, terms_of

NAMES = ("actors", "kinds", "sources", "text", "dates", "statuses", "tags", "locations", "single_outlet",
         "not_actors", "not_kinds", "marked")


def is_on(query: Query, name: str) -> bool:
    if name == "dates":
        return bool(query.date_from or query.date_to)
    if name == "marked":  # on, even while no event is marked: then it lets none through
        return query.marked is not None
    return bool(getattr(query, name))


def cleared(name: str) -> dict:
    """The changes to a Query that switch the filter `name` off."""
    if name == "dates":
        return {"date_from": None, "date_to": None}
    if name == "single_outlet":
        return {name: False}
    if name == "marked":
        return {name: None}
    return {name: "" if name == "text" else ()}


@dataclass(frozen=True)
class Filters:
    """A query and the order its filters were switched on in."""

    query: Query = Query()
    order: tuple[str, ...] = ()

    @classmethod
    def of(cls, query: Query) -> "Filters":
        """Filters given all at once (on the command line): their order is the usual one."""
        return cls(query, tuple(name for name in NAMES if is_on(query, name)))

    def set(self, name: str, **changes) -> "Filters":
        """Change one filter; it becomes the last one set (or leaves the order when off)."""
        query = self.query.with_(**changes)
        order = tuple(n for n in self.order if n != name)
        if is_on(query, name):
            order += (name,)
        return Filters(query, order)

    def toggle(self, name: str, value: str) -> "Filters":
        """Add a value to a filter of several (actors, kinds, sources), or take it out."""
        values = list(getattr(self.query, name))
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        return self.set(name, **{name: tuple(values)})

    def without_last(self) -> "Filters":
        """The filters with the last one set switched off (Escape)."""
        if not self.order:
            return self
        return self.set(self.order[-1], **cleared(self.order[-1]))

    def describe(self, timeline: Timeline) -> list[str]:
        return describe(timeline, self.query)


def date_range_problem(first: When | None, last: When | None, names: tuple[str, str] = ("from", "to")) -> str | None:
    """Why a date filter from `first` to `last` can hold no event, naming both as the user
    called them (`names`: "--from" and "--to" on the command line); None when it can."""
    if first is None or last is None or first.earliest is None or last.latest is None:
        return None
    if last.latest > first.earliest:
        return None
    if last.latest == first.earliest:  # one day: only two times of it can be the wrong way round
        start, end = first.sort_key[1], last.sort_key[3]
        if start == UNTIMED or end == UNTIMED or end >= start:
            return None
    return (f"{names[0]} {first.display()} is after {names[1]} {last.display()}: no event can fall "
            "between them; swap the two dates")


def describe(timeline: Timeline, query: Query) -> list[str]:
    """Each filter that is on, in words: "actor: Ramzan Kadyrov or Dmitry Peskov"."""
    parts = []
    if query.actors:
        parts.append("actor: " + " or ".join(timeline.actor_name(a) for a in query.actors))
    if query.kinds:
        parts.append("kind: " + " or ".join(query.kinds))
    if query.sources:
        parts.append("source: " + " or ".join(source_label(timeline, s) for s in query.sources))
    if query.text:
        parts.append(describe_text(query.text))
    if query.date_from or query.date_to:
        first = moment_text(query.date_from) if query.date_from else "start"
        last = moment_text(query.date_to) if query.date_to else "end"
        parts.append(f"dates: {first} to {last}")
    if query.statuses:
        parts.append("status: " + " or ".join(query.statuses))
    if query.tags:
        parts.append("tag: " + " or ".join(query.tags))
    if query.locations:
        parts.append("location: " + " or ".join(query.locations))
    if query.single_outlet:
        parts.append("single outlet")
    if query.not_actors:
        parts.append("not actor: " + " nor ".join(timeline.actor_name(a) for a in query.not_actors))
    if query.not_kinds:
        parts.append("not kind: " + " nor ".join(query.not_kinds))
    if query.marked is not None:
        parts.append(f"marked events ({len(query.marked)})")
    return parts


# The command line's option for each filter of several values, in the order `describe` says them.
OPTIONS = (("actors", "--actor"), ("kinds", "--kind"), ("sources", "--source"), ("statuses", "--status"),
           ("tags", "--tag"), ("locations", "--location"), ("not_actors", "--not-actor"), ("not_kinds", "--not-kind"))


def command_args(query: Query) -> list[str]:
    """The options of `timeline FILE ...` (and of list and export) that give this query:
    each value as the file names it (an actor's or a source's id), which the command line
    reads back as the same filter."""
    args: list[str] = []
    for name, option in OPTIONS:
        for value in getattr(query, name):
            args += [option, value]
    if query.text:
        args += ["--search", query.text]
    if query.date_from:
        args += ["--from", moment_text(query.date_from)]
    if query.date_to:
        args += ["--to", moment_text(query.date_to)]
    if query.single_outlet:
        args.append("--single-outlet")
    if query.marked is not None:
        args.append("--marked")
    return args


def command_line(path: str | None, query: Query) -> str:
    """The whole command, quoted for a POSIX shell."""
    import shlex

    return shlex.join(["timeline", *([path] if path else []), *command_args(query)])


def describe_text(text: str) -> str:
    """A search in words: each word or phrase it needs, or its regular expression."""
    if is_regex(text):
        return f"text matching {text.strip()}/"
    terms = terms_of(text)
    return "text: " + " and ".join(f"“{term}”" for term in terms) if terms else f"text: “{text}”"


def source_label(timeline: Timeline, source_id: str) -> str:
    """An article as one line: outlet, publication date and headline."""
    source = timeline.sources.get(source_id)
    if source is None:
        return source_id
    date = f", {source.published.display()}" if source.published else ""
    return source.outlet + date + (f" — {source.headline}" if source.headline else "")


@dataclass(frozen=True)
class Choice:
    """One line of a picker."""

    value: str  # what the filter holds (an actor id, a kind, a source id, a status, a tag, a location)
    label: str  # what the list shows
    count: int  # how many events it has
    names: tuple[str, ...] = ()  # other names that match when typed (aliases)

    def matches(self, typed: str) -> bool:
        typed = typed.lower()
        return any(typed in name.lower() for name in (self.label, self.value, *self.names))


def choices(timeline: Timeline, name: str, within: Container[int] | None = None) -> list[Choice]:
    """What a picker for `name` (actors, kinds, sources, statuses, tags or locations)
    offers: kinds and statuses in their usual order, the others the busiest first. Counts
    are of the events `within` (those the other filters let through), or of the whole file."""
    t = timeline

    in_file: dict[str, int] = {}  # each value's events in the whole file, for the order

    def count(index: dict, value: str) -> int:
        events = index.get(value, ())
        in_file[value] = len(events)
        return len(events) if within is None else sum(1 for i in events if i in within)

    if name == "kinds":
        return [Choice(kind, kind, count(t.index_kind, kind), (description,))
                for kind, description in t.kinds.items()]
    if name == "statuses":
        return [Choice(status, status, count(t.index_status, status)) for status in STATUSES]
    if name in ("tags", "locations"):
        index = facets(t).index_tag if name == "tags" else facets(t).index_location
        found = [Choice(value, value, count(index, value)) for value in index]
    elif name == "actors":
        found = [Choice(actor.id, actor.name, count(t.index_actor, actor.id), actor.aliases)
                 for actor in t.actors.values()]
    elif name == "sources":
        found = [Choice(source.id, source_label(t, source.id), count(t.index_source, source.id),
                        (source.outlet, source.headline or ""))
                 for source in t.sources.values()]
    else:
        raise ValueError(f"no picker for '{name}'")
    # Busiest in the whole file first, whatever the other filters: the items keep their
    # places from one opening to the next, and only their counts follow the filters.
    return sorted(found, key=lambda c: (-in_file[c.value], c.label.lower()))
