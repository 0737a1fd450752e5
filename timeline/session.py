"""An analyst's working session on one events file: the events marked, the notes on them,
the views saved by name and the view last left, kept from one day to the next.

Kept in the user's data folder (platformdirs' user_data_dir, or $TIMELINE_DATA_DIR), one
JSON file per events file, named by a hash of the file's resolved path; never in the
events file itself. Everything is keyed to event ids, so a mark or a note outlives any
edit of the file that keeps the id; one whose id is gone is kept too (an orphan, listed
as such) and is found again if the id comes back.

The session file is data, never code: read as JSON and checked field by field. A file
that does not read so (damaged, or written by someone else) is set aside beside itself
(`.damaged`), said in `problem`, and the session starts empty: nothing in it is used,
and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

from .filters import NAMES, OPTIONS, Filters, is_on
from .output import OutputError, write_file
from .query import Query

FORMAT = 1  # the session file's format; another number is not read
MAX_BYTES = 16 * 1024 * 1024  # a session file is marks, notes and a few views: more is not one
MAX_TEXT = 100_000  # characters in one note, name or filter value
LISTS = tuple(name for name, _ in OPTIONS)  # the filters that hold a list of values


class SessionDamaged(ValueError):
    """The session file is not one this version wrote; the message says what is wrong."""


def data_dir() -> Path:
    override = os.environ.get("TIMELINE_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("timeline"))


def session_path(events_path: str | Path) -> Path:
    """Where the session of this events file is kept: one name per resolved path, so the
    same file reached by another relative name or link has the same session."""
    resolved = str(Path(events_path).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return data_dir() / "sessions" / f"{digest}.json"


@dataclass(frozen=True)
class SavedView:
    """Filters (in the order they were set) and the event the cursor was on."""

    name: str
    filters: Filters
    cursor: str | None = None


class Session:
    """The marks, notes and views of one events file. Changes are kept in memory until
    `save` writes them (atomically, by output.write_file's rules)."""

    def __init__(self, events_path: str | Path, file: Path | None = None):
        self.events_path = str(Path(events_path).expanduser().resolve())
        self.file = file or session_path(events_path)
        self.marks: dict[str, None] = {}  # event ids, in the order marked
        self.notes: dict[str, str] = {}  # event id -> its note
        self.views: dict[str, SavedView] = {}
        self.last_view: SavedView | None = None
        self.problem: str | None = None  # what was wrong with the file read, if anything

    @classmethod
    def open(cls, events_path: str | Path) -> Session:
        """The session kept for this events file (an empty one when there is none)."""
        session = cls(events_path)
        session.read()
        return session

    # --- marks and notes -------------------------------------------------------------

    def is_marked(self, event_id: str) -> bool:
        return event_id in self.marks

    def toggle_mark(self, event_id: str) -> bool:
        """Mark the event, or unmark it when it is marked; True when it is marked now."""
        if event_id in self.marks:
            del self.marks[event_id]
            return False
        self.marks[event_id] = None
        return True

    def marked(self) -> frozenset[str]:
        """The ids marked: what the filter to the marked events holds."""
        return frozenset(self.marks)

    def note(self, event_id: str) -> str:
        return self.notes.get(event_id, "")

    def set_note(self, event_id: str, text: str) -> None:
        """Keep this note on the event; an empty one takes the note away."""
        if text.strip():
            self.notes[event_id] = text.rstrip()
        else:
            self.notes.pop(event_id, None)

    def orphans(self, ids: Container[str]) -> list[str]:
        """The ids marked or noted that the events file no longer has (`ids`: those it has)."""
        return [i for i in dict.fromkeys([*self.marks, *self.notes]) if i not in ids]

    # --- views -----------------------------------------------------------------------

    def save_view(self, name: str, filters: Filters, cursor: str | None) -> None:
        self.views[name] = SavedView(name, _without_marks(filters), cursor)

    def remember(self, filters: Filters, cursor: str | None) -> None:
        """The view being left: the one the file opens on next time."""
        self.last_view = SavedView("", _without_marks(filters), cursor)

    def restored(self, view: SavedView) -> Filters:
        """The view's filters, the filter to the marked events holding today's marks."""
        query = view.filters.query
        if query.marked is not None:
            query = query.with_(marked=self.marked())
        return Filters(query, view.filters.order)

    # --- the file ----------------------------------------------------------------------

    def read(self) -> None:
        """Read the session file; a damaged one is set aside, and said in `problem`."""
        try:
            data = self._read_bytes()
            if data is not None:
                self._take(json.loads(data.decode("utf-8")))
        except (SessionDamaged, ValueError, RecursionError) as error:  # JSON's errors are ValueErrors
            self.marks, self.notes, self.views, self.last_view = {}, {}, {}, None
            self.problem = self._set_aside(error)
        except OSError as error:
            self.problem = f"{self.file}: cannot be read ({error.strerror or error}); marks and notes start empty"

    def _read_bytes(self) -> bytes | None:
        return read_small(self.file, MAX_BYTES)

    def _set_aside(self, error: Exception) -> str:
        why = str(error) if isinstance(error, SessionDamaged) else "not valid JSON"
        aside = self.file.with_name(self.file.name + ".damaged")
        try:
            os.replace(self.file, aside)
        except OSError:
            return f"{self.file} is not a session file ({why}); it is not used"
        return (f"{self.file} is not a session file ({why}); it was set aside as {aside.name} "
                "and marks, notes and views start empty")

    def _take(self, data: object) -> None:
        record = _mapping(data, "the file")
        if record.get("format") != FORMAT:
            raise SessionDamaged(f"format {_shown(record.get('format'))}, where {FORMAT} was expected")
        self.marks = dict.fromkeys(_strings(record.get("marks", []), "marks"))
        notes = _mapping(record.get("notes", {}), "notes")
        self.notes = {key: _string(value, f"the note on {key!r}") for key, value in notes.items()}
        views = _mapping(record.get("views", {}), "views")
        self.views = {name: _view(name, value) for name, value in views.items()}
        last = record.get("last_view")
        self.last_view = None if last is None else _view("", last)

    def save(self) -> str | None:
        """Write the session; None when written, else why not (the session goes on in memory)."""
        record = {
            "format": FORMAT,
            "events_file": self.events_path,  # for a person reading the folder; never used to find it
            "marks": list(self.marks),
            "notes": self.notes,
            "views": {name: _view_json(view) for name, view in self.views.items()},
            "last_view": _view_json(self.last_view) if self.last_view else None,
        }
        try:
            self.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_file(self.file, json.dumps(record, ensure_ascii=False, indent=1) + "\n",
                       input_path=self.events_path, overwrite=True)
        except (OutputError, OSError) as error:
            return f"{self.file}: not saved: {getattr(error, 'strerror', None) or error}"
        return None


def read_small(path: Path, limit: int) -> bytes | None:
    """The bytes of a small file the app keeps (None when there is none); SessionDamaged
    when it is not a regular file or is larger than `limit`. Opened without waiting, so a
    FIFO put in its place cannot hang the app, nor /dev/zero fill the memory."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise SessionDamaged("not a regular file")
    with os.fdopen(handle, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise SessionDamaged(f"larger than {limit // 1024} KB")
    return data


def _without_marks(filters: Filters) -> Filters:
    """The filter to the marked events is kept as on or off: the marks are the session's."""
    query = filters.query
    return filters if query.marked is None else Filters(query.with_(marked=frozenset()), filters.order)


# --- the JSON form of filters --------------------------------------------------------------

def filters_json(filters: Filters) -> dict:
    """Only the filters that are on, each as JSON holds it; dates in ISO form."""
    query, result = filters.query, {}
    for name in LISTS:
        if getattr(query, name):
            result[name] = list(getattr(query, name))
    if query.text:
        result["text"] = query.text
    for name in ("date_from", "date_to"):
        moment = getattr(query, name)
        if moment is not None:
            result[name] = moment.isoformat()
    if query.single_outlet:
        result["single_outlet"] = True
    if query.marked is not None:
        result["marked"] = True
    return {"order": list(filters.order), "query": result}


def filters_of(data: object, where: str = "a view") -> Filters:
    """Filters read back from `filters_json`'s form, every value checked."""
    record = _mapping(data, where)
    fields = _mapping(record.get("query", {}), f"{where}'s filters")
    changes: dict = {}
    for name, value in fields.items():
        if name in LISTS:
            changes[name] = tuple(_strings(value, f"{where}'s {name}"))
        elif name == "text":
            changes[name] = _string(value, f"{where}'s text")
        elif name in ("date_from", "date_to"):
            changes[name] = _moment(value, f"{where}'s {name}")
        elif name in ("single_outlet", "marked") and value is True:
            changes[name] = True if name == "single_outlet" else frozenset()
        else:
            raise SessionDamaged(f"{where} has a filter {_shown(name)} that is not known")
    query = Query(**changes)
    order = _strings(record.get("order", []), f"{where}'s order")
    if any(name not in NAMES for name in order):
        raise SessionDamaged(f"{where}'s order names a filter that is not known")
    order = [name for name in dict.fromkeys(order) if is_on(query, name)]
    order += [name for name in NAMES if is_on(query, name) and name not in order]
    return Filters(query, tuple(order))


def _view_json(view: SavedView) -> dict:
    return {"filters": filters_json(view.filters), "cursor": view.cursor}


def _view(name: str, data: object) -> SavedView:
    where = f"the view {name!r}" if name else "the last view"
    _string(name, "a view's name")
    record = _mapping(data, where)
    cursor = record.get("cursor")
    return SavedView(name, filters_of(record.get("filters", {}), where),
                     None if cursor is None else _string(cursor, f"{where}'s cursor"))


def _moment(value: object, what: str) -> dt.date:
    text = _string(value, what)
    try:
        return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    except ValueError:
        raise SessionDamaged(f"{what} is not a date: {_shown(text)}") from None


def _mapping(value: object, what: str) -> dict:
    if not isinstance(value, dict):
        raise SessionDamaged(f"{what} is not a JSON object")
    for key in value:
        _string(key, f"a name in {what}")
    return value


def _strings(value: object, what: str) -> list[str]:
    if not isinstance(value, list):
        raise SessionDamaged(f"{what} is not a list")
    return [_string(item, what) for item in value]


def _string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise SessionDamaged(f"{what} is not text")
    if len(value) > MAX_TEXT:
        raise SessionDamaged(f"{what} is longer than {MAX_TEXT} characters")
    return value


def _shown(value: object) -> str:
    """A value from the file, short, as a message may show it."""
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def marked_ids(events_path: str | Path) -> tuple[frozenset[str], str | None]:
    """The ids marked in this file's session, and what was wrong with the session file."""
    session = Session.open(events_path)
    return session.marked(), session.problem
