"""Import ACLED-style CSV exports into the project's format.

The mapping (also in the README):

| ACLED column | becomes |
|---|---|
| event_id_cnty (else data_id, else the line) | `id` (made a slug) |
| event_date + time_precision | `date`: 1 the day; 2 the day, approximate (`~`); 3 the month, uncertain (`?`) |
| event_type / sub_event_type | `kind` (see EVENT_TYPES), and the sub-type as a tag |
| actor1, assoc_actor_1, actor2, assoc_actor_2 | `actors`, with roles actor1 / actor2 / associated |
| location, admin1, country | `location` |
| source (outlets separated by ';') | a source per outlet and date, published on or after the event (`DATE/..`): ACLED gives no publication date |
| notes | `summary`, and each source's `paraphrase`: ACLED's words, not the outlet's, so never a quote |
| fatalities | a figure: quantity `fatalities`, "reported by" the outlets; none for a 0 the notes call unknown |
| title | notes' first sentence (70 characters at most), else type and place |

The actors are registered (`actors:`, an id for each name), so that the file `check`s
without a warning. Every problem of a row that cannot be read is reported with its line
number; no row is dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field

from .controls import describe, find_control
from .dates import DateError, foreign_digit, foreign_digit_message, parse_date
from .problems import Pos, Problem
from .validation import MAX_FIGURE

EVENT_TYPES = {
    "battles": "attack",
    "explosions/remote violence": "attack",
    "violence against civilians": "attack",
    "protests": "political",
    "riots": "political",
    "strategic developments": "political",
}
AIR_SUB_TYPES = {"air/drone strike", "shelling/artillery/missile attack"}
REQUIRED = ("event_date", "event_type")
# ACLED's longest column, notes, runs to a few thousand characters. A cell much longer is
# not ACLED's: most often an open quote that makes the rest of the file one cell. csv's
# own default, set here for the read, so that nothing else in the process changes it.
MAX_CELL_CHARS = 128 * 1024


@dataclass
class ImportResult:
    name: str = ""
    events: list[dict] = field(default_factory=list)
    sources: dict[str, dict] = field(default_factory=dict)
    actors: dict[str, dict] = field(default_factory=dict)  # id → {name}, of every actor the events name
    problems: list[Problem] = field(default_factory=list)  # what makes rows unreadable, all of it
    notices: list[Problem] = field(default_factory=list)  # what else the rows have to say
    bad_rows: int = 0  # rows that cannot be read (each has one problem or more)
    unknown_fatalities: list[int] = field(default_factory=list)  # lines of a 0 the notes call unknown
    unreadable: bool = False  # not an ACLED-style CSV, or not CSV from some row on: write nothing

    def messages(self) -> list[Problem]:
        """The problems and notices in the order of their rows."""
        return sorted(self.problems + self.notices, key=lambda p: p.pos.line)


def read_acled(text: str, name: str) -> ImportResult:
    """Events (as dicts of the file format) and a problem for each row that cannot be read."""
    previous = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        return _read(text, name)
    finally:
        csv.field_size_limit(previous)


def _read(text: str, name: str) -> ImportResult:
    result = ImportResult(name)
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as error:
        return _unreadable(result, 1, error)
    columns = [c.strip().lower() for c in header or []]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        result.problems.append(Problem(name, Pos(1), f"not an ACLED-style CSV: no column {', '.join(missing)}; "
                                       "expected a header with event_date, event_type, actor1, source, notes, ..."))
        result.unreadable = True
        return result
    reader.fieldnames = columns
    seen: set[str] = set()
    last_line = 1  # the header's
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # nothing after it can be trusted to be the rows it seems
            return _unreadable(result, last_line + 1, error)
        # line_num is where the row ends (a quoted newline spans lines); report where it starts
        line, last_line = last_line + 1, reader.line_num
        event = _event(row, line, result)
        if event is None:
            result.bad_rows += 1
            continue
        if event["id"] in seen:
            event["id"] = _unused(f"{event['id']}-line{line}", seen.__contains__)
        seen.add(event["id"])
        result.events.append(event)
    _register_actors(result)
    _tell_unknown_fatalities(result)
    return result


def _unreadable(result: ImportResult, line: int, error: csv.Error) -> ImportResult:
    if "field limit" in str(error):
        message = (f"a cell of this row is over {MAX_CELL_CHARS:,} characters, more than any ACLED column holds; "
                   "check that this is an ACLED-style CSV, and that every quoted cell is closed (an open quote "
                   "makes the rest of the file one cell)")
    else:
        message = f"this row cannot be read as CSV ({error}); check the quoting on this line and the one before"
    result.problems.append(Problem(result.name, Pos(line), message))
    result.unreadable = True
    return result


def _value(row: dict, key: str) -> str:
    value = row.get(key)
    return value.strip() if isinstance(value, str) else ""


def _event(row: dict, line: int, result: ImportResult) -> dict | None:
    """The event of one row, or None when the row cannot make one. Every problem of the
    row is reported at its line, not only the first, so that one pass fixes it."""
    problems: list[str] = []
    notices: list[str] = []
    if None in row:  # more cells than the header has columns
        problems.append(f"{len(row) - 1 + len(row[None])} cells where the header has {len(row) - 1} columns")
    tainted = set()  # columns holding what the events file may not hold (controls.py): not read further
    for column, cell in row.items():
        at = find_control(cell) if isinstance(cell, str) else -1
        if at >= 0:
            problems.append(f"{column} holds the control character {describe(cell[at])}; remove it")
            tainted.add(column)

    def value(key: str) -> str:
        return "" if key in tainted else _value(row, key)

    def attempt(check, *args):
        try:
            return check(*args)
        except ValueError as error:
            problems.append(str(error))
            return None

    date = None
    if not tainted & {"event_date", "time_precision"}:
        date = attempt(_date, value("event_date"), value("time_precision"))
    event_type, sub_type = value("event_type"), value("sub_event_type")
    if not event_type and "event_type" not in tainted:
        problems.append("event_type is empty")
    kind = "airstrike" if sub_type.lower() in AIR_SUB_TYPES else EVENT_TYPES.get(event_type.lower(), "other")
    if event_type and kind == "other":
        notices.append(f"event_type '{event_type}' is not one of ACLED's; its kind is 'other'")
    outlets = [o.strip() for o in re.split(r";", value("source")) if o.strip()]
    if not outlets and "source" not in tainted:
        problems.append("source is empty: every event needs the outlet that reported it")
    notes = value("notes")
    fatalities = attempt(_count, value("fatalities"))
    if "actor1" in row and not value("actor1") and "actor1" not in tainted:  # a column left out is no news
        notices.append("actor1 is empty, where every ACLED event names one; check the row")
    result.problems += [Problem(result.name, Pos(line), f"row cannot be read: {p}") for p in problems]
    result.notices += [Problem(result.name, Pos(line), n, "warning") for n in notices]
    if problems:
        return None
    place = ", ".join(p for p in (value("location"), value("admin1"), value("country")) if p)
    # ACLED's notes are its own account of what the outlets reported, not their words: a
    # paraphrase, which nothing shows or checks as a quote.
    paraphrase = notes or f"{event_type}: {sub_type}".strip(": ")
    event = {
        "id": _slug(value("event_id_cnty") or value("data_id") or f"acled-line-{line}"),
        "date": date,
        "date_basis": f"ACLED event_date {value('event_date')}, time_precision "
                      f"{value('time_precision') or 'not given'}",
        "kind": kind,
        "title": _title(notes, event_type, sub_type, place),
        "status": "reported",
        "sources": [{"source": source_id, "paraphrase": paraphrase}
                    for source_id in _register_sources(result, outlets, date)],
    }
    if notes:
        event["summary"] = notes
    actors = [({"actor": value(key), "role": role})  # by name: _register_actors gives each an id
              for key, role in (("actor1", "actor1"), ("assoc_actor_1", "associated"),
                                ("actor2", "actor2"), ("assoc_actor_2", "associated"))
              if value(key)]
    if actors:
        event["actors"] = actors
    if place:
        event["location"] = place
    if sub_type:
        event["tags"] = [sub_type]
    # ACLED codes 0 both when no one was reported killed and when the number is not known.
    # A 0 the notes call unknown is no count of zero: a figure of 0 would tell the reader
    # that nobody died, which no source said. So there is no figure, and the summary (the
    # notes themselves) says the number is unknown.
    if fatalities == 0 and UNKNOWN_FATALITIES.search(notes):
        result.unknown_fatalities.append(line)
    elif fatalities is not None:
        event["figures"] = [{"quantity": "fatalities", "value": fatalities,
                             "what": f"fatalities reported by {', '.join(outlets)}"}]
    return event


def _register_sources(result: ImportResult, outlets: list[str], date: str) -> list[str]:
    """The source ids of a row's outlets, registering each new one."""
    day = date.rstrip("~?")
    source_ids = []
    for outlet in outlets:
        # One source an outlet and day; outlets whose names make the same slug stay apart
        # ('Ведомости' and 'Коммерсант' make none).
        source_id = _unused(f"{_slug(outlet.lower(), 'source')}-{day}",
                            lambda key: result.sources.get(key, {"outlet": outlet})["outlet"] != outlet)
        source_ids.append(source_id)
        result.sources.setdefault(source_id, {
            "outlet": outlet, "published": f"{day}/..",
            "note": "from an ACLED-style CSV: published on or after the event (ACLED gives no date); "
                    "the paraphrase is ACLED's notes, not the article's words"})
    return source_ids


# ACLED codes 0 fatalities both when none are reported and when the number is not known
# (its codebook, "Reported fatalities"); the notes then say which. The ways they (and
# their editors) say it is not known:
UNKNOWN_FATALITIES = re.compile(
    r"\b(?:fatalities|casualties|deaths|death toll|casualty (?:figures?|count))\s*(?::|is|are|was|were|remain)?"
    r"\s*(?:unknown|not known|unclear)"
    r"|\bunknown\s+(?:number\s+of\s+)?(?:fatalities|casualties|deaths)"
    r"|\bnumber\s+of\s+(?:fatalities|casualties|deaths|dead)\s+(?:is\s+|was\s+|remains\s+)?(?:unknown|not known|unclear)"
    r"|\bno\s+(?:information|details|data)\s+(?:on|about|regarding)\s+(?:the\s+)?(?:number\s+of\s+)?"
    r"(?:fatalities|casualties|deaths)",
    re.IGNORECASE)


def _count(text: str) -> int | None:
    """The fatalities cell as a count (None when empty), as the events file takes one
    (validation.py): ASCII digits, at most 10^15."""
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 16 and int(text) <= MAX_FIGURE):
        raise ValueError(f"fatalities should be a whole number from 0 to {MAX_FIGURE:,}, not '{text}'")
    return int(text)


def _tell_unknown_fatalities(result: ImportResult) -> None:
    """One notice for every 0 left out (a notice a row would bury the rest in a large file)."""
    lines = result.unknown_fatalities
    if not lines:
        return
    rows = "this row has" if len(lines) == 1 else f"this row and {len(lines) - 1} other{'s' * (len(lines) > 2)} have"
    result.notices.append(Problem(result.name, Pos(lines[0]), (
        "fatalities is 0 where the notes say the number is unknown; ACLED codes an unknown number as 0, "
        f"so {rows} no fatalities figure"), "warning"))


def _register_actors(result: ImportResult) -> None:
    """An id for every actor the events name, registered under `actors` so that the file
    checks with no warning. Names match in any case, as the loader matches them: 'Islamic
    State' and 'islamic state' are one actor, named as first written. No id is another
    actor's name, or the loader would warn that the name stands for two."""
    names: dict[str, str] = {}  # lowercased → as first written
    for event in result.events:
        for entry in event.get("actors", ()):
            names.setdefault(entry["actor"].lower(), entry["actor"])
    given: set[str] = set()
    for lowered, name in names.items():
        actor_id = _unused(_slug(lowered, "actor"), lambda key: key in given or (key in names and key != lowered))
        given.add(actor_id)
        result.actors[actor_id] = {"name": name}


def _date(text: str, precision: str) -> str:
    """The event's date in the file format. Checked by the loader's own reading: a date it
    would refuse (year 0000) makes a bad row here, not a file that `check` rejects later."""
    date = _edtf(text, precision)
    try:
        parse_date(date)
    except DateError as error:
        raise ValueError(f"event_date '{text}': {error}") from None
    return date


def _edtf(text: str, precision: str) -> str:
    if not text:
        raise ValueError("event_date is empty")
    digit = foreign_digit(text)
    if digit is not None:
        raise ValueError(f"event_date {foreign_digit_message(text, digit)}")
    if precision not in ("", "1", "2", "3"):
        raise ValueError(f"time_precision should be 1, 2 or 3, not '{precision}'")
    month = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if precision == "3" and month and 1 <= int(month.group(2)) <= 12:
        return f"{text}?"  # ACLED gives only the month here
    day = _parse_day(text)
    if precision == "3":
        return f"{day.year:04d}-{day.month:02d}?"
    return day.isoformat() + ("~" if precision == "2" else "")


def _parse_day(text: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"event_date '{text}' is not a date like 2016-02-09 or 9 February 2016")


def _title(notes: str, event_type: str, sub_type: str, place: str) -> str:
    # one line: a line break in the notes is a space in the title
    first = " ".join(re.split(r"(?<=[.!?])\s", notes, maxsplit=1)[0].split()).rstrip(".").strip()
    if first:  # notes of dots alone give no title
        return first if len(first) <= 70 else first[:69].rsplit(" ", 1)[0] + "…"
    return f"{sub_type or event_type}{' in ' + place if place else ''}"


def _slug(text: str, fallback: str = "event") -> str:
    """Letters and digits, '-', '_' and '.', starting with a letter or digit, as ids are;
    accents dropped ('Télégramme' → 'Telegramme'), anything else a '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).lstrip("-._").rstrip("-")
    return slug or fallback


def _unused(name: str, taken) -> str:
    """`name`, or `name-2`, `name-3`, ... the first for which `taken` says no."""
    candidate, number = name, 1
    while taken(candidate):
        number += 1
        candidate = f"{name}-{number}"
    return candidate


def events_file_text(result: ImportResult, title: str, yaml: bool = False) -> str:
    """The imported events as an events file: YAML, or JSON Lines with a header."""
    if yaml:
        import yaml as pyyaml

        return pyyaml.safe_dump({"title": title, "schema": 1, "sources": result.sources, "actors": result.actors,
                                 "events": result.events}, allow_unicode=True, sort_keys=False, width=100)
    lines = [json.dumps({"title": title, "sources": result.sources, "actors": result.actors}, ensure_ascii=False)]
    lines += [json.dumps(event, ensure_ascii=False) for event in result.events]
    return "\n".join(lines) + "\n"
