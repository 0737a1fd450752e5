"""The fast path: the record of a well-formed event, at a fraction of the careful cost.

Most events of a large file are well-formed, and for them the careful path's work (every
field read, every problem placed) is wasted. `FastPath.well_formed` checks the same rules
but only says yes or no; anything it does not vouch for goes down the careful path
(validation.py), which finds and reports what is wrong. It runs once for every event of a
file of a million, so it is written for speed, not for reuse.

The rules here are written twice on purpose: each check mirrors one in
`Validator.event` and the readers it calls. A change to a rule there must be made here
too; tests/core/test_loader_paths.py checks that the two paths agree.
"""

from __future__ import annotations

from .dates import DateError, parse_date
from .model import RELATION_TYPES, STATUSES
from .problems import Pos
from .validation import EVENT_KEYS, SLUG, Validator

_EVENT_KEY_SET = frozenset(EVENT_KEYS)
_STATUS_SET = frozenset(STATUSES)
_RELATION_SET = frozenset(RELATION_TYPES)
_ACTOR_ENTRY_KEYS = frozenset(("actor", "role"))
_slug_match = SLUG.fullmatch


class FastPath:
    """Reads well-formed events with the registries of a validator (kinds, sources, actor
    names, event ids), which it shares: the careful path and this one fill the same ones."""

    def __init__(self, validator: Validator):
        self.validator = validator
        self._good_dates: set[str] = set()  # dates seen to parse: a large file has few distinct ones

    def record(self, value, pos: Pos) -> tuple | None:
        """An event's record: by the fast path when nothing in it is unusual, else by the
        careful path, which reports every problem with its place."""
        record = self.well_formed(value, pos)
        if record is not None:
            return record
        return self.validator.record(value, pos)

    def well_formed(self, d, pos: Pos) -> tuple | None:
        """The record of a well-formed event, or None to send it down the careful path."""
        if not isinstance(d, dict) or not _EVENT_KEY_SET.issuperset(d):
            return None
        v = self.validator
        get = d.get
        event_id, date, kind, title = get("id"), get("date"), get("kind"), get("title")
        basis, summary, location = get("date_basis"), get("summary"), get("location")
        status = get("status", "reported")
        # Written twice: the required fields, kinds, statuses, the date_basis warning and
        # slugs are checked in Validator.event; figures are left to it altogether. Only
        # text is taken, so the fast YAML reader's resolved scalars (a date written 2016
        # comes as a number) are the careful path's to judge; and a list as a kind or a
        # status is never looked up (it cannot be hashed).
        if (type(event_id) is not str or type(date) is not str or type(title) is not str or not title
                or type(kind) is not str or kind not in v.kinds
                or type(status) is not str or status not in _STATUS_SET or "figures" in d
                or (basis is None and v.warn_missing_basis) or not _slug_match(event_id)
                or (basis is not None and type(basis) is not str)
                or (summary is not None and type(summary) is not str)
                or (location is not None and type(location) is not str)):
            return None
        if date not in self._good_dates:
            try:
                parse_date(date)
            except DateError:
                return None
            self._good_dates.add(date)
        line = pos.line
        actors = self._actors(get("actors"))
        sources = self._sources(get("sources"), line)
        related = self._related(get("related"), line)
        tags = get("tags")
        if tags is None:
            tags = ()
        elif not isinstance(tags, list) or not all(type(t) is str for t in tags):  # a Seq too
            return None
        if actors is None or sources is None or related is None:
            return None
        v.all_ids.add(event_id)
        return (event_id, date, kind, title, basis, summary, actors, location, status, sources, related,
                (), tuple(tags), line)

    def _actors(self, items) -> tuple | None:
        """Written twice: Validator.event_actors and resolve_actor."""
        if items is None:
            return ()
        if type(items) is not list and not isinstance(items, list):
            return None
        v = self.validator
        lookup, result = v.actor_lookup, []
        for item in items:
            if type(item) is str:
                name, role = item, None
            elif isinstance(item, dict) and _ACTOR_ENTRY_KEYS.issuperset(item) and type(item.get("actor")) is str:
                name, role = item["actor"], item.get("role")
                if role is not None and type(role) is not str:
                    return None
            else:
                return None
            actor_id = lookup.get(name) or lookup.get(name.lower())
            if actor_id is None:
                if v.has_actor_registry or v.warn_missing_basis:
                    return None  # the careful path warns about it
                actor_id = v.resolve_actor(name, Pos(0))
            result.append((actor_id, role))
        return tuple(result)

    def _sources(self, items, line: int) -> tuple | None:
        """Written twice: Validator.citations, cited_words and source_ref."""
        if not isinstance(items, list) or not items:
            return None
        v = self.validator
        places = getattr(items, "item_pos", None)
        sources, result = v.sources, []
        for i, item in enumerate(items):
            if not isinstance(item, dict) or len(item) != 2:
                return None
            # the source and one of quote and paraphrase (Validator.cited_words)
            source, quote, paraphrase = item.get("source"), item.get("quote"), item.get("paraphrase")
            words = paraphrase if quote is None else quote
            if (type(source) is not str or (quote is None) == (paraphrase is None) or type(words) is not str
                    or not words or words.isspace()):
                return None
            if source not in sources:
                if v.has_source_registry:
                    return None
                source = v.inline_source(source, item, Pos(line))
            result.append((source, quote, places[i].line if places else line, paraphrase))
        return tuple(result)

    def _related(self, items, line: int) -> tuple | None:
        """Written twice: Validator.relations (unknown targets are checked for both paths
        once every event is read)."""
        if items is None:
            return ()
        if not isinstance(items, list):
            return None
        places = getattr(items, "item_pos", None)
        result = []
        for i, item in enumerate(items):
            if not isinstance(item, dict) or len(item) != 2:
                return None
            kind, target = item.get("type"), item.get("event")
            if type(kind) is not str or kind not in _RELATION_SET or type(target) is not str:
                return None
            result.append((kind, target, places[i].line if places else line))
        return tuple(result)
