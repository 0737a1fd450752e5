"""A JSON Lines file's cache entry written from a streaming read, not from a Timeline.

cache.save writes the store of a loaded Timeline: a million events are a million Python
records held at once (2.8 GB). Here the file is read by stream.Scan (two halves on two
cores, every event checked by the loader's own readers, only flat arrays kept: where
each line is, its date's code, its id's hash; each record spilled to a temporary file),
the events are put in time order as the Timeline sorts them, and their records are read
back from the spill in that order, a batch at a time, into store.py's writers: the
events batches and search texts of each half of the time order on a core of its own
(the second half's by a forked child), then the index and columns worked out by Arrow
from the events file and the flat arrays. The store is the one cache.save would write
of loader.load's Timeline (tests/core/test_scanstore.py checks it on generated files).

What bounds it at a million events: every event is checked in Python by the loader's
readers (about 10 µs of CPU an event, two cores), and read back and turned into Arrow
rows and a search text in Python again (about as much): some 60 s of CPU in all on this
machine, where the 6 s of issue 13 would need a few µs an event.

A file with errors is loaded by the loader after all, so the messages are the loader's
own (a file with errors gets no entry anyway).
"""

from __future__ import annotations

import ctypes
import gc
import os
import tempfile
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc

from .model import STATUSES, Timeline, _date_columns
from .problems import LoadError
from .query import Query, search_text
from .search import TextBuffer, encode
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
        _give_back()
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
    """The four files of the store; their descriptions. The records are read back in two
    halves at once, each on a core: this process makes the events batches and search
    texts of the first half and writes the events file, a forked child makes those of the
    second half into temporary files, which the events file and the texts then take on.
    The index and columns are worked out from the events file once it is written."""
    from . import store

    locations = sorted(scan.places, key=scan.places.__getitem__)  # by first event in time order
    writer = store.EventsWriter(scan.registry, locations)
    # where the second half starts: at a batch's start, for its batches are the file's
    middle = len(order) // 2 // store.BATCH_ROWS * store.BATCH_ROWS
    texts = _Texts()
    with _no_collector(), tempfile.TemporaryFile() as their_batches, tempfile.TemporaryFile() as their_texts:
        child = os.fork() if middle else None
        if child == 0:
            _second_half(scan, order[middle:], writer, their_batches, their_texts)  # never returns

        def batches():
            yield from _batches(scan, order[:middle] if middle else order, writer, texts)
            if child is None:
                return
            _, status = os.waitpid(child, 0)
            if status != 0:  # this process reads them itself
                yield from _batches(scan, order[middle:], writer, texts)
                return
            texts.take(their_texts)
            their_batches.seek(0)
            yield from ipc.open_stream(their_batches)

        described = {"events": store.write_file(paths["events"], store.event_schema(), batches())}
    buffer = TextBuffer(texts.data, texts.offsets)
    described["texts"] = store.write_file(paths["texts"], store.texts_schema(), store.texts_batches(buffer))
    del buffer, texts
    _give_back()
    described.update(_index_columns(scan, order, paths, locations))
    return {name: described[name] for name in store.FILES}


def _batches(scan: Scan, part: list[int], writer, texts: "_Texts") -> Iterator[pa.RecordBatch]:
    """The events batches of these events, each record's search text put into `texts`."""
    from . import store

    registry = scan.registry
    for start in range(0, len(part), store.BATCH_ROWS):
        records = [scan.record_at(i) for i in part[start:start + store.BATCH_ROWS]]
        for record in records:
            texts.add(search_text(registry, record))
        yield writer.batch(records)


def _second_half(scan: Scan, part: list[int], writer, batches, texts) -> None:
    """In the child: the batches of `part` into `batches` (an Arrow stream), their search
    texts into `texts`; exit 0 when all are written."""
    from .store import event_schema

    code = 1
    try:
        made = _Texts()
        with ipc.new_stream(batches, event_schema()) as out:
            for batch in _batches(scan, part, writer, made):
                out.write_batch(batch)
        batches.flush()
        made.save(texts)
        code = 0
    finally:
        os._exit(code)


class _Texts:
    """Search texts, one after the other, as a TextBuffer keeps them (its data and offsets)."""

    def __init__(self):
        self.data = bytearray()
        self.offsets = array("q", [0])

    def add(self, text: str) -> None:
        self.data += encode(text)
        self.offsets.append(len(self.data))

    def save(self, file) -> None:
        """Into a file: the number of texts, their offsets, their data."""
        file.write(len(self.offsets).to_bytes(8, "little"))
        file.write(self.offsets.tobytes())
        file.write(self.data)
        file.flush()

    def take(self, file) -> None:
        """Add the texts `save` put into `file` after these."""
        file.seek(0)
        theirs = array("q")
        theirs.frombytes(file.read(8 * int.from_bytes(file.read(8), "little")))
        base = len(self.data)
        self.offsets.extend(base + offset for offset in theirs[1:])
        while piece := file.read(1 << 24):
            self.data += piece


def _index_columns(scan: Scan, order: list[int], paths: dict[str, Path], locations: list[str]) -> dict[str, dict]:
    """The index and columns files, from the events file as written (memory-mapped: only
    the columns they need are read); their descriptions."""
    from . import store

    indexes = _Indexes(scan.registry, locations)
    ids = []
    with pa.memory_map(str(paths["events"])) as source:
        events = ipc.open_file(source)
        for n in range(events.num_record_batches):
            batch = events.get_batch(n)
            indexes.add(batch, n * store.BATCH_ROWS)
            ids.append(batch.column("id"))
        described = {"index": store.write_file(paths["index"], store.index_schema(),
                                               [store.index_of(indexes.by_name())])}
        id_column = pa.concat_arrays(ids) if ids else pa.array([], pa.string())
        codes = pa.array(scan.date_code, pa.int32()).take(pa.array(order, pa.int32()))  # in time order
        dates = pa.array(scan.dates, pa.string()).take(codes)
        columns = store.columns_of(_days(scan, codes), id_column, dates, _incoming(scan, order))
        described["columns"] = store.write_file(paths["columns"], store.columns_schema(), [columns])
    return described


def _give_back() -> None:
    """Hand the memory freed so far back to the system: what the scan's parsing freed is
    mostly held by the allocator (at 100,000 events, 30 MB of its 70), and so is what
    Arrow's pool freed; the next step's peak would stand on top of it."""
    try:
        ctypes.CDLL(None).malloc_trim(0)  # glibc's; elsewhere there is none
    except (OSError, AttributeError):
        pass
    pa.default_memory_pool().release_unused()


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
        found = {keys[code]: view[span[code][0]:span[code][1]] for code in first_seen}
        del pairs, grouped, runs, codes, rows
        _give_back()  # the pairs of one index are not needed for the next
        return found


def _days(scan: Scan, codes: pa.Array) -> dict[str, pa.Array]:
    """The day columns (model.build_columns'), worked out once a distinct date; `codes`:
    the events' date codes in time order."""
    of_date = [_date_columns(date) for date in scan.dates]
    columns = {"first_day": [c[0][0] for c in of_date], "month_of": [c[1] for c in of_date],
               "last_day": [c[2] for c in of_date], "earliest_day": [c[3] for c in of_date]}
    return {name: pa.array(values, pa.int32()).take(codes) for name, values in columns.items()}


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
