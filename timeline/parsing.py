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
import re
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
    if not path.exists():
        raise LoadError([Problem(name, Pos(1), "no such file; check the path and the name")])
    if path.is_dir():
        raise LoadError([Problem(name, Pos(1), "this is a folder, not an events file; name a .yaml or .jsonl file inside it")])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError([Problem(name, Pos(1), f"cannot read the file: {error.strerror}")]) from None
    if not data.strip():
        raise LoadError([Problem(name, Pos(1), "the file is empty; expected an events file (see the README's 'File format')")])
    return data


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


def parse_yaml(text: str, name: str) -> tuple[Map, list[Problem]]:
    """Compose the YAML and convert its nodes; duplicate keys come back as problems,
    so the loader can report them together with everything else."""
    import yaml

    try:  # libyaml's composer is several times faster than the pure-Python one
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader as loader
    try:
        nodes = list(yaml.compose_all(text, Loader=loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and mark and mark.line >= text.count("\n"):
            mark = error.context_mark  # "unexpected end": the place that was left open
        where = _pos(mark) if mark else Pos(1)
        what = error.problem or "invalid YAML"
        raise LoadError([Problem(name, where, f"this is not valid YAML: {what}; "
                                 "check the indentation and quoting on this line and the one before")]) from None
    except yaml.YAMLError as error:
        raise LoadError([Problem(name, Pos(1), f"this is not valid YAML: {error}")]) from None
    if len(nodes) != 1:
        where = _pos(nodes[1].start_mark) if len(nodes) > 1 else Pos(1)
        raise LoadError([Problem(name, where, "expected one YAML document; remove the extra '---' and what follows it")])
    problems: list[Problem] = []
    root = _convert(nodes[0], name, problems)
    if not isinstance(root, Map):
        raise LoadError([Problem(name, _pos(nodes[0].start_mark),
                                 "expected a mapping at the top with 'title', 'sources', 'actors' and 'events'")])
    return root, problems


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
# for single characters with str.find, which costs a millisecond or two on a large file
# where a regular expression costs a tenth of the fast read; so ':' starting a plain
# scalar inside [ ] or { } (`[:x]`, which PyYAML refuses) is not looked for.
# - PyYAML breaks lines at NEL, LS and PS, and refuses tabs where yaml_rs takes them.
_LINE_BREAKS_AND_TABS = ("\t", "\x85", "\u2028", "\u2029")
# - Anchors, aliases, tags and block scalars: see _starts_node_differently.
# - yaml_rs reads a block scalar that ends the file without a line as a line break.
# (A comment there needs a space before its '#': `|#` is no header, and inside { } it
# is a scalar to one reader and an error to the other.)
_BLOCK_HEADER_REST = re.compile(r"[-+0-9]*(?:[ \t]+(?:#.*)?)?$", re.MULTILINE)
_BLOCK_HEADER_AT_END = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?\Z")


def _readers_may_differ(text: str) -> bool:
    if any(character in text for character in _LINE_BREAKS_AND_TABS):
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


def _before(text: str, at: int) -> str:
    at -= 1
    while at >= 0 and text[at] == " ":
        at -= 1
    return text[at] if at >= 0 else "\n"


_NULL_TAG = "tag:yaml.org,2002:null"


def _convert(node, name: str, problems: list[Problem]):
    """Node graph to Map/Seq/str/None. Scalars stay text: the validator decides their
    types, so `date: 2016-02-09` and `date: 2016` reach the date parser as written."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _NULL_TAG else node.value
    if isinstance(node, yaml.SequenceNode):
        seq = Seq(_pos(node.start_mark))
        for item in node.value:
            seq.append(_convert(item, name, problems))
            seq.item_pos.append(_pos(item.start_mark))
        return seq
    result = Map(_pos(node.start_mark))
    for key_node, value_node in node.value:
        key = _convert(key_node, name, problems)
        if not isinstance(key, str):
            problems.append(Problem(name, _pos(key_node.start_mark), "expected a plain word as a key"))
            continue
        if key in result:
            first = result.key_pos[key]
            problems.append(Problem(name, _pos(key_node.start_mark),
                                    f"duplicate key '{key}' (first at line {first.line}); "
                                    "YAML would keep only the last one: remove or rename one"))
            continue
        result[key] = _convert(value_node, name, problems)
        result.key_pos[key] = _pos(key_node.start_mark)
        result.value_pos[key] = _pos(value_node.start_mark)
    return result


def parse_jsonl(data: bytes, name: str) -> tuple[dict | None, Iterator[tuple[int, object]], list[Problem]]:
    """The header (or None), the (line number, object) of every other line as they are
    read, and a list that fills with the lines that are not JSON, for the caller to raise
    once the lines are consumed. Lines are parsed one at a time, so a large file is never
    held as parsed dicts all at once; as bytes, which orjson reads fastest."""
    problems: list[Problem] = []

    def values():
        for number, line in enumerate(data.split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                yield number, _json_loads(line)
            except _JSONError:
                problems.append(_json_problem(name, number, line))

    stream = values()
    first = next(stream, None)
    if first is not None and isinstance(first[1], dict) and "id" not in first[1] and (
            {"title", "sources", "actors", "kinds"} & first[1].keys()):
        return first[1], stream, problems
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
