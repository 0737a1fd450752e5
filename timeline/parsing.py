"""Turn the bytes of an events file into Python values that remember where they stood.

YAML is read through PyYAML's composer (the node graph keeps every line and column, and
shows duplicate keys that a plain `yaml.load` silently drops). JSON Lines is read line by
line. Both give `Map` and `Seq` containers; validation.py checks them. The fast YAML
reader, for large files, gives plain values without places.
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:  # several times faster than the standard library on many small objects
    import orjson

    _json_loads = orjson.loads
    _JSONError = (orjson.JSONDecodeError, json.JSONDecodeError)
except ImportError:  # pragma: no cover - orjson is a dependency; this keeps a broken install usable
    _json_loads = json.loads
    _JSONError = (json.JSONDecodeError,)

from .controls import describe
from .problems import LoadError, Pos, Problem

# The YAML readers are imported when a YAML file is first read: a start from the cache,
# or from JSON Lines, does not pay for them.


class Map(dict):
    """A mapping that knows where it, each key and each value stood in the file."""

    __slots__ = ("pos", "key_pos", "value_pos")

    def __init__(self, pos: Pos):
        super().__init__()
        self.pos = pos
        self.key_pos: dict = {}
        self.value_pos: dict = {}


class Seq(list):
    """A list that knows where it and each item stood in the file."""

    __slots__ = ("pos", "item_pos")

    def __init__(self, pos: Pos):
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


def value_pos(container, key, fallback: Pos) -> Pos:
    """Where `container[key]` stands; JSON values only know their line (the fallback)."""
    if isinstance(container, Map):
        return container.value_pos.get(key, container.pos)
    if isinstance(container, Seq) and isinstance(key, int) and key < len(container.item_pos):
        return container.item_pos[key]
    return fallback


def key_pos(container, key, fallback: Pos) -> Pos:
    if isinstance(container, Map):
        return container.key_pos.get(key, container.pos)
    return fallback


def read_text(path: Path) -> str:
    """The file's text, or a LoadError that says why it cannot be read."""
    return decode_text(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes (not empty), or a LoadError that says why they cannot be had."""
    name = str(path)
    with os.fdopen(open_regular(path), "rb") as stream:
        try:
            data = stream.read()
        except OSError as error:
            raise unreadable(name, error) from None
    if not data.strip():
        raise empty_file(name)
    return data


def open_regular(path: Path) -> int:
    """A descriptor open on the file, or a LoadError when it is not a regular file."""
    name = str(path)
    try:
        # Opened without waiting (a FIFO with no writer would block the open) and then
        # checked: only a regular file is read, so /dev/zero cannot fill the memory.
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise LoadError([Problem(name, Pos(1), "no such file; check the path and the name")]) from None
    except IsADirectoryError:
        raise _folder(name) from None
    except OSError as error:
        raise LoadError([Problem(name, Pos(1), f"cannot read the file: {error.strerror}")]) from None
    mode = os.fstat(handle).st_mode
    if not stat.S_ISREG(mode):
        os.close(handle)
        if stat.S_ISDIR(mode):
            raise _folder(name)
        raise LoadError([Problem(name, Pos(1), "this is not a regular file (a device, a pipe or a socket); "
                                 "name an events file saved on disk")])
    return handle


def unreadable(name: str, error: OSError) -> LoadError:
    return LoadError([Problem(name, Pos(1), f"cannot read the file: {error.strerror}")])


def empty_file(name: str) -> LoadError:
    return LoadError([Problem(name, Pos(1), "the file is empty; expected an events file (see the README's 'File format')")])


def _folder(name: str) -> LoadError:
    return LoadError([Problem(name, Pos(1), "this is a folder, not an events file; name a .yaml or .jsonl file inside it")])


# Where the bytes of a file may spell a control character (see controls.py): raw, or
# through an escape of YAML's double quotes or JSON's strings. A false alarm (a `\\b`
# in a single-quoted scalar) only costs the careful path.
_RAW_C0 = bytes(code for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)) + b"\x7f"
_SPELLED_CONTROLS = (
    re.compile(rb"\\(?:[0abefrvN]|x(?:[0189]|7[fF])|u(?:00[0189]|007[fF]|202[a-eA-E]|206[6-9])"
               rb"|U0000(?:00[0189]|007[fF]|202[a-eA-E]|206[6-9]))"),
    re.compile(rb"\xc2[\x80-\x9f]"),  # C1 in UTF-8
    re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])"),  # bidirectional controls in UTF-8
)


def may_hold_controls(data: bytes, json: bool = False, chunk: int = 1 << 20) -> bool:
    """Whether `data` may hold a control character, raw or escaped. Searched for in C
    with literal prefixes: a regular expression of a class of characters would cost a
    tenth of the load of a large file."""
    if any(pattern.search(data) for pattern in _SPELLED_CONTROLS):
        return True
    if json:  # JSON refuses raw C0 controls in its strings, but not DEL
        return b"\x7f" in data
    for at in range(0, len(data), chunk):  # a chunk at a time, not a second copy of a large file
        piece = data[at:at + chunk]
        if len(piece.translate(None, _RAW_C0)) < len(piece):
            return True
    return False


def decode_text(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError([Problem(name, Pos(line, column),
                                 f"the file is not UTF-8 text (byte 0x{data[error.start]:02x}); "
                                 "save it as UTF-8 and try again")]) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _pos(mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


# An events file needs six levels (top, events, an event, its sources, a source, a
# figure's fields); a few more leave room for what users nest by mistake, and a cap
# keeps a hostile file from exhausting the stack or the memory.
MAX_DEPTH = 32


def parse_yaml(text: str, name: str) -> tuple[Map, list[Problem]]:
    """Read the YAML into Map/Seq/str/None; duplicate keys come back as problems, so the
    loader can report them together with everything else.

    Built from the parser's events with a stack of its own (no recursion, so no depth
    can crash it), nesting capped at MAX_DEPTH, and an alias made to share the value of
    its anchor instead of copying it, so no alias bomb can grow the memory."""
    import yaml

    try:  # libyaml's parser is several times faster than the pure-Python one
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader as loader
    try:
        return _Builder(name).build(yaml.parse(text, Loader=loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        tab = _tab_at(text, error.problem_mark)
        if tab is not None:
            raise LoadError([Problem(name, tab, TAB_INDENT)]) from None
        if error.context_mark and mark and mark.line >= text.count("\n"):
            mark = error.context_mark  # "unexpected end": the place that was left open
        where = _pos(mark) if mark else Pos(1)
        what = error.problem or "invalid YAML"
        raise LoadError([Problem(name, where, f"this is not valid YAML: {what}; "
                                 "check the indentation and quoting on this line and the one before")]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, at a character offset
        raise LoadError([Problem(name, _offset_pos(text, error.position),
                                 f"this is not valid YAML: {_reader_problem(error)}")]) from None
    except yaml.YAMLError as error:
        raise LoadError([Problem(name, Pos(1), f"this is not valid YAML: {error}")]) from None


TAB_INDENT = "YAML indents with spaces, not tabs; replace the tab with spaces"


def _tab_at(text: str, mark) -> Pos | None:
    """Where the tab that stopped the YAML reader stands, or None when no tab did. The
    readers stop at a tab in the indentation, or after a '-', and say only that the
    character cannot start anything; a tab inside a quoted text is read as text."""
    if mark is None or text[mark.index:mark.index + 1] != "\t":
        return None
    return _pos(mark)


def _offset_pos(text: str, offset: int) -> Pos:
    line_start = text.rfind("\n", 0, offset) + 1
    return Pos(text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _reader_problem(error) -> str:
    character = error.character
    character = character if isinstance(character, str) else chr(character)
    return f"the character {describe(character)} is not allowed in YAML; remove it"


_NULL_TAG = "tag:yaml.org,2002:null"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _Builder:
    """Turns a stream of parser events into Map/Seq/str/None. Scalars stay text: the
    validator decides their types, so `date: 2016-02-09` and `date: 2016` reach the date
    parser as written."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self.anchors: dict[str, object] = {}
        self.open: set[int] = set()  # ids of the containers not yet closed, for aliases into them
        # Each open container with, for a map, a list holding the key read and its place
        # while its value is awaited.
        self.stack: list[tuple] = []
        self.root = None
        self.documents = 0

    def build(self, events) -> tuple[Map, list[Problem]]:
        import yaml

        handlers = {
            yaml.ScalarEvent: self._scalar, yaml.AliasEvent: self._alias,
            yaml.MappingStartEvent: self._start_map, yaml.SequenceStartEvent: self._start_seq,
            yaml.MappingEndEvent: self._end, yaml.SequenceEndEvent: self._end,
            yaml.DocumentStartEvent: self._document,
        }
        for event in events:
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)
        if not isinstance(self.root, Map):
            raise LoadError([Problem(self.name, getattr(self.root, "pos", Pos(1)),
                                     "expected a mapping at the top with 'title', 'sources', 'actors' and 'events'")])
        return self.root, self.problems

    def _document(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            raise LoadError([Problem(self.name, _pos(event.start_mark),
                                     "expected one YAML document; remove the extra '---' and what follows it")])

    def _scalar(self, event) -> None:
        plain = event.implicit[0] and event.tag is None
        value = None if (plain and event.value in _NULLS) or event.tag == _NULL_TAG else event.value
        if event.anchor is not None:
            self.anchors[event.anchor] = value
        self._add(value, _pos(event.start_mark))

    def _alias(self, event) -> None:
        if event.anchor not in self.anchors:
            self._fail(event, f"the alias *{event.anchor} has no anchor &{event.anchor} before it")
        value = self.anchors[event.anchor]
        if id(value) in self.open:
            self._fail(event, f"the alias *{event.anchor} stands inside the value it names, "
                              "which would make it endless; write the value out instead")
        self._add(value, _pos(event.start_mark))

    def _start_map(self, event) -> None:
        self._open(Map(_pos(event.start_mark)), event)

    def _start_seq(self, event) -> None:
        self._open(Seq(_pos(event.start_mark)), event)

    def _open(self, container, event) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self._fail(event, f"nested more than {MAX_DEPTH} levels deep; an events file needs six "
                              "(events, an event, its sources, a source): check the indentation")
        self._add(container, container.pos)
        self.stack.append((container, []))
        self.open.add(id(container))
        if event.anchor is not None:
            self.anchors[event.anchor] = container

    def _end(self, event) -> None:
        container = self.stack.pop()[0]
        self.open.discard(id(container))

    def _add(self, value, pos: Pos) -> None:
        """Put a value where the innermost open container expects it."""
        if not self.stack:
            self.root = value
            return
        container, pending = self.stack[-1]
        if isinstance(container, Seq):
            container.append(value)
            container.item_pos.append(pos)
        elif not pending:
            pending.append((value, pos))  # a key, waiting for its value
        else:
            key, where = pending.pop()
            self._put(container, key, where, value, pos)

    def _put(self, container: Map, key, where: Pos, value, pos: Pos) -> None:
        if not isinstance(key, str):
            self.problems.append(Problem(self.name, where, "expected a plain word as a key"))
        elif key in container:
            first = container.key_pos[key]
            self.problems.append(Problem(self.name, where,
                                         f"duplicate key '{key}' (first at line {first.line}); "
                                         "YAML would keep only the last one: remove or rename one"))
        else:
            container[key] = value
            container.key_pos[key] = where
            container.value_pos[key] = pos

    def _fail(self, event, message: str):
        raise LoadError([Problem(self.name, _pos(event.start_mark), message)])


def read_yaml_fast(text: str):
    """Plain Python values by the fast reader, or None when it declines the text (any
    error, duplicate keys included): the exact reader then says what is wrong and where.

    Its scalars are resolved (`1.10` is a float), except dates, which stay text; the
    validator trusts only the text (see validation.py)."""
    try:  # a YAML reader in Rust, six times faster than libyaml through PyYAML; no places, though
        import yaml_rs
    except ImportError:  # pragma: no cover - a dependency; without it every file takes the exact road
        return None
    if _readers_may_differ(text):
        return None
    try:
        return yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:
        return None


# yaml_rs reads YAML 1.2 and PyYAML YAML 1.1, and they part ways on more than scalars.
# A text where they may is left to the exact reader: such texts are rare in events files,
# and a false alarm (an '&' after a comma in a quote) only costs time. The checks look
# for single characters or short spellings with str.find, which costs a millisecond or
# two on a large file where a regular expression costs a tenth of the fast read.
# - PyYAML breaks lines at NEL, LS and PS, and refuses tabs where yaml_rs takes them.
_LINE_BREAKS_AND_TABS = ("\t", "\x85", "\u2028", "\u2029")
# - Anchors, aliases, tags and block scalars: see _starts_node_differently.
# - yaml_rs reads a block scalar that ends the file without a line as a line break.
# (A comment there needs a space before its '#': `|#` is no header, and inside { } it
# is a scalar to one reader and an error to the other.)
_BLOCK_HEADER_REST = re.compile(r"[-+0-9]*(?:[ \t]+(?:#.*)?)?$", re.MULTILINE)
_BLOCK_HEADER_AT_END = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?\Z")


# - yaml_rs recurses into nested blocks and crashes the process (a segmentation fault)
#   somewhere past ten thousand levels; PyYAML's parser caps the depth. Blocks nest by
#   indentation, or several to a line (`- - -`, `-  -`).
_DEEP_INDENT = "\n" + " " * 1000
_SEQUENCE_IN_SEQUENCE = re.compile(r"-[ ]+-")
# - Inside [ ] and { } PyYAML refuses a plain scalar that starts with ':' (`[:x]`), where
#   yaml_rs reads ':x'. Such a ':' is followed by something other than a space, and
#   follows an opening bracket, a comma or a key's colon, perhaps after spaces or a line
#   break; a false alarm (`std::map`) costs time only. (A pattern that starts with one
#   character is searched for quickly; one that starts with a class is not.)
_COLON_BEFORE_TEXT = re.compile(r":[^ \r\n]")


def _readers_may_differ(text: str) -> bool:
    if any(character in text for character in _LINE_BREAKS_AND_TABS):
        return True
    if _DEEP_INDENT in text or _SEQUENCE_IN_SEQUENCE.search(text):
        return True
    if any(_colon_starts_scalar(text, found.start()) for found in _COLON_BEFORE_TEXT.finditer(text)):
        return True
    for character in "&*!?|>":
        at = text.find(character)
        while at != -1:
            if _starts_node_differently(text, at):
                return True
            at = text.find(character, at + 1)
    tail = text[-200:] if text[-200:].strip() else text.rstrip()[-200:]
    return _BLOCK_HEADER_AT_END.search(tail.rstrip()) is not None


def _starts_node_differently(text: str, at: int) -> bool:
    """Whether text[at] may start a node that the two readers take differently, as told
    by the character before it (spaces skipped; a line break at the start of the text)."""
    character, before = text[at], _before(text, at)
    if character in "&*!":  # anchors, aliases, tags: PyYAML allows fewer characters in them
        return before in ":-?[{,\n"
    if character == "?":  # inside [ ] and { } PyYAML takes ? for a key, even before a letter
        return before in ":-[{,\n"
    # | and > start block scalars, which PyYAML refuses inside [ ] and { }, and whose
    # header must end its line
    return before in "[{," or (before in ":-?\n" and not _BLOCK_HEADER_REST.match(text, at + 1))


def _colon_starts_scalar(text: str, at: int) -> bool:
    """Whether the ':' at text[at], with text after it, may start a plain scalar in
    [ ] or { }: a bracket, comma or colon comes before it."""
    before = at - 1
    while before >= 0 and text[before] in " \r\n":
        before -= 1
    return before >= 0 and text[before] in "[{,:"


def _before(text: str, at: int) -> str:
    at -= 1
    while at >= 0 and text[at] == " ":
        at -= 1
    return text[at] if at >= 0 else "\n"


# The id of an event on a line that is not JSON, as far as it can be made out.
_ID_ON_LINE = re.compile(rb'"id"\s*:\s*"([^"\\]+)"')


def parse_jsonl(data: bytes, name: str, unreadable_ids: set[str] | None = None,
                ) -> tuple[dict | None, Iterator[tuple[int, object]], list[Problem]]:
    """The header (or None), the (line number, object) of every other line as they are
    read, and a list that fills with the lines that are not JSON, for the caller to report
    once the lines are consumed. Lines are parsed one at a time, so a large file is never
    held as parsed dicts all at once; as bytes, which orjson reads fastest.

    The ids that can be made out on the lines that are not JSON go into `unreadable_ids`:
    a link to such an event is the broken line's fault, not a link to nothing."""
    problems: list[Problem] = []

    def values():
        for number, line in enumerate(data.split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                yield number, _json_loads(line)
            except _JSONError:
                problems.append(_json_problem(name, number, line))
                found = _ID_ON_LINE.search(line) if unreadable_ids is not None else None
                if found:
                    unreadable_ids.add(found.group(1).decode("utf-8", "replace"))

    stream = values()
    first = next(stream, None)
    if first is not None and isinstance(first[1], dict) and "id" not in first[1] and (
            {"title", "sources", "actors", "kinds"} & first[1].keys()):
        header = Map(Pos(first[0]))  # its line, for the messages about it (a blank line may come first)
        header.update(first[1])
        return header, stream, problems
    return None, itertools.chain([first] if first else [], stream), problems


def _json_problem(name: str, number: int, line: bytes) -> Problem:
    """Where and why a line is not JSON, in the standard library's words (orjson's differ)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        return Problem(name, Pos(number, error.start + 1), f"this line is not UTF-8 text "
                       f"(byte 0x{line[error.start]:02x}); save the file as UTF-8 and try again")
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return Problem(name, Pos(number, error.colno),
                       f"this line is not valid JSON: {error.msg}; each line must be one JSON object")
    except RecursionError:
        return Problem(name, Pos(number), "this line is nested too deeply to read (a thousand levels); "
                       "an event needs four (the event, its sources, a source, its fields)")
    except ValueError:  # a number of thousands of digits, which orjson refuses too
        return Problem(name, Pos(number), "this line holds a number too long to read; write it with fewer digits")
    return Problem(name, Pos(number), "this line is not valid JSON; each line must be one JSON object")


@contextmanager
def bulk_allocation():
    """Pause the cyclic garbage collector while building many objects that are all kept.

    Collections triggered by the allocations would find nothing to free, yet cost as much
    as the parsing itself. Afterwards the survivors are frozen out of the collector's
    reach: they live as long as the app, and a full collection over millions of them
    would stall the screen for half a second.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
