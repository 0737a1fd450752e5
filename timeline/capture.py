"""Capture from the reader: a draft event made from a passage of an article, appended to
the events file.

The analyst's file is theirs: the event is added after the last line of its `events:`
list (a line at the end of a JSON Lines file), and every other byte stays as written,
comments, order, quoting and line endings included. Before the file is replaced, the
new text is read back as an events file (nothing is written if it does not load), the
old one is kept beside it as FILE.bak, and the new one is written atomically (see
output.py), so a failure leaves the old file whole.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from .draft import Candidate, Span, draft
from .draft_actors import ActorBook
from .draft_file import Article, candidate_actors, draft_event_id, event_lines, event_record
from .loader import JSONL_SUFFIXES, bundled_events_path, load_with_problems
from .model import Source, Timeline
from .output import OutputError, write_file
from .parsing import read_bytes


class CaptureError(OutputError):
    """The event cannot be captured or written; the message says why and what to do."""


def draft_passage(timeline: Timeline, source: Source, text: str, start: int, end: int) -> dict:
    """The draft event for the passage text[start:end] of the source's article: the
    first candidate the drafting rules find in it, with every quote of it inside the
    passage; when they find none, a statement quoting the passage's first sentence, for
    the analyst to complete. Actors are the file's where they match; others are named,
    not registered (check warns of them, and the analyst may register them)."""
    if source.published is None or source.published.latest is None:
        raise CaptureError(f"source '{source.id}' has no publication date with a last day to read the passage's "
                           "dates against; give it one ('published:') and capture again")
    passage = text[start:end]
    if not passage.strip():
        raise CaptureError("the passage is empty; choose a paragraph with text")
    candidates = [c for c in draft(text, source.published)
                  if all(start <= q.start and q.end <= end for q in c.quotes)]
    candidate = candidates[0] if candidates else _plain(text, start, end)
    book = ActorBook(timeline.actors)
    actors = candidate_actors(candidate, book)
    article = Article(text, Path(source.file or "article.txt"), source.published, source.outlet)
    event_id = _unique(draft_event_id(candidate, book, actors), timeline)
    record = event_record(candidate, event_id, actors, source.id, book, article)
    for actor in record.get("actors", []):  # a new actor is named, not registered
        if actor["actor"] in book.new:
            actor["actor"] = book.name(actor["actor"])
    for figure in record.get("figures", []):
        if figure.get("claimed_by") in book.new:
            figure["claimed_by"] = book.name(figure["claimed_by"])
    return record


def _plain(text: str, start: int, end: int) -> Candidate:
    """A statement quoting the passage (its first sentence), when no rule finds one."""
    from .sentences import split

    sentences = [s for s in split(text[start:end]) if s.text.strip()]
    first = sentences[0]
    quote = Span(start + first.start, start + first.end, first.text)
    return Candidate("statement", "reported", "", [quote])


def _unique(event_id: str, timeline: Timeline) -> str:
    candidate, number = event_id, 1
    while candidate in timeline.by_id:
        number += 1
        candidate = f"{event_id}-{number}"
    return candidate


def append_event(path: str | Path, record: dict) -> Path:
    """Append the event to the events file and return where the old file was kept."""
    path = Path(path)
    if path.resolve() == bundled_events_path().resolve():
        raise CaptureError("these are the bundled events, part of the installed program; copy them "
                           "(timeline export or cp) and open the copy to add events")
    data = read_bytes(path)
    try:
        original = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CaptureError(f"{path} is not UTF-8 text; nothing written") from None
    if path.suffix.lower() in JSONL_SUFFIXES:
        new = _append_line(original, record)
    else:
        new = _insert_yaml(original, record, path)
    _check_loads(path, new, record["id"])
    backup = path.with_name(path.name + ".bak")
    write_file(backup, original, overwrite=True)
    write_file(path, new, overwrite=True)
    return backup


def _append_line(original: str, record: dict) -> str:
    ending = "\r\n" if "\r\n" in original else "\n"
    separator = "" if not original or original.endswith(("\n", "\r")) else ending
    return original + separator + json.dumps(record, ensure_ascii=False) + ending


_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")


def _insert_yaml(original: str, record: dict, path: Path) -> str:
    """The text with the event inserted after the last line of the `events:` list."""
    lines = original.splitlines(keepends=True)
    ending = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    at = next((n for n, line in enumerate(lines) if re.match(r"^events\s*:", line)), None)
    if at is None:
        raise CaptureError(f"{path} has no 'events:' list at the top level; add the event by hand")
    rest = lines[at].split(":", 1)[1].split("#", 1)[0].strip()
    if rest:
        raise CaptureError(f"{path}: the events are written in flow style ('events: {rest[:20]}'); "
                           "capture adds to a block list ('events:' then '- id: ...' lines): add the event by hand")
    end = at + 1
    last = at
    indent = None
    while end < len(lines) and not _TOP_KEY.match(lines[end]):
        stripped = lines[end].strip()
        if stripped and not (stripped.startswith("#") and not lines[end][:1].isspace()):
            last = end
            if indent is None and stripped.startswith("- "):
                indent = lines[end][:len(lines[end]) - len(lines[end].lstrip())]
        end += 1
    indent = "  " if indent is None else indent
    block = [indent + line[2:] for line in event_lines(record)]
    head, tail = lines[:last + 1], lines[last + 1:]
    if head and not head[-1].endswith(("\n", "\r")):
        head[-1] += ending  # the file's last line had no line end: one is added after it, nothing changed
    return "".join(head) + ending + ending.join(block) + ending + "".join(tail)


def _check_loads(path: Path, text: str, event_id: str) -> None:
    """Read the new text back as an events file beside the old one; refuse it if it does
    not load, or if the event is not in it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.capture.", suffix=path.suffix)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        timeline, problems = load_with_problems(temporary)
    finally:
        os.unlink(temporary)
    errors = [p for p in problems if p.severity == "error"]
    if errors or timeline is None or event_id not in timeline.by_id:
        first = errors[0].message if errors else "the event is not read back"
        raise CaptureError(f"{path}: the file with the event would not load ({first}); nothing written")
