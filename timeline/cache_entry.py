"""The header of a cache entry: what the store's Arrow files (store.py) do not hold, as
data and nothing else.

    MAGIC (16 bytes), then the header's length and CRC-32 (two little-endian u32)
    the header, JSON: the format and fingerprint the entry was made for, the title, the
    kinds, sources, actors and warnings, and a description of each file of the store
    (its size, and the CRC-32 of each of its regions)

The header is written last, when every file of the store is in place: an entry is there
whole or not at all.

Reading runs nothing from the file: it decodes JSON and checks every value's type before
using it. A check that fails raises `Malformed`; the CRC makes a damaged header fail it.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator, Mapping
from itertools import product

import orjson

from .dates import parse_date
from .model import Actor, Source, Timeline
from .problems import Pos, Problem

MAGIC = b"timeline-cache\n\0"
_PREFIX = struct.Struct("<II")  # the header's length and CRC-32
_HEADER_AT = len(MAGIC) + _PREFIX.size

# The types a value may have, by type() and not isinstance(): True is no number here.
TEXT = (str,)
MAYBE_TEXT = (str, type(None))
INT = (int,)


class Malformed(ValueError):
    """The file is not one this version wrote as it wrote it."""


# --- the container: a header with its CRC ---------------------------------------------


def pack(header: dict) -> list[bytes]:
    """The pieces of a file, in order."""
    head = orjson.dumps(header)
    return [MAGIC, _PREFIX.pack(len(head), zlib.crc32(head)), head]


class Container:
    """The header of a file, checked."""

    def __init__(self, data: bytes):
        if len(data) < _HEADER_AT or data[:len(MAGIC)] != MAGIC:
            raise Malformed("not a cache file")
        length, crc = _PREFIX.unpack_from(data, len(MAGIC))
        head = data[_HEADER_AT:]
        if len(head) != length or zlib.crc32(head) != crc:
            raise Malformed("damaged header")
        self.header = orjson.loads(head)
        if type(self.header) is not dict:
            raise Malformed("the header is not a mapping")

    def get(self, key: str, types: tuple):
        return take(self.header, key, types)


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


SOURCE = Shape(TEXT, TEXT, *[MAYBE_TEXT] * 5)
ACTOR = Shape(TEXT, TEXT, (list,), MAYBE_TEXT, MAYBE_TEXT, (bool,))
PROBLEM = Shape(TEXT, INT, INT, TEXT, TEXT)


def text(value) -> str:
    if type(value) is not str:
        raise Malformed("expected text")
    return value


def texts(values) -> list[str]:
    if type(values) is not list or not all(type(v) is str for v in values):
        raise Malformed("expected a list of text")
    return values


class Registry(Mapping):
    """Sources by id, each made from its row when first asked for: a file may cite
    thousands of sources, and a screen shows a few dozen. Every row's shape is checked at
    once; its date, costly to read, when it is made."""

    def __init__(self, rows, shape: Shape, make: Callable):
        if type(rows) is not dict:
            raise Malformed("expected a mapping")
        for row in rows.values():
            shape.row(row)
        self.rows, self.make, self.made = rows, make, {}

    def __getitem__(self, key: str):
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = self.make(self.rows[key])
        return found

    def __contains__(self, key) -> bool:
        return key in self.rows  # without making the source

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def mapping_of(values, decode: Callable) -> dict:
    """A JSON object whose values `decode` turns into model objects."""
    if type(values) is not dict:
        raise Malformed("expected a mapping")
    return {key: decode(value) for key, value in values.items()}


# --- an entry ---------------------------------------------------------------------------


def encode_header(timeline: Timeline, fingerprint: tuple, format: str, files: dict) -> list[bytes]:
    """The pieces of the header of a freshly loaded timeline's entry."""
    header = {
        "format": format, "fingerprint": list(fingerprint), "count": len(timeline.records), "title": timeline.title,
        "path": timeline.path, "corpus": timeline.corpus, "kinds": timeline.kinds,
        "sources": {key: encode_source(s) for key, s in timeline.sources.items()},
        "actors": {key: encode_actor(a) for key, a in timeline.actors.items()},
        "warnings": [encode_problem(p) for p in timeline.warnings],
        "files": files,
    }
    return pack(header)


def decode_header(container: Container) -> Timeline:
    """The timeline an entry's header describes, with no events yet: store.open_timeline
    gives it those."""
    kinds = mapping_of(container.get("kinds", (dict,)), text)
    sources = Registry(container.get("sources", (dict,)), SOURCE, decode_source)
    actors = mapping_of(container.get("actors", (dict,)), decode_actor)
    timeline = Timeline([], sources, actors, kinds, container.get("title", TEXT), columns={})
    timeline.path = container.get("path", MAYBE_TEXT)
    timeline.corpus = container.get("corpus", MAYBE_TEXT)
    timeline.warnings = [decode_problem(p) for p in container.get("warnings", (list,))]
    return timeline


def encode_source(s: Source) -> list:
    return [s.id, s.outlet, s.published.edtf() if s.published else None, s.headline, s.url, s.file, s.note]


def decode_source(value) -> Source:
    source_id, outlet, published, headline, url, file, note = SOURCE.row(value)
    try:
        when = parse_date(published) if published is not None else None
    except ValueError:  # past the header's CRC, only in an entry made by hand: shown with no date
        when = None
    return Source(source_id, outlet, when, headline, url, file, note)


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


