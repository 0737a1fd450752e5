"""What changed between two versions of an events file, for reviewing a colleague's
update: the events added, removed and changed (which fields; the quotes added or removed;
a date moved, from what to what), and the changes to the file's title, kinds, sources
and actors.

Events are matched by id, as links and every other reference to an event are. An event
whose id changed is therefore one removed and one added; where an added event has the
title and date of a removed one, the report says that the id may have changed.

Events are compared as an events file writes them (export.event_to_dict): what reads
back the same is the same, so a file that was only reformatted, reordered or converted
to another format (YAML to JSON Lines) is unchanged. The corpus folder is not compared:
it says where the articles are on this machine, not what the timeline holds (and JSON
Lines has no place for it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .dates import parse_date
from .export import _actor_to_dict, _source_to_dict, event_to_dict  # as an events file writes them
from .model import KINDS, Timeline
from .wording import counted

# The fields of an event that hold one value, in the order of the file format...
SCALARS = ("date", "date_basis", "kind", "title", "summary", "location", "status")
# ...and those that hold a list: an item is added or removed (or the list reordered).
LISTS = ("actors", "sources", "related", "figures", "tags")


@dataclass
class ListChange:
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    reordered: bool = False  # the same items, in another order


@dataclass
class EventChange:
    id: str
    old: dict  # the event as the file writes it, before and after
    new: dict
    fields: dict[str, tuple] = field(default_factory=dict)  # scalar field → (old, new); None where absent
    lists: dict[str, ListChange] = field(default_factory=dict)


@dataclass
class EntryChange:
    """A registered source, actor or kind added, removed or changed (its fields)."""

    what: str  # "source", "actor", "kind"
    id: str
    change: str  # "added", "removed", "changed"
    fields: dict[str, tuple] = field(default_factory=dict)  # field → (old, new), None where absent


@dataclass
class Diff:
    old_name: str
    new_name: str
    old_count: int
    new_count: int
    header: dict[str, tuple] = field(default_factory=dict)  # "title" → (old, new)
    entries: list[EntryChange] = field(default_factory=list)
    added: list[dict] = field(default_factory=list)  # events as the file writes them, in time order
    removed: list[dict] = field(default_factory=list)
    changed: list[EventChange] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # an added id → the removed id with its title and date

    @property
    def same(self) -> bool:
        return not (self.header or self.entries or self.added or self.removed or self.changed)


def diff(old: Timeline, new: Timeline, old_name: str = "OLD", new_name: str = "NEW") -> Diff:
    result = Diff(old_name, new_name, len(old.events), len(new.events))
    if old.title != new.title:
        result.header["title"] = (old.title, new.title)
    result.entries = (_entries("kind", _extra_kinds(old), _extra_kinds(new))
                      + _entries("source", _sources(old), _sources(new))
                      + _entries("actor", _actors(old), _actors(new)))
    before = {e.id: event_to_dict(e) for e in old.events}  # in time order
    after = {e.id: event_to_dict(e) for e in new.events}
    result.added = [data for event_id, data in after.items() if event_id not in before]
    result.removed = [data for event_id, data in before.items() if event_id not in after]
    for event_id, data in after.items():
        if event_id in before:
            change = event_change(before[event_id], data)
            if change.fields or change.lists:
                result.changed.append(change)
    gone = {(e["title"], e["date"]): e["id"] for e in result.removed}
    result.renamed = {e["id"]: gone[e["title"], e["date"]] for e in result.added if (e["title"], e["date"]) in gone}
    return result


def event_change(old: dict, new: dict) -> EventChange:
    """How one event (as the file writes it) changed."""
    change = EventChange(new["id"], old, new)
    for key in SCALARS:
        if old.get(key) != new.get(key):
            change.fields[key] = (old.get(key), new.get(key))
    for key in LISTS:
        items = list_change(old.get(key, []), new.get(key, []))
        if items.added or items.removed or items.reordered:
            change.lists[key] = items
    return change


def list_change(old: list, new: list) -> ListChange:
    """The items added and removed, as many times as each is (a quote cited twice and
    now once is removed once); or, with none of either, whether the order changed."""
    change = ListChange(_unmatched(new, old), _unmatched(old, new))
    change.reordered = not (change.added or change.removed) and old != new
    return change


def _unmatched(items: list, others: list) -> list:
    """The items that no item of `others` matches, each of those matching one at most."""
    left = [_key(item) for item in others]
    unmatched = []
    for item in items:
        key = _key(item)
        if key in left:
            left.remove(key)
        else:
            unmatched.append(item)
    return unmatched


def _key(item) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _entries(what: str, old: dict[str, dict], new: dict[str, dict]) -> list[EntryChange]:
    changes = [EntryChange(what, key, "removed", {f: (v, None) for f, v in old[key].items()})
               for key in old if key not in new]
    for key, data in new.items():
        if key not in old:
            changes.append(EntryChange(what, key, "added", {f: (None, v) for f, v in data.items()}))
        elif old[key] != data:
            fields = {f: (old[key].get(f), data.get(f)) for f in dict.fromkeys([*old[key], *data])
                      if old[key].get(f) != data.get(f)}
            changes.append(EntryChange(what, key, "changed", fields))
    return changes


def _extra_kinds(timeline: Timeline) -> dict[str, dict]:
    return {k: {"description": v} for k, v in timeline.kinds.items() if k not in KINDS}


def _sources(timeline: Timeline) -> dict[str, dict]:
    return {s.id: _source_to_dict(s) for s in timeline.sources.values()}


def _actors(timeline: Timeline) -> dict[str, dict]:
    """The registered actors: one named only in an event shows as that event's change."""
    return {a.id: _actor_to_dict(a) for a in timeline.actors.values() if a.registered}


# --- in words ---------------------------------------------------------------------------

def to_text(result: Diff) -> str:
    """The report for a reader: a line a change, each text in double quotes as JSON
    writes it, so that a space or a line break at its end shows."""
    lines = [f"--- {result.old_name}: {counted(result.old_count, 'event')}",
             f"+++ {result.new_name}: {counted(result.new_count, 'event')}"]
    for key, (before, after) in result.header.items():
        lines.append(f"{key}: {_value(before)} → {_value(after)}")
    for entry in result.entries:
        lines += _entry_lines(entry)
    for data in result.added:
        hint = result.renamed.get(data["id"])
        lines.append(f"+ event {data['id']}: {_headline(data)}"
                     + (f"  (the title and date of {hint}, removed: its id changed?)" if hint else ""))
    for data in result.removed:
        lines.append(f"- event {data['id']}: {_headline(data)}")
    for change in result.changed:
        lines.append(f"~ event {change.id}: {_headline(change.new)}")
        lines += [f"    {line}" for line in _event_lines(change)]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: Diff) -> str:
    """The last line: "events: 2 added, 1 changed; sources: 1 changed; title changed"."""
    if result.same:
        return "no differences"
    counts = {"events": [len(result.added), len(result.removed), len(result.changed)]}
    for entry in result.entries:
        counts.setdefault(f"{entry.what}s", [0, 0, 0])[("added", "removed", "changed").index(entry.change)] += 1
    parts = [f"{what}: " + ", ".join(f"{n} {how}" for n, how in zip(numbers, ("added", "removed", "changed")) if n)
             for what, numbers in counts.items() if any(numbers)]
    return "; ".join(parts + (["title changed"] if result.header else []))


def _entry_lines(entry: EntryChange) -> list[str]:
    mark = {"added": "+", "removed": "-", "changed": "~"}[entry.change]
    lines = [f"{mark} {entry.what} {entry.id}"]
    for name, (before, after) in entry.fields.items():
        if entry.change == "changed":
            lines.append(f"    {name}: {_value(before)} → {_value(after)}")
        else:
            lines.append(f"    {name}: {_value(after if entry.change == 'added' else before)}")
    return lines


def _event_lines(change: EventChange) -> list[str]:
    lines = []
    for key, (before, after) in change.fields.items():
        if key == "date":
            lines.append(f"date moved: {parse_date(before).display()} → {parse_date(after).display()} "
                         f"({before} → {after})")
        else:
            lines.append(f"{key}: {_value(before)} → {_value(after)}")
    for key, items in change.lists.items():
        lines += [f"+ {_item(key, item)}" for item in items.added]
        lines += [f"- {_item(key, item)}" for item in items.removed]
        if items.reordered:
            lines.append(f"{key}: the same, in another order")
    return lines


def _item(key: str, item) -> str:
    """An item of a list field in words: `quote [source]: "..."`, `actor kadyrov`."""
    if key == "sources":
        said = "quote" if "quote" in item else "paraphrase"
        return f"{said} [{item['source']}]: {_value(item[said])}"
    if key == "related":
        return f"link: {item['type']} {item['event']}"
    if key == "actors":
        return f"actor {item}" if isinstance(item, str) else f"actor {item['actor']} (role {_value(item['role'])})"
    if key == "tags":
        return f"tag {_value(item)}"
    return f"figure {json.dumps(item, ensure_ascii=False)}"


def _headline(data: dict) -> str:
    return f"{parse_date(data['date']).display()} — {data['title']}"


def _value(value) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False)



def to_json(result: Diff) -> str:
    """The report for a script: every change, the events as the file writes them."""
    document = {
        "old": result.old_name, "new": result.new_name, "same": result.same,
        "header": {key: {"old": before, "new": after} for key, (before, after) in result.header.items()},
        "entries": [{"what": e.what, "id": e.id, "change": e.change,
                     "fields": {f: {"old": before, "new": after} for f, (before, after) in e.fields.items()}}
                    for e in result.entries],
        "added": result.added, "removed": result.removed,
        "changed": [{"id": c.id,
                     "fields": {k: {"old": before, "new": after} for k, (before, after) in c.fields.items()},
                     "lists": {k: {"added": items.added, "removed": items.removed, "reordered": items.reordered}
                               for k, items in c.lists.items()}}
                    for c in result.changed],
        "renamed": result.renamed,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
