"""The first open of a file (no cache yet): read in other processes, shown as it comes.

Two child processes, on the machine's other cores, while the app draws its screen:

- the *preview* child finds the first events in time order and sends them, parsed, for a
  first screen. In a JSON Lines file whose first chunk is in date order, that chunk is
  sent at once; then every event's date is read (a regular expression over the bytes,
  not a parse) and, unless the file turned out in date order all through, the events
  that sort first are sent instead. YAML has no preview: its fast reader gives the whole
  document at once.
- the *load* child reads the file, posting how far it got, and writes the cache entry
  (the store's files to temporary names moved into place, the header last), then says
  so. A JSON Lines file is read by a streaming scan that keeps no Python object per
  event, and the store written from it (scanstore.py); YAML with the loader and
  cache.save (loader.load, every check as today). The app opens the
  entry as it opens any, memory-mapped, and shows it in place of the preview. A file with
  errors sends them instead, which end the app with the messages the command line prints.

The app never holds the file's records: only the preview's few hundred, then the store.
Quitting does not wait: the load child finishes the entry on its own (its own session, so
closing the terminal's app does not stop it), and the next open is warm.

Messages are JSON arrays, each after its length, on the child's standard output (data
only, as the cache is: nothing read back runs code): ("preview", title, sources, actors,
kinds, records, count, final), ("progress", done, estimate), ("problems", [Problem]),
("error", what the command line says of it), ("stored",), ("not stored",); `encode` and
`decode` turn the model's objects into JSON and back (cache_entry.py's forms).
"""

from __future__ import annotations

import math
import mmap
import os
import re
import struct
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson

PREVIEW_EVENTS = 200  # events sent for the first screen of a file not in date order
CHUNK = 1 << 16  # bytes of a chunk: the first screen of a file in date order; a unit of the date scan
PROGRESS_EVERY = 0.1  # seconds between progress messages
SAMPLE = 1 << 20  # bytes read to estimate a file's lines
_FRAME = struct.Struct("<Q")
# An event's date, as a JSON Lines line gives it. Inside a JSON string a quote is always
# escaped, so `"date": "` only matches a key; the preview is checked by the load anyway.
_DATE = re.compile(rb'"date"\s*:\s*"([^"\\\n]*)"')
# The child's program. Not `-m`: that puts the working folder first on the path, and a
# folder holding a `timeline` of its own would be run in place of this one.
_CHILD = "import sys; del sys.path[0]; from timeline.coldopen import main; sys.exit(main(sys.argv[1:]))"
_YEAR_FIRST = re.compile(rb"\d{4}(?!\d)")  # a date that starts with its year


# --- the parent's side ------------------------------------------------------------------


class ColdOpen:
    """The two children reading `path` for an app, and their messages. `pause`: a path the
    load child waits for before it loads (tests hold the load back with it)."""

    def __init__(self, path: str | Path, entry: Path, pause: Path | None = None):
        self.path, self.entry = Path(path), entry
        self.estimate = 0  # events the file holds, roughly: its lines
        jsonl = self.path.suffix.lower() in (".jsonl", ".ndjson")
        self.children = {"load": self._start("load", pause)}
        if jsonl:
            self.children["preview"] = self._start("preview", None)

    def _start(self, mode: str, pause: Path | None) -> subprocess.Popen:
        command = [sys.executable, "-c", _CHILD, mode, str(self.path.resolve()), str(self.entry)]
        if pause is not None:
            command.append(str(pause))
        # Its own session: the load goes on when the app quits, and a ^C in the app is not its.
        # Nothing of it reaches the terminal, which the app draws on.
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                start_new_session=True)

    def messages(self, mode: str) -> Iterator[tuple]:
        """The messages of one child, as they come, until it closes its output."""
        stream = self.children[mode].stdout
        while True:
            head = stream.read(_FRAME.size)
            if len(head) < _FRAME.size:
                return
            body = stream.read(_FRAME.unpack(head)[0])
            yield decode(orjson.loads(body))

    def stop_preview(self) -> None:
        """The preview is of no use once the store is there."""
        child = self.children.get("preview")
        if child is not None and child.poll() is None:
            child.kill()
            child.wait()

    def stop(self) -> None:
        """End both children (tests; a user's quit leaves the load child to finish)."""
        self.stop_preview()
        child = self.children["load"]
        if child.poll() is None:
            child.kill()
        child.wait()

    def close(self) -> None:
        """The app is going: the preview ends, the load child goes on alone. (Its pipe is
        left open: a thread may be reading it, and closing a reader under a read waits
        for the read; the pipe closes with this process, and the child then writes on.)"""
        self.stop_preview()


# --- the messages, as JSON ---------------------------------------------------------------


def encode(message: tuple) -> list:
    from .cache_entry import encode_actor, encode_problem, encode_source

    kind, *rest = message
    if kind == "preview":
        title, sources, actors, kinds, records, count, final = rest
        return [kind, title, {k: encode_source(s) for k, s in sources.items()},
                {k: encode_actor(a) for k, a in actors.items()}, kinds, records, count, final]
    if kind == "problems":
        return [kind, [encode_problem(p) for p in rest[0]]]
    if kind == "error":
        error = rest[0]
        if isinstance(error, OSError):
            return [kind, "OSError", error.errno, error.strerror, error.filename]
        return [kind, type(error).__name__]
    return [kind, *rest]


def decode(message: list) -> tuple:
    from .cache_entry import decode_actor, decode_problem, decode_source

    kind, *rest = message
    if kind == "preview":
        title, sources, actors, kinds, records, count, final = rest
        return (kind, title, {k: decode_source(s) for k, s in sources.items()},
                {k: decode_actor(a) for k, a in actors.items()}, kinds, [_record(r) for r in records], count, final)
    if kind == "problems":
        return kind, [decode_problem(p) for p in rest[0]]
    if kind == "error":
        name, *details = rest
        return kind, OSError(*details) if name == "OSError" else RecursionError() if name == "RecursionError" \
            else MemoryError()
    return (kind, *rest)


def _record(values: list) -> tuple:
    """A record (Event.to_record) from its JSON form: each list a tuple again."""
    (event_id, date, kind, title, basis, summary, actors, location, status, sources, related, figures, tags,
     line) = values
    return (event_id, date, kind, title, basis, summary, tuple(map(tuple, actors)), location, status,
            tuple(map(tuple, sources)), tuple(map(tuple, related)), tuple(map(tuple, figures)), tuple(tags), line)


# --- the children ----------------------------------------------------------------------


def _sender(stream) -> Callable[[tuple], bool]:
    """Send a message; False once the app has gone (the child then goes on without it)."""
    alive = True

    def send(message: tuple) -> bool:
        nonlocal alive
        if alive:
            body = orjson.dumps(encode(message))
            try:
                stream.write(_FRAME.pack(len(body)) + body)
                stream.flush()
            except OSError:  # the app has quit
                alive = False
        return alive

    return send


def run_load(path: Path, entry: Path, send: Callable[[tuple], bool], pause: Path | None = None) -> None:
    """Load the file as the loader does, then write its cache entry."""
    from . import scanstore
    from .cache import Fingerprint, save
    from .loader import load
    from .problems import LoadError

    parent = os.getppid()
    while pause is not None and not pause.exists():
        if os.getppid() != parent:
            return  # the test holding it back has gone: nothing will let it go
        time.sleep(0.02)
    try:
        fingerprint = Fingerprint(path)
        fingerprint.start()  # hashed while the file is loaded
        if scanstore.usable(path):  # the store written from a streaming read, no Timeline held
            stored = scanstore.write_entry(path, entry, fingerprint.value, _progress(send, path),
                                           lambda: send(("progress", -1, 0)))
            send(("stored",) if stored else ("not stored",))
            return
        timeline = load(path, _progress(send, path))
    except LoadError as error:
        send(("problems", error.problems))
        return
    except (OSError, MemoryError, RecursionError) as error:  # the messages are the command line's
        send(("error", error))
        return
    known = fingerprint.value()
    if known is None:
        send(("not stored",))
        return
    timeline.pending_cache = (entry, known)
    send(("progress", -1, 0))  # read; now writing the store
    save(timeline, split=True)
    send(("stored",) if entry.exists() else ("not stored",))


def _progress(send: Callable[[tuple], bool], path: Path):
    """The loader's progress (a fraction of the events checked) as events read."""
    estimate = _line_count(path)
    last = 0.0

    def progress(stage: str, fraction: float | None = None) -> None:
        nonlocal last
        now = time.monotonic()
        if fraction is not None and now - last >= PROGRESS_EVERY:
            last = now
            send(("progress", int(fraction * estimate), estimate))

    return progress


def _line_count(path: Path) -> int:
    """About how many lines the file holds (an event's a line in JSON Lines; roughly a
    tenth of YAML's), from the lengths of its first lines: counting them all was one more
    pass over the whole file. The preview's count of the events replaces it."""
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        sample = stream.read(SAMPLE)
    lines = sample.count(b"\n")
    count = round(size * lines / len(sample)) if lines else 1
    return count if path.suffix.lower() in (".jsonl", ".ndjson") else max(1, count // 10)


def run_preview(path: Path, send: Callable[[tuple], bool]) -> None:
    """The first events in time order of a JSON Lines file, for the first screen."""
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if not size:
            return
        data = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    preview = Preview(path, data)
    if preview.reader is None:
        return  # a first line that is not JSON: the load says what is wrong
    first = preview.first_chunk()
    if first is not None:
        send(preview.message(first, final=False))
    chosen = preview.first_in_time(shown=first is not None)
    if chosen is not None:
        send(preview.message(chosen, final=True))


class Preview:
    """What the preview child knows of a JSON Lines file: its header (registries) and,
    once scanned, each event's date."""

    def __init__(self, path: Path, data: mmap.mmap):
        from .fastpath import FastPath
        from .parsing import may_hold_controls, parse_jsonl
        from .validation import Validator

        self.path, self.data = path, data
        self.start = 3 if data[:3] == b"\xef\xbb\xbf" else 0
        end = data.find(b"\n", self.start)
        end = len(data) if end < 0 else end + 1
        self.validator = Validator(str(path))
        self.reader = None
        try:
            header, lines, bad = parse_jsonl(bytes(data[self.start:end]), str(path), set())
        except Exception:  # noqa: BLE001 - whatever it is, the load reports it
            return
        if header is not None:
            self.title = self.validator.jsonl_header(header)
            self.body = end  # the events start after the header line
            self.body_line = 2
        else:
            self.title = self.validator.jsonl_header(None)
            self.body, self.body_line = self.start, 1
        # As the loader decides (loader.py): bytes that may spell a control go the careful way.
        careful = may_hold_controls(bytes(data[self.body:self.body + CHUNK]), json=True)
        self.reader = self.validator.record if careful else FastPath(self.validator).record
        self.keys: dict[bytes, tuple] = {}

    def sort_key(self, date: bytes) -> tuple | None:
        found = self.keys.get(date, False)
        if found is False:
            from .dates import parse_date

            try:
                found = parse_date(date.decode("utf-8")).sort_key
            except (ValueError, UnicodeDecodeError):
                found = None  # the load reports it
            self.keys[date] = found
        return found

    def first_chunk(self) -> list[tuple] | None:
        """The records of the first chunk of events when their dates are in order, else None."""
        end = self.data.rfind(b"\n", self.body, self.body + CHUNK)
        if end < 0:
            end = min(len(self.data), self.body + CHUNK)
        chunk = bytes(self.data[self.body:end])
        keys = [self.sort_key(d) for d in _DATE.findall(chunk)]
        if None in keys or any(a > b for a, b in zip(keys, keys[1:])):
            return None
        return self.records(chunk, self.body_line)

    def records(self, chunk: bytes, first_line: int) -> list[tuple]:
        from .parsing import _json_loads
        from .problems import Pos

        found = []
        for number, line in enumerate(chunk.split(b"\n"), start=first_line):
            if line.strip():
                try:
                    record = self.reader(_json_loads(line), Pos(number))
                except Exception:  # noqa: BLE001 - not JSON, or not an event: the load reports it
                    record = None
                if record:
                    found.append(record)
        return found

    def first_in_time(self, shown: bool) -> list[tuple] | None:
        """The records of the events that sort first, by every event's date; None when
        the first chunk is `shown` and they are the first events of the file."""
        chunks: list[tuple[int, int, int, list[bytes]]] = []  # (start, first line, events before, dates)
        counts: Counter = Counter()  # events by date as written: a large file has few distinct ones
        at, line, events = self.body, self.body_line, 0
        data, size = self.data, len(self.data)
        while at < size:
            end = data.find(b"\n", min(size, at + CHUNK))
            end = size if end < 0 else end + 1
            chunk = data[at:end]
            dates = _DATE.findall(chunk)
            counts.update(dates)
            chunks.append((at, line, events, dates))
            line += chunk.count(b"\n")
            events += len(dates)
            at = end
        self.count = events
        keys = self._first_keys(counts)
        # The events of those dates, by (sort key, place in the file), as build_columns sorts.
        candidates = []
        for number, (_, _, before, dates) in enumerate(chunks):
            candidates += ((keys[dates[n]], before + n, number, n) for n in _places(dates, keys))
        candidates.sort()
        picked = sorted(candidates[:PREVIEW_EVENTS], key=lambda c: c[1])
        if shown and [c[1] for c in picked] == list(range(len(picked))):
            return None
        found = [self._line_of(chunks[number][0], chunks[number][1], n) for _, _, number, n in picked]
        return [r for r in (self.records(text, number) for text, number in found) for r in r]

    def _first_keys(self, counts: Counter) -> dict[bytes, tuple]:
        """The sort keys of the dates of the PREVIEW_EVENTS events that sort first (and
        of any that sort alike). Dates are parsed a year at a time from the earliest: a
        date written from its year on ("2016-02~", "2016/2017") has its earliest day in
        that year, so later years need not be read; other spellings are all read."""
        by_year: dict[int, list[bytes]] = {}
        keys: dict[bytes, tuple] = {}
        for date in counts:
            if _YEAR_FIRST.match(date):
                by_year.setdefault(int(date[:4]), []).append(date)
            elif (key := self.sort_key(date)) is not None:
                keys[date] = key
        cutoff = math.inf
        for year in sorted(by_year):
            for date in by_year[year]:
                if (key := self.sort_key(date)) is not None:
                    keys[date] = key
            cutoff = _ordinal(year + 1)
            if sum(counts[d] for d, key in keys.items() if key[0] < cutoff) >= PREVIEW_EVENTS:
                break
        else:
            cutoff = math.inf
        return {d: key for d, key in keys.items() if key[0] < cutoff}

    def _line_of(self, start: int, line: int, nth: int) -> tuple[bytes, int]:
        """The line holding the `nth` date of the chunk at `start`, and its number."""
        data = self.data
        end = data.find(b"\n", min(len(data), start + CHUNK))
        chunk = data[start:len(data) if end < 0 else end + 1]
        match = next(m for n, m in enumerate(_DATE.finditer(chunk)) if n == nth)
        begin = chunk.rfind(b"\n", 0, match.start()) + 1
        finish = chunk.find(b"\n", match.start())
        return chunk[begin:len(chunk) if finish < 0 else finish], line + chunk.count(b"\n", 0, begin)

    def message(self, records: list[tuple], final: bool) -> tuple:
        count = getattr(self, "count", None)
        v = self.validator
        return ("preview", self.title, dict(v.sources), dict(v.actors), dict(v.kinds), records, count, final)


def _places(dates: list[bytes], wanted: dict) -> list[int]:
    """The places in `dates` of the `wanted` ones. Few wanted dates are each looked for by
    list.index (a scan in C); many, by a look at each date."""
    if len(wanted) > 32:
        return [n for n, date in enumerate(dates) if date in wanted]
    places = []
    for date in wanted:
        n = 0
        while True:
            try:
                n = dates.index(date, n)
            except ValueError:
                break
            places.append(n)
            n += 1
    return places


def _ordinal(year: int) -> float:
    """The first day of `year`, as an ordinal (past the calendar: later than any day)."""
    return date(year, 1, 1).toordinal() if year <= 9999 else math.inf


def main(argv: list[str]) -> int:
    mode, path, entry, *pause = argv
    send = _sender(sys.stdout.buffer)
    sys.stdout = sys.stderr  # nothing else may write into the messages
    try:
        if mode == "preview":
            run_preview(Path(path), send)
        else:
            run_load(Path(path), Path(entry), send, Path(pause[0]) if pause else None)
    except Exception:  # noqa: BLE001 - a bug met here: the app reads the file itself, as it did before
        if mode == "load":
            send(("not stored",))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
