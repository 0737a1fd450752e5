"""Load an events file (YAML, JSON Lines or Parquet), validate it and build a Timeline.

Every problem is collected, not just the first: a curator fixing a file wants the whole
list, each with its line, what was wrong and what was expected.

This module says which road a file takes. Reading (bytes to values) is parsing.py;
checking the values and building the model is validation.py, the exact validator; the
fast path for the many well-formed events of a large file is fastpath.py.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from .fastpath import FastPath
from .model import Timeline
from .parsing import (
    bulk_allocation, decode_text, may_hold_controls, parse_jsonl, parse_yaml, read_bytes, read_yaml_fast,
)
from .problems import LoadError, Problem
from .validation import NotAsWritten, Progress, ReadEvent, Validator, no_progress

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet",)


def bundled_events_path() -> Path:
    """The events file shipped inside the package."""
    return Path(str(resources.files("timeline") / "data" / "events.yaml"))


def default_events_path() -> Path:
    """./events.yaml when there is one, else the bundled events."""
    local = Path("events.yaml")
    return local if local.is_file() else bundled_events_path()


def load(path: str | Path, progress: Progress | None = None) -> Timeline:
    """Load and validate; raise LoadError listing every error. Warnings ride on the result.

    YAML is read by the fast reader first; a file with any problem at all is read again
    the exact way, so every message still names its line, and so is a file where the
    fast reader may not have given a value as written (`title: 1.10` as the number 1.1).
    """
    timeline, problems = load_with_problems(path, exact=False, progress=progress)
    if any(p.severity == "error" for p in problems):
        raise LoadError(problems)
    return timeline


def load_with_problems(path: str | Path, exact: bool = True,
                       progress: Progress | None = None) -> tuple[Timeline | None, list[Problem]]:
    with bulk_allocation():
        return _load_with_problems(Path(path), exact, progress or no_progress)


def _load_with_problems(path: Path, exact: bool, progress: Progress) -> tuple[Timeline | None, list[Problem]]:
    name = str(path)
    progress("reading", None)
    data = read_bytes(path)
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return _load_parquet(data, name, progress)
    # The fast path does not look for control characters; where the bytes may spell
    # one, every event is read by the careful path, which refuses them.
    is_jsonl = path.suffix.lower() in JSONL_SUFFIXES
    careful_only = may_hold_controls(data, json=is_jsonl)
    if is_jsonl:
        validator = Validator(name, progress)
        header, records, bad_lines = parse_jsonl(data.removeprefix(b"\xef\xbb\xbf"), name, validator.all_ids)
        timeline = validator.build_jsonl(header, records, _reader(validator, careful_only),
                                         estimate=data.count(b"\n") + 1)
        if bad_lines:  # every line's problem, whether JSON or the event it holds, in the order of the file
            validator.problems = sorted(bad_lines + validator.problems, key=lambda p: (p.pos.line, p.pos.column))
    else:
        text = decode_text(data, name)
        timeline = None if exact or careful_only else _load_yaml_fast(text, name, progress)
        if timeline is not None:
            return timeline, []
        progress("reading (exact)", None)
        validator = Validator(name, progress)
        root, validator.problems = parse_yaml(text, name)
        timeline = validator.build_yaml(root, _reader(validator, careful_only))
    timeline.path = name
    timeline.warnings = [p for p in validator.problems if p.severity == "warning"]
    return timeline, validator.problems


def _load_parquet(data: bytes, name: str, progress: Progress) -> tuple[Timeline, list[Problem]]:
    """A Parquet file's rows, read as the lines of a JSON Lines file are (parquet.py),
    each by the careful path: the bytes, compressed, cannot be searched for controls."""
    from .parquet import read_parquet

    validator = Validator(name, progress)
    header, rows, file_problems = read_parquet(data, name)
    timeline = validator.build_jsonl(header, rows, validator.record, estimate=max(1, len(data) // 200))
    validator.problems = sorted(file_problems + validator.problems, key=lambda p: (p.pos.line, p.pos.column))
    timeline.path = name
    timeline.warnings = [p for p in validator.problems if p.severity == "warning"]
    return timeline, validator.problems


def _reader(validator: Validator, careful_only: bool) -> ReadEvent:
    return validator.record if careful_only else FastPath(validator).record


def _load_yaml_fast(text: str, name: str, progress: Progress) -> Timeline | None:
    """The timeline by the fast reader, or None when it cannot be had cleanly that way:
    any problem, or any value that may not be the text as written."""
    root = read_yaml_fast(text)
    if not isinstance(root, dict) or not _schema_as_written(root, text):
        return None
    validator = Validator(name, progress, text_only=True, numbers_as_written=_numbers_as_written(text))
    try:
        timeline = validator.build_yaml(root, FastPath(validator).record)
    except NotAsWritten:
        return None
    if validator.problems:
        return None
    timeline.path = name
    return timeline


# Numbers the fast reader resolves but the exact reading of their text refuses (hex,
# octal, binary, infinities); in a file without them, a figure's value from the fast
# reader is the number its text says, and the file can stay on the fast road.
_NUMBERS_READ_OTHERWISE = ("0x", "0X", "0o", "0O", "0b", "0B", ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN")


def _numbers_as_written(text: str) -> bool:
    return not any(spelling in text for spelling in _NUMBERS_READ_OTHERWISE)


_SCHEMA_ONE = re.compile(r"schema:[ \t]+1[ \t]*(?:#.*)?\r?$", re.MULTILINE)


def _schema_as_written(root: dict, text: str) -> bool:
    """False when the schema may not be what the file says. The fast reader gives
    `schema: 1`, as most files have it, as the number 1, but so it would `01` or `+1`,
    which the exact reader rejects: the text is put back when the top-level line (a
    top-level key starts its line) says 1 in so many words."""
    if type(root.get("schema")) is not int:
        return True  # text or nothing; anything else is the validator's to refuse
    start = 0 if text.startswith("schema:") else text.find("\nschema:") + 1
    if _SCHEMA_ONE.match(text, start) is None:
        return False
    root["schema"] = "1"
    return True
