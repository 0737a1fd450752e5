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

import gc
import os
from array import array
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from .model import STATUSES, Timeline, _date_columns
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
    """The four files of the store; their descriptions. Two processes read the records
    again, each on a core: a forked child writes the events file, and the index and
    columns from the events' batches as it makes them; this process, the search texts."""
    from . import store
    from .cache import written_apart

    with _no_collector():
        files = written_apart(lambda: _events_index_columns(scan, order, paths))
        texts = TextBuffer.of(search_text(scan.registry, scan.record_at(i)) for i in order)
        described = {"texts": store.write_file(paths["texts"], store.texts_schema(), store.texts_batches(texts))}
        del texts
        described.update(files())
    return {name: described[name] for name in store.FILES}


@contextmanager
def _no_collector():
    """The cyclic garbage collector paused: the records read back are many and short-lived
    (each freed by its count), and the collections they would set off find nothing to free,
    yet cost more than reading them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _events_index_columns(scan: Scan, order: list[int], paths: dict[str, Path]) -> dict[str, dict]:
    """Write the events file a batch at a time, and the index and columns files from its
    batches; their descriptions."""
    from . import store

    locations = sorted(scan.places, key=scan.places.__getitem__)  # by first event in time order
    writer = store.EventsWriter(scan.registry, locations)
    indexes = _Indexes(scan.registry, locations)
    ids: list = []

    def batches():
        for start in range(0, len(order), store.BATCH_ROWS):
            batch = writer.batch([scan.record_at(i) for i in order[start:start + store.BATCH_ROWS]])
            indexes.add(batch, start)
            ids.append(batch.column("id"))
            yield batch

    described = {"events": store.write_file(paths["events"], store.event_schema(), batches())}
    described["index"] = store.write_file(paths["index"], store.index_schema(), [store.index_of(indexes.by_name())])
    id_column = pa.concat_arrays(ids) if ids else pa.array([], pa.string())
    columns = store.columns_of(_days(scan, order), id_column, _dates(scan, order), _incoming(scan, order))
    described["columns"] = store.write_file(paths["columns"], store.columns_schema(), [columns])
    return described


class _Indexes:
    """The indexes (model.build_indexes and build_field_indexes') from the events file's
    batches, worked out by Arrow over the whole file at the end, not a key at a time in
    Python: each key's positions, the keys in the order their first event comes (within
    an event, in its order), as the loader's dicts have them."""

    NAMES = ("actor", "kind", "source", "status", "tag", "location")
    LISTED = {"actor": ("actors", "actor"), "source": ("sources", "source"), "tag": ("tags", None)}

    def __init__(self, registry: Timeline, locations: list[str]):
        self.keys = {"actor": list(registry.actors), "kind": list(registry.kinds), "source": list(registry.sources),
                     "status": list(STATUSES), "location": locations}
        self.parts: dict[str, list[tuple[pa.Array, pa.Array | None]]] = {name: [] for name in self.NAMES}
        self.figures = array("i")
        self.count = 0

    def add(self, batch: pa.RecordBatch, base: int) -> None:
        """Keep what the indexes need of a batch (its codes, not its buffers)."""
        import pyarrow.compute as pc

        for name in self.NAMES:
            column, field = self.LISTED.get(name, (name, None))
            values = batch.column(column)
            if name in self.LISTED:
                rows = pc.add(pc.list_parent_indices(values), base)
                values = values.flatten()
                values = values.field(field).indices if field else values
                self.parts[name].append((values, rows))
            else:
                self.parts[name].append((values.indices, None))
        lengths = pc.list_value_length(batch.column("figures")).to_pylist()
        self.figures.extend(base + row for row, length in enumerate(lengths) if length)
        self.count = base + batch.num_rows

    def by_name(self) -> dict[str, dict[str, memoryview]]:
        named = {name: self._index(name) for name in self.NAMES}
        named["figures"] = {"": self.figures}
        return named

    def _index(self, name: str) -> dict[str, memoryview]:
        import pyarrow.compute as pc

        parts = self.parts[name]
        if not parts:
            return {}
        codes = pa.concat_arrays([codes for codes, _ in parts])
        if parts[0][1] is None:
            rows = pa.array(range(self.count), pa.int64())
        else:
            rows = pa.concat_arrays([rows for _, rows in parts])
        keys = self.keys.get(name)
        if keys is None:  # tags: text, coded here in the order they first come
            coded = codes.dictionary_encode()
            codes, keys = coded.indices, coded.dictionary.to_pylist()
        valid = codes.is_valid()  # an event with no location is under none
        codes, rows = codes.filter(valid).cast(pa.int64()), rows.filter(valid)
        count = max(1, self.count)
        # One number a (key, event), as (key, position): unique drops an event's second
        # mention of a key, keeping the order they came in; sorted, they group by key.
        pairs = pc.unique(pc.add(pc.multiply(codes, count), rows))
        first_seen = pc.unique(pc.divide(pairs, count)).to_pylist()
        pairs = pc.take(pairs, pc.sort_indices(pairs))
        grouped = pc.divide(pairs, count)
        positions = pc.subtract(pairs, pc.multiply(grouped, count)).cast(pa.int32())
        runs = pc.run_end_encode(grouped)
        ends = runs.run_ends.to_pylist()
        span = {code: (start, end) for code, start, end in zip(runs.values.to_pylist(), [0] + ends, ends)}
        view = memoryview(positions.buffers()[1]).cast("B").cast("i")[positions.offset:positions.offset + len(positions)] \
            if len(positions) else memoryview(array("i"))
        return {keys[code]: view[span[code][0]:span[code][1]] for code in first_seen}


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
