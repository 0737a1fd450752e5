"""Check the values of an events file against the schema and build the model objects.

This is the exact validator: it reports every problem, not just the first, each with its
file:line:column, what was wrong and what was expected, since a curator fixing a file
wants the whole list. It reads the located values of the exact YAML reader (`Map`/`Seq`,
every scalar its text), the plain values of JSON Lines, and the plain values of the fast
YAML reader (no places). The fast path for well-formed events is in fastpath.py.

The fast YAML reader resolves scalars: `title: 1.10` comes as the number 1.1, `id: 017`
as 17, `title: true` as True. Its values are trusted only where every scalar read is text;
anywhere else the validator raises NotAsWritten and the file is read the exact way, which
keeps every scalar as written. In JSON Lines a number is a number the user wrote.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from .controls import describe, find_control
from .dates import DateError, When, foreign_digit, foreign_digit_message, parse_date
from .model import (
    KINDS, R_ID, R_LINE, R_RELATED, RELATION_TYPES, STATUSES, Actor, ActorRole, Citation, Event,
    Figure, Relation, Source, Timeline,
)
from .parsing import Map, key_pos, value_pos
from .problems import Pos, Problem, did_you_mean, one_of

# Told where a load is: a stage ("reading", "checking", "sorting") and a fraction, if known.
Progress = Callable[[str, "float | None"], None]
# Turns one event's value into its record, or None when it is not a usable event.
ReadEvent = Callable[[object, Pos], "tuple | None"]

TOP_KEYS = ("title", "schema", "corpus", "kinds", "sources", "actors", "events")
SOURCE_KEYS = ("outlet", "headline", "published", "url", "file", "note")
ACTOR_KEYS = ("name", "aliases", "type", "affiliation")
EVENT_KEYS = ("id", "date", "date_basis", "kind", "title", "summary", "actors", "location",
              "status", "sources", "related", "figures", "tags")
CITATION_KEYS = ("source", "quote", "paraphrase")
INLINE_SOURCE_KEYS = CITATION_KEYS + SOURCE_KEYS
FIGURE_KEYS = ("quantity", "value", "what", "qualifier", "claimed_by", "as_of")
FIGURE_QUALIFIERS = ("exactly", "about", "over", "nearly", "at least", "up to")
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# Figures count people, fighters, strikes: a quadrillion is beyond any of them, and a
# number of thousands of digits would cost seconds to read
MAX_FIGURE = 10**15
MAX_NUMBER_DIGITS = 40


def no_progress(stage: str, fraction: float | None = None) -> None:
    pass


class NotAsWritten(Exception):
    """A scalar the fast YAML reader resolved from its text (1.10 to 1.1): the values
    cannot be trusted to be what the file says, so it must be read the exact way."""


class Validator:
    """Checks located values and builds model objects, collecting problems as it goes."""

    def __init__(self, name: str, progress: Progress = no_progress, text_only: bool = False,
                 numbers_as_written: bool = False):
        self.name = name
        self.progress = progress
        self.text_only = text_only  # the fast YAML reader's values: any scalar but text raises NotAsWritten
        # ... but a number where a number belongs (a figure's value) reads the same either
        # way unless the file spells one the exact reading refuses (see loader.py)
        self.numbers_as_written = numbers_as_written
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.actors: dict[str, Actor] = {}
        self.kinds: dict[str, str] = dict(KINDS)
        self.actor_lookup: dict[str, str] = {}
        self.has_source_registry = False
        self.has_actor_registry = False
        self.warn_missing_basis = True  # YAML files, written by hand, get the warnings
        self._inline_sources: dict[tuple, str] = {}
        self._warned_actors: set[str] = set()
        self.all_ids: set[str] = set()  # ids of every event, valid or not, so one bad event
        # does not make every relation to it an "unknown event" too

    # --- reporting -------------------------------------------------------------------

    def error(self, pos: Pos, message: str) -> None:
        self.problems.append(Problem(self.name, pos, message))

    def warn(self, pos: Pos, message: str) -> None:
        self.problems.append(Problem(self.name, pos, message, "warning"))

    # --- whole files -----------------------------------------------------------------

    def build_yaml(self, root: dict, read_event: ReadEvent | None = None) -> Timeline:
        """From a Map (exact reader) or a plain dict (fast reader, no places).

        Each event is read by `read_event` (the fast path, see fastpath.py), else by the
        careful path, `record`."""
        read_event = read_event or self.record
        top = root.pos if isinstance(root, Map) else Pos(1)
        self.check_keys(root, TOP_KEYS, ("events",), "at the top of the file", top)
        title = self.text(root, "title", top) or "Timeline"
        if self.scalar(root.get("schema")) not in (None, "1", 1):
            schema = root["schema"]
            shown = schema if isinstance(schema, (str, int)) else _describe(schema)
            self.error(value_pos(root, "schema", top), f"schema {shown} is not known; this version reads schema 1")
        self.read_registries(root, top)
        events_value = root.get("events")
        records: list[tuple] = []
        if "events" in root and not isinstance(events_value, list):
            self.error(value_pos(root, "events", top), "'events' must be a list of events, each starting with '- id: ...'")
        elif isinstance(events_value, list):
            where = value_pos(root, "events", top)
            step = max(1, len(events_value) // 50)
            for index, item in enumerate(events_value):
                if index % step == 0:
                    self.progress("checking", index / len(events_value))
                record = read_event(item, value_pos(events_value, index, where))
                if record:
                    records.append(record)
        self.progress("sorting", None)
        return self.finish(records, title, corpus=self.text(root, "corpus", top))

    def build_jsonl(self, header: dict | None, records, read_event: ReadEvent | None = None,
                    estimate: int = 1) -> Timeline:
        read_event = read_event or self.record
        title = self.jsonl_header(header)
        built = []
        step = max(1, estimate // 50)
        for index, (line, value) in enumerate(records):
            if index % step == 0:
                self.progress("checking", min(1.0, index / estimate))
            record = read_event(value, Pos(line))
            if record:
                built.append(record)
        self.progress("sorting", None)
        return self.finish(built, title)

    def jsonl_header(self, header: dict | None) -> str:
        """Read a JSON Lines file's header line (None when it has none); the title."""
        self.warn_missing_basis = False
        title = "Timeline"
        if header is not None:
            pos = getattr(header, "pos", Pos(1))
            self.check_keys(header, ("title", "schema", "corpus", "kinds", "sources", "actors"), (), "in the header line", pos)
            title = self.text(header, "title", pos) or title
            self.read_registries(header, pos)
        return title

    def read_registries(self, root, pos: Pos) -> None:
        kinds = self.mapping(root, "kinds", pos)
        for kind, _ in self.entries(kinds):
            where = key_pos(kinds, kind, pos)
            self.check_slug(kind, where, "kind")
            self.kinds[kind] = self.text(kinds, kind, where) or ""
        sources = self.mapping(root, "sources", pos)
        self.has_source_registry = bool(sources)
        for source_id, value in self.entries(sources):
            where = key_pos(sources, source_id, pos)
            self.check_slug(source_id, where, "source id")
            source = self.source(source_id, value, value_pos(sources, source_id, where))
            if source:
                self.sources[source_id] = source
        actors = self.mapping(root, "actors", pos)
        self.has_actor_registry = bool(actors)
        for actor_id, value in self.entries(actors):
            where = key_pos(actors, actor_id, pos)
            self.check_slug(actor_id, where, "actor id")
            actor = self.actor(actor_id, value, value_pos(actors, actor_id, where))
            if actor:
                self.register_actor(actor, where)

    def finish(self, records: list[tuple], title: str, corpus: str | None = None) -> Timeline:
        first_line: dict[str, int] = {}
        for record in records:
            event_id, line = record[R_ID], record[R_LINE]
            if event_id in first_line:
                self.duplicate(event_id, line, first_line[event_id])
            else:
                first_line[event_id] = line
        for record in records:
            for _, target, line in record[R_RELATED]:
                self.check_link(record[R_ID], target, line or record[R_LINE], target in self.all_ids,
                                lambda: self.all_ids)
        timeline = Timeline(records, self.sources, self.actors, self.kinds, title)
        timeline.corpus = corpus
        return timeline

    def duplicate(self, event_id: str, line: int, first: int) -> None:
        self.error(Pos(line), f"duplicate event id '{event_id}' (first at line {first}); ids must be unique")

    def check_link(self, event_id: str, target: str, line: int, known: bool, all_ids: Callable[[], set]) -> None:
        """The problem of a link to `target`, when there is one; `known`: whether an event
        has that id (`all_ids` gives every id, for a suggestion)."""
        if not known:
            self.error(Pos(line), f"event '{event_id}' relates to unknown event '{target}'"
                       f"{did_you_mean(target, all_ids())}")
        elif target == event_id:
            self.error(Pos(line), f"event '{event_id}' relates to itself")

    # --- registries ------------------------------------------------------------------

    def source(self, source_id: str, value, pos: Pos) -> Source | None:
        if not self.is_map(value, pos, f"source '{source_id}'", "a mapping with outlet, headline, published, url"):
            return None
        self.check_keys(value, SOURCE_KEYS, ("outlet", "published"), f"in source '{source_id}'", pos)
        return Source(
            id=source_id,
            outlet=self.text(value, "outlet", pos) or source_id,
            published=self.date(value, "published", pos),
            headline=self.text(value, "headline", pos),
            url=self.text(value, "url", pos),
            file=self.text(value, "file", pos),
            note=self.text(value, "note", pos),
        )

    def actor(self, actor_id: str, value, pos: Pos) -> Actor | None:
        if not self.is_map(value, pos, f"actor '{actor_id}'", "a mapping with name, aliases, type"):
            return None
        self.check_keys(value, ACTOR_KEYS, ("name",), f"in actor '{actor_id}'", pos)
        aliases = self.text_list(value, "aliases", pos)
        return Actor(actor_id, self.text(value, "name", pos) or actor_id, tuple(aliases),
                     self.text(value, "type", pos), self.text(value, "affiliation", pos))

    def register_actor(self, actor: Actor, pos: Pos) -> None:
        self.actors[actor.id] = actor
        for name in actor.names():
            owner = self.actor_lookup.setdefault(name.lower(), actor.id)
            if owner != actor.id:
                self.warn(pos, f"'{name}' names both actor '{owner}' and actor '{actor.id}'; it will match '{owner}'")

    # --- events ----------------------------------------------------------------------

    def record(self, value, pos: Pos) -> tuple | None:
        """An event's record by the careful path, which reports every problem with its place."""
        event = self.event(value, pos)
        return event.to_record() if event else None

    def event(self, value, pos: Pos) -> Event | None:
        if not self.is_map(value, pos, "an event", "a mapping with id, date, kind, title and sources"):
            return None
        self.check_keys(value, EVENT_KEYS, ("id", "date", "kind", "title", "sources"), self.event_label(value), pos)
        event_id = self.text(value, "id", pos)
        if event_id is None:
            return None
        self.all_ids.add(event_id)
        self.check_slug(event_id, value_pos(value, "id", pos), "event id")
        date = self.date(value, "date", pos)
        kind = self.choice(value, "kind", self.kinds, pos, "kind")
        status = self.choice(value, "status", STATUSES, pos, "status") or "reported"
        if self.warn_missing_basis and "date" in value and "date_basis" not in value:
            self.warn(key_pos(value, "date", pos), f"event '{event_id}' has no date_basis; say how the date was worked out")
        title = self.text(value, "title", pos)
        if title == "":
            self.error(value_pos(value, "title", pos), "the title is empty; give the event a one-line title")
        event = Event(
            id=event_id,
            date=date,
            kind=kind,
            title=title or "",
            date_basis=self.text(value, "date_basis", pos),
            summary=self.text(value, "summary", pos),
            location=self.text(value, "location", pos),
            status=status,
            actors=self.event_actors(value, pos),
            sources=self.citations(value, pos, event_id),
            related=self.relations(value, pos),
            figures=self.figures(value, pos),
            tags=self.text_list(value, "tags", pos),
            line=pos.line,
        )
        if date is None or kind is None or not event.title:
            return None
        return event

    def event_label(self, value) -> str:
        event_id = value.get("id")
        return f"in event '{event_id}'" if isinstance(event_id, str) else "in this event"

    def event_actors(self, value, pos: Pos) -> list[ActorRole]:
        roles = []
        for item, where in self.items(value, "actors", pos):
            if isinstance(item, dict):
                self.check_keys(item, ("actor", "role"), ("actor",), "in this actor entry", where)
                name, role = self.text(item, "actor", where), self.text(item, "role", where)
            elif isinstance(item, str):
                name, role = (item if self.no_controls(item, where, "an actor") else None), None
            else:
                self.error(where, "expected an actor id or name, or {actor: id, role: text}")
                continue
            if name:
                roles.append(ActorRole(self.resolve_actor(name, where), role))
        return roles

    def resolve_actor(self, name: str, pos: Pos) -> str:
        actor_id = self.actor_lookup.get(name.lower())
        if actor_id:
            return actor_id
        actor = Actor(name, name, registered=False)
        self.actors[name] = actor
        self.actor_lookup[name.lower()] = name
        if (self.has_actor_registry or self.warn_missing_basis) and name not in self._warned_actors:
            self._warned_actors.add(name)
            names = [n for a in self.actors.values() if a.registered for n in a.names()]
            self.warn(pos, f"actor '{name}' is not registered under 'actors'; it stands for an actor of that name"
                      f"{did_you_mean(name, names)}")
        return name

    def citations(self, value, pos: Pos, event_id: str) -> list[Citation]:
        result = []
        items = self.items(value, "sources", pos)
        if "sources" in value and not items:
            self.error(value_pos(value, "sources", pos), f"event '{event_id}' needs at least one source: "
                       "- {source: <id>, quote: \"<verbatim words>\"}")
        for item, where in items:
            if not isinstance(item, dict):
                self.error(where, "expected {source: <id>, quote: \"<verbatim words>\"}, "
                           "or {source: <id>, paraphrase: \"<what it says>\"}")
                continue
            allowed = CITATION_KEYS if self.has_source_registry else INLINE_SOURCE_KEYS
            self.check_keys(item, allowed, ("source",), "in this source entry", where)
            source_id = self.source_ref(item, where)
            quote, paraphrase = self.cited_words(item, where)
            if source_id and (quote or paraphrase):
                result.append(Citation(source_id, quote, where.line, paraphrase))
        return result

    def cited_words(self, item, pos: Pos) -> tuple[str | None, str | None]:
        """A citation's quote or paraphrase: one of the two, not empty, never both."""
        has_quote, has_paraphrase = item.get("quote") is not None, item.get("paraphrase") is not None
        if not has_quote and not has_paraphrase:
            self.error(item.pos if isinstance(item, Map) else pos,
                       "a citation needs a quote or a paraphrase: quote: \"<the article's words, verbatim>\", "
                       "or paraphrase: \"<what it says, in other words>\" (never shown or checked as its words)")
            return None, None
        if has_quote and has_paraphrase:
            self.error(key_pos(item, "paraphrase", pos), "a citation gives a quote or a paraphrase, not both; "
                       "cite the source twice to give both")
            return None, None
        key = "quote" if has_quote else "paraphrase"
        words = self.text(item, key, pos)
        if words is not None and not words.strip():
            fix = "copy the words from the article" if has_quote else "say what the article says"
            self.error(value_pos(item, key, pos), f"the {key} is empty; {fix}")
            return None, None
        return (words, None) if has_quote else (None, words)

    def source_ref(self, item, pos: Pos) -> str | None:
        name = self.text(item, "source", pos)
        # details written in place beside a registered id are an unknown key, reported as such
        if name is None or name in self.sources and (self.has_source_registry or not self._inline_fields(item)):
            return name
        if self.has_source_registry:
            self.error(value_pos(item, "source", pos), f"unknown source '{name}'; expected one of the ids under 'sources'"
                       f"{did_you_mean(name, self.sources)}")
            return None
        return self.inline_source(name, item, pos)

    def _inline_fields(self, item) -> tuple:
        """The source details written in place, or () when there are none. They are a key
        of _inline_sources, so a list or a mapping among them (an error wherever it is
        read) counts by its type: it is read as nothing either way."""
        fields = tuple(_hashable(self.scalar(item.get(key))) for key in SOURCE_KEYS)
        return fields if any(f is not None for f in fields) else ()

    def inline_source(self, name: str, item, pos: Pos) -> str:
        """JSON Lines may describe a source in place; equal descriptions share one Source."""
        fields = self._inline_fields(item)
        source_id = self._inline_sources.get((name, fields))
        if source_id is None:
            source_id = name if name not in self.sources else f"{name} ({len(self._inline_sources) + 1})"
            self._inline_sources[(name, fields)] = source_id
            self.sources[source_id] = Source(
                id=source_id, outlet=self.text(item, "outlet", pos) or name,
                published=self.date(item, "published", pos), headline=self.text(item, "headline", pos),
                url=self.text(item, "url", pos), file=self.text(item, "file", pos),
                note=self.text(item, "note", pos))
        return source_id

    def relations(self, value, pos: Pos) -> list[Relation]:
        result = []
        for item, where in self.items(value, "related", pos):
            if not isinstance(item, dict):
                self.error(where, "expected {type: denies|responds-to|..., event: <id>}")
                continue
            self.check_keys(item, ("type", "event"), ("type", "event"), "in this relation", where)
            kind = self.choice(item, "type", RELATION_TYPES, where, "relation type")
            target = self.text(item, "event", where)
            if kind and target:
                result.append(Relation(kind, target, where.line))
        return result

    def figures(self, value, pos: Pos) -> list[Figure]:
        result = []
        for item, where in self.items(value, "figures", pos):
            if not isinstance(item, dict):
                self.error(where, "expected {quantity: <slug>, value: <number>, what: <text>, claimed_by: <actor>}")
                continue
            self.check_keys(item, FIGURE_KEYS, ("quantity", "value"), "in this figure", where)
            number = self.number(item, "value", where)
            quantity = self.text(item, "quantity", where)
            if quantity == "":
                self.error(value_pos(item, "quantity", where), "the quantity is empty; name what the figure counts, like killed")
            claimant = self.text(item, "claimed_by", where)
            figure = Figure(
                quantity=quantity or "",
                value=number if number is not None else 0,
                what=self.text(item, "what", where),
                qualifier=self.choice(item, "qualifier", FIGURE_QUALIFIERS, where, "qualifier") or "exactly",
                claimed_by=self.resolve_actor(claimant, where) if claimant else None,
                as_of=self.date(item, "as_of", where),
            )
            if quantity and number is not None:
                result.append(figure)
        return result

    # --- field readers ---------------------------------------------------------------

    def is_map(self, value, pos: Pos, what: str, expected: str) -> bool:
        if isinstance(value, dict):
            return True
        self.error(pos, f"{what} should be {expected}, not {_describe(value)}")
        return False

    def check_keys(self, value: dict, allowed, required, where: str, pos: Pos) -> None:
        for key in value:
            if self.scalar(key) not in allowed:
                self.error(key_pos(value, key, pos), f"unknown key '{key}' {where}{did_you_mean(key, allowed)}; "
                           f"expected one of: {one_of(allowed)}")
        for key in required:
            if key not in value or value[key] is None:
                self.error(value.pos if isinstance(value, Map) else pos, f"missing '{key}' {where}")

    def text(self, value: dict, key: str, pos: Pos) -> str | None:
        raw = self.scalar(value.get(key))
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            self.error(value_pos(value, key, pos), f"'{key}' should be text, not {_describe(raw)}")
            return None
        if isinstance(raw, float):  # JSON: 1.10 reads as 1.1, so the text as written is lost
            self.error(value_pos(value, key, pos), f"'{key}' should be text, not the number {raw!r}; "
                       "put it in quotes as it should read")
            return None
        if isinstance(raw, str) and not self.no_controls(raw, value_pos(value, key, pos), f"'{key}'"):
            return None
        return raw if isinstance(raw, str) else str(raw)

    def no_controls(self, text: str, pos: Pos, what: str) -> bool:
        """True when `text` holds no control character; else reports the first."""
        at = find_control(text)
        if at < 0:
            return True
        hint = "write a line break as a new line" if text[at] == "\r" else "an events file holds text, not terminal commands"
        self.error(pos, f"{what} holds the control character {describe(text[at])} at character {at + 1}; "
                   f"remove it ({hint})")
        return False

    def text_list(self, value: dict, key: str, pos: Pos) -> list[str]:
        result = []
        for item, where in self.items(value, key, pos):
            if isinstance(self.scalar(item), (str, int)) and not isinstance(item, bool):
                if self.no_controls(str(item), where, f"each item of '{key}'"):
                    result.append(str(item))
            elif isinstance(item, float):  # JSON: see `text`
                self.error(where, f"each item of '{key}' should be text, not the number {item!r}; "
                           "put it in quotes as it should read")
            else:
                self.error(where, f"each item of '{key}' should be text, not {_describe(item)}")
        return result

    def number(self, value: dict, key: str, pos: Pos) -> float | None:
        """A figure's count: a number as written, not below zero, of a sane size."""
        raw = value.get(key)
        if not (self.numbers_as_written and type(raw) in (int, float)):
            raw = self.scalar(raw)
        if raw is None:
            return None
        where = value_pos(value, key, pos)
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            self.error(where, f"'{key}' should be a number like 405 or 2200, not {_describe(raw)}")
            return None
        if (isinstance(raw, str) and len(raw) > MAX_NUMBER_DIGITS) or (isinstance(raw, int) and abs(raw) > MAX_FIGURE):
            self.error(where, f"'{key}' is too large a number for a figure (over {MAX_FIGURE:,}); check the digits")
            return None
        digit = foreign_digit(raw) if isinstance(raw, str) else None
        if digit is not None:  # float() reads "٤٠٥" as 405, which the file never means
            self.error(where, f"'{key}': {foreign_digit_message(raw, digit)}")
            return None
        try:
            number = float(str(raw).replace(",", "").replace("_", ""))
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            self.error(where, f"'{key}' should be a number like 405 or 2200, not '{raw}'")
            return None
        if number < 0 or number > MAX_FIGURE:
            self.error(where, f"'{key}' should be a count from 0 to {MAX_FIGURE:,}, not '{raw}'; "
                       "a figure counts what a source reported (write 'killed: 5', not -5)")
            return None
        return int(number) if number.is_integer() else number

    def date(self, value: dict, key: str, pos: Pos) -> When | None:
        raw = self.scalar(value.get(key))
        if raw is None:
            return None
        try:
            if isinstance(raw, bool) or not isinstance(raw, (str, int)):
                raise DateError(f"expected a date, not {_describe(raw)}")
            return parse_date(str(raw))
        except DateError as error:
            self.error(value_pos(value, key, pos), f"bad date in '{key}': {error}")
            return None

    def choice(self, value: dict, key: str, allowed, pos: Pos, what: str) -> str | None:
        raw = self.text(value, key, pos)
        if raw is None:
            return None
        if raw in allowed:
            return raw
        lowered = raw.lower()
        if lowered in allowed:
            return lowered
        self.error(value_pos(value, key, pos), f"unknown {what} '{raw}'{did_you_mean(raw, allowed)}; "
                   f"expected one of: {one_of(allowed)}")
        return None

    def scalar(self, raw):
        """`raw` as read, unless it is a scalar the fast YAML reader may have resolved: in
        its values (text_only) only text, nothing, mappings and lists are as written."""
        if self.text_only and raw is not None and not isinstance(raw, (str, dict, list)):
            raise NotAsWritten(raw)
        return raw

    def entries(self, mapping: dict | None):
        """The (id, value) pairs of a registry, its ids read as text."""
        for key, value in (mapping or {}).items():
            yield self.scalar(key), value

    def mapping(self, value: dict, key: str, pos: Pos) -> dict | None:
        raw = value.get(key)
        if raw is None or isinstance(raw, dict):
            return raw
        self.error(value_pos(value, key, pos), f"'{key}' should be a mapping of id: details, not {_describe(raw)}")
        return None

    def items(self, value: dict, key: str, pos: Pos) -> list[tuple[object, Pos]]:
        """The items of a list field with their places; a lone item counts as a list of one."""
        raw = value.get(key)
        if raw is None:
            return []
        if not isinstance(raw, list):
            if isinstance(raw, (str, dict)):
                return [(raw, value_pos(value, key, pos))]
            self.error(value_pos(value, key, pos), f"'{key}' should be a list, not {_describe(raw)}")
            return []
        where = value_pos(value, key, pos)
        return [(item, value_pos(raw, i, where)) for i, item in enumerate(raw)]

    def check_slug(self, text, pos: Pos, what: str) -> None:
        if not isinstance(text, str) or not SLUG.fullmatch(text):
            self.error(pos, f"{what} '{text}' is not a slug; use letters, digits, '-', '_' or '.', "
                       "starting with a letter or digit")


def _hashable(value):
    # not its repr: a value shared through YAML aliases can be small in the file and
    # endless in print
    return ("not text", type(value).__name__) if isinstance(value, (dict, list)) else value


def _describe(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'"
