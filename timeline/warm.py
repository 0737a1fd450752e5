"""The warm road: `check`, `list` and `export` of a JSON Lines file from its cache entry
(the columnar store, store.py), when one is valid, instead of reading the file again.

A command cannot take back what it has printed, so the entry is checked whole before
anything is written: the file's status as the entry recorded it, its content hash, and
the CRC of every region of the store's events and columns files (read, not mapped, on
this core while the hash runs on the other). Anything that fails is a miss, and the
command takes the streaming road (stream.py), whose output is the same.

`StoreScan` stands where stream.Scan stands for stream.py's writers: the store's timeline
is the registry (what export.py asks a timeline for, the ends of every link included),
the query runs over the store's indexes and search texts (query.Searcher, as in the app),
and the chosen events are decoded a batch of the events file at a time, column by
column (Arrow turns a column into Python far faster than a row), so that no more than a
batch of records is held at once, and the pages of the file read are let go as the
streaming road lets go of its file's.
"""

from __future__ import annotations

import bisect
import mmap
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from . import export, store
from .dates import parse_date
from .model import Event, Timeline
from .query import Query, Searcher
from .store import Damaged

DROP_BATCHES = 16  # batches decoded between two releases of the events file's pages (some 45 MB)


def warm_scan(path: str | Path, selection=None) -> "StoreScan | None":
    """The store of a valid cache entry for the file at `path`, checked whole, or None."""
    timeline = open_checked(Path(path))
    return None if timeline is None else StoreScan(timeline, selection)


def open_checked(path: Path) -> Timeline | None:
    """The timeline of the file's cache entry when its status, its content and every
    region of the store it is read from check; else None (see cache.read_entry)."""
    from .cache import read_entry, usable_entry

    found = usable_entry(path)
    if found is None:
        return None
    entry, fingerprint = found
    timeline = read_entry(entry, fingerprint)
    if timeline is None:
        return None
    fingerprint.start()  # hashed on the other core while the store is checked here
    if not _store_checks(timeline) or not timeline.content_check():
        return None
    return timeline


def _store_checks(timeline: Timeline) -> bool:
    """Whether every region of the events and columns files checks (their CRCs), and the
    columns the writers read are whole."""
    try:
        records = timeline.records
        columns = timeline._columns.columns  # GuardedColumns over StoredColumns (store.py)
        for file in (records.file, columns.file):
            file.check_whole()
        for name in ("ids", "by_id", "incoming"):
            columns[name]
    except (Damaged, AttributeError, KeyError, ValueError, OSError, pa.ArrowException):
        return False
    return True


class StoreScan:
    """A store read as stream.py's writers read a Scan (see the module's docstring)."""

    def __init__(self, timeline: Timeline, selection=None):
        self.registry = self.timeline = timeline
        self.selection = selection
        self.problems = list(timeline.warnings)  # a file with an entry had no error
        self.count = len(timeline.records)
        self.query: Query | None = None
        self._file = timeline.records.file
        self._decoded = 0
        self._shown_dates: dict[str, str] = {}  # a date as written → as shown (When.display)

    def errors(self) -> bool:
        return False

    def close(self) -> None:
        pass

    def select(self) -> Sequence[int]:
        """The events the filters keep, in time order (the store's order)."""
        selection = self.selection
        self.query = Query() if selection is None else selection.query(self.timeline, None, None)
        if self.query == Query():
            return range(self.count)
        return Searcher(self.timeline).run(self.query)

    def in_time_order(self, chosen: Iterable[int]) -> Sequence[int]:
        return chosen if isinstance(chosen, range) else sorted(chosen)

    def links(self, order: Sequence[int]) -> "StoreLinks":
        return StoreLinks(self, order)

    def record_at(self, index: int) -> tuple:
        return self.timeline.record(index)

    # --- decoding a batch at a time ----------------------------------------------------------

    def _batches(self, order: Sequence[int]) -> Iterator[tuple[int, list[int] | None]]:
        """(batch number, the rows of it chosen, or None for all) for a sorted `order`."""
        whole = isinstance(order, range) and order.step == 1
        for number in range(-(-self.count // store.BATCH_ROWS)):
            base = number * store.BATCH_ROWS
            low, high = bisect.bisect_left(order, base), bisect.bisect_left(order, base + store.BATCH_ROWS)
            if low == high:
                continue
            size = min(store.BATCH_ROWS, self.count - base)
            if whole and high - low == size:
                yield number, None
            else:
                yield number, [i - base for i in order[low:high]]

    def records_of(self, order: Sequence[int]) -> Iterator[tuple]:
        """The records of the events at `order` (sorted), as the store's rows give them."""
        for number, rows in self._batches(order):
            yield from self._decode(number, rows)

    def _decode(self, number: int, rows: list[int] | None, decode=None, instead=None) -> list:
        """The records of the rows of a batch; with `decode`, what it makes of the batch
        from its columns instead (`instead(records)`: the same from the records, for a
        batch that does not check)."""
        try:
            batch = self._file.batch(number)
            self.timeline.records.checks.dictionaries(batch)
            if rows is not None:
                batch = batch.take(pa.array(rows, pa.int32()))
            _refuse_gaps(batch)
            made = (decode or decode_batch)(batch)
        except (Damaged, pa.ArrowException, ValueError, TypeError):
            made = None
        self._release()
        if made is None:  # a row not as the loader gives it: the store's own road, which recovers
            base = number * store.BATCH_ROWS
            positions = range(base, base + self._file.rows(number)) if rows is None else [base + r for r in rows]
            records = [self.timeline.record(i) for i in positions]
            return records if decode is None else instead(records)
        return made

    def jsonl_lines(self, order: Sequence[int], kept: "StoreLinks", names: dict[str, str], inline: bool
                    ) -> Iterator[str]:
        """The lines of a JSON Lines export of these events, a batch at a time from the
        columns (jsonl_batch); the rows it leaves to Python, by stream.compact."""
        from .stream import compact

        def by_python(records: list[tuple]) -> list[str]:
            return [compact(export.file_record(self.timeline, r, kept, names, inline)) + "\n" for r in records]

        for number, rows in self._batches(order):
            lines = self._decode(number, rows, lambda batch: jsonl_batch(batch, self.timeline, names, inline,
                                                                         kept.every), by_python)
            left = [n for n, line in enumerate(lines) if line is None]
            if left:
                chosen = left if rows is None else [rows[n] for n in left]
                for n, line in zip(left, by_python(self._decode(number, chosen))):
                    lines[n] = line
            yield "".join(lines)

    def json_items(self, order: Sequence[int], first: bool) -> Iterator[str]:
        """The items of `list --format json` (see stream.Scan.json_items), a batch at a time
        from the columns (jsonl_batch, as json.dumps indents); the rows it leaves, by Python."""
        from .stream import json_items

        def by_python(records: list[tuple], first: bool) -> str:
            return "".join(json_items((export.record_to_dict(r) for r in records), first))

        for number, rows in self._batches(order):
            items = self._decode(number, rows, lambda batch: jsonl_batch(batch, self.timeline, {}, False, True, PRETTY),
                                 lambda records: [by_python([r], False) for r in records])
            left = [n for n, item in enumerate(items) if item is None]
            if left:
                chosen = left if rows is None else [rows[n] for n in left]
                for n, record in zip(left, self._decode(number, chosen)):
                    items[n] = by_python([record], False)
            text = "".join(items)
            if first:  # the first item of the list follows its bracket, with no comma
                text, first = "\n" + text[2:], False
            yield text

    def table_rows(self, order: Sequence[int]) -> Iterator[tuple]:
        """export.table_row of each event, from the columns it shows (no record made)."""
        def by_python(records: list[tuple]) -> list[tuple]:
            return [export.table_row(self.timeline, Event.from_record(r)) for r in records]

        for number, rows in self._batches(order):
            yield from self._decode(number, rows, self._table_rows, by_python)

    def _table_rows(self, batch: pa.RecordBatch) -> list[tuple]:
        name = self.timeline.actor_name
        shown = self._shown_dates
        dates = batch.column("date").dictionary_encode()
        displays = []
        for date in dates.dictionary.to_pylist():
            if date not in shown:
                shown[date] = parse_date(date).display()
            displays.append(shown[date])
        actors = batch.column("actors")
        ids = actors.values.field("actor").dictionary.to_pylist()
        codes, offsets = actors.values.field("actor").indices.to_pylist(), actors.offsets.to_pylist()
        names = [", ".join(name(a) for a in dict.fromkeys(ids[c] for c in codes[offsets[n]:offsets[n + 1]]))
                 for n in range(len(actors))]
        return list(zip(_texts(batch.column("id")), [displays[c] for c in dates.indices.to_pylist()],
                        _texts(batch.column("kind")), _texts(batch.column("title")), names))

    def _release(self) -> None:
        """Now and then let go of the events file's pages (the system keeps them cached):
        read through, the file would otherwise count whole in this process's memory."""
        self._decoded += 1
        if self._decoded % DROP_BATCHES == 0 and hasattr(mmap, "MADV_DONTNEED"):
            self._file.map.madvise(mmap.MADV_DONTNEED)

    def titles_and_dates(self, order: Sequence[int]) -> dict[str, tuple[str, str]]:
        """Each event's id → its title and its date as written."""
        found = {}
        for number, rows in self._batches(order):
            batch = self._file.batch(number)
            if rows is not None:
                batch = batch.take(pa.array(rows, pa.int32()))
            found.update(zip(_texts(batch.column("id")), zip(_texts(batch.column("title")), _texts(batch.column("date")))))
        return found

    def table_widths(self, order: Sequence[int], header: Sequence[str]) -> list[int]:
        """The widths of export.to_table's first three columns, from the store's columns."""
        id_width, dates, kinds = len(header[0]), set(), set()
        for number, rows in self._batches(order):
            batch = self._file.batch(number)
            if rows is not None:
                batch = batch.take(pa.array(rows, pa.int32()))
            id_width = max(id_width, pc.max(pc.utf8_length(batch.column("id"))).as_py() or 0)
            dates.update(pc.unique(batch.column("date")).to_pylist())
            kinds.update(pc.unique(batch.column("kind").dictionary_decode()).to_pylist())
            self._release()
        return [id_width, max([len(header[1])] + [len(parse_date(d).display()) for d in dates]),
                max([len(header[2])] + [len(k) for k in kinds])]


class StoreLinks:
    """Which events are written (an id answers `in`), for the links an export keeps; the
    ends of every link are the store timeline's own, so nothing is filled in."""

    def __init__(self, scan: StoreScan, order: Sequence[int]):
        self.scan = scan
        self.timeline = timeline = scan.timeline
        count = len(timeline.records)
        self.every = len(order) == count
        if self.every:
            self.written = bytearray(b"\x01") * count
        else:
            self.written = bytearray(count)
            for i in order:
                self.written[i] = 1

    def __contains__(self, event_id: str) -> bool:
        if self.every:  # what is asked is the end of a link, and in a file with an entry each is an event
            return True
        index = self.timeline.by_id.get(event_id)
        return index is not None and bool(self.written[index])

    def fill(self, registry: Timeline) -> None:
        """What a chronology says of the ends of the written events' links, at hand: the
        scan's registry becomes a LinkedRegistry (looked up by id, each would cost a
        search of the ids and a row decoded). Every link is in the store's incoming
        column, by positions, so no id is looked up."""
        timeline, written = self.timeline, self.written
        incoming = timeline.incoming
        ids = timeline.ids
        into: dict[str, list[tuple[str, str]]] = {}
        ends: set[int] = set()
        for target in range(len(written)):
            start, end = incoming.offsets[target], incoming.offsets[target + 1]
            if start == end:
                continue
            if written[target]:
                into[ids[target]] = incoming.at(target)
                ends.update(incoming.events[start:end])
            if any(written[source] for source in incoming.events[start:end]):
                ends.add(target)
        self.scan.registry = LinkedRegistry(timeline, into, self.scan.titles_and_dates(sorted(ends)))

    def dangling(self) -> int:
        """export.dangling_links of the events written: links from them to events not written
        (every link of a file with an entry reaches an event: one that does not is an error)."""
        if self.every:
            return 0
        incoming, written = self.timeline.incoming, self.written
        offsets, sources = incoming.offsets, incoming.events
        found = 0
        for target in range(len(written)):
            if not written[target]:
                found += sum(written[sources[k]] for k in range(offsets[target], offsets[target + 1]))
        return found


class LinkedRegistry:
    """A store's timeline as a chronology reads it (export.markdown_event, html_report),
    with the links into the written events and the titles and dates of the events at the
    ends of their links at hand, as stream.Registry holds them; all else is the timeline's."""

    def __init__(self, timeline: Timeline, incoming: dict[str, list[tuple[str, str]]],
                 ends: dict[str, tuple[str, str]]):
        self.timeline, self.incoming, self.ends = timeline, incoming, ends

    def __getattr__(self, name: str):
        return getattr(self.timeline, name)

    def event(self, event_id: str) -> Event | None:
        found = self.ends.get(event_id)
        return None if found is None else Event(event_id, parse_date(found[1]), "other", found[0])

    def is_denied(self, event) -> bool:
        return Timeline.is_denied(self, event)


# --- a batch of the events file into records -------------------------------------------------


def _texts(array: pa.Array) -> list:
    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    return array.to_pylist()


def _listed(array: pa.Array, fields: Sequence[str], convert=None) -> list[tuple]:
    """A list<struct> column as a tuple of tuples a row (the struct's fields in `fields`' order)."""
    if array.null_count:
        raise ValueError("a list with gaps")
    values = array.values
    if values.offset or values.null_count:
        raise ValueError("list items with gaps")
    items = list(zip(*(_texts(values.field(name)) for name in fields)))
    if convert is not None:
        items = [convert(item) for item in items]
    offsets = array.offsets.to_pylist()
    return [tuple(items[offsets[n]:offsets[n + 1]]) for n in range(len(array))]


def _figure(item: tuple) -> tuple:
    quantity, value, what, qualifier, claimed_by, as_of = item
    return quantity, int(value) if value.is_integer() else value, what, qualifier, claimed_by, as_of


def decode_batch(batch: pa.RecordBatch) -> list[tuple]:
    """The records of a batch that _refuse_gaps passed, as store.RecordChecks.record gives
    them, column by column."""
    column = batch.column
    actors = _listed(column("actors"), ("actor", "role"))
    sources = _listed(column("sources"), ("source", "quote", "line", "paraphrase"))
    related = _listed(column("related"), ("type", "event", "line"))
    figures = _listed(column("figures"), ("quantity", "value", "what", "qualifier", "claimed_by", "as_of"), _figure)
    tags_column = column("tags")
    if tags_column.null_count or tags_column.values.null_count:
        raise ValueError("tags with gaps")
    tag_values, tag_offsets = tags_column.values.to_pylist(), tags_column.offsets.to_pylist()
    tags = [tuple(tag_values[tag_offsets[n]:tag_offsets[n + 1]]) for n in range(len(tags_column))]
    return list(zip(_texts(column("id")), _texts(column("date")), _texts(column("kind")), _texts(column("title")),
                    _texts(column("date_basis")), _texts(column("summary")), actors, _texts(column("location")),
                    _texts(column("status")), sources, related, figures, tags, _texts(column("line"))))


def _refuse_gaps(batch: pa.RecordBatch) -> None:
    """What RecordChecks.record refuses in a row, for the whole batch at once."""
    column = batch.column
    for name in ("id", "date", "kind", "title", "status", "sources", "related", "figures", "tags", "line"):
        if column(name).null_count:
            raise ValueError(f"a {name} missing")
    sources = column("sources")
    if len(sources) and pc.min(pc.list_value_length(sources)).as_py() < 1:
        raise ValueError("an event with no source")
    cited = sources.values
    if cited.field("line").null_count or pc.any(pc.equal(pc.is_null(cited.field("quote")),
                                                         pc.is_null(cited.field("paraphrase")))).as_py():
        raise ValueError("a citation neither quoted nor paraphrased, or both")
    if column("actors").values.field("actor").null_count:
        raise ValueError("an actor missing")
    links = column("related").values
    if any(links.field(name).null_count for name in ("type", "event", "line")):
        raise ValueError("a link missing a part")
    figures = column("figures").values
    if any(figures.field(name).null_count for name in ("quantity", "value", "qualifier")) or \
            (len(figures) and pc.min(figures.field("value")).as_py() < 0):
        raise ValueError("a figure that is no count")
    for date in pc.unique(column("date")).to_pylist():
        parse_date(date)  # DateError is a ValueError
    for date in pc.unique(figures.field("as_of").drop_null()).to_pylist():
        parse_date(date)


# --- JSON Lines from the columns ---------------------------------------------------------------

# How json.dumps(ensure_ascii=False) writes the characters it escapes in a text.
_ESCAPED = {chr(c): f"\\u{c:04x}" for c in range(32)} | {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
                                                          "\r": "\\r"}
_CONTROLS = "[\\x00-\\x1f]"


def _quoted(array: pa.Array) -> pa.Array:
    """Each text as json.dumps(text, ensure_ascii=False) writes it (a gap stays one)."""
    if pa.types.is_dictionary(array.type):
        return pc.take(_quoted(array.dictionary), array.indices)
    text = pc.replace_substring(pc.replace_substring(array, "\\", "\\\\"), '"', '\\"')
    if pc.any(pc.match_substring_regex(text, _CONTROLS)).as_py():
        for character, escaped in _ESCAPED.items():
            text = pc.replace_substring(text, character, escaped)
    return pc.binary_join_element_wise('"', text, '"', "")


class Layout:
    """How json.dumps lays out an event: on one line (`compact`), or indented by two as an
    item of a list (`indented`, `list --format json`): what opens and closes an event and
    an object in one of its lists, and what comes between their keys and between items."""

    def __init__(self, indent: str | None):
        if indent is None:
            self.start, self.key, self.end = "{", ", ", "}\n"
            self.list_start, self.item, self.list_end = "[", ", ", "]"
            self.inner_start, self.inner_key, self.inner_end = "{", ", ", "}"
            return
        keys, items, inner = (indent * n for n in (2, 3, 4))
        self.start, self.key, self.end = ",\n" + indent + "{\n" + keys, ",\n" + keys, "\n" + indent + "}"
        self.list_start, self.item, self.list_end = "[\n" + items, ",\n" + items, "\n" + keys + "]"
        self.inner_start, self.inner_key, self.inner_end = "{\n" + inner, ",\n" + inner, "\n" + items + "}"


COMPACT, PRETTY = Layout(None), Layout("  ")


def _optional(key: str, value: pa.Array, layout: Layout = COMPACT) -> pa.Array:
    """`, "key": value`, or nothing where the value is a gap."""
    return pc.fill_null(pc.binary_join_element_wise(f'{layout.key}"{key}": ', value, ""), "")


def _list_of(key: str, lists: pa.Array, items: pa.Array, layout: Layout, always: bool = False) -> pa.Array:
    """`, "key": [item, ...]` of each row's items (`items`: one a value of `lists`), or
    nothing for an empty list unless `always`."""
    joined = pc.binary_join(pa.ListArray.from_arrays(lists.offsets, items), layout.item)
    written = pc.binary_join_element_wise(f'{layout.key}"{key}": {layout.list_start}', joined, layout.list_end, "")
    return written if always else pc.if_else(pc.equal(pc.list_value_length(lists), 0), "", written)


def _inner(layout: Layout, *pieces) -> pa.Array:
    """An object in an event's list: its keys and values as pieces, `key` between them."""
    return pc.binary_join_element_wise(layout.inner_start, *pieces, layout.inner_end, "")


def jsonl_batch(batch: pa.RecordBatch, registry: Timeline, names: dict[str, str], inline: bool,
                every: bool, layout: Layout = COMPACT) -> list[str | None]:
    """export.file_record's line of each row as stream.compact writes it (with PRETTY, an
    item of export.to_json's list, after a comma), from the columns; None for a row with
    figures (a value may be a float, written by Python's repr), or with links when not every
    event is written (each end looked up): Python writes those."""
    k = layout.inner_key
    column = batch.column
    date = column("date").dictionary_encode()
    edtf = pa.array([export.record_to_dict(("", d, "", "", None, None, (), None, "", (), (), (), (), 0))["date"]
                     for d in date.dictionary.to_pylist()], pa.string())
    actors = column("actors")
    who = actors.values.field("actor")
    written_as = pa.array([names.get(a, a) for a in who.dictionary.to_pylist()], pa.string())
    name = pc.take(_quoted(written_as), who.indices)
    role = actors.values.field("role")
    actor_items = pc.if_else(pc.is_null(role), name, _inner(layout, '"actor": ', name, k + '"role": ', _quoted(role)))
    sources = column("sources")
    cited = sources.values
    said = pc.if_else(pc.is_null(cited.field("quote")),
                      pc.binary_join_element_wise(k + '"paraphrase": ', _quoted(cited.field("paraphrase")), ""),
                      pc.binary_join_element_wise(k + '"quote": ', _quoted(cited.field("quote")), ""))
    source = cited.field("source")
    in_place = [_in_place(registry, s) if inline else "" for s in source.dictionary.to_pylist()]
    source_items = _inner(layout, '"source": ', pc.take(_quoted(source.dictionary), source.indices), said,
                          pc.take(pa.array(in_place, pa.string()), source.indices))
    related = column("related")
    links = related.values
    link_items = _inner(layout, '"type": ', _quoted(links.field("type")), k + '"event": ', _quoted(links.field("event")))
    tags = column("tags")
    lines = pc.binary_join_element_wise(
        layout.start, '"id": ', _quoted(column("id")), layout.key + '"date": ', pc.take(_quoted(edtf), date.indices),
        _optional("date_basis", _quoted(column("date_basis")), layout), layout.key + '"kind": ',
        _quoted(column("kind")), layout.key + '"title": ', _quoted(column("title")),
        _optional("summary", _quoted(column("summary")), layout), _list_of("actors", actors, actor_items, layout),
        _optional("location", _quoted(column("location")), layout), layout.key + '"status": ',
        _quoted(column("status")), _list_of("sources", sources, source_items, layout, always=True),
        _list_of("related", related, link_items, layout), _list_of("tags", tags, _quoted(tags.values), layout),
        layout.end, "")
    python = pc.greater(pc.list_value_length(column("figures")), 0)
    if not every:
        python = pc.or_(python, pc.greater(pc.list_value_length(related), 0))
    return [None if by_python else line for line, by_python in zip(lines.to_pylist(), python.to_pylist())]


def _in_place(registry: Timeline, source_id: str) -> str:
    """What export.file_record adds to a citation when the sources are given in place."""
    from .stream import compact

    fields = compact(export._source_to_dict(registry.sources[source_id]))
    return "" if fields == "{}" else ", " + fields[1:-1]
