"""The streaming road: `check`, `list` and `export` of a JSON Lines file without a
Timeline, in memory that grows by a few dozen bytes an event, not by the events.

The file is read once, a chunk at a time, and each event is checked as it comes by the
loader's own readers (validation.py's careful path, fastpath.py's fast one), so the
problems and their places are the loader's. Of each good event only a few numbers are
kept in flat arrays: where its line starts and how long it is, its line number, its
date (a code into the file's few distinct dates), a hash of its id, and whether the
filters keep it. The checks that need every event (ids used twice, links to no event)
work from the hashes, and every hash that matches is confirmed against the ids written
in the file. The chosen events are sorted by date as the Timeline sorts them (by
When.sort_key, ties in file order), then each line is read again by its place in a
memory map and written out as the Timeline road writes it, with export.py's functions
for one event. What a format needs of the whole set is worked out from the arrays, or
kept aside: the links' ends (their titles and dates), and for Markdown the quotes under
each article, spilled to a temporary file until the Sources are written.

A filter whose words name only what the header registers (kinds, statuses, registered
actors, the sources of a registry, a text, dates, single outlet) is decided as each event
is read. One that names what only the events define (a tag, a location, an actor or an
outlet named only in the events) is resolved once the whole file is read, with the file's
tags and locations in time order; the events are then read once more to decide it.

YAML stays on the Timeline road: its readers give the whole document at once, so there
is nothing to stream (see cli.py).
"""

from __future__ import annotations

import csv
import io
import json
import mmap
import os
import re
import signal
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from . import export
from .dates import parse_date
from .fastpath import FastPath
from .model import (
    R_ACTORS, R_DATE, R_ID, R_KIND, R_LINE, R_LOCATION, R_RELATED, R_SOURCES, R_STATUS, R_TAGS, R_TITLE, Event,
    Timeline,
)
from .parsing import (
    _ID_ON_LINE, Map, _json_loads, _json_problem, _JSONError, empty_file, may_hold_controls, open_regular, unreadable,
)
from .problems import LoadError, Pos, Problem
from .query import Query, QueryError, Searcher, search_text, text_match
from .search import normalize
from .validation import Progress, Validator, no_progress

CHUNK = 1 << 23  # bytes read at a time
HALVES = 1 << 25  # a file larger than this is read in two halves at once, on two cores
FLUSH = 1 << 18  # characters written at a time
WRITE_HALVES = 50_000  # more events than this are written in two halves at once (see in_two)
DROP = 1 << 25  # bytes read between two releases of the map's pages (see Scan._drop)
# What a read of one line through the map costs it at least: a page fault maps the pages
# around it too (Linux's fault_around_bytes, 64 KB), and lines re-read by their place are
# far apart.
FAULT_AROUND = 1 << 16
_HEADER_KEYS = frozenset(("title", "sources", "actors", "kinds"))  # as parsing.parse_jsonl tells a header
# An id's hash, as kept for each event (a test makes every id's the same, to see that
# each match is confirmed against the file).
_id_hash = hash


@dataclass
class Selection:
    """What the filters need from the road. `query(registry, tags, places)` builds the
    query as the command line does (QueryError when a word names nothing), with the
    file's tags and locations in time order (None when those filters are off); `tags`,
    `places` and `sources`: whether those filters are on."""

    query: Callable[[Timeline, Sequence[str] | None, Sequence[str] | None], Query]
    tags: bool = False
    places: bool = False
    sources: bool = False


class Registry(Timeline):
    """A file's registries (kinds, sources, actors) and title as a Timeline with no events:
    what export.py and query.py ask a timeline for. `related` holds the title and date of
    the events at either end of a link, which a Markdown export names."""

    def __init__(self, validator: Validator, title: str, name: str):
        super().__init__([], validator.sources, validator.actors, validator.kinds, title)
        # the validator's own registries, which the events still add to (an actor named
        # only in an event, a source given in place): not the copies made of empty ones
        self.sources, self.actors = validator.sources, validator.actors
        self.path = name
        self.related: dict[str, tuple[str, str]] = {}

    def event(self, event_id: str) -> Event | None:
        found = self.related.get(event_id)
        return None if found is None else Event(event_id, parse_date(found[1]), "other", found[0])


class _SeenIds:
    """Stands in for Validator.all_ids, which would hold every id of the file: the readers
    add the id of each event they read; a good event's goes into the hashes, and only
    those of bad events (and of lines that are not JSON) are kept as text."""

    def __init__(self):
        self.last: str | None = None
        self.others: set[str] = set()

    def add(self, event_id: str) -> None:
        self.last = event_id


class Scan:
    """One reading of a JSON Lines file: the problems, the registries, and a few numbers
    for each good event (see the module's docstring)."""

    def __init__(self, path: str | Path, progress: Progress = no_progress, selection: Selection | None = None,
                 spill: bool = True):
        self.path = Path(path)
        self.name = str(path)
        self.progress = progress
        self.selection = selection
        self.validator = Validator(self.name, progress)
        self.ids = _SeenIds()
        self.validator.all_ids = self.ids  # type: ignore[assignment]
        self.fast = FastPath(self.validator)
        self.registry: Registry | None = None
        self._new_columns()
        self.dates: list[str] = []  # by code
        self.kinds: list[str] = []
        self._date_codes: dict[str, int] = {}
        self._kind_codes: dict[str, int] = {}
        self.target_index: dict[str, int] = {}  # the event of each id that a link points to
        self.relations: list[tuple[int, str, str, str, int]] = []  # (event, its id, type, target, line)
        self.kept: bytearray | None = None  # 1 for an event the filters keep, when decided as read
        self.early: Query | None = None
        self.query: Query | None = None
        self.tags: dict[str, tuple] = {}  # tag → (sort key, event) of its first event in time order
        self.places: dict[str, tuple] = {}
        self._test: Callable[[tuple], bool] | None = None
        self._map: mmap.mmap | None = None
        self._since_drop = 0
        # The records of the events that may be written, as JSON arrays, in a temporary
        # file: read back, one costs a fifth of reading and checking its line again.
        self._spill = tempfile.TemporaryFile() if spill else None
        self._records: int | None = None  # the spill's descriptor, once it is written: read by os.pread
        self._read()

    # The columns, an item an event: where its line starts and how long it is, its line
    # number, the code of its date, its id's hash and length, the code of its kind, and
    # where its record stands in the spill (-1: not kept) and how long it is.
    COLUMNS = {"offset": "q", "length": "i", "line": "i", "date_code": "i", "id_hash": "q", "id_length": "i",
               "kind_code": "i", "record_offset": "q", "record_length": "i"}

    def _new_columns(self) -> None:
        for name, typecode in self.COLUMNS.items():
            setattr(self, name, array(typecode))

    # --- the reading -------------------------------------------------------------------

    def _read(self) -> None:
        handle = open_regular(self.path)
        try:
            self._size = os.fstat(handle).st_size
            self._map = mmap.mmap(handle, 0, access=mmap.ACCESS_READ) if self._size else None
        finally:
            os.close(handle)
        self._json_problems: list[Problem] = []
        self._header_due = True
        self._read_to = self._size  # where this process's reading ends, for its progress
        number = 0
        for base, chunk in self._chunks(0):
            number = self._lines(base, chunk, number)
            rest = base + len(chunk)
            if not self._header_due and self._size - rest > HALVES and hasattr(os, "fork"):
                self._halves(rest, number)
                break
        if self._header_due:
            self._start(None)
        json_problems = self._json_problems
        self.progress("sorting", None)
        if self._spill is not None and self._spill.tell():
            self._spill.flush()
            self._records = self._spill.fileno()
        self._cross_checks()
        problems = self.validator.problems
        if json_problems:  # as the loader orders them: every line's problem in the order of the file
            problems = sorted(json_problems + problems, key=lambda p: (p.pos.line, p.pos.column))
        self.problems = problems

    def _lines(self, base: int, chunk: bytes, number: int) -> int:
        """Read the lines of a chunk (`base`: where it starts; `number`: the line before
        it); the number of its last line."""
        read = self.validator.record if may_hold_controls(chunk, json=True) else self.fast.record
        pieces = chunk.split(b"\n")
        if chunk.endswith(b"\n"):
            pieces.pop()
        at = base
        for line in pieces:
            number += 1
            start, at = at, at + len(line) + 1
            if not line.strip():
                continue
            try:
                value = _json_loads(line)
            except _JSONError:
                self._json_problems.append(_json_problem(self.name, number, line))
                found = _ID_ON_LINE.search(line)
                if found:
                    self.ids.others.add(found.group(1).decode("utf-8", "replace"))
                continue
            if self._header_due:
                self._header_due = False
                if isinstance(value, dict) and "id" not in value and _HEADER_KEYS & value.keys():
                    header = Map(Pos(number))
                    header.update(value)
                    self._start(header)
                    continue
                self._start(None)
            self.ids.last = None
            record = read(value, Pos(number))
            if record is None:
                if self.ids.last is not None:
                    self.ids.others.add(self.ids.last)
                continue
            self._keep(record, start, len(line))
        self.progress("checking", min(1.0, at / max(1, self._read_to)))
        return number

    # --- two halves at once ----------------------------------------------------------------

    def _halves(self, rest: int, number: int) -> None:
        """Read the file from `rest` on, the second half of it in a child process. The
        child starts from the registries as the header left them; what it read is taken
        only when it found no problem and left them as they were (no actor or source
        first named there, no warning), for then it read each event as this process
        would have, after the first half. Else this process reads the second half too."""
        middle = self._map.find(b"\n", (rest + self._size) // 2) + 1
        if middle <= rest:  # no line starts in the second half: read on here
            for base, chunk in self._chunks(rest):
                number = self._lines(base, chunk, number)
            return
        before = number + sum(self._map[at:min(at + CHUNK, middle)].count(b"\n") for at in range(rest, middle, CHUNK))
        with tempfile.TemporaryFile() as spill, tempfile.TemporaryFile() as result:
            if self._spill is not None:
                self._spill.flush()  # nothing of it left in a buffer the child would have a copy of
            child = os.fork()
            if child == 0:
                self._second_half(middle, before, spill, result)  # never returns
            # The child reads as fast: the first half read here is the whole file's progress.
            self._read_to = middle
            for base, chunk in self._chunks(rest, middle):
                number = self._lines(base, chunk, number)
            _, status = os.waitpid(child, 0)
            self._read_to = self._size
            if status != 0 or not self._take(spill, result):
                number = before
                for base, chunk in self._chunks(middle):
                    number = self._lines(base, chunk, number)

    def _second_half(self, middle: int, number: int, spill, result) -> None:
        """In the child: read from `middle` on into empty columns and write them to `result`."""
        code = 1
        try:
            self.progress = self.validator.progress = no_progress
            state = self._registry_state()
            self._new_columns()
            self.dates, self.kinds, self._date_codes, self._kind_codes = [], [], {}, {}
            self.relations, self.tags, self.places, self.ids.others = [], {}, {}, set()
            if self.kept is not None:
                self.kept = bytearray()
            if self._spill is not None:
                # kept, never closed here: it is this process's copy of the parent's file
                self._parents_spill, self._spill = self._spill, spill
            for base, chunk in self._chunks(middle):
                number = self._lines(base, chunk, number)
            if self._registry_state() == state and not self._json_problems:
                if self._spill is not None:
                    self._spill.flush()  # os._exit flushes nothing
                self._write_columns(result)
                code = 0
        finally:
            os._exit(code)

    def _registry_state(self) -> tuple:
        v = self.validator
        return (len(v.problems), len(v.sources), len(v.actors), len(v.actor_lookup), len(v._inline_sources))


    def _write_columns(self, result) -> None:
        head = orjson.dumps({"dates": self.dates, "kinds": self.kinds, "relations": self.relations,
                             "others": sorted(self.ids.others), "tags": self.tags, "places": self.places,
                             "kept": self.kept is not None})
        for piece in [head] + [getattr(self, name).tobytes() for name in self.COLUMNS] + [bytes(self.kept or b"")]:
            result.write(len(piece).to_bytes(8, "little"))
            result.write(piece)
        result.flush()

    def _take(self, spill, result) -> bool:
        """Add the child's columns after this process's; False when it wrote none."""
        result.seek(0)
        pieces = []
        while size := result.read(8):
            pieces.append(result.read(int.from_bytes(size, "little")))
        if len(pieces) != len(self.COLUMNS) + 2:
            return False
        head = orjson.loads(pieces[0])
        base, spilled = self.count, self._spill.tell() if self._spill is not None else 0
        columns = {}
        for name, piece in zip(self.COLUMNS, pieces[1:]):
            columns[name] = array(getattr(self, name).typecode)
            columns[name].frombytes(piece)
        for name in ("offset", "length", "line", "id_hash", "id_length", "record_length"):
            getattr(self, name).extend(columns[name])
        dates = [_code(self._date_codes, self.dates, date) for date in head["dates"]]
        self.date_code.extend(dates[code] for code in columns["date_code"])
        kinds = [_code(self._kind_codes, self.kinds, kind) for kind in head["kinds"]]
        self.kind_code.extend(kinds[code] for code in columns["kind_code"])
        self.record_offset.extend(at + spilled if at >= 0 else -1 for at in columns["record_offset"])
        if self._spill is not None:
            spill.seek(0)
            while piece := spill.read(CHUNK):
                self._spill.write(piece)
        if head["kept"]:
            self.kept.extend(pieces[-1])
        self.relations += [(i + base, *rest) for i, *rest in head["relations"]]
        self.ids.others.update(head["others"])
        for found, theirs in ((self.tags, head["tags"]), (self.places, head["places"])):
            for value, (key, index) in theirs.items():
                place = (tuple(key), index + base)
                if value not in found or place < found[value]:
                    found[value] = place
        return True

    def _chunks(self, base: int, stop: int | None = None) -> Iterator[tuple[int, bytes]]:
        """(offset, bytes) of the file from `base` to `stop` in pieces that end at a line's
        end, the byte order mark left out, as parsing.parse_jsonl reads it; a file of
        nothing but white space is refused as read_bytes refuses it."""
        if self._map is None:
            raise empty_file(self.name)
        whole_file = base == 0 and stop is None
        blank, size, whole = True, self._size if stop is None else stop, self._map
        while base < size:
            end = min(base + CHUNK, size)
            if end < size:  # to the end of a line: the last in the chunk, else (a long line) its own
                cut = whole.rfind(b"\n", base, end)
                cut = cut if cut >= 0 else whole.find(b"\n", end)
                end = size if cut < 0 else cut + 1
            try:
                piece = whole[base:end]
            except OSError as error:  # pragma: no cover - a file that failed under the map
                raise unreadable(self.name, error) from None
            if blank and piece.strip():
                blank = False
            start = base
            if start == 0 and piece.startswith(b"\xef\xbb\xbf"):
                piece, start = piece[3:], 3
            yield start, piece
            self._drop(len(piece))
            base = end
        if blank and whole_file:
            raise empty_file(self.name)

    def _start(self, header: Map | None) -> None:
        """The header read (or its absence): the registries are known, and with them the
        filters that can be decided as each event comes."""
        title = self.validator.jsonl_header(header)
        self.registry = Registry(self.validator, title, self.name)
        selection = self.selection
        if selection is None:
            return
        late = selection.tags or selection.places or (selection.sources and not self.validator.has_source_registry)
        if not late:
            try:
                self.early = selection.query(self.registry, None, None)
            except QueryError:  # a word that names nothing in the header: known once all is read
                self.early = None
        if self.early is not None and self.early != Query():
            self._test = record_test(self.early, self.registry)
            self.kept = bytearray()

    def _keep(self, record: tuple, start: int, length: int) -> None:
        index = len(self.offset)
        self.offset.append(start)
        self.length.append(length)
        self.line.append(record[R_LINE])
        self.date_code.append(_code(self._date_codes, self.dates, record[R_DATE]))
        event_id = record[R_ID]
        self.id_hash.append(_id_hash(event_id))
        self.id_length.append(len(event_id))
        self.kind_code.append(_code(self._kind_codes, self.kinds, record[R_KIND]))
        for relation_type, target, line in record[R_RELATED]:
            self.relations.append((index, event_id, relation_type, target, line or record[R_LINE]))
        kept = True
        if self._test is not None:
            kept = self._test(record)
            self.kept.append(kept)
        if self._spill is not None and kept:
            blob = orjson.dumps(record)
            self.record_offset.append(self._spill.tell())
            self.record_length.append(len(blob))
            self._spill.write(blob)
        elif self._spill is not None:
            self.record_offset.append(-1)
            self.record_length.append(0)
        if self.selection is not None:
            self._collect(record, index)

    def _collect(self, record: tuple, index: int) -> None:
        """The tags and locations of the file, each with the first place it stands at in
        time order, for the filters that name them (query.resolve_tag, resolve_location)."""
        if self.selection.tags and record[R_TAGS]:
            self._first_place(self.tags, record[R_TAGS], record, index)
        if self.selection.places and record[R_LOCATION]:
            self._first_place(self.places, (record[R_LOCATION],), record, index)

    @staticmethod
    def _first_place(found: dict, values, record: tuple, index: int) -> None:
        place = (parse_date(record[R_DATE]).sort_key, index)
        for value in values:
            if value not in found or place < found[value]:
                found[value] = place

    # --- the checks across events ---------------------------------------------------------

    def _cross_checks(self) -> None:
        """Validator.finish's checks: ids used twice, then links to no event or to itself,
        with its messages, from the hashes confirmed against the file."""
        hashes = self.id_hash
        distinct = set(hashes)
        if len(distinct) < len(hashes):
            self._duplicates()
        if self.relations:
            targets = {r[3] for r in self.relations}
            index = self.target_index = self.id_index(targets, distinct)
            all_ids = None

            def every_id() -> set:
                nonlocal all_ids
                if all_ids is None:
                    all_ids = {self.record_at(i)[R_ID] for i in range(len(hashes))} | self.ids.others
                return all_ids

            for _, event_id, _, target, line in self.relations:
                known = target in index or target in self.ids.others
                self.validator.check_link(event_id, target, line, known, every_id)

    def _duplicates(self) -> None:
        twice = {value for value, times in Counter(self.id_hash).items() if times > 1}
        first: dict[str, int] = {}
        for i, value in enumerate(self.id_hash):
            if value in twice:
                event_id = self.record_at(i)[R_ID]
                if event_id in first:
                    self.validator.duplicate(event_id, self.line[i], self.line[first[event_id]])
                else:
                    first[event_id] = i

    def id_index(self, wanted: set[str], distinct: set | None = None) -> dict[str, int]:
        """The event of each of these ids that has one (the first, were an id used twice)."""
        hashes = {_id_hash(w) for w in wanted} & (set(self.id_hash) if distinct is None else distinct)
        found: dict[str, int] = {}
        if not hashes:
            return found
        for i, value in enumerate(self.id_hash):
            if value in hashes:
                event_id = self.record_at(i)[R_ID]
                if event_id in wanted:
                    found.setdefault(event_id, i)
        return found

    # --- reading again ---------------------------------------------------------------------

    @property
    def count(self) -> int:
        return len(self.offset)

    def errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def record_at(self, index: int) -> tuple:
        """The record of a good event: from the spill, else read again from its line."""
        if self._records is not None and self.record_offset[index] >= 0:
            # read, not mapped: the records are read in time order, all over the spill, and
            # each page a map touched would count in this process's memory
            return _json_loads(os.pread(self._records, self.record_length[index], self.record_offset[index]))
        value = _json_loads(self._line(index))
        problems = self.validator.problems
        known = len(problems)
        record = self.fast.record(value, Pos(self.line[index]))
        del problems[known:]  # said once, when it was first read
        if record is None or _id_hash(record[R_ID]) != self.id_hash[index]:
            raise _changed(self.name)
        return record

    def event_at(self, index: int) -> Event:
        return Event.from_record(self.record_at(index))

    def records_of(self, order: Iterable[int]) -> Iterator[tuple]:
        for i in order:
            yield self.record_at(i)

    def json_items(self, order: Iterable[int], first: bool) -> Iterator[str]:
        """The items of a JSON list of these events (export.to_json), each after the line
        end (and comma, unless `first`) before it."""
        dicts = (export.record_to_dict(r) for r in self.records_of(order))
        return json_items(dicts, first)

    def jsonl_lines(self, order: Iterable[int], kept, names: dict[str, str], inline: bool) -> Iterator[str]:
        """The lines of a JSON Lines export (export.to_jsonl) of these events."""
        for record in self.records_of(order):
            yield compact(export.file_record(self.registry, record, kept, names, inline)) + "\n"

    def table_rows(self, order: Iterable[int]) -> Iterator[tuple]:
        """export.table_row of each event."""
        for e in events_of(self, order):
            yield export.table_row(self.registry, e)

    def table_widths(self, order: Sequence[int], header: Sequence[str]) -> list[int]:
        """The widths of export.to_table's first three columns, from the arrays."""
        codes = {self.date_code[i] for i in order}
        return [max([len(header[0])] + [self.id_length[i] for i in order]),
                max([len(header[1])] + [len(parse_date(self.dates[c]).display()) for c in codes]),
                max([len(header[2])] + [len(self.kinds[k]) for k in {self.kind_code[i] for i in order}])]

    def _line(self, index: int) -> bytes:
        start = self.offset[index]
        length = self.length[index]
        line = self._map[start:start + length]
        if len(line) != length:
            raise _changed(self.name)
        self._drop(max(length, FAULT_AROUND))
        return line

    def _drop(self, length: int) -> None:
        """Count the bytes read through the map; now and then let go of its pages, which
        the system keeps in its cache anyway: read through, a large file would otherwise
        count whole in this process's memory."""
        self._since_drop += length
        if self._since_drop >= DROP and hasattr(mmap, "MADV_DONTNEED"):
            self._since_drop = 0
            self._map.madvise(mmap.MADV_DONTNEED)

    def close(self) -> None:
        for whole in (self._map, self._spill):
            if whole is not None:
                whole.close()
        self._map = self._records = self._spill = None

    # --- choosing and ordering --------------------------------------------------------------

    def select(self) -> list[int]:
        """The events the filters keep, in time order; `self.query` is the query (built
        now, raising QueryError, when it could not be before)."""
        selection = self.selection
        if selection is None:
            self.query = Query()
        elif self.early is not None:
            self.query = self.early
        else:
            tags = _in_time_order(self.tags) if selection.tags else None
            places = _in_time_order(self.places) if selection.places else None
            self.query = selection.query(self.registry, tags, places)
        chosen: Iterable[int] = range(self.count)
        if self.query != Query():
            if self.kept is None:  # read them all again, with the query now known
                test = record_test(self.query, self.registry)
                self.kept = bytearray(test(self.record_at(i)) for i in range(self.count))
            dates = self._dates_kept(self.query)
            kept, code = self.kept, self.date_code
            chosen = [i for i in range(self.count) if kept[i] and dates[code[i]]]
        return self.in_time_order(chosen)

    def _dates_kept(self, query: Query) -> bytearray:
        """For each distinct date, whether the date filter keeps it: the Searcher's own
        answer, over one stand-in event a date."""
        if not (query.date_from or query.date_to):
            return bytearray(b"\x01") * len(self.dates)
        stand_ins = [(str(code), date, "other", "-", None, None, (), None, "reported", (), (), (), (), 0)
                     for code, date in enumerate(self.dates)]
        timeline = Timeline(stand_ins)
        kept = bytearray(len(self.dates))
        for i in Searcher(timeline).run(Query(date_from=query.date_from, date_to=query.date_to)):
            kept[int(timeline.ids[i])] = 1
        return kept

    def in_time_order(self, chosen: Iterable[int]) -> list[int]:
        """As the Timeline sorts: by When.sort_key (equal keys are one rank), ties in file order."""
        keys = [parse_date(date).sort_key for date in self.dates]
        rank = {key: r for r, key in enumerate(sorted(set(keys)))}
        of_code = array("l", (rank[key] for key in keys))
        code = self.date_code
        return sorted(chosen, key=lambda i: of_code[code[i]])

    def links(self, order: list[int]) -> "_Links":
        return _Links(self, order)


def _code(codes: dict[str, int], values: list[str], value: str) -> int:
    """The number of a value among the few distinct ones (dates, kinds), given on first sight."""
    code = codes.get(value)
    if code is None:
        code = codes[value] = len(values)
        values.append(value)
    return code


def _in_time_order(found: dict[str, tuple]) -> list[str]:
    return sorted(found, key=found.__getitem__)


def _changed(name: str) -> LoadError:
    return LoadError([Problem(name, Pos(1), "the file changed while it was being read; run the command again")])


def record_test(query: Query, registry: Timeline) -> Callable[[tuple], bool]:
    """Whether a record passes every filter of `query` but the dates: what the Searcher
    works out from its indexes (query.py), for one event."""
    tests: list[Callable[[tuple], bool]] = []
    if query.actors:
        actors = frozenset(query.actors)
        tests.append(lambda r: any(a in actors for a, _ in r[R_ACTORS]))
    if query.kinds:
        kinds = frozenset(query.kinds)
        tests.append(lambda r: r[R_KIND] in kinds)
    if query.sources:
        sources = frozenset(query.sources)
        tests.append(lambda r: any(c[0] in sources for c in r[R_SOURCES]))
    if query.statuses:
        statuses = frozenset(query.statuses)
        tests.append(lambda r: r[R_STATUS] in statuses)
    if query.tags:
        tags = frozenset(query.tags)
        tests.append(lambda r: any(t in tags for t in r[R_TAGS]))
    if query.locations:
        places = frozenset(query.locations)
        tests.append(lambda r: r[R_LOCATION] in places)
    if query.single_outlet:
        tests.append(lambda r: len({_outlet(registry, c[0]) for c in r[R_SOURCES]}) == 1)
    if query.not_actors:
        left_out = frozenset(query.not_actors)
        tests.append(lambda r: not any(a in left_out for a, _ in r[R_ACTORS]))
    if query.not_kinds:
        not_kinds = frozenset(query.not_kinds)
        tests.append(lambda r: r[R_KIND] not in not_kinds)
    if query.marked is not None:
        marked = query.marked
        tests.append(lambda r: r[R_ID] in marked)
    match = text_match(query.text)
    if match:
        tests.append(lambda r: match.matches(search_text(registry, r)))
    return lambda record: all(test(record) for test in tests)


def _outlet(registry: Timeline, source_id: str) -> str:
    source = registry.sources.get(source_id)  # as Timeline.outlets counts an outlet
    return source.outlet if source else source_id


class _Links:
    """The ends of the links of the events written: which are written too (`kept`, as a
    set of ids answers `in`), and what Markdown needs of the others."""

    def __init__(self, scan: Scan, order: list[int]):
        self.scan = scan
        written = bytearray(scan.count)
        for i in order:
            written[i] = 1
        self.written = written
        self.index = dict(scan.target_index)
        for i, event_id, *_ in scan.relations:
            self.index.setdefault(event_id, i)

    def __contains__(self, event_id: str) -> bool:
        index = self.index.get(event_id)
        return index is not None and bool(self.written[index])

    def dangling(self) -> int:
        """export.dangling_links of the events written."""
        return sum(1 for i, _, _, target, _ in self.scan.relations if self.written[i] and target not in self)

    def fill(self, registry: Registry) -> None:
        """What a Markdown export says of the events at the ends of the written events'
        links: the links into each (Timeline.incoming, in time order) and their titles and dates."""
        scan = self.scan
        ranks = {i: r for r, i in enumerate(scan.in_time_order(sorted({r[0] for r in scan.relations})))}
        needed: set[int] = set()
        for i, event_id, relation_type, target, _ in sorted(scan.relations, key=lambda r: ranks[r[0]]):
            registry.incoming.setdefault(target, []).append((relation_type, event_id))
            other = self.index.get(target)
            if self.written[i] and other is not None:
                needed.add(other)
            if other is not None and self.written[other]:
                needed.add(i)
        for i in sorted(needed):  # in file order: the map is read forward
            record = scan.record_at(i)
            registry.related[record[R_ID]] = (record[R_TITLE], record[R_DATE])


# --- writing --------------------------------------------------------------------------------


def written(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces of an output joined into pieces worth a write: a write a line would
    cost more than the line."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= FLUSH:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)


def _indented(text: str, by: str) -> str:
    """JSON written with an indent, one level deeper: json.dumps never writes a line break
    inside a string, so every one is the structure's."""
    return by + text.replace("\n", "\n" + by)


def _pretty(value, indent: int) -> str:
    """json.dumps(value, ensure_ascii=False, indent=indent) for a value with no float in it
    (orjson writes 1e-05 as 0.00001), by orjson: json.dumps writes with an indent in
    Python, a tenth of the speed. orjson indents by two; for one, each line's indent is
    halved, the deepest first, through tabs: orjson writes none (a tab in a text is `\\t`),
    nor a line break in a text, so each line break is followed by the line's indent."""
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    if indent == 1:
        depth = 0
        while "\n" + "  " * (depth + 1) in text:
            depth += 1
        for level in range(depth, 0, -1):
            text = text.replace("\n" + "  " * level, "\n" + "\t" * level)
        text = text.replace("\t", " ")
    return text


_LINE_BREAK = re.compile(r"\n *")
_ITEM_BREAK = re.compile(r",\n *")


def compact(value) -> str:
    """json.dumps(value, ensure_ascii=False), by orjson when it writes the same: a value
    with no float in it (a figure's value may be one; see _pretty), no integer past 64 bits
    and no lone surrogate. orjson writes no separator with a space, but with an indent it
    writes `": "`, and each line break it writes is the structure's (a text's is `\\n`):
    a break after a comma becomes `", "`, the others nothing."""
    if "figures" in value and not all(type(f["value"]) is int for f in value["figures"]):
        return export.dumps(value)
    try:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    except orjson.JSONEncodeError:
        return export.dumps(value)
    return _LINE_BREAK.sub("", _ITEM_BREAK.sub(", ", text))


def _json_items(items: Iterable, indent: int, depth: int, first: bool, exact: Callable[[object], bool]) -> Iterator[str]:
    """The items of a list as json.dumps(..., ensure_ascii=False, indent=indent) writes
    them, each after the line end (and comma, unless `first`) before it; `depth`: how deep
    they stand in the document; `exact(item)`: whether orjson writes it as json does."""
    by = " " * (indent * depth)
    for item in items:
        text = _pretty(item, indent) if exact(item) else json.dumps(item, ensure_ascii=False, indent=indent)
        yield ("\n" if first else ",\n") + _indented(text, by)
        first = False


def json_items(dicts: Iterable[dict], first: bool) -> Iterator[str]:
    """export.to_json's items of these events' dicts (see Scan.json_items)."""
    return _json_items(dicts, 2, 1, first, lambda d: "figures" not in d)  # a figure's value may be a float


def events_of(scan: Scan, order: Iterable[int]) -> Iterator[Event]:
    for record in scan.records_of(order):
        yield Event.from_record(record)


def in_two(order: list[int], body: Callable[[list[int], bool], Iterable[str]], side: "_Side | None" = None
           ) -> Iterator[str]:
    """The pieces of `body(order, True)`: when there are many events, those of the second
    half are written at the same time by a forked child (the second core) into a temporary
    file, and taken from there after the first half's. `body(part, first)` writes the
    events of `part` (`first`: whether they start the output's list), so that the text of
    the two halves is the text of the whole; `side`: what body keeps aside as it writes
    (see _Side). When the child fails (the file changed under it), this process writes
    the second half and says what stopped it."""
    if len(order) <= WRITE_HALVES or not hasattr(os, "fork"):
        yield from body(order, True)
        return
    middle = len(order) // 2
    with tempfile.TemporaryFile() as result, tempfile.TemporaryFile() as aside:
        child = os.fork()
        if child == 0:
            _write_half(order, middle, body, result, side, aside)  # never returns
        waited = False
        try:
            yield from body(order[:middle], True)
            _, status = os.waitpid(child, 0)
            waited = True
            if status != 0:
                yield from body(order[middle:], middle == 0)
                return
            with open(os.dup(result.fileno()), encoding="utf-8", newline="") as text:
                text.seek(0)
                while piece := text.read(FLUSH):
                    yield piece
            if side is not None:
                side.take(aside)
        finally:
            if not waited:  # stopped early (a closed pipe, an error): the child's work is not wanted
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)


def _write_half(order: list[int], middle: int, body, result, side: "_Side | None", aside) -> None:
    """In the child: the second half's pieces into `result`, as UTF-8, and what `side`
    keeps into `aside`; exit 0 when all are written."""
    code = 1
    try:
        if side is not None:
            side.skip(order[:middle], aside)
        for piece in written(body(order[middle:], middle == 0)):
            result.write(piece.encode("utf-8"))
        result.flush()
        if side is not None:
            side.save()
        code = 0
    finally:
        os._exit(code)


class _Side:
    """What a body keeps aside as it writes, for the end of the output (a Markdown
    export's quotes under each article). In the child, `skip(first half, file)` takes
    the state the first half leaves, without writing it; what is kept from then on goes
    to `file`, which `save()` ends; in this process, `take(file)` adds it."""

    def skip(self, part: list[int], file) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def take(self, file) -> None:
        raise NotImplementedError


def table(scan: Scan, order: list[int], width: int | None) -> Iterator[str]:
    """export.to_table, a row at a time: the widths from the arrays."""
    header = export.TABLE_HEADER
    widths = scan.table_widths(order, header)
    yield export.table_line(header, widths, width) + "\n"

    def rows(part: list[int], first: bool) -> Iterator[str]:
        for row in scan.table_rows(part):
            yield export.table_line(row, widths, width) + "\n"

    yield from in_two(order, rows)


def json_list(scan: Scan, order: list[int]) -> Iterator[str]:
    """export.to_json, an event at a time."""
    if not order:
        yield "[]\n"
        return

    def items(part: list[int], first: bool) -> Iterator[str]:
        return scan.json_items(part, first)

    yield "["
    yield from in_two(order, items)
    yield "\n]\n"


def csv_rows(scan: Scan, order: list[int], kept) -> Iterator[str]:
    """export.to_csv, a row at a time."""

    def rows(part: list[int], first: bool, header: bool = False) -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if header:
            writer.writerow(export.CSV_COLUMNS)
        for e in events_of(scan, part):
            row = export.csv_row(scan.registry, e, kept)
            writer.writerow([row[column] for column in export.CSV_COLUMNS])
            if out.tell() >= FLUSH:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
        yield out.getvalue()

    yield from rows([], True, header=True)
    yield from in_two(order, rows)


def jsonl(scan: Scan, order: list[int], kept) -> Iterator[str]:
    """export.to_jsonl, a line at a time."""
    registry = scan.registry
    yield json.dumps(export.file_header(registry), ensure_ascii=False) + "\n"
    names, inline = export.actor_references(registry.actors), export.sources_inline(registry)

    def lines(part: list[int], first: bool) -> Iterator[str]:
        return scan.jsonl_lines(part, kept, names, inline)

    yield from in_two(order, lines)


def timelinejs(scan: Scan, order: list[int], group_by: str) -> Iterator[str]:
    """export.to_timelinejs, a slide at a time: the document is written with a stand-in
    for its list of slides, and the slides go where it stands."""
    registry = scan.registry
    if not order:
        yield json.dumps(export.tjs_document(registry, [], 0), ensure_ascii=False, indent=1) + "\n"
        return
    document = json.dumps(export.tjs_document(registry, [None], len(order)), ensure_ascii=False, indent=1)
    head, tail = document.rsplit("\n  null\n", 1)

    def slides(part: list[int], first: bool) -> Iterator[str]:
        made = (export.tjs_slide(registry, e, group_by) for e in events_of(scan, part))
        yield from _json_items(made, 1, 2, first, lambda slide: True)  # texts and whole numbers only

    yield head
    yield from in_two(order, slides)
    yield "\n" + tail + "\n"


def markdown(scan: Scan, order: list[int], kept, filters: str) -> Iterator[str]:
    """export.to_markdown, an event at a time. What each event takes from each article
    goes to a temporary file as it is written, and comes back under the article in Sources."""
    return one_line_end(_markdown(scan, order, kept, filters))


def _markdown(scan: Scan, order: list[int], kept, filters: str) -> Iterator[str]:
    registry = scan.registry
    yield from _lines(export.markdown_head(registry, len(order), scan.count, filters))

    def event(e: Event, year: int | None, numbers: dict[str, int]) -> str:
        return "".join(_lines(export.markdown_event(registry, e, year, numbers, kept)))

    def quotes(e: Event, source_id: str) -> str:
        return "".join(_lines(export.source_quotes(e, source_id)))

    with tempfile.TemporaryFile() as spill:
        chronology = _Chronology(scan, spill, event, quotes)
        try:
            yield from in_two(order, chronology.lines, chronology)
            if not chronology.numbers:
                return
            yield from _lines(export.MARKDOWN_SOURCES)
            spill.flush()
            for source_id, number in chronology.numbers.items():
                yield from _lines(export.source_heading(registry, source_id, number))
                yield from chronology.kept_for(number)
                yield "\n"
        finally:
            chronology.close()


def html(scan: Scan, order: list[int], kept, filters: list[str]) -> Iterator[str]:
    """html_report.to_html, an event at a time; the events under each article are kept
    aside until the Sources are written, as Markdown's quotes are."""
    from . import html_report as page

    registry = scan.registry
    yield page.head(registry, len(order), scan.count, filters)

    def event(e: Event, year: int | None, numbers: dict[str, int]) -> str:
        return page.event(registry, e, year, numbers, kept)

    with tempfile.TemporaryFile() as spill:
        chronology = _Chronology(scan, spill, event, lambda e, source_id: page.citing_item(e))
        try:
            yield from in_two(order, chronology.lines, chronology)
            yield page.chronology_end(chronology.year)
            if chronology.numbers:
                yield page.sources_head()
                spill.flush()
                for source_id, number in chronology.numbers.items():
                    yield page.source_head(registry, source_id, number)
                    yield from chronology.kept_for(number)
                    yield page.SOURCE_END
                yield page.SOURCES_END
        finally:
            chronology.close()
    yield page.TAIL


class _Chronology(_Side):
    """A report's events (Markdown's or HTML's), part by part: their text, each article
    numbered in the order it is first cited, and what comes under each article in the
    Sources kept in a spill file until then (by article number: where each event's text
    stands). Written in two halves, each half has its own spill. `event(e, year,
    numbers)`: the event's text, given the year of the one before; `aside(e, source_id)`:
    what it puts under the article."""

    def __init__(self, scan: Scan, spill, event: Callable, aside: Callable):
        self.scan, self.event, self.aside = scan, event, aside
        self.numbers: dict[str, int] = {}
        self.year: int | None = None
        self.spills = [spill]
        self.spilled: list[list[array]] = [[]]  # by spill, by article: (offset, length) of each event's text
        self._aside = None

    def lines(self, part: list[int], first: bool = True) -> Iterator[str]:
        numbers, spill, spilled = self.numbers, self.spills[-1], self.spilled[-1]
        for e in events_of(self.scan, part):
            yield self.event(e, self.year, numbers)
            self.year = (e.date.start or e.date.end).year
            for source_id in dict.fromkeys(c.source for c in e.sources):
                text = self.aside(e, source_id).encode("utf-8")
                number = numbers[source_id]
                while len(spilled) < number:
                    spilled.append(array("q"))
                spilled[number - 1].extend((spill.tell(), len(text)))
                spill.write(text)

    def skip(self, part: list[int], file) -> None:
        """The numbers and the year as the event texts leave them after `part`."""
        numbers = self.numbers
        for record in self.scan.records_of(part):
            for citation in record[R_SOURCES]:
                numbers.setdefault(citation[0], len(numbers) + 1)
            when = parse_date(record[R_DATE])
            self.year = (when.start or when.end).year
        self._aside = file
        self.spills, self.spilled = [tempfile.TemporaryFile()], [[]]

    def save(self) -> None:
        """The numbers, the year, the places and the texts kept, into the file given to skip."""
        spill, aside = self.spills[0], self._aside
        spill.seek(0)
        head = orjson.dumps({"numbers": self.numbers, "year": self.year,
                             "spilled": [list(places) for places in self.spilled[0]]})
        aside.write(len(head).to_bytes(8, "little") + head)
        while piece := spill.read(CHUNK):
            aside.write(piece)
        aside.flush()

    def take(self, file) -> None:
        file.seek(0)
        head = orjson.loads(file.read(int.from_bytes(file.read(8), "little")))
        self.numbers = head["numbers"]  # the first half's, and those first cited in the second
        self.year = head["year"]  # the last event's
        at = file.tell()
        self.spills.append(open(os.dup(file.fileno()), "rb"))  # kept open after in_two closes `file`
        self.spilled.append([array("q", (p + at if k % 2 == 0 else p for k, p in enumerate(places)))
                             for places in head["spilled"]])

    def kept_for(self, number: int) -> Iterator[str]:
        """The texts of an article's events, in time order; read, not mapped (see Scan.record_at)."""
        for spill, spilled in zip(self.spills, self.spilled):
            places = spilled[number - 1] if number <= len(spilled) else ()
            for at in range(0, len(places), 2):
                yield os.pread(spill.fileno(), places[at + 1], places[at]).decode("utf-8")

    def close(self) -> None:
        for spill in self.spills[1:]:  # the child's, which take opened
            spill.close()


def _lines(lines: list[str]) -> Iterator[str]:
    for line in lines:
        yield line + "\n"


def one_line_end(pieces: Iterable[str]) -> Iterator[str]:
    """The text of the pieces with its line breaks at the end made one, as
    `text.rstrip("\\n") + "\\n"` would: a run of them is held back until more text comes."""
    held = ""
    for piece in pieces:
        body = piece.rstrip("\n")
        if body:
            yield held + body
            held = piece[len(body):]
        else:
            held += piece
    yield "\n"
