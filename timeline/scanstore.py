"""A JSON Lines file's cache entry written from a streaming read, not from a Timeline.

cache.save writes the store of a loaded Timeline: a million events are a million Python
records held at once (2.8 GB). Here the file is read by stream.Scan (two halves on two
cores, every event checked by the loader's own readers, only flat arrays kept: where
each line is, its date's code, its id's hash; each record spilled to a temporary file),
the events are put in time order as the Timeline sorts them, and their records are read
back from the spill in that order, a batch at a time, into store.py's writers: the
events file by a forked child, the columns, index and texts files by this process, each
from flat arrays. The store is the one cache.save would write of loader.load's Timeline
(tests/core/test_scanstore.py checks it on generated files).

A file with errors is loaded by the loader after all, so the messages are the loader's
own (a file with errors gets no entry anyway).
"""

from __future__ import annotations

import os
from array import array
from pathlib import Path

from .model import (
    R_ACTORS, R_FIGURES, R_ID, R_KIND, R_LOCATION, R_SOURCES, R_STATUS, R_TAGS, Timeline, _date_columns,
)
from .problems import LoadError
from .query import Query, search_text
from .search import TextBuffer
from .stream import Scan, Selection
from .validation import Progress


def write_entry(path: Path, entry: Path, fingerprint, progress: Progress, written=lambda: None) -> bool:
    """Read the JSON Lines file at `path` and write its cache entry at `entry` (for the
    file as `fingerprint()` gives it, None when it could not be hashed); whether it was
    written. `written()` is called once the file is read, before the store is written.
    Raises LoadError with the loader's problems for a file with errors."""
    from . import cache
    from .loader import load

    # The filters by location collect the file's locations, each with its first place in
    # time order: the events file's dictionary of them, known before its first batch.
    scan = Scan(path, progress, Selection(lambda registry, tags, places: Query(), places=True))
    try:
        if scan.errors():
            load(path)  # raises the loader's LoadError: its messages, in its order
            raise LoadError(scan.problems)  # pragma: no cover - the loader found none: say the scan's
        known = fingerprint()
        if known is None:
            return False
        written()
        order = scan.in_time_order(range(scan.count))
        header = _header(scan)
        if not cache.make_folder(entry.parent):
            return False
        entry.unlink(missing_ok=True)  # the old header, which no longer describes the files
        try:
            files = write_store(scan, order, cache.store_paths(entry))
        except Exception:  # noqa: BLE001 - as cache.save: a value the format would not give back, a full disk
            return False
        cache.write_header(entry, header, known, files)
    finally:
        scan.close()
    return entry.exists()


def _header(scan: Scan) -> Timeline:
    """What the entry's header says of the file, as a Timeline of no events."""
    registry = scan.registry
    header = Timeline([], registry.sources, registry.actors, registry.kinds, registry.title, columns={})
    header.records = range(scan.count)  # only counted
    header.path = scan.name
    header.warnings = [p for p in scan.problems if p.severity == "warning"]
    return header


def write_store(scan: Scan, order: list[int], paths: dict[str, Path]) -> dict[str, dict]:
    """The four files of the store; their descriptions. The events file is written by a
    forked child while this process writes the other three (cache.written_apart)."""
    from . import store
    from .cache import written_apart

    registry = scan.registry
    locations = sorted(scan.places, key=scan.places.__getitem__)  # by first event in time order

    def events() -> dict:
        writer = store.EventsWriter(registry, locations)
        count = len(order)
        batches = (writer.batch([scan.record_at(i) for i in order[start:start + store.BATCH_ROWS]])
                   for start in range(0, count, store.BATCH_ROWS))
        return store.write_file(paths["events"], store.event_schema(), batches)

    events_described = written_apart(events)
    ids, texts, indexes = _pass(scan, order)
    return {
        "events": events_described(),
        "columns": store.write_file(paths["columns"], store.columns_schema(),
                                    [store.columns_of(_days(scan, order), ids, _dates(scan, order),
                                                      _incoming(scan, order))]),
        "index": store.write_file(paths["index"], store.index_schema(), [store.index_of(indexes)]),
        "texts": store.write_file(paths["texts"], store.texts_schema(), store.texts_batches(texts)),
    }


def _pass(scan: Scan, order: list[int]) -> tuple[list[str], TextBuffer, dict]:
    """One reading of the records in time order: their ids, their search texts and the
    indexes (as model.build_indexes and build_field_indexes make them, each position list
    an array of int32, not of Python ints)."""
    ids: list[str] = []
    actor, kind, source, status, tag, location = {}, {}, {}, {}, {}, {}
    figures = array("i")
    registry = scan.registry

    def add(index: dict, key: str, position: int) -> None:
        found = index.get(key)
        if found is None:
            found = index[key] = array("i")
        found.append(position)

    def texts():
        for position, i in enumerate(order):
            record = scan.record_at(i)
            ids.append(record[R_ID])
            add(status, record[R_STATUS], position)
            for actor_id in dict.fromkeys(a for a, _ in record[R_ACTORS]):
                add(actor, actor_id, position)
            add(kind, record[R_KIND], position)
            for source_id in dict.fromkeys(c[0] for c in record[R_SOURCES]):
                add(source, source_id, position)
            for value in dict.fromkeys(record[R_TAGS]):
                add(tag, value, position)
            if record[R_LOCATION]:
                add(location, record[R_LOCATION], position)
            if record[R_FIGURES]:
                figures.append(position)
            yield search_text(registry, record)

    buffer = TextBuffer.of(texts())
    indexes = {"actor": actor, "kind": kind, "source": source, "status": status, "tag": tag, "location": location,
               "figures": {"": figures}}
    return ids, buffer, indexes


def _days(scan: Scan, order: list[int]) -> dict[str, array]:
    """The day columns (model.build_columns'), worked out once a distinct date."""
    of_date = [_date_columns(date) for date in scan.dates]
    code = scan.date_code
    codes = [code[i] for i in order]
    return {
        "first_day": array("i", (of_date[c][0][0] for c in codes)),
        "month_of": array("i", (of_date[c][1] for c in codes)),
        "last_day": array("i", (of_date[c][2] for c in codes)),
        "earliest_day": array("i", (of_date[c][3] for c in codes)),
    }


def _dates(scan: Scan, order: list[int]) -> list[str]:
    dates, code = scan.dates, scan.date_code
    return [dates[code[i]] for i in order]


def _incoming(scan: Scan, order: list[int]) -> dict[int, list[tuple[str, int]]]:
    """The relations pointing at each event, by its position: (type, position of the event
    relating), in time order of those, as build_columns lists them."""
    position = array("i", bytes(4 * len(order)))
    for n, i in enumerate(order):
        position[i] = n
    target_index = scan.target_index
    incoming: dict[int, list[tuple[str, int]]] = {}
    for i, _, relation_type, target, _ in sorted(scan.relations, key=lambda r: position[r[0]]):
        incoming.setdefault(position[target_index[target]], []).append((relation_type, position[i]))
    return incoming


def usable(path: Path) -> bool:
    """Whether this road reads the file: JSON Lines, which it reads a line at a time."""
    from .loader import JSONL_SUFFIXES

    return path.suffix.lower() in JSONL_SUFFIXES and hasattr(os, "fork")
