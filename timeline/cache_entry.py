"""The file format of the cache: a timeline to bytes and back, as data and nothing else.

A file is a small JSON header followed by binary sections:

    MAGIC (16 bytes), then the header's length and CRC-32 (two little-endian u32)
    the header, JSON: what the file holds, and where each section lies
    the sections, each at a multiple of 8 bytes (typed columns could be memory-mapped
    where they lie), each with its offset, length and CRC-32 (of its name, then its
    bytes) in the header

An entry's header holds the small things (title, kinds, sources, actors, warnings, the
keys of each index); its sections, the large: the typed columns (raw bytes, their typecode
in the header), the ids and the relations pointing at each event (text, one a line), the
positions of each index, and the records, each event's record as a JSON array, one after
the other, with an array of where each ends, so that a record is decoded only when it is
asked for. The search texts are a file of their own of the same shape, in chunks of texts
separated by NUL, read after the first screen.

Reading runs nothing from the file: it decodes JSON and raw numbers, and checks every
value's type (and that it names what it must: a known kind, source, actor) before using
it. A check that fails raises `Malformed`; the CRCs make a damaged file fail them.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, product

import orjson

from .dates import parse_date
from .model import R_FIGURES, RELATION_TYPES, STATUSES, Actor, Source, Timeline
from .problems import Pos, Problem
from .validation import FIGURE_QUALIFIERS

MAGIC = b"timeline-cache\n\0"
_PREFIX = struct.Struct("<II")  # the header's length and CRC-32
_HEADER_AT = len(MAGIC) + _PREFIX.size
ARRAY_COLUMNS = ("first_day", "last_day", "earliest_day", "month_of")
INDEXES = ("index_actor", "index_kind", "index_source", "index_status")

# The types a value may have, by type() and not isinstance(): True is no number here.
TEXT = (str,)
MAYBE_TEXT = (str, type(None))
INT = (int,)
NUMBER = (int, float)


class Malformed(ValueError):
    """The file is not one this version wrote as it wrote it."""


# --- the container: header and sections -------------------------------------------------


def pack(header: dict, sections: dict[str, bytes]) -> list[bytes]:
    """The pieces of a file, in order (written one by one: a large entry is never joined)."""
    places, offset = {}, 0
    for name, data in sections.items():
        places[name] = [offset, len(data), _crc(name, data)]
        offset = _aligned(offset + len(data))
    head = orjson.dumps({**header, "sections": places})
    pieces = [MAGIC, _PREFIX.pack(len(head), zlib.crc32(head)), head, _padding(_HEADER_AT + len(head))]
    for data in sections.values():
        pieces += [data, _padding(len(data))]
    return pieces


def _crc(name: str, data) -> int:
    """A section's CRC-32, of its name and its bytes: sections swapped do not check."""
    return zlib.crc32(data, zlib.crc32(name.encode("utf-8")))


def _aligned(offset: int) -> int:
    return -(-offset // 8) * 8


def _padding(length: int) -> bytes:
    return bytes(_aligned(length) - length)


class Container:
    """The header and the sections of a file, each section checked when it is taken."""

    def __init__(self, data: bytes):
        if len(data) < _HEADER_AT or data[:len(MAGIC)] != MAGIC:
            raise Malformed("not a cache file")
        length, crc = _PREFIX.unpack_from(data, len(MAGIC))
        head = data[_HEADER_AT:_HEADER_AT + length]
        if len(head) != length or zlib.crc32(head) != crc:
            raise Malformed("damaged header")
        self.header = orjson.loads(head)
        if type(self.header) is not dict:
            raise Malformed("the header is not a mapping")
        self.data = memoryview(data)
        self.base = _aligned(_HEADER_AT + length)

    def get(self, key: str, types: tuple):
        return take(self.header, key, types)

    def section(self, name: str) -> memoryview:
        place = take(self.get("sections", (dict,)), name, (list,))
        if len(place) != 3 or not all(type(n) is int and n >= 0 for n in place):
            raise Malformed(f"the place of {name}")
        offset, length, crc = place
        start = self.base + offset
        if start + length > len(self.data):
            raise Malformed(f"{name} runs past the end")
        view = self.data[start:start + length]
        if _crc(name, view) != crc:
            raise Malformed(f"{name} is damaged")
        return view

    def json(self, name: str):
        return orjson.loads(self.section(name))

    def lines(self, name: str, separator: str = "\n") -> list[str]:
        text = str(self.section(name), "utf-8")
        return text.split(separator) if text else []

    def array(self, name: str) -> array:
        typecode, itemsize = TYPED.row(take(self.get("arrays", (dict,)), name, (list,)))
        if self.get("byteorder", TEXT) != sys.byteorder or typecode not in ("l", "q", "Q"):
            raise Malformed(f"the type of {name}")
        column = array(typecode)
        if column.itemsize != itemsize:
            raise Malformed(f"the item size of {name}")
        column.frombytes(self.section(name))  # a length that is not whole items raises ValueError
        return column


def take(mapping: dict, key, types: tuple):
    """mapping[key], which must be of one of `types`."""
    value = mapping.get(key, Malformed)
    if type(value) not in types:
        raise Malformed(f"{key} should be {' or '.join(t.__name__ for t in types)}")
    return value


class Shape:
    """A list of values of given types, in order, read back as a tuple."""

    def __init__(self, *types: tuple):
        # Every sequence of types the values may have: one lookup checks a row.
        self.allowed = frozenset(product(*types))

    def row(self, values) -> tuple:
        if type(values) is not list or tuple(map(type, values)) not in self.allowed:
            raise Malformed(f"{values!r} is not of the shape expected")
        return tuple(values)

    def rows(self, values) -> tuple:
        if type(values) is not list:
            raise Malformed("expected a list")
        return tuple(map(self.row, values))


RECORD = Shape(TEXT, TEXT, TEXT, TEXT, MAYBE_TEXT, MAYBE_TEXT, (list,), MAYBE_TEXT, TEXT, (list,), (list,),
               (list,), (list,), INT)  # see Event.to_record
ACTOR_ROLE, RELATION = Shape(TEXT, MAYBE_TEXT), Shape(TEXT, TEXT, INT)
CITATION = Shape(TEXT, MAYBE_TEXT, INT, MAYBE_TEXT)  # source, quote, line, paraphrase: one of the two
FIGURE = Shape(TEXT, NUMBER, MAYBE_TEXT, TEXT, MAYBE_TEXT, MAYBE_TEXT)
SOURCE = Shape(TEXT, TEXT, *[MAYBE_TEXT] * 5)
ACTOR = Shape(TEXT, TEXT, (list,), MAYBE_TEXT, MAYBE_TEXT, (bool,))
PROBLEM = Shape(TEXT, INT, INT, TEXT, TEXT)
TYPED = Shape(TEXT, INT)  # an array's typecode and item size; an index key and its count


def text(value) -> str:
    if type(value) is not str:
        raise Malformed("expected text")
    return value


def texts(values) -> list[str]:
    if type(values) is not list or not all(type(v) is str for v in values):
        raise Malformed("expected a list of text")
    return values


def mapping_of(values, decode: Callable) -> dict:
    """A JSON object whose values `decode` turns into model objects."""
    if type(values) is not dict:
        raise Malformed("expected a mapping")
    return {key: decode(value) for key, value in values.items()}


# --- an entry ---------------------------------------------------------------------------


def encode_entry(timeline: Timeline, fingerprint: tuple, format: str) -> list[bytes]:
    """The pieces of the entry for a freshly loaded timeline whose indexes are built.

    Raises ValueError or TypeError when a value would not read back as it is (a number
    JSON cannot hold, text that is not UTF-8): such a timeline is not cached."""
    count = len(timeline.records)
    records, ends = encode_records(timeline)
    indexes = dict(zip(INDEXES, timeline.indexes()))
    arrays = {name: getattr(timeline, name) for name in ARRAY_COLUMNS}
    arrays["with_figures"] = array("q", timeline.index_figures())
    arrays["record_ends"] = ends
    # Each index: its keys and how many positions each has (header), the positions (array).
    arrays.update({name: array("q", chain.from_iterable(index.values())) for name, index in indexes.items()})
    header = {
        "format": format, "fingerprint": list(fingerprint), "count": count, "title": timeline.title,
        "path": timeline.path, "corpus": timeline.corpus, "kinds": timeline.kinds,
        "sources": {key: encode_source(s) for key, s in timeline.sources.items()},
        "actors": {key: encode_actor(a) for key, a in timeline.actors.items()},
        "warnings": [encode_problem(p) for p in timeline.warnings],
        "byteorder": sys.byteorder,
        "arrays": {name: [a.typecode, a.itemsize] for name, a in arrays.items()},
        "indexes": {name: [[key, len(positions)] for key, positions in index.items()]
                    for name, index in indexes.items()},
    }
    sections = {name: a.tobytes() for name, a in arrays.items()}
    sections["ids"] = encode_lines(timeline.ids)
    sections.update(encode_incoming(timeline.incoming))
    sections["records"] = records
    return pack(header, sections)


def encode_lines(values: list[str], separator: str = "\n") -> bytes:
    """Text one a line (ids and relation types, which are slugs), split back at C speed.
    A value that holds the separator, or a single empty one, would not split back."""
    text = separator.join(values)
    if text.count(separator) != max(0, len(values) - 1) or values == [""]:
        raise ValueError("a value that would not split back as it is")
    return text.encode("utf-8")


def encode_incoming(incoming: dict[str, list[tuple[str, str]]]) -> dict[str, bytes]:
    """The relations pointing at each event, as three columns: target, type, source."""
    links = [(target, kind, source) for target, pairs in incoming.items() for kind, source in pairs]
    return {f"incoming_{part}": encode_lines([link[n] for link in links])
            for n, part in enumerate(("target", "type", "source"))}


def decode_incoming(container: Container) -> dict[str, list[tuple[str, str]]]:
    targets, kinds, sources = (container.lines(f"incoming_{part}") for part in ("target", "type", "source"))
    if not len(targets) == len(kinds) == len(sources):
        raise Malformed("the relations' columns differ in length")
    incoming: dict[str, list[tuple[str, str]]] = {}
    for target, kind, source in zip(targets, kinds, sources):
        incoming.setdefault(target, []).append((kind, source))
    return incoming


def encode_records(timeline: Timeline) -> tuple[bytearray, array]:
    """Every record as JSON, one after another, and where each ends."""
    for i in timeline.index_figures():
        if not all(math.isfinite(figure[1]) for figure in timeline.record(i)[R_FIGURES]):
            raise ValueError("JSON holds no infinity")  # orjson would write null
    blob, ends = bytearray(), array("Q")
    for record in timeline.records:
        # Copied at once: each bytes orjson returns holds a few kilobytes however short
        # it is, and a million of them kept would take gigabytes.
        blob += orjson.dumps(record)
        ends.append(len(blob))
    return blob, ends


def decode_entry(container: Container, fallback: Callable[[Timeline], Callable[[int], tuple]]) -> Timeline:
    """The timeline of an entry whose header has been matched to the file.

    Everything is checked here but the records, each checked when it is decoded; one
    that fails its checks is asked of `fallback(timeline)` (the CRCs have passed by then,
    so only an entry made by hand can get there)."""
    count = container.get("count", INT)
    kinds = mapping_of(container.get("kinds", (dict,)), text)
    sources = mapping_of(container.get("sources", (dict,)), decode_source)
    actors = mapping_of(container.get("actors", (dict,)), decode_actor)
    columns = {name: container.array(name) for name in ARRAY_COLUMNS}
    columns["ids"] = container.lines("ids")
    columns["incoming"] = decode_incoming(container)
    with_figures = container.array("with_figures").tolist()
    columns["with_figures"] = checked_positions(with_figures, count)
    ends = container.array("record_ends")
    blob = container.section("records")
    if not all(len(c) == count for c in (*(columns[n] for n in ARRAY_COLUMNS), columns["ids"], ends)):
        raise Malformed("a column of the wrong length")
    if count and ends[-1] != len(blob):
        raise Malformed("the records end elsewhere")
    records = Records(blob, ends, RecordChecks(kinds, sources, actors))
    timeline = Timeline(records, sources, actors, kinds, container.get("title", TEXT), columns=columns)
    records.fallback = fallback(timeline)
    timeline.path = container.get("path", MAYBE_TEXT)
    timeline.corpus = container.get("corpus", MAYBE_TEXT)
    timeline.warnings = [decode_problem(p) for p in container.get("warnings", (list,))]
    timeline.indexes_loader = lambda: read_indexes(container, count)
    return timeline


def read_indexes(container: Container, count: int) -> tuple[dict, dict, dict, dict] | None:
    """The indexes by actor, kind, source and status (read when first filtered by), or
    None when they do not check: the timeline then builds them from its records."""
    try:
        return decode_indexes(container, count)
    except Exception:  # anything in them that is not as this version writes it
        return None


def decode_indexes(container: Container, count: int) -> tuple[dict, dict, dict, dict]:
    found = []
    for name in INDEXES:
        positions = container.array(name).tolist()
        keys, at, index = container.get("indexes", (dict,)).get(name), 0, {}
        for key, length in TYPED.rows(keys):
            index[key] = checked_positions(positions[at:at + length], count)
            at += length
        if at != len(positions):
            raise Malformed(f"{name} has positions of no key")
        found.append(index)
    return tuple(found)


def checked_positions(positions: list[int], count: int) -> list[int]:
    if positions and (min(positions) < 0 or max(positions) >= count):
        raise Malformed("a position past the events")
    return positions


def encode_source(s: Source) -> list:
    return [s.id, s.outlet, s.published.edtf() if s.published else None, s.headline, s.url, s.file, s.note]


def decode_source(value) -> Source:
    source_id, outlet, published, headline, url, file, note = SOURCE.row(value)
    return Source(source_id, outlet, parse_date(published) if published is not None else None,
                  headline, url, file, note)


def encode_actor(a: Actor) -> list:
    return [a.id, a.name, a.aliases, a.type, a.affiliation, a.registered]


def decode_actor(value) -> Actor:
    actor_id, name, aliases, kind, affiliation, registered = ACTOR.row(value)
    return Actor(actor_id, name, tuple(texts(aliases)), kind, affiliation, registered)


def encode_problem(p: Problem) -> list:
    return [p.path, p.pos.line, p.pos.column, p.message, p.severity]


def decode_problem(value) -> Problem:
    path, line, column, message, severity = PROBLEM.row(value)
    return Problem(path, Pos(line, column), message, severity)


# --- records ----------------------------------------------------------------------------


class RecordChecks:
    """Turns a record's JSON back into the loader's tuple, checking what the loader checked:
    types, and that its kind, status, sources, actors and dates are ones the timeline knows
    (the screens look them up)."""

    def __init__(self, kinds: dict, sources: dict, actors: dict):
        self.kinds, self.sources, self.actors = kinds, sources, actors

    def record(self, data) -> tuple:
        (event_id, date, kind, title, basis, summary, actors, location, status, sources, related, figures,
         tags, line) = RECORD.row(orjson.loads(data))
        actors, sources = ACTOR_ROLE.rows(actors), CITATION.rows(sources)
        related, figures = RELATION.rows(related), FIGURE.rows(figures)
        parse_date(date)  # a DateError is a ValueError
        if (kind not in self.kinds or status not in STATUSES or not sources
                or not all(a in self.actors for a, _ in actors)
                or not all(s in self.sources and (q is None) != (p is None) for s, q, _, p in sources)
                or not all(t in RELATION_TYPES for t, _, _ in related)):
            raise Malformed(f"record {event_id} names what the timeline does not know")
        for _, value, _, qualifier, claimed_by, as_of in figures:
            if (qualifier not in FIGURE_QUALIFIERS or (claimed_by is not None and claimed_by not in self.actors)
                    or not math.isfinite(value)):
                raise Malformed(f"a figure of record {event_id}")
            if as_of is not None:
                parse_date(as_of)
        return (event_id, date, kind, title, basis, summary, actors, location, status, sources, related,
                figures, tuple(texts(tags)), line)


class Records(Sequence):
    """A timeline's records, kept encoded and decoded one by one when asked for."""

    def __init__(self, blob: memoryview, ends: array, checks: RecordChecks):
        self.blob, self.ends, self.checks = blob, ends, checks
        self.fallback: Callable[[int], tuple] | None = None  # set by decode_entry, once the timeline exists

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, index: int) -> tuple:
        if index < 0:
            index += len(self.ends)
        if not 0 <= index < len(self.ends):
            raise IndexError(index)
        start = self.ends[index - 1] if index else 0
        try:
            return self.checks.record(self.blob[start:self.ends[index]])
        except Exception:  # anything in it that is not as this version writes it
            return self.fallback(index)


# --- search texts -----------------------------------------------------------------------

TEXT_CHUNK = 10_000  # search texts per chunk: decoding one holds the GIL for a few ms
TEXT_BREAK = "\0"  # between the texts of a chunk; a chunk with one inside a text is JSON


def encode_texts(search_texts: list[str], fingerprint: tuple, format: str) -> list[bytes]:
    chunks, kinds = {}, []
    for n, i in enumerate(range(0, len(search_texts), TEXT_CHUNK)):
        chunk = search_texts[i:i + TEXT_CHUNK]
        try:
            chunks[str(n)] = encode_lines(chunk, TEXT_BREAK)
            kinds.append("lines")
        except ValueError:
            chunks[str(n)] = orjson.dumps(chunk)
            kinds.append("json")
    return pack({"format": format, "fingerprint": list(fingerprint), "chunks": kinds}, chunks)


def decode_texts(container: Container) -> Iterator[list[str]]:
    """The search texts, chunk by chunk: each chunk holds the GIL only briefly, so the
    screen, drawn by another thread, never waits long."""
    for n, kind in enumerate(container.get("chunks", (list,))):
        if kind == "lines":
            yield container.lines(str(n), TEXT_BREAK)
        elif kind == "json":
            yield texts(container.json(str(n)))
        else:
            raise Malformed(f"a chunk of texts of kind {kind!r}")
