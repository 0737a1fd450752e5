"""Writing events out: for pipes and scripts (table, JSON, CSV), for other tools (JSON
Lines that reads back in, TimelineJS, ACLED-like CSV) and for reports (Markdown)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import unicodedata
from functools import lru_cache

from .chronology import cited_numbers, citing_events, event_anchor as _anchor, event_links
from .dates import parse_date
from .model import KINDS, Actor, ActorRole, Event, Source, Timeline
from .validation import SLUG


def event_to_dict(event: Event, kept: set[str] | None = None, names: dict[str, str] | None = None) -> dict:
    """An event with the same keys as the file format, so the output reads back in;
    with `kept`, links to events not in it are left out; with `names`, each actor is
    written by the name given for its id (see `actor_references`)."""
    return record_to_dict(event.to_record(), kept, names)


def record_to_dict(record: tuple, kept=None, names: dict[str, str] | None = None) -> dict:
    """`event_to_dict` of an event's record (Event.to_record), with no Event made: the
    command line writes a million of them."""
    event_id, date, kind, title, basis, summary, actors, location, status, sources, related, figures, tags, _ = record
    names = names or {}
    data: dict = {"id": event_id, "date": _edtf(date)}
    if basis is not None:  # an empty text too: it reads back as written
        data["date_basis"] = basis
    data.update(kind=kind, title=title)
    if summary is not None:
        data["summary"] = summary
    if actors:
        data["actors"] = [names.get(a, a) if role is None else {"actor": names.get(a, a), "role": role}
                          for a, role in actors]
    if location is not None:
        data["location"] = location
    data["status"] = status
    data["sources"] = [{"source": source, "quote": quote} if quote is not None
                       else {"source": source, "paraphrase": paraphrase} for source, quote, _, paraphrase in sources]
    links = [{"type": link, "event": other} for link, other, _ in related if kept is None or other in kept]
    if links:
        data["related"] = links
    if figures:
        data["figures"] = [_figure_to_dict(f, names) for f in figures]
    if tags:
        data["tags"] = list(tags)
    return data


@lru_cache(maxsize=65536)
def _edtf(date: str) -> str:
    """A date as written (a record may hold `Winter 2016–17`), as EDTF: a file holds a few
    thousand distinct dates for a million events."""
    return parse_date(date).edtf()


def _figure_to_dict(figure: tuple, names: dict[str, str]) -> dict:
    """A figure as a record holds it: (quantity, value, what, qualifier, claimed_by, as_of)."""
    quantity, value, what, qualifier, claimed_by, as_of = figure
    data = {"quantity": quantity, "value": value}  # a count, never nan or inf (validation.py)
    if what is not None:
        data["what"] = what
    if claimed_by:
        data["claimed_by"] = names.get(claimed_by, claimed_by)
    if qualifier != "exactly":
        data["qualifier"] = qualifier
    if as_of:
        data["as_of"] = _edtf(as_of)
    return data


def to_json(timeline: Timeline, events: list[Event]) -> str:
    return json.dumps([event_to_dict(e) for e in events], ensure_ascii=False, indent=2) + "\n"


# A row an event, for a spreadsheet, that `timeline import` reads back into the same
# events (own_csv.py). ACLED's names where a column holds what ACLED means by it: the
# day (event_date) and how sure it is (time_precision, ACLED's scale), the outlets
# (source, separated by ';'), the summary (notes, ACLED's description of the event) and
# the place; our own names for the rest: ACLED's event types are not our kinds, and its
# actor1 and actor2 are the two sides of a clash, not the first two of a list. The
# columns that hold lists hold JSON, with what the file's registries say of each source
# and actor, so that a row stands on its own (a spreadsheet sorts and filters rows).
CSV_COLUMNS = ("id", "event_date", "time_precision", "date_edtf", "date_latest", "display_date", "date_basis",
               "kind", "kind_description", "title", "notes", "status", "location", "source", "actors", "quotes",
               "figures", "related", "tags")
# Worked out from the others: a reader of the file checks them, and reads the others.
CSV_DERIVED = ("event_date", "time_precision", "date_latest", "display_date", "source")


def time_precision(event: Event) -> int:
    """ACLED's scale: 1 the day is known, 2 within about a week, 3 a month or more."""
    when = event.date
    if when.earliest and when.latest and when.precision == 3:  # day precision at both ends
        span = (when.latest - when.earliest).days
        if span == 0 and not when.is_approximate and not when.is_uncertain:
            return 1
        if span <= 7:
            return 2
    return 3


def to_csv(timeline: Timeline, events: list[Event]) -> str:
    """One row an event (see CSV_COLUMNS). Links to events outside the export are left
    out, so a filtered export reads back too."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    kept = {e.id for e in events}
    for e in events:
        row = csv_row(timeline, e, kept)
        writer.writerow([row[column] for column in CSV_COLUMNS])
    return out.getvalue()


def csv_row(timeline: Timeline, event: Event, kept: set[str]) -> dict[str, str]:
    """An event's cells, by column."""
    return {
        "id": event.id, "event_date": str(event.date.earliest or event.date.latest),  # every date has a known end
        "time_precision": str(time_precision(event)), "date_edtf": event.date.edtf(),
        "date_latest": str(event.date.latest or ""), "display_date": event.date.display(),
        "date_basis": event.date_basis or "", "kind": event.kind,
        "kind_description": timeline.kinds.get(event.kind, "") if event.kind not in KINDS else "",
        "title": event.title, "notes": event.summary or "", "status": event.status,
        "location": event.location or "", "source": "; ".join(timeline.outlets(event)),
        "actors": _json_cell([_csv_actor(timeline, a) for a in event.actors]),
        "quotes": _json_cell([_csv_quote(timeline, c) for c in event.sources]),
        "figures": _json_cell([_csv_figure(timeline, f) for f in event.figures]),
        "related": _json_cell([{"type": r.type, "event": r.event} for r in event.related if r.event in kept]),
        "tags": _json_cell(list(event.tags)),
    }


def _csv_actor(timeline: Timeline, role: ActorRole) -> dict:
    """An actor by its id, with its role, and what the registry says of it (if it is there)."""
    data: dict = {"actor": role.actor}
    if role.role is not None:
        data["role"] = role.role
    actor = timeline.actors.get(role.actor)
    if actor is not None and actor.registered:
        data.update(_actor_to_dict(actor))
    return data


def _csv_figure(timeline: Timeline, figure) -> dict:
    """A figure, its claimant by id and, as `claimant`, what the registry says of it: the
    claimant need not be among the event's actors."""
    as_of = figure.as_of.edtf() if figure.as_of else None
    data = _figure_to_dict((figure.quantity, figure.value, figure.what, figure.qualifier, figure.claimed_by, as_of),
                           {})
    actor = timeline.actors.get(figure.claimed_by) if figure.claimed_by else None
    if actor is not None and actor.registered:
        data["claimant"] = _actor_to_dict(actor)
    return data


def _csv_quote(timeline: Timeline, citation) -> dict:
    """A quote (or a paraphrase, said to be one) with its source: the id, and what the
    registry says of it."""
    source = timeline.sources.get(citation.source)
    said = {"quote": citation.quote} if citation.quote is not None else {"paraphrase": citation.paraphrase}
    return {"source": citation.source, **said, **(_source_to_dict(source) if source else {})}


# json.dumps(value, ensure_ascii=False), without making an encoder for each call (a
# fifth of the cost of a CSV cell; a CSV row has five, a million rows make seconds)
dumps = json.JSONEncoder(ensure_ascii=False).encode


def _json_cell(items: list) -> str:
    return dumps(items) if items else ""


def to_jsonl(timeline: Timeline, events: list[Event]) -> str:
    """A header with the sources and actors, then one event a line: reads back the same.
    Links to events outside the export are left out, so a filtered export reads back too."""
    header, lines = file_parts(timeline, events)
    return "\n".join(json.dumps(line, ensure_ascii=False) for line in [header, *lines]) + "\n"


def to_yaml(timeline: Timeline, events: list[Event]) -> str:
    """The same as `to_jsonl`, as a YAML events file."""
    import yaml  # only `timeline import` writes YAML

    header, lines = file_parts(timeline, events)
    document = {"title": header.pop("title"), "schema": 1, **header, "events": lines}
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def file_parts(timeline: Timeline, events: list[Event]) -> tuple[dict, list[dict]]:
    """An events file's header (title, extra kinds, sources, actors) and its events, as
    the file format writes them."""
    kept, names, inline = {e.id for e in events}, actor_references(timeline.actors), sources_inline(timeline)
    return file_header(timeline), [file_event(timeline, e, kept, names, inline) for e in events]


def file_header(timeline: Timeline) -> dict:
    """An events file's header: title, extra kinds, sources (unless written in place), actors."""
    return jsonl_header(timeline)[0]


def sources_inline(timeline: Timeline) -> bool:
    """Whether an events file written from this timeline gives each source in place."""
    return not _registrable(timeline.sources.values())


def file_event(timeline: Timeline, e: Event, kept, names: dict[str, str], inline: bool) -> dict:
    """An event as an events file writes it (`kept`: the ids written; `names`: see
    `actor_references`; `inline`: see `sources_inline`)."""
    return file_record(timeline, e.to_record(), kept, names, inline)


def file_record(timeline: Timeline, record: tuple, kept, names: dict[str, str], inline: bool) -> dict:
    """`file_event` of an event's record."""
    data = record_to_dict(record, kept, names)
    if inline:
        data["sources"] = [{**c, **_source_to_dict(timeline.sources[c["source"]])} for c in data["sources"]]
    return data


def jsonl_header(timeline: Timeline) -> tuple[dict, dict[str, dict]]:
    """The header of a JSON Lines export (also a Parquet export's metadata), and the
    fields of the sources that are written in place, by id (none when they are all
    registered in the header)."""
    header: dict = {"title": timeline.title}
    extra_kinds = {k: v for k, v in timeline.kinds.items() if k not in KINDS}
    if extra_kinds:
        header["kinds"] = extra_kinds
    inline = {}
    if _registrable(timeline.sources.values()):
        header["sources"] = {s.id: _source_to_dict(s) for s in timeline.sources.values()}
    else:
        inline = {s.id: _source_to_dict(s) for s in timeline.sources.values()}
    header["actors"] = {a.id: _actor_to_dict(a) for a in timeline.actors.values() if a.registered}
    return header, inline


def actor_references(actors: dict[str, Actor]) -> dict[str, str]:
    """For each actor, a name that reads back as that actor. A name belongs to the first
    actor that answers to it (the loader warns of the others), so an actor's id may be
    another's alias: then the first of its names that is its own."""
    owner: dict[str, str] = {}
    for actor in actors.values():
        for name in actor.names():
            owner.setdefault(name.lower(), actor.id)
    return {actor.id: next((n for n in actor.names() if owner[n.lower()] == actor.id), actor.id)
            for actor in actors.values()}


def _registrable(sources) -> bool:
    """Whether the sources can stand in a header's registry, which wants a slug for an id
    and a publication date. A JSON Lines file may give its sources in place, under an
    outlet's name ('The Times', 'The Times (2)' for its second article) and without a
    date; then they are all written in place again, and read back the same."""
    return all(s.published is not None and SLUG.fullmatch(s.id) for s in sources)


def dangling_links(events: list[Event]) -> int:
    """How many links point to events not among these (an export leaves them out)."""
    kept = {e.id for e in events}
    return sum(r.event not in kept for e in events for r in e.related)


def _source_to_dict(source: Source) -> dict:
    data = {"outlet": source.outlet, "published": source.published.edtf() if source.published else None}
    for key in ("headline", "url", "file", "note"):
        if getattr(source, key) is not None:
            data[key] = getattr(source, key)
    return {k: v for k, v in data.items() if v is not None}


def _actor_to_dict(actor: Actor) -> dict:
    data: dict = {"name": actor.name}
    if actor.aliases:
        data["aliases"] = list(actor.aliases)
    for key in ("type", "affiliation"):
        if getattr(actor, key) is not None:
            data[key] = getattr(actor, key)
    return data


def _tjs_date(point, end: bool = False) -> dict:
    if point.season or point.unspecified in ("X", "XX"):
        # no month (a season) or year (201X) of its own: the first of its range, or the last
        day = point.latest if end else point.earliest
        return {"year": day.year, "month": day.month} if point.season else {"year": day.year}
    date = {"year": point.year}
    if point.month:
        date["month"] = point.month
    if point.day:
        date["day"] = point.day
    if point.time:  # as written: TimelineJS has no zone, display_date gives it
        date.update(hour=point.time.hour, minute=point.time.minute)
        if point.time.second is not None:
            date["second"] = point.time.second
    return date


def to_timelinejs(timeline: Timeline, events: list[Event], group_by: str = "kind") -> str:
    """Knight Lab TimelineJS JSON. TimelineJS has no uncertain dates: the date it places an
    event at is the earliest known end, and `display_date` says what is really known.
    TimelineJS shows every text it is given as HTML (headlines, dates and group labels
    too), so each is escaped: a title with '<' or '&' reads as written."""
    slides = [tjs_slide(timeline, e, group_by) for e in events]
    return json.dumps(tjs_document(timeline, slides, len(events)), ensure_ascii=False, indent=1) + "\n"


def tjs_document(timeline: Timeline, slides: list, count: int) -> dict:
    return {"title": {"text": {"headline": _html(timeline.title), "text": f"{count} events"}}, "events": slides}


def tjs_slide(timeline: Timeline, e: Event, group_by: str = "kind") -> dict:
    """An event as a TimelineJS slide."""
    when = e.date
    start = when.start or when.end
    group = e.kind if group_by == "kind" else (timeline.actor_name(e.actor_ids[0]) if e.actors else "other")
    slide = {
        "unique_id": e.id,
        "start_date": _tjs_date(start),
        "display_date": _html(when.display()),
        "text": {"headline": _html(e.title), "text": _tjs_text(timeline, e)},
        "group": _html(group),
    }
    if when.interval and when.start and when.end and when.end != when.start:
        slide["end_date"] = _tjs_date(when.end, end=True)
    return slide


def _html(text: str) -> str:
    """Text as the content of an HTML element: '&', '<' and '>' escaped (quotation marks
    need none there, and stay readable)."""
    return html.escape(text, quote=False)


def _tjs_text(timeline: Timeline, event: Event) -> str:
    parts = [f"<p>{html.escape(event.summary)}</p>"] if event.summary else []
    if event.status != "reported":
        parts.append(f"<p><em>Status: {event.status}</em></p>")
    for citation in event.sources:
        source = timeline.sources.get(citation.source)
        where = html.escape(source.outlet if source else citation.source)
        if source and source.url:
            where = f'<a href="{html.escape(source.url)}">{where}</a>'
        if citation.quote is None:  # not the article's words: no blockquote
            parts.append(f"<p><em>Paraphrase, not the article's words:</em> {html.escape(citation.paraphrase or '')}"
                         f"</p><p>— {where}</p>")
        else:
            parts.append(f"<blockquote>{html.escape(citation.quote)}</blockquote><p>— {where}</p>")
    return "".join(parts)


def to_markdown(timeline: Timeline, events: list[Event], filters: str = "") -> str:
    """A chronology to paste into a report. Each event cites its articles by number, and
    names the events it answers and those that answer it; the articles come last, each
    once, with every quote taken from it under it. `filters` says which events these
    are, when not all of them.

    Everything from the file is escaped, so that no `*`, `_`, `[` or `<` in a title or a
    quote changes the document; a quote is a block quote, so that no quotation mark is
    added to one that has its own."""
    lines = markdown_head(timeline, len(events), len(timeline.events), filters)
    kept = {e.id for e in events}
    numbers: dict[str, int] = {}  # source id → its number, in the order first cited
    year = None
    for e in events:
        lines += markdown_event(timeline, e, year, numbers, kept)
        year = (e.date.start or e.date.end).year
    if numbers:
        lines += MARKDOWN_SOURCES
        citing = citing_events(events)
        for source_id, number in numbers.items():
            lines += source_heading(timeline, source_id, number)
            for e in citing[source_id]:
                lines += source_quotes(e, source_id)
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


MARKDOWN_SOURCES = ["", "## Sources", ""]


def markdown_head(timeline: Timeline, count: int, total: int, filters: str = "") -> list[str]:
    """The title, which events these are (`count` of `total`) when filtered, and how to read it."""
    lines = [f"# {_md(timeline.title)}", ""]
    if filters:
        lines += [f"*{count} of {total} events: {_md(filters)}*", ""]
    if count:
        lines += ["Each event cites its articles by number; the articles, each with the quotes taken from it, "
                  "are listed at the end, under Sources.", ""]
    return lines


def markdown_event(timeline: Timeline, e: Event, year: int | None, numbers: dict[str, int], kept) -> list[str]:
    """An event's lines of the chronology: a heading when its year is not `year` (that
    of the event before), its line and its links. An article cited for the first time
    is given the next number in `numbers`."""
    lines = []
    event_year = (e.date.start or e.date.end).year
    if event_year != year:
        lines += ["", f"## {event_year}", ""] if year is not None else [f"## {event_year}", ""]
    marks = "".join(f"[[{number}]](#source-{number})" for number in cited_numbers(e, numbers))
    summary = f" {_md(e.summary)}" if e.summary else ""
    lines.append(f'- <a id="{_anchor(e.id)}"></a>**{e.date.display()}** — {_sentence(e.title)}{_status(e)}'
                 f'{summary} {marks}')
    lines += [f"  - {link}" for link in _links(timeline, e, kept)]
    return lines


def _status(e: Event) -> str:
    return f" *({e.status})*" if e.status != "reported" else ""


def _links(timeline: Timeline, event: Event, kept: set[str]) -> list[str]:
    """Each of `event_links`, in words."""
    return [f"{name}: {_event_reference(timeline, other, kept)}" for name, other in event_links(timeline, event)]


def _event_reference(timeline: Timeline, event_id: str, kept: set[str]) -> str:
    other = timeline.event(event_id)
    if other is None:
        return _md(event_id)
    title, when = _md(other.title), other.date.display()
    if event_id not in kept:
        return f"{title} ({when}; not in this export)"
    return f"[{title}](#{_anchor(event_id)}) ({when})"


def source_heading(timeline: Timeline, source_id: str, number: int) -> list[str]:
    """An article once, under Sources: outlet, headline, date and link (its quotes follow,
    each under the event it supports: `source_quotes`, then an empty line)."""
    return [f'<a id="source-{number}"></a>**[{number}]** ' + source_line(timeline, source_id), ""]


def source_line(timeline: Timeline, source_id: str) -> str:
    """An article in one line: outlet, *headline*, date and link, as Sources lists it."""
    source = timeline.sources.get(source_id)
    parts = [_md(source.outlet if source else source_id)]
    if source and source.headline:
        parts.append(f"*{_md(source.headline)}*")
    if source and source.published:
        parts.append(source.published.display())
    if source and source.url:
        parts.append(_url(source.url))
    return ", ".join(parts)


def markdown_citation(timeline: Timeline, e: Event, citation: int | None = None) -> str:
    """An event with its sources, to paste into a report, in the chronology's words: its
    date, title and status, then each article it cites (outlet, headline, date, link) with
    the quotes taken from it as a block quote; with `citation` (its index in the event's
    sources), that one only."""
    lines = [f"**{e.date.display()}** — {_sentence(e.title)}{_status(e)}"]
    cited = e.sources if citation is None else [e.sources[citation]]
    for source_id in dict.fromkeys(c.source for c in cited):
        lines += ["", source_line(timeline, source_id), ""]
        lines += _said(cited, source_id, "")
    return "\n".join(lines).rstrip("\n") + "\n"


def _said(cited: list, source_id: str, indent: str) -> list[str]:
    """What is taken from an article: its quotes as one block quote, then its paraphrases,
    in no quotation marks (they are not the article's words)."""
    quotes = [c.quote for c in cited if c.source == source_id and c.quote is not None]
    paraphrases = [c.paraphrase for c in cited if c.source == source_id and c.quote is None]
    lines = [f"{indent}> {text}" if text else f"{indent}>" for text in _quote_lines(quotes)]
    return lines + [f"{indent}- paraphrase, not the article's words: {_md(text)}" for text in paraphrases]


def source_quotes(e: Event, source_id: str) -> list[str]:
    """What an event takes from an article, under the article: its quotes and paraphrases."""
    cited = [c for c in e.sources if c.source == source_id]
    if not cited:
        return []
    return [f"- [{_md(e.title)}](#{_anchor(e.id)}) ({e.date.display()}):"] + _said(cited, source_id, "  ")


def _quote_lines(quotes: list[str]) -> list[str]:
    """The quotes as the paragraphs of one block quote, each on one line: a line break
    in a quote reads as a space in Markdown anyway."""
    lines: list[str] = []
    for quote in quotes:
        lines += ([""] if lines else []) + [_block_start(_md(quote))]
    return lines


def _sentence(title: str) -> str:
    """A title as the first sentence of its line: a full stop, unless it ends in one of its own."""
    text = _md(title)
    return text if _last_letter(title) in (".", "!", "?", "…") else text + "."


def _last_letter(text: str) -> str:
    """The last character, quotation marks and brackets aside: 'he said "no."' ends in a
    full stop too."""
    while text and (text[-1] in "\"'" or text[-1].isspace()
                    or unicodedata.category(text[-1]) in ("Pi", "Pf", "Ps", "Pe")):
        text = text[:-1]
    return text[-1:]


# The characters that mean something in Markdown wherever they stand (CommonMark and
# GitHub's: emphasis, links, code, raw HTML, tables, strikethrough, escapes); an '&' only
# where it would start an entity such as '&amp;'.
MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~]|&(?=#?[A-Za-z0-9]+;)")
# What makes a line a list item, a heading or a rule when it starts one.
BLOCK_START = re.compile(r"([-+=])|(\d+)([.)])")
SPACES = re.compile(r"[ \t\r\n]+")


def _md(text: str) -> str:
    """Text from the file as literal Markdown on one line: specials escaped, and each run
    of spaces, tabs and line breaks one space, as Markdown would show it (a no-break
    space stays what it is, but for one at either end: Markdown drops those, and one
    there would keep an italic headline upright)."""
    one_line = SPACES.sub(" ", text).strip()
    return MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), one_line)


def _block_start(text: str) -> str:
    """Text that starts a line in a block quote: a leading '-', '+', '=' or '1.' escaped,
    so that it stays text and does not become a list or a heading."""
    match = BLOCK_START.match(text)
    if not match:
        return text
    if match.group(1):
        return "\\" + text
    return match.group(2) + "\\" + text[match.end(2):]


def _url(url: str) -> str:
    """A link as an autolink, <https://...>, where it is one; else as text."""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*$", url):
        return f"<{url}>"
    return _md(url)


# What an export can write: its name, the file extension and what it is for. The
# explorer's export dialog and `timeline export` both offer these.
EXPORT_FORMATS = {
    "markdown": (".md", "Markdown chronology with its sources: for a report"),
    "timelinejs": (".json", "Knight Lab TimelineJS JSON: for publishing"),
    "csv": (".csv", "CSV, a row an event: for a spreadsheet, reads back in"),
    "jsonl": (".jsonl", "JSON Lines: this tool's format, reads back in"),
    "html": (".html", "HTML page, one file: offline, printable, for a reader"),
}


def nothing_to_export(filters: list[str]) -> str:
    """Why an export of no events is refused: a report of nothing would look like one
    that found nothing. `filters` are the filters on, in words."""
    if filters:
        return f"no event matches the filters ({'; '.join(filters)}), so there is nothing to export"
    return "the file holds no events, so there is nothing to export"


def export_text(format_name: str, timeline: Timeline, events: list[Event], filters: list[str] | None = None,
                group_by: str = "kind") -> str:
    """The events in an export format. `filters` are the filters on, in words: a report
    says which events it holds (see filters.describe)."""
    if format_name == "markdown":
        return to_markdown(timeline, events, "; ".join(filters or ()))
    if format_name == "timelinejs":
        return to_timelinejs(timeline, events, group_by=group_by)
    if format_name == "csv":
        return to_csv(timeline, events)
    if format_name == "jsonl":
        return to_jsonl(timeline, events)
    if format_name == "html":
        from .html_report import to_html  # it builds on this module

        return to_html(timeline, events, filters or ())
    raise ValueError(f"unknown export format '{format_name}'; expected one of: {', '.join(EXPORT_FORMATS)}")


def to_table(timeline: Timeline, events: list[Event], width: int | None = None) -> str:
    """Aligned columns, the event's id first (whole, for a script or a report to name the
    event by); titles and actors are cut with an ellipsis only when a width is given."""
    rows = [table_row(timeline, e) for e in events]
    widths = [max([len(TABLE_HEADER[i])] + [len(r[i]) for r in rows]) for i in range(3)]
    return "\n".join(table_line(row, widths, width) for row in [TABLE_HEADER, *rows]) + "\n"


TABLE_HEADER = ("ID", "DATE", "KIND", "TITLE", "ACTORS")


def table_row(timeline: Timeline, e: Event) -> tuple[str, str, str, str, str]:
    return (e.id, e.date.display(), e.kind, e.title,
            ", ".join(timeline.actor_name(a) for a in dict.fromkeys(e.actor_ids)))


def table_line(row: tuple, widths: list[int], width: int | None = None) -> str:
    """A row of the table, its first three columns padded to `widths`, cut to `width`."""
    line = f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}  ·  {row[4]}"
    if width and len(line) > width:
        line = line[: width - 1] + "…"
    return line


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns
