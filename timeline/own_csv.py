"""Reading back the CSV that `timeline export --format csv` writes (export.CSV_COLUMNS).

`timeline import` takes a CSV with a `quotes` or a `date_edtf` column for one of these
(no ACLED column is called so), any other for an ACLED-style export (acled.py). Each row
is read as the event it was written from, its list cells as JSON: the same kinds, quotes
with their sources, actors with what the registry said of them, figures, links and tags.
Each event is checked as an events file's is (validation.py), so whatever is imported
passes `timeline check`; a row that would not make a valid event is reported with its
line, as are sources or actors described two ways, and cells worked out from others
(event_date, display_date, source, ...) that no longer agree with them.
"""

from __future__ import annotations

import csv
import io
import json
from contextlib import contextmanager
from dataclasses import dataclass, field

from .export import CSV_COLUMNS, CSV_DERIVED, actor_references, csv_row, to_jsonl, to_yaml
from .model import KINDS, R_ID, R_RELATED, Timeline
from .problems import Pos, Problem
from .validation import ACTOR_KEYS, SOURCE_KEYS, Validator

SIGNATURE = ("quotes", "date_edtf")  # either names a CSV of ours
REQUIRED = ("id", "date_edtf", "kind", "title", "quotes")
LIST_COLUMNS = ("actors", "quotes", "figures", "related", "tags")
# csv's own default limit on a cell; a quote left open makes the rest of the file one
# cell, and this stops it there.
MAX_CELL_CHARS = 128 * 1024


@dataclass
class OwnImport:
    name: str
    timeline: Timeline | None = None
    events: list[str] = field(default_factory=list)  # the ids of the events read
    problems: list[Problem] = field(default_factory=list)  # one a row that cannot be read
    notices: list[Problem] = field(default_factory=list)  # rows read, with something to say
    unreadable: bool = False  # not a CSV of ours, or not CSV from some row on: write nothing

    @property
    def bad_rows(self) -> int:
        return len(self.problems)  # one problem a row

    def messages(self) -> list[Problem]:
        """The problems and notices in the order of their rows."""
        return sorted(self.problems + self.notices, key=lambda p: p.pos.line)


@dataclass
class Row:
    line: int
    event: dict  # in the file format, actors by id
    sources: dict[str, dict]  # what the row says of each source it cites, by id
    actors: dict[str, dict]  # what it says of each registered actor, by id
    kind_description: str
    cells: dict[str, str]


def is_own_csv(text: str) -> bool:
    """Whether the header is that of a CSV this tool wrote."""
    try:
        header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    except (StopIteration, csv.Error):
        return False
    return any(c.strip().lower() in SIGNATURE for c in header)


def read_own_csv(text: str, name: str) -> OwnImport:
    with _cell_limit():
        return _read(text, name)


@contextmanager
def _cell_limit():
    """csv's limit on a cell, for this read only: nothing else in the process changes."""
    previous = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _read(text: str, name: str) -> OwnImport:
    result = OwnImport(name)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        columns = [c.strip().lower() for c in next(reader, [])]
    except csv.Error as error:
        return _unreadable(result, 1, f"the header cannot be read as CSV ({error})")
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        return _unreadable(result, 1, f"a CSV of timeline's needs the columns {', '.join(REQUIRED)}; "
                                      f"this one has no {', '.join(missing)}")
    for column in dict.fromkeys(c for c in columns if c not in CSV_COLUMNS):
        result.notices.append(Problem(name, Pos(1), f"column '{column}' is not one of timeline's; left out", "warning"))
    rows = []
    for line, cells in _numbered(reader):
        if isinstance(cells, csv.Error):  # nothing after it can be trusted to be the rows it seems
            return _unreadable(result, line, f"this row cannot be read as CSV ({cells}); check the quoting "
                                             "on this line and the one before")
        try:
            rows.append(_row(_by_column(cells, columns), line))
        except ValueError as error:
            _bad_row(result, line, [str(error)])
    _build(result, rows)
    return result


def _numbered(reader):
    """Each row with the line it starts on (a quoted line break makes a row
    take more than one; a blank line is no row); a row that is not CSV comes as its
    csv.Error, and is the last."""
    start = reader.line_num + 1
    try:
        for cells in reader:
            if cells:
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        yield start, error


def _by_column(cells: list[str], columns: list[str]) -> dict[str, str]:
    """A row's cells by column; a short row's last cells are empty (as a spreadsheet
    may save them), a long row is a bad one."""
    if len(cells) > len(columns):
        raise ValueError(f"{len(cells)} cells where the header has {len(columns)} columns")
    return dict(zip(columns, cells + [""] * (len(columns) - len(cells))))


def _unreadable(result: OwnImport, line: int, message: str) -> OwnImport:
    result.problems.append(Problem(result.name, Pos(line), message))
    result.unreadable = True
    return result


def _bad_row(result: OwnImport, line: int, messages: list[str]) -> None:
    result.problems.append(Problem(result.name, Pos(line), "row cannot be read: " + "; ".join(messages)))


def _row(cells: dict, line: int) -> Row:
    """A row as an event of the file format, with what it says of its sources and actors."""
    lists = {column: _json_list(cells, column) for column in LIST_COLUMNS}
    event = {key: cells[column] for key, column in (("id", "id"), ("date", "date_edtf"), ("kind", "kind"),
                                                  ("title", "title"))}
    for key, column in (("date_basis", "date_basis"), ("summary", "notes"), ("location", "location"),
                        ("status", "status")):
        if cells.get(column):  # an empty cell is a value not given
            event[key] = cells[column]
    sources, actors = {}, {}
    for quote in lists["quotes"]:  # a quote with no more than its source's id describes none
        details = {k: v for k, v in quote.items() if k in SOURCE_KEYS} if isinstance(quote, dict) else {}
        if details and isinstance(quote.get("source"), str):
            _same(sources, quote["source"], details, "source")
    for actor in lists["actors"]:
        details = {k: v for k, v in actor.items() if k in ACTOR_KEYS} if isinstance(actor, dict) else {}
        if details and isinstance(actor.get("actor"), str):
            _same(actors, actor["actor"], details, "actor")
    event["sources"] = lists["quotes"]
    event["actors"] = [{k: v for k, v in a.items() if k not in ACTOR_KEYS} if isinstance(a, dict) else a
                       for a in lists["actors"]]
    event["figures"] = []
    for figure in lists["figures"]:
        if isinstance(figure, dict) and "claimant" in figure:  # what the registry says of the claimant
            figure = dict(figure)
            details = figure.pop("claimant")
            if isinstance(figure.get("claimed_by"), str) and isinstance(details, dict):
                _same(actors, figure["claimed_by"], details, "actor")
        event["figures"].append(figure)
    for key in ("related", "tags"):
        event[key] = lists[key]
    return Row(line, {k: v for k, v in event.items() if v != []}, sources, actors,
               cells.get("kind_description") or "", cells)


def _json_list(cells: dict, column: str) -> list:
    text = cells.get(column) or ""
    if not text.strip():
        return []
    try:
        value = json.loads(text)
    except ValueError as error:
        raise ValueError(f"{column} is not JSON ({error}); it holds a list, like {_EXAMPLES[column]}") from None
    if not isinstance(value, list):
        raise ValueError(f"{column} should be a JSON list, like {_EXAMPLES[column]}")
    return value


_EXAMPLES = {
    "actors": '[{"actor": "kadyrov", "role": "speaker"}]',
    "quotes": '[{"source": "reuters-2016-02-09", "quote": "the words"}]',
    "figures": '[{"quantity": "killed", "value": 12}]',
    "related": '[{"type": "denies", "event": "claim-id"}]',
    "tags": '["video", "kremlin"]',
}


def _same(known: dict[str, dict], key: str, details: dict, what: str) -> None:
    """Two descriptions of one source (or actor) in a row must agree."""
    if known.setdefault(key, details) != details:
        raise ValueError(f"the {what} '{key}' is described two ways in this row")


def _build(result: OwnImport, rows: list[Row]) -> None:
    """Check each row's event as an events file's, and build the timeline of the good ones."""
    validator = Validator(result.name)
    validator.warn_missing_basis = False  # as in JSON Lines: a row that never had one
    bad, sources = _register(result, validator, rows)
    names = actor_references({i: a for i, a in validator.actors.items() if a.registered})
    every_id = {row.event.get("id") for row in rows}
    first_line: dict[str, int] = {}
    good = []
    for row in rows:
        if row.line in bad:
            continue
        event_id = row.event.get("id")
        messages = []
        if event_id in first_line:
            messages.append(f"the id '{event_id}' is that of the event on line {first_line[event_id]} too")
        first_line.setdefault(event_id, row.line)
        for link in row.event.get("related", []):
            target = link.get("event") if isinstance(link, dict) else None
            if isinstance(target, str) and target not in every_id:
                messages.append(f"it relates to the event '{target}', which no row holds")
        record, problems = _checked(validator, _in_full(row.event, names, sources), row.line)
        messages += [p.message for p in problems if p.severity == "error"]
        result.notices += [p for p in problems if p.severity != "error"]
        if messages or record is None:
            _bad_row(result, row.line, messages or ["it is not a valid event"])
            continue
        good.append((row, record))
    kept = {record[R_ID] for _, record in good}
    records = [_without_links_to_skipped(result, row, record, kept) for row, record in good]
    result.timeline = validator.finish(records, "Timeline")
    result.events = [record[R_ID] for record in records]
    _check_derived(result, [row for row, _ in good])


def _register(result: OwnImport, validator: Validator, rows: list[Row]) -> tuple[set[int], dict[str, dict]]:
    """Put the actors' descriptions in the registry, and the kinds not built in with
    theirs; the rows that describe a source, an actor or a kind otherwise than an earlier
    row did, or not as the file format allows, are bad (their lines are returned, with
    what the rows say of each source)."""
    bad: set[int] = set()
    seen: dict[tuple[str, str], tuple[object, int]] = {}
    for row in rows:
        described = [(("source", key), details) for key, details in row.sources.items()]
        described += [(("actor", key), details) for key, details in row.actors.items()]
        kind = row.event.get("kind")
        if isinstance(kind, str) and kind not in KINDS and row.kind_description:
            described.append((("kind", kind), row.kind_description))
        messages = [f"the {what} '{key}' is described otherwise than on line {seen[what, key][1]}; every row "
                    "must say the same of it" for (what, key), details in described
                    if (what, key) in seen and seen[what, key][0] != details]
        for (what, key), details in described if not messages else ():  # a bad row describes nothing
            if (what, key) not in seen:
                seen[what, key] = (details, row.line)
                if what != "source":  # sources are given in place, event by event
                    messages += _errors(validator, {what + "s": {key: details}}, row.line)
        if messages:
            bad.add(row.line)
            _bad_row(result, row.line, messages)
    return bad, {key: details for (what, key), (details, _) in seen.items() if what == "source"}


def _errors(validator: Validator, registries: dict, line: int) -> list[str]:
    before = len(validator.problems)
    validator.read_registries(registries, Pos(line))
    return [p.message for p in validator.problems[before:] if p.severity == "error"]


def _checked(validator: Validator, event: dict, line: int) -> tuple[tuple | None, list[Problem]]:
    """The event's record, and the problems the file format finds in it."""
    before = len(validator.problems)
    validator.has_source_registry = False  # each quote says what its source is, in place
    record = validator.record(event, Pos(line))
    return record, validator.problems[before:]


def _in_full(event: dict, names: dict[str, str], sources: dict[str, dict]) -> dict:
    """The event as the file format reads it: each quote with what the rows say of its
    source (the same for all, so they share one), each actor by a name that is its own
    (as export.to_jsonl writes them: an id may be another actor's alias)."""
    def name(actor):
        return names.get(actor, actor) if isinstance(actor, str) else actor

    quotes = [{**q, **sources[q["source"]]} if isinstance(q, dict) and isinstance(q.get("source"), str)
              and q["source"] in sources else q for q in event.get("sources", [])]
    actors = [{**a, "actor": name(a.get("actor"))} if isinstance(a, dict) else name(a)
              for a in event.get("actors", [])]
    figures = [{**f, "claimed_by": name(f["claimed_by"])} if isinstance(f, dict) and "claimed_by" in f else f
               for f in event.get("figures", [])]
    full = dict(event, sources=quotes, actors=actors, figures=figures)
    return {k: v for k, v in full.items() if v != [] or k in event}


def _without_links_to_skipped(result: OwnImport, row: Row, record: tuple, kept: set[str]) -> tuple:
    """A link to the event of a row that cannot be read is left out, and said so."""
    related = record[R_RELATED]
    for relation_type, target, _ in related:
        if target not in kept:
            result.notices.append(Problem(result.name, Pos(row.line), f"the link '{relation_type}' to '{target}' "
                                          "is left out: that event's row cannot be read", "warning"))
    return record[:R_RELATED] + (tuple(r for r in related if r[1] in kept),) + record[R_RELATED + 1:]


def _check_derived(result: OwnImport, rows: list[Row]) -> None:
    """A cell worked out from others (event_date from date_edtf, source from the quotes)
    that says otherwise was changed since the export: what it says is not read, and a
    reader who changed it should know."""
    timeline = result.timeline
    kept = set(timeline.by_id)
    for row in rows:
        expected = csv_row(timeline, timeline.event(row.event["id"]), kept)
        for column in CSV_DERIVED:
            given = row.cells.get(column)
            if given and given != expected[column]:
                origin = "the quotes' sources" if column == "source" else "date_edtf"
                result.notices.append(Problem(result.name, Pos(row.line), f"{column} '{given}' is not what {origin} "
                                              f"gives ('{expected[column]}'); it is read from {origin}", "warning"))


def events_file_text(result: OwnImport, title: str, yaml: bool = False) -> str:
    """The imported events as an events file: YAML, or JSON Lines with a header."""
    timeline = result.timeline
    timeline.title = title
    return (to_yaml if yaml else to_jsonl)(timeline, list(timeline.events))
