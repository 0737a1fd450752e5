"""The columnar store: a timeline as Arrow IPC files, memory-mapped, decoded a row at a time.

Why Arrow IPC (pyarrow): measured here, pyarrow imports in 0.05 s (without numpy beside
it; pyarrow.compute is never imported on the way to the first screen), a file of a million
rows maps and opens in under a millisecond, a row decodes in a fraction of one, and the
format is one that pandas, polars and DuckDB read as it is (`pyarrow.ipc.open_file`,
`polars.read_ipc`, `duckdb ... FROM 'x.arrow'`); pyarrow also reads and writes Parquet,
whose files of events open directly (parquet.py) with the same schema as the store's.

An entry of the cache is four Arrow files beside its header (cache.py), each described by
`write_file` (its size, and the CRC-32 of each of its regions):

- events: one row per event in time order, the event's own fields (EVENT_SCHEMA, which is
  also the Parquet schema of README.md): kinds, statuses, locations, actor and source ids
  as dictionary indices; quotes, paraphrases, figures, relations and line numbers as the
  file gave them. Written in batches of BATCH_ROWS.
- columns: what the screens and filters read without decoding an event, one row per
  event: the days it sorts by and spans (ordinals, as `date.toordinal`), its month, its id,
  its date as written, the order of the ids (a permutation, for looking an id up by bisection) and the
  relations pointing at it. One batch, so each column is one run of typed values, used in
  place through a memoryview.
- index: one row per (index, key) with the positions of its events, the CSR of the
  indexes by actor, kind, source, status, tag and location (an Arrow list's offsets are
  the CSR's offsets, its values the positions), and the events carrying figures.
- texts: each event's search text (query.search_text), read after the first screen. One
  batch, so its column is one run of UTF-8 text with an offset per event (Arrow's
  large_string): a search runs over it in place, in the mapped file (search.TextBuffer),
  never as a list of str.

No part of a file is used before its CRC is checked: the regions that hold no column's
data (schema, batch headers, footer) at open, each column's data when it is first read (a
row's batch when the row is decoded, a column when a screen asks for it). A region that
fails, or a row that names what the timeline does not know, makes the timeline load its
file afresh (`Timeline.adopt`), so a damaged entry never shows other events.

Writing chunk by chunk, for a parse that writes the store as it goes: the events file is
written batch by batch (`EventsWriter.batch(records)` makes a batch of any records in time
order; `write_file` takes the batches as an iterator, and writes each as it comes, so a
parse that yields sorted chunks, a file in date order, can hand them over as it reads);
dictionaries known at the start (kinds, statuses) are fixed, and those that grow (actors,
sources, locations) would be written as dictionary deltas, which Arrow's file format
accepts; the columns, index and texts files are small beside it and are written once every
row is known (they need the sort and the ids). A file out of date order is sorted first.
"""

from __future__ import annotations

import bisect
import math
import mmap
import os
import sys
import tempfile
import threading
import weakref
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from itertools import accumulate
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc

from .dates import parse_date
from .model import R_ACTORS, R_DATE, R_FIGURES, R_LOCATION, R_RELATED, R_SOURCES, RELATION_TYPES, STATUSES, Timeline
from .search import TextBuffer
from .validation import FIGURE_QUALIFIERS as QUALIFIERS

BATCH_ROWS = 8192  # rows of a batch of the events file: a batch is checked whole, in about a millisecond
CHECK_CHUNK = 1 << 20  # bytes read at a time to check a region
KEPT_ROWS = 4096  # decoded records kept, as the Event objects are (model.EventTable)
RUN_ROWS = 48  # rows decoded at once when they are read in order: about a screen's
DAY_COLUMNS = ("first_day", "last_day", "earliest_day", "month_of")
INDEX_NAMES = ("actor", "kind", "source", "status", "tag", "location", "figures")


class Damaged(ValueError):
    """A part of a file is not what was written there."""


# --- the schemas -----------------------------------------------------------------------


def _codes(indices=pa.int32()) -> pa.DataType:
    return pa.dictionary(indices, pa.string())


@cache
def event_schema() -> pa.Schema:
    """One row per event, with the fields of the events file (README: Parquet)."""
    text = pa.string()
    return pa.schema([
        ("id", text), ("date", text), ("kind", _codes(pa.int16())), ("title", text), ("date_basis", text),
        ("summary", text),
        ("actors", pa.list_(pa.struct([("actor", _codes()), ("role", text)]))),
        ("location", _codes()), ("status", _codes(pa.int8())),
        ("sources", pa.list_(pa.struct([("source", _codes()), ("quote", text), ("paraphrase", text),
                                         ("line", pa.int32())]))),
        ("related", pa.list_(pa.struct([("type", _codes(pa.int8())), ("event", text), ("line", pa.int32())]))),
        ("figures", pa.list_(pa.struct([("quantity", text), ("value", pa.float64()), ("what", text),
                                         ("qualifier", _codes(pa.int8())), ("claimed_by", _codes()),
                                         ("as_of", text)]))),
        ("tags", pa.list_(text)), ("line", pa.int32()),
    ])


@cache
def columns_schema() -> pa.Schema:
    return pa.schema([*((name, pa.int32()) for name in DAY_COLUMNS), ("id", pa.string()), ("date", pa.string()),
                      ("id_order", pa.int32()),
                      ("incoming", pa.list_(pa.struct([("type", _codes(pa.int8())), ("event", pa.int32())])))])


@cache
def index_schema() -> pa.Schema:
    return pa.schema([("index", _codes(pa.int8())), ("key", pa.string()), ("events", pa.list_(pa.int32()))])


@cache
def texts_schema() -> pa.Schema:
    return pa.schema([("search", pa.large_string())])


# --- writing ---------------------------------------------------------------------------


def _dictionary(values: list[str]) -> tuple[pa.Array, dict[str, int]]:
    return pa.array(values, pa.string()), {value: n for n, value in enumerate(values)}


def _coded(codes: list, dictionary: pa.Array, indices: pa.DataType = pa.int32()) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(codes, indices), dictionary)


def _int32(values) -> pa.Array:
    """An int32 array of numbers: an array('i') taken as it is (no Python int made of
    each), any other sequence converted."""
    if isinstance(values, array) and values.typecode == "i":
        return pa.Array.from_buffers(pa.int32(), len(values), [None, pa.py_buffer(values)])
    return pa.array(values, pa.int32())


def _listed(offsets: list[int], fields: list[tuple[str, pa.Array]], list_type: pa.DataType) -> pa.Array:
    values = pa.StructArray.from_arrays([a for _, a in fields], fields=list(list_type.value_type))
    return pa.ListArray.from_arrays(_int32(offsets), values, type=list_type)


class EventsWriter:
    """Records (Event.to_record tuples, in time order) to batches of the events file.

    The dictionaries are the timeline's: every batch shares them, so the file holds each
    once (Arrow's file format takes no dictionary that changes between batches)."""

    def __init__(self, timeline: Timeline, locations: list[str], actor_names: dict[str, str] | None = None):
        self.kinds = _dictionary(list(timeline.kinds))
        self.statuses = _dictionary(list(STATUSES))
        # Written by id; an export writes each by a name that reads back as it (export.actor_references).
        names = actor_names or {}
        self.actors = pa.array([names.get(a, a) for a in timeline.actors], pa.string()), \
            {actor: n for n, actor in enumerate(timeline.actors)}
        self.sources = _dictionary(list(timeline.sources))
        self.locations = _dictionary(locations)
        self.relations = _dictionary(list(RELATION_TYPES))
        self.qualifiers = _dictionary(list(QUALIFIERS))

    def batch(self, records: Sequence[tuple]) -> pa.RecordBatch:
        schema = event_schema()
        field = {f.name: f.type for f in schema}
        columns = {name: [r[n] for r in records] for n, name in enumerate(
            ("id", "date", "kind", "title", "date_basis", "summary", "", "location", "status", "", "", "", "tags",
             "line")) if name}
        arrays = {
            "id": pa.array(columns["id"], pa.string()), "date": pa.array(columns["date"], pa.string()),
            "kind": _coded([self.kinds[1][k] for k in columns["kind"]], self.kinds[0], pa.int16()),
            "title": pa.array(columns["title"], pa.string()),
            "date_basis": pa.array(columns["date_basis"], pa.string()),
            "summary": pa.array(columns["summary"], pa.string()),
            "actors": self._actors(records, field["actors"]),
            "location": _coded([None if p is None else self.locations[1][p] for p in columns["location"]],
                               self.locations[0]),
            "status": _coded([self.statuses[1][s] for s in columns["status"]], self.statuses[0], pa.int8()),
            "sources": self._sources(records, field["sources"]),
            "related": self._related(records, field["related"]),
            "figures": self._figures(records, field["figures"]),
            "tags": pa.array([list(t) for t in columns["tags"]], field["tags"]),
            "line": pa.array(columns["line"], pa.int32()),
        }
        return pa.RecordBatch.from_arrays([arrays[f.name] for f in schema], schema=schema)

    def _actors(self, records, list_type) -> pa.Array:
        offsets, codes, roles = [0], [], []
        for record in records:
            for actor, role in record[R_ACTORS]:
                codes.append(self.actors[1][actor])
                roles.append(role)
            offsets.append(len(codes))
        return _listed(offsets, [("actor", _coded(codes, self.actors[0])), ("role", pa.array(roles, pa.string()))],
                       list_type)

    def _sources(self, records, list_type) -> pa.Array:
        offsets, codes, quotes, paraphrases, lines = [0], [], [], [], []
        for record in records:
            for source, quote, line, paraphrase in record[R_SOURCES]:
                codes.append(self.sources[1][source])
                quotes.append(quote)
                paraphrases.append(paraphrase)
                lines.append(line)
            offsets.append(len(codes))
        return _listed(offsets, [("source", _coded(codes, self.sources[0])), ("quote", pa.array(quotes, pa.string())),
                                 ("paraphrase", pa.array(paraphrases, pa.string())),
                                 ("line", pa.array(lines, pa.int32()))], list_type)

    def _related(self, records, list_type) -> pa.Array:
        offsets, types, targets, lines = [0], [], [], []
        for record in records:
            for relation_type, target, line in record[R_RELATED]:
                types.append(self.relations[1][relation_type])
                targets.append(target)
                lines.append(line)
            offsets.append(len(types))
        return _listed(offsets, [("type", _coded(types, self.relations[0], pa.int8())),
                                 ("event", pa.array(targets, pa.string())), ("line", pa.array(lines, pa.int32()))],
                       list_type)

    def _figures(self, records, list_type) -> pa.Array:
        offsets, rows = [0], []
        for record in records:
            for figure in record[R_FIGURES]:
                if not math.isfinite(figure[1]):
                    raise ValueError("a figure that is no count")  # the validator lets none through
                rows.append(figure)
            offsets.append(len(rows))
        quantity, value, what, qualifier, claimed_by, as_of = (list(c) for c in zip(*rows)) if rows else ([],) * 6
        return _listed(offsets, [
            ("quantity", pa.array(quantity, pa.string())), ("value", pa.array(value, pa.float64())),
            ("what", pa.array(what, pa.string())),
            ("qualifier", _coded([self.qualifiers[1][q] for q in qualifier], self.qualifiers[0], pa.int8())),
            ("claimed_by", _coded([None if c is None else self.actors[1][c] for c in claimed_by], self.actors[0])),
            ("as_of", pa.array(as_of, pa.string()))], list_type)


def events_batches(timeline: Timeline) -> Iterator[pa.RecordBatch]:
    locations = list(dict.fromkeys(r[R_LOCATION] for r in _records(timeline) if r[R_LOCATION] is not None))
    writer = EventsWriter(timeline, locations)
    count = len(timeline.records)
    for start in range(0, count, BATCH_ROWS):
        yield writer.batch([timeline.record(i) for i in range(start, min(count, start + BATCH_ROWS))])


def _records(timeline: Timeline) -> Iterator[tuple]:
    return (timeline.record(i) for i in range(len(timeline.records)))


def columns_batch(timeline: Timeline) -> pa.RecordBatch:
    ids = list(timeline.ids)
    position = {event_id: n for n, event_id in enumerate(ids)}
    incoming = {}
    for target, links in timeline.incoming.items():
        incoming[position[target]] = [(relation_type, position[source]) for relation_type, source in links]
    dates = [timeline.date_text(i) for i in range(len(ids))]
    return columns_of({name: getattr(timeline, name) for name in DAY_COLUMNS}, ids, dates, incoming)


def columns_of(days: Mapping[str, Sequence[int] | pa.Array], ids: list[str] | pa.Array, dates: list[str] | pa.Array,
               incoming: Mapping[int, list[tuple[str, int]]]) -> pa.RecordBatch:
    """The columns file's batch: the day columns by name, the ids and dates in time order
    (each a Python sequence or an Arrow array), and by position the relations pointing at each
    event (type, position of the event relating)."""
    import pyarrow.compute as pc

    ids = ids if isinstance(ids, pa.Array) else pa.array(ids, pa.string())
    counts = array("i", bytes(4 * len(ids)))
    types, sources = [], []
    relations = _dictionary(list(RELATION_TYPES))
    for n in sorted(incoming):
        counts[n] = len(incoming[n])
        for relation_type, source in incoming[n]:
            types.append(relations[1][relation_type])
            sources.append(source)
    offsets = array("i", accumulate(counts, initial=0))
    schema = columns_schema()
    arrays = [days[name] if isinstance(days[name], pa.Array) else _int32(days[name]) for name in DAY_COLUMNS]
    # The ids' order, for looking one up by bisection: Arrow compares their UTF-8 bytes,
    # which order as their characters do, as Python compares str (the ids are unique).
    dates = dates if isinstance(dates, pa.Array) else pa.array(dates, pa.string())
    arrays += [ids, dates, pc.sort_indices(ids).cast(pa.int32()),
               _listed(offsets, [("type", _coded(types, relations[0], pa.int8())),
                                 ("event", pa.array(sources, pa.int32()))], schema.field("incoming").type)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def index_batch(timeline: Timeline) -> pa.RecordBatch:
    return index_of(timeline.index_map())


def index_of(indexes: Mapping[str, Mapping[str, Sequence[int]]]) -> pa.RecordBatch:
    """The index file's batch, of every index by name (INDEX_NAMES' order)."""
    names, keys, offsets, positions = [], [], [0], array("i")
    for n, index in enumerate(indexes.values()):
        for key, events in index.items():
            names.append(n)
            keys.append(key)
            positions.extend(events)
            offsets.append(len(positions))
    schema = index_schema()
    return pa.RecordBatch.from_arrays(
        [_coded(names, pa.array(INDEX_NAMES), pa.int8()), pa.array(keys, pa.string()),
         pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), _int32(positions))], schema=schema)


def texts_batches(texts) -> Iterator[pa.RecordBatch]:
    """The search texts as one batch, so that their column is one buffer a search reads in
    place (`_texts`). `texts`: a search.TextBuffer (its two buffers are the column's
    as they are, no string made) or a list of str."""
    if isinstance(texts, list):
        column = pa.array(texts, pa.large_string())
    else:
        column = pa.Array.from_buffers(pa.large_string(), len(texts), [None, pa.py_buffer(texts.offsets),
                                                                        pa.py_buffer(texts.data)])
    yield pa.record_batch([column], schema=texts_schema())


def write_file(path: Path, schema: pa.Schema, batches) -> dict:
    """Write an Arrow IPC file beside `path` and move it into place whole; its description
    (size and regions) for the entry's header."""
    temporary = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as out:
            temporary = out.name
            with ipc.new_file(out, schema) as writer:
                for batch in batches:
                    writer.write_batch(batch)
        with open(temporary, "rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
            described = {"size": len(data), "regions": regions(data, stream.fileno())}
        os.replace(temporary, path)
        return described
    except BaseException:
        if temporary:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        raise


def regions(data, descriptor: int) -> list[list[int]]:
    """The file cut into regions, each [offset, length, CRC-32, data]: the data of each
    column of each batch (and of each dictionary) is a region marked 1, checked when it is
    first read; what lies between them (schema, batch headers, footer, padding) is marked
    0, checked at open. `data`: the file mapped, of which only the batch headers are read
    (to find the columns); the CRCs are of its bytes read from `descriptor`, not through
    the map, whose pages would count in this process's memory (the events file of a
    million events is 360 MB)."""
    found, at = [], 0
    size = len(data)
    for start, end in sorted(_all_spans(data)):
        if start < at:
            raise ValueError("regions that overlap")  # not how Arrow lays a file out
        if start > at:
            found.append([at, start - at, _crc(descriptor, at, start), 0])
        found.append([start, end - start, _crc(descriptor, start, end), 1])
        at = end
    if at < size:
        found.append([at, size - at, _crc(descriptor, at, size), 0])
    return found


def _crc(descriptor: int, start: int, end: int) -> int:
    """The CRC-32 of the file's bytes from start to end, read by pread, never through a
    map (see regions); ValueError when the file ends before them."""
    crc = 0
    while start < end:
        chunk = os.pread(descriptor, min(CHECK_CHUNK, end - start), start)
        if not chunk:
            raise ValueError("a file shorter than written")
        crc = zlib.crc32(chunk, crc)
        start += len(chunk)
    return crc


def _all_spans(data) -> set[tuple[int, int]]:
    buffer = pa.py_buffer(data)
    reader = ipc.open_file(buffer)
    spans = set()
    for i in range(reader.num_record_batches):
        for column in reader.get_batch(i).columns:
            spans.update(_spans(column, buffer.address))
    return spans  # and with it every view of `data` is let go


def _spans(column: pa.Array, base: int) -> set[tuple[int, int]]:
    """(start, end) in the file of a column's data, and of each of its dictionaries'."""
    own: list[pa.Buffer] = []
    dictionaries: list[list[pa.Buffer]] = []
    arrays = [column]  # a column and the arrays nested in it (no recursion: nothing is left in a cycle)
    while arrays:
        array = arrays.pop()
        kind = array.type
        own.extend(array.buffers()[:kind.num_buffers])
        if pa.types.is_dictionary(kind):
            dictionaries.append(array.dictionary.buffers())
        elif pa.types.is_list(kind) or pa.types.is_large_list(kind):
            arrays.append(array.values)
        elif pa.types.is_struct(kind):
            arrays.extend(array.field(n) for n in range(kind.num_fields))
    spans = set()
    for group in (own, *dictionaries):
        places = [(b.address - base, b.address - base + b.size) for b in group if b is not None and b.size]
        if places:
            spans.add((min(p[0] for p in places), max(p[1] for p in places)))
    return spans


# --- reading ---------------------------------------------------------------------------


class MappedFile:
    """An Arrow IPC file of the cache, memory-mapped, each region checked before use."""

    def __init__(self, path: Path, described: dict, schema: pa.Schema, private: Callable[[int], bool]):
        size, self.regions = described["size"], described["regions"]
        if sys.byteorder != "little":
            raise Damaged("the store is read in place, as little-endian numbers")
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            status = os.fstat(descriptor)
            if not private(descriptor) or status.st_size != size or not size:
                raise Damaged(f"{path.name} is not the file described")
            self.map = mmap.mmap(descriptor, size, access=mmap.ACCESS_READ)
        except BaseException:
            os.close(descriptor)
            raise
        # Kept open to check regions by reading them (`_check`), the file the map is of
        # even when the path names another by then.
        self.descriptor = descriptor
        weakref.finalize(self, os.close, descriptor)
        self.view = memoryview(self.map)
        self.buffer = pa.py_buffer(self.map)
        self.starts = [r[0] for r in self.regions]
        if not self._tiles(size):
            raise Damaged(f"the regions of {path.name} do not cover it")
        self.checked: set[int] = set()
        self.lock = threading.Lock()
        for n, region in enumerate(self.regions):
            if not region[3]:
                self._check(n)
        self.reader = ipc.open_file(self.buffer)
        if not self.reader.schema.equals(schema):
            raise Damaged(f"{path.name} has another schema")
        self._batches: dict[int, pa.RecordBatch] = {}

    def _tiles(self, size: int) -> bool:
        at = 0
        for region in self.regions:
            if type(region) is not list or len(region) != 4 or not all(type(v) is int for v in region) \
                    or region[0] != at or region[1] <= 0:
                return False
            at += region[1]
        return at == size

    def _check(self, n: int) -> None:
        """Check region n by reading it from the file, not through the map: a page only
        checked is never the process's (resident), only those used are (the batch headers
        spread over the whole events file, or a column of ids looked up by bisection)."""
        offset, length, crc, _ = self.regions[n]
        try:
            found = _crc(self.descriptor, offset, offset + length)
        except ValueError:  # the file is shorter than it was written
            found = None
        if found != crc:
            raise Damaged("a region that does not check")
        self.checked.add(n)

    def check_whole(self) -> None:
        """Check every region not checked yet (a command that cannot take back what it
        prints checks the whole file first)."""
        with self.lock:
            for n in range(len(self.regions)):
                if n not in self.checked:
                    self._check(n)

    def check_array(self, array: pa.Array) -> None:
        """Check every region that `array`'s data (and its dictionaries') lies in."""
        with self.lock:
            for start, end in _spans(array, self.buffer.address):
                if start < 0 or end > len(self.view):
                    raise Damaged("data outside the file")
                n = bisect.bisect_right(self.starts, start) - 1
                while n < len(self.regions) and self.regions[n][0] < end:
                    if n not in self.checked:
                        self._check(n)
                    n += 1

    @property
    def batch_count(self) -> int:
        return self.reader.num_record_batches

    def rows(self, i: int) -> int:
        """How many rows batch i holds (read from its header, which is checked at open)."""
        return self.reader.get_batch(i).num_rows

    def batch(self, i: int) -> pa.RecordBatch:
        """Batch i, its every column checked."""
        found = self._batches.get(i)
        if found is None:
            found = self.reader.get_batch(i)
            for column in found.columns:
                self.check_array(column)
            found.validate()  # lengths and offsets within the buffers
            self._batches[i] = found
        return found

    def column(self, name: str) -> pa.Array:
        """A column of a file of one batch, checked."""
        if self.batch_count != 1:
            raise Damaged("expected one batch")
        batch = self.reader.get_batch(0)
        column = batch.column(name)
        self.check_array(column)
        column.validate()
        return column


def int_view(array: pa.Array) -> memoryview:
    """The values of an int32 array without nulls, in place."""
    if array.null_count or array.type != pa.int32():
        raise Damaged("a column of numbers with gaps")
    view = memoryview(array.buffers()[1]).cast("B").cast("i")
    return view[array.offset:array.offset + len(array)]


class StringColumn(Sequence):
    """A column of text read in place: item i is decoded when asked for."""

    def __init__(self, array: pa.Array):
        if array.null_count or array.type != pa.string():
            raise Damaged("a column of text with gaps")
        self.length = len(array)
        offsets = memoryview(array.buffers()[1]).cast("B").cast("i")
        self.offsets = offsets[array.offset:array.offset + self.length + 1]
        self.data = memoryview(array.buffers()[2]) if array.buffers()[2] is not None else memoryview(b"")

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.length))]
        if i < 0:
            i += self.length
        if not 0 <= i < self.length:
            raise IndexError(i)
        return str(self.data[self.offsets[i]:self.offsets[i + 1]], "utf-8")

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and len(other) == self.length and all(a == b for a, b in zip(self, other))

    __hash__ = None


class IdLookup(Mapping):
    """Event positions by id, by bisection over the ids in their sorted order: no dict of
    a million entries is built."""

    def __init__(self, ids: StringColumn, order: memoryview):
        self.ids, self.order = ids, order
        if len(order) != len(ids):
            raise Damaged("an id order of another length")

    def __getitem__(self, event_id: str) -> int:
        if type(event_id) is not str:
            raise KeyError(event_id)
        try:
            k = bisect.bisect_left(self.order, event_id, key=self.ids.__getitem__)
            if k < len(self.order) and self.ids[self.order[k]] == event_id:
                return self.order[k]
        except IndexError:  # an order that is no permutation: made by hand
            pass
        raise KeyError(event_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


class Incoming(Mapping):
    """The relations pointing at each event, by its id: (type, id of the event relating)."""

    def __init__(self, array: pa.Array, ids: StringColumn, by_id: Mapping):
        self.ids, self.by_id = ids, by_id
        self.offsets = memoryview(array.buffers()[1]).cast("B").cast("i")[array.offset:array.offset + len(array) + 1]
        links = array.values
        self.types = links.field("type").dictionary.to_pylist()
        if not set(self.types) <= set(RELATION_TYPES):
            raise Damaged("a relation of an unknown type")
        self.type_codes = memoryview(links.field("type").indices.buffers()[1]).cast("B").cast("b")
        self.events = int_view(links.field("event"))
        if len(self.offsets) != len(ids) + 1 or not _within(links.field("event"), len(ids)):
            raise Damaged("relations past the events")

    def at(self, position: int) -> list[tuple[str, str]]:
        start, end = self.offsets[position], self.offsets[position + 1]
        return [(self.types[self.type_codes[k]], self.ids[self.events[k]]) for k in range(start, end)]

    def __getitem__(self, event_id: str) -> list[tuple[str, str]]:
        position = self.by_id[event_id]
        if self.offsets[position] == self.offsets[position + 1]:
            raise KeyError(event_id)
        return self.at(position)

    def __iter__(self) -> Iterator[str]:
        offsets = self.offsets
        return (self.ids[i] for i in range(len(self.ids)) if offsets[i] != offsets[i + 1])

    def __len__(self) -> int:
        return sum(1 for _ in self)


WITHIN_CHUNK = 65536  # numbers looked at between two turns of the other threads (a millisecond or two)
WITHIN_ARROW = 1 << 20  # more are checked by Arrow (pyarrow.compute: 0.05-0.25 s to import, never on the first screen)


def _within(values: pa.Array, count: int) -> bool:
    """Whether every value of an int32 array without nulls is a position 0..count-1.
    Up to WITHIN_ARROW values (the relations of a million events, 100,000: 12 ms, read for
    the first screen) a part at a time in Python: min and max hold the GIL while they run.
    More (the indexes of a million events, seven million positions: 0.45 s in Python, read
    after the first screen) by Arrow's min_max, which releases it, in 5 ms."""
    view = int_view(values)
    if len(view) > WITHIN_ARROW:
        import pyarrow.compute as pc

        found = pc.min_max(values)
        return 0 <= found["min"].as_py() <= found["max"].as_py() < count
    for start in range(0, len(view), WITHIN_CHUNK):
        part = view[start:start + WITHIN_CHUNK]
        if not 0 <= min(part) <= max(part) < count:
            return False
    return True


class Positions(Mapping):
    """An index: the positions of the events of each key, as slices of one array (CSR)."""

    def __init__(self, keys: dict[str, tuple[int, int]], values: memoryview):
        self.keys_at, self.values = keys, values

    def __getitem__(self, key: str) -> memoryview:
        start, end = self.keys_at[key]
        return self.values[start:end]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_at)

    def __len__(self) -> int:
        return len(self.keys_at)


def read_indexes(file: MappedFile, count: int) -> dict[str, Positions]:
    names, keys, events = (file.column(name) for name in ("index", "key", "events"))
    values = int_view(events.values)
    if not _within(events.values, count):
        raise Damaged("an index past the events")
    offsets = memoryview(events.buffers()[1]).cast("B").cast("i")[events.offset:events.offset + len(events) + 1]
    found: dict[str, dict[str, tuple[int, int]]] = {name: {} for name in INDEX_NAMES}
    kinds = names.dictionary.to_pylist()
    for n, (code, key) in enumerate(zip(names.indices.to_pylist(), keys.to_pylist())):
        if kinds[code] not in found or key is None:
            raise Damaged("an index of no name")
        found[kinds[code]][key] = (offsets[n], offsets[n + 1])
    return {name: Positions(keys_at, values) for name, keys_at in found.items()}


class StoredRecords(Sequence):
    """The records of the events file, each decoded when asked for (and kept a while).

    One row at a time (Arrow turns a row into Python in about 65 µs, 64 rows in 800): what
    asks is a screen (forty rows) or a sample across the file (the date column's width:
    two hundred rows far apart). A run of rows read in order (a screen drawn after a jump,
    a listing, an export) is decoded RUN_ROWS at a time, at a fifth of the cost a row: about
    a screen, for a screen drawn after `G` or a page waits for no rows it does not show
    (measured at 1M: 1.8 ms a screen against 6 to 12 with runs of 256, and no slower in
    order)."""

    def __init__(self, file: MappedFile, count: int, checks: "RecordChecks", damaged: Callable[[int], tuple]):
        self.file, self.count, self.checks, self.damaged = file, count, checks, damaged
        self.kept: dict[int, tuple] = {}
        self.checked: set[int] = set()  # the batches whose length and dictionaries are checked
        self.last = -2  # the row decoded last
        batches = file.batch_count
        if batches != -(-count // BATCH_ROWS) or (batches and file.rows(batches - 1) != count - (batches - 1) * BATCH_ROWS):
            raise Damaged("batches for another number of events")

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> tuple:
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        record = self.kept.get(index)
        if record is None:
            try:
                rows = self._decode(index, RUN_ROWS if index == self.last + 1 else 1)
            except Exception:  # a region that fails its CRC, or a batch not as written
                rows = [None]
            if len(self.kept) + len(rows) > KEPT_ROWS:
                self.kept.clear()
            for n, row in enumerate(rows):
                if row is not None:
                    self.kept[index + n] = row
            record = rows[0]
            if record is None:
                return self.damaged(index)
        self.last = index
        return record

    def _decode(self, index: int, count: int) -> list[tuple | None]:
        """Rows from `index` on, as many as `count` within its batch."""
        number = index // BATCH_ROWS
        batch = self.file.batch(number)
        if number not in self.checked:
            if batch.num_rows != min(BATCH_ROWS, self.count - number * BATCH_ROWS):
                raise Damaged("a batch of another length")
            self.checks.dictionaries(batch)
            self.checked.add(number)
        return [self.checks.record(row) for row in batch.slice(index - number * BATCH_ROWS, count).to_pylist()]


def _integer(value: float) -> int | float:
    return int(value) if value.is_integer() else value  # as the validator gives a count


class RecordChecks:
    """Turns a row back into the loader's record, checking what the loader checked: that
    its kind, status, sources, actors and dates are ones the timeline knows (the screens
    look them up). The CRCs make a damaged file fail before this; it catches an entry
    made by hand. A row that fails gives None."""

    def __init__(self, timeline: Timeline):
        self.kinds, self.sources, self.actors = timeline.kinds, timeline.sources, timeline.actors
        self.seen: set[tuple[int, ...]] = set()

    def dictionaries(self, batch: pa.RecordBatch) -> None:
        """The values every row of a batch draws on. The batches of a file share their
        dictionaries (one that grew by a delta is longer): each is checked once."""
        lengths = tuple(len(d) for d in _dictionaries(batch))
        if lengths in self.seen:
            return
        known = {("kind",): self.kinds, ("status",): STATUSES, ("actors", "actor"): self.actors,
                 ("sources", "source"): self.sources, ("related", "type"): RELATION_TYPES,
                 ("figures", "qualifier"): QUALIFIERS, ("figures", "claimed_by"): self.actors}
        for (name, *inner), allowed in known.items():
            column = batch.column(name)
            if inner:
                column = column.values.field(inner[0])
            if not all(value in allowed for value in column.dictionary.to_pylist()):
                raise Damaged(f"the {name} of a batch name what the timeline does not know")
        self.seen.add(lengths)

    def record(self, row: dict) -> tuple | None:
        try:
            sources = tuple((s["source"], s["quote"], s["line"], s["paraphrase"]) for s in row["sources"])
            figures = tuple((f["quantity"], _integer(f["value"]), f["what"], f["qualifier"], f["claimed_by"], f["as_of"])
                            for f in row["figures"])
            record = (row["id"], row["date"], row["kind"], row["title"], row["date_basis"], row["summary"],
                      tuple((a["actor"], a["role"]) for a in row["actors"]), row["location"], row["status"], sources,
                      tuple((r["type"], r["event"], r["line"]) for r in row["related"]), figures, tuple(row["tags"]),
                      row["line"])
            if (None in record[:4] or None in record[8:] or not sources
                    or not all((q is None) != (p is None) and n is not None for _, q, n, p in sources)
                    or any(None in (a,) for a, _ in record[6]) or any(None in r for r in record[10])
                    or any(f[0] is None or f[1] < 0 or f[3] is None for f in figures) or None in record[12]):
                return None
            parse_date(record[R_DATE])
            for figure in figures:
                if figure[5] is not None:
                    parse_date(figure[5])
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        return record


def _dictionaries(batch: pa.RecordBatch) -> list[pa.Array]:
    found = []
    for column in batch.columns:
        for values in _dictionary_arrays(column):
            found.append(values)
    return found


def _dictionary_arrays(array: pa.Array):
    kind = array.type
    if pa.types.is_dictionary(kind):
        yield array.dictionary
    elif pa.types.is_list(kind):
        yield from _dictionary_arrays(array.values)
    elif pa.types.is_struct(kind):
        for n in range(kind.num_fields):
            yield from _dictionary_arrays(array.field(n))


class StoredColumns:
    """The columns a stored timeline reads in place, each checked when first asked for."""

    def __init__(self, file: MappedFile, count: int):
        self.file, self.count = file, count
        if file.batch_count != 1 or file.rows(0) != count:
            raise Damaged("columns for another number of events")
        self.found: dict[str, object] = {}
        self.lock = threading.RLock()  # a column may need another (by_id needs the ids)

    def __getitem__(self, name: str):
        found = self.found.get(name)
        if found is None:
            with self.lock:
                found = self.found.get(name)
                if found is None:
                    found = self.found[name] = self._read(name)
        return found

    def _read(self, name: str):
        if name in DAY_COLUMNS:
            view = int_view(self.file.column(name))
        elif name == "ids":
            view = StringColumn(self.file.column("id"))
        elif name == "dates":
            view = StringColumn(self.file.column("date"))
        elif name == "by_id":
            view = IdLookup(self["ids"], int_view(self.file.column("id_order")))
        elif name == "incoming":
            return Incoming(self.file.column("incoming"), self["ids"], self["by_id"])  # its length is its own
        else:
            raise KeyError(name)
        if len(view) != self.count:
            raise Damaged(f"{name} of another length")
        return view


def _day_one(count: int) -> array:
    return array("l", [1]) * count


# --- a timeline over the store ---------------------------------------------------------


FILES = ("events", "columns", "index", "texts")


def open_timeline(paths: dict[str, Path], described: dict[str, dict], timeline: Timeline, count: int,
                  private: Callable[[int], bool], reload: Callable[[], Timeline | None]) -> Timeline:
    """Make `timeline` (its registries, title and warnings read from the entry's header)
    a timeline over the store: its records, columns and indexes read in place, when
    asked for. `reload()` loads the file afresh, for when a part of the store fails."""
    events = MappedFile(paths["events"], described["events"], event_schema(), private)
    columns = MappedFile(paths["columns"], described["columns"], columns_schema(), private)
    recovery = Recovery(timeline, reload)
    timeline.records = StoredRecords(events, count, RecordChecks(timeline), recovery.record)
    timeline.use_columns(GuardedColumns(StoredColumns(columns, count), recovery))
    timeline.indexes_loader = recovery.guard(lambda: _indexes(paths, described, count, private),
                                             lambda fresh: fresh.index_map())
    timeline.texts_loader = lambda: _texts(paths, described, count, private)
    return timeline


def _indexes(paths, described, count: int, private) -> dict[str, Positions]:
    return read_indexes(MappedFile(paths["index"], described["index"], index_schema(), private), count)


def _texts(paths, described, count: int, private) -> TextBuffer | None:
    """The search texts as a TextBuffer over the mapped file, read in place (no str is
    made of them, and their pages are the file's, not the process's own); None when they
    do not check."""
    if not count:
        return TextBuffer(b"", array("q", [0]))  # Arrow writes no offsets for no texts
    try:
        file = MappedFile(paths["texts"], described["texts"], texts_schema(), private)
        column = file.column("search") if file.batch_count == 1 else None
        if column is None or column.null_count or len(column) != count:
            return None
        offsets = memoryview(column.buffers()[1]).cast("B").cast("q")[column.offset:column.offset + count + 1]
        data = column.buffers()[2]
        base = data.address - file.buffer.address if data is not None else 0
        if not (0 <= base and 0 <= offsets[0] <= offsets[-1] <= (data.size if data is not None else 0)):
            return None
    except Exception:  # damaged, missing, or (an entry before one batch) in several: built again
        return None
    return TextBuffer(file.map, offsets, base)


class Recovery:
    """What a stored timeline does when a part of its store fails: it loads its file
    afresh, once, and takes on what that gives (when the file cannot be loaded either,
    a row says it could not be read and a column holds day 1)."""

    def __init__(self, timeline: Timeline, reload: Callable[[], Timeline | None]):
        self.timeline, self.reload = timeline, reload
        self.lock = threading.RLock()
        self.tried = False
        self.fresh: Timeline | None = None

    def take_fresh(self) -> Timeline | None:
        with self.lock:
            if not self.tried:
                self.tried = True
                try:
                    self.fresh = self.reload()
                except Exception:  # gone, or broken since it was opened
                    self.fresh = None
                if self.fresh is not None:
                    self.timeline.adopt(self.fresh)
            return self.fresh

    def record(self, index: int) -> tuple:
        fresh = self.take_fresh()
        return fresh.record(index) if fresh is not None and index < len(fresh.records) else unreadable(self.timeline, index)

    def guard(self, read: Callable, instead: Callable):
        def guarded():
            try:
                return read()
            except Exception:
                fresh = self.take_fresh()
                return instead(fresh) if fresh is not None else None
        return guarded


class GuardedColumns:
    def __init__(self, columns: StoredColumns, recovery: Recovery):
        self.columns, self.recovery = columns, recovery

    def __getitem__(self, name: str):
        try:
            return self.columns[name]
        except Exception:
            fresh = self.recovery.take_fresh()
            if fresh is not None:
                return fresh.column(name)
            return self._placeholder(name)

    def _placeholder(self, name: str):
        count = self.columns.count
        if name in DAY_COLUMNS:
            return _day_one(count)
        ids = [f"unreadable-{i}" for i in range(count)]
        return {"ids": ids, "by_id": {i: n for n, i in enumerate(ids)}, "incoming": {}, "dates": ["0001"] * count}[name]


def unreadable(timeline: Timeline, index: int) -> tuple:
    """A record that says it could not be read: neither the entry nor the file can give it
    (the file has changed since it was opened; the live reload will show it as it is)."""
    from datetime import date

    day = date.fromordinal(max(1, timeline.first_day[index])).isoformat()
    # no quote: nothing to check against an article
    sources = tuple((source_id, None, 0, "(unreadable)") for source_id in list(timeline.sources)[:1])
    return (timeline.ids[index], day, "other", "This event could not be read; open the file again", None, None,
            (), None, "reported", sources, (), (), (), 0)


def write_events(timeline: Timeline, paths: dict[str, Path]) -> dict:
    """Write the events file of a timeline's store (the largest); its description."""
    return write_file(paths["events"], event_schema(), events_batches(timeline))


def write_store(timeline: Timeline, paths: dict[str, Path], texts,
                events: Callable[[], dict] | None = None) -> dict[str, dict]:
    """Write the four files of a timeline's store; their descriptions, for the header.
    `texts`: the search texts (see texts_batches); `events`, when given, gives the events
    file's description instead (write_events wrote it, in another process)."""
    return {
        "events": events() if events else write_events(timeline, paths),
        "columns": write_file(paths["columns"], columns_schema(), [columns_batch(timeline)]),
        "index": write_file(paths["index"], index_schema(), [index_batch(timeline)]),
        "texts": write_file(paths["texts"], texts_schema(), texts_batches(texts)),
    }

