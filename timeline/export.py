"""Writing events out: for pipes and scripts (table, JSON, CSV), for other tools (JSON
Lines that reads back in, TimelineJS, ACLED-like CSV) and for reports (Markdown)."""

from __future__ import annotations

import csv
import html
import io
import json
import shutil

from .model import KINDS, Actor, Event, Source, Timeline
from .validation import SLUG


def event_to_dict(event: Event, kept: set[str] | None = None, names: dict[str, str] | None = None) -> dict:
    """An event with the same keys as the file format, so the output reads back in;
    with `kept`, links to events not in it are left out; with `names`, each actor is
    written by the name given for its id (see `actor_references`)."""
    names = names or {}
    data: dict = {"id": event.id, "date": event.date.edtf()}
    if event.date_basis is not None:  # an empty text too: it reads back as written
        data["date_basis"] = event.date_basis
    data.update(kind=event.kind, title=event.title)
    if event.summary is not None:
        data["summary"] = event.summary
    if event.actors:
        data["actors"] = [names.get(a.actor, a.actor) if a.role is None
                          else {"actor": names.get(a.actor, a.actor), "role": a.role} for a in event.actors]
    if event.location is not None:
        data["location"] = event.location
    data["status"] = event.status
    data["sources"] = [{"source": c.source, "quote": c.quote} if c.quote is not None
                       else {"source": c.source, "paraphrase": c.paraphrase} for c in event.sources]
    related = [r for r in event.related if kept is None or r.event in kept]
    if related:
        data["related"] = [{"type": r.type, "event": r.event} for r in related]
    if event.figures:
        data["figures"] = [_figure_to_dict(f, names) for f in event.figures]
    if event.tags:
        data["tags"] = list(event.tags)
    return data


def _figure_to_dict(figure, names: dict[str, str]) -> dict:
    data = {"quantity": figure.quantity, "value": figure.value}  # a count, never nan or inf (validation.py)
    if figure.what is not None:
        data["what"] = figure.what
    if figure.claimed_by:
        data["claimed_by"] = names.get(figure.claimed_by, figure.claimed_by)
    if figure.qualifier != "exactly":
        data["qualifier"] = figure.qualifier
    if figure.as_of:
        data["as_of"] = figure.as_of.edtf()
    return data


def to_json(timeline: Timeline, events: list[Event]) -> str:
    return json.dumps([event_to_dict(e) for e in events], ensure_ascii=False, indent=2) + "\n"


# ACLED's column names where a column means the same, then ours.
CSV_COLUMNS = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
               "actor2", "assoc_actor", "location", "source", "notes", "title", "status", "date_edtf",
               "date_latest", "display_date", "quotes")


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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in events:
        names = [timeline.actor_name(a) for a in dict.fromkeys(e.actor_ids)]
        writer.writerow([
            e.id, e.date.earliest or e.date.latest or "", time_precision(e), e.kind, "",
            names[0] if names else "", names[1] if len(names) > 1 else "", "; ".join(names[2:]),
            e.location or "", "; ".join(timeline.outlets(e)), e.summary or "", e.title, e.status,
            e.date.edtf(), e.date.latest or "", e.date.display(), " | ".join(c.quote for c in e.sources if c.quote is not None),
        ])
    return out.getvalue()


def to_jsonl(timeline: Timeline, events: list[Event]) -> str:
    """A header with the sources and actors, then one event a line: reads back the same.
    Links to events outside the export are left out, so a filtered export reads back too."""
    header, inline = jsonl_header(timeline)
    lines = [json.dumps(header, ensure_ascii=False)]
    kept, names = {e.id for e in events}, actor_references(timeline)
    for e in events:
        data = event_to_dict(e, kept, names)
        if inline:
            data["sources"] = [{**c, **_source_to_dict(timeline.sources[c["source"]])} for c in data["sources"]]
        lines.append(json.dumps(data, ensure_ascii=False))
    return "\n".join(lines) + "\n"


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


def actor_references(timeline: Timeline) -> dict[str, str]:
    """For each actor, a name that reads back as that actor. A name belongs to the first
    actor that answers to it (the loader warns of the others), so an actor's id may be
    another's alias: then the first of its names that is its own."""
    owner: dict[str, str] = {}
    for actor in timeline.actors.values():
        for name in actor.names():
            owner.setdefault(name.lower(), actor.id)
    return {actor.id: next((n for n in actor.names() if owner[n.lower()] == actor.id), actor.id)
            for actor in timeline.actors.values()}


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
    event at is the earliest known end, and `display_date` says what is really known."""
    slides = []
    for e in events:
        when = e.date
        start = when.start or when.end
        slide = {
            "unique_id": e.id,
            "start_date": _tjs_date(start),
            "display_date": when.display(),
            "text": {"headline": e.title, "text": _tjs_text(timeline, e)},
            "group": e.kind if group_by == "kind" else (timeline.actor_name(e.actor_ids[0]) if e.actors else "other"),
        }
        if when.interval and when.start and when.end and when.end != when.start:
            slide["end_date"] = _tjs_date(when.end, end=True)
        slides.append(slide)
    document = {"title": {"text": {"headline": timeline.title, "text": f"{len(events)} events"}}, "events": slides}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


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
    """A chronology to paste into a report: one line an event, each citation a footnote.
    `filters` says which events these are, when not all of them."""
    lines = [f"# {timeline.title}", ""]
    if filters:
        lines += [f"*{len(events)} of {len(timeline.events)} events: {filters}*", ""]
    notes: list[str] = []
    year = None
    for e in events:
        event_year = (e.date.start or e.date.end).year
        if event_year != year:
            lines += ["", f"## {event_year}", ""] if year is not None else [f"## {event_year}", ""]
            year = event_year
        marks = ""
        for citation in e.sources:
            notes.append(_footnote(timeline, citation))
            marks += f"[^{len(notes)}]"
        status = f" *({e.status})*" if e.status != "reported" else ""
        summary = f" {e.summary}" if e.summary else ""
        lines.append(f"- **{e.date.display()}** — {e.title}.{status}{summary}{marks}")
    lines.append("")
    lines += [f"[^{n}]: {note}" for n, note in enumerate(notes, start=1)]
    return "\n".join(lines) + "\n"


def _footnote(timeline: Timeline, citation) -> str:
    source = timeline.sources.get(citation.source)
    if source is None:
        return citation.source + _cited(citation)
    parts = [source.outlet]
    if source.headline:
        parts.append(f"“{source.headline}”")
    if source.published:
        parts.append(source.published.display())
    if source.url:
        parts.append(f"<{source.url}>")
    return ", ".join(parts) + _cited(citation)


def _cited(citation) -> str:
    """What follows the article in a footnote: a quote in quotation marks; a paraphrase
    said to be one, and in none."""
    if citation.quote is None:
        return " — paraphrase, not the article's words: " + (citation.paraphrase or "").replace("\n", " ")
    quote = citation.quote.replace("\n", " ")
    return f": “{quote}”"


# What an export can write: its name, the file extension and what it is for. The
# explorer's export dialog and `timeline export` both offer these.
EXPORT_FORMATS = {
    "markdown": (".md", "Markdown chronology, quotes as footnotes: for a report"),
    "timelinejs": (".json", "Knight Lab TimelineJS JSON: for publishing"),
    "csv": (".csv", "CSV with ACLED-like columns: for a spreadsheet"),
    "jsonl": (".jsonl", "JSON Lines: this tool's format, reads back in"),
}


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
    raise ValueError(f"unknown export format '{format_name}'; expected one of: {', '.join(EXPORT_FORMATS)}")


def to_table(timeline: Timeline, events: list[Event], width: int | None = None) -> str:
    """Aligned columns, the event's id first (whole, for a script or a report to name the
    event by); titles and actors are cut with an ellipsis only when a width is given."""
    rows = [(e.id, e.date.display(), e.kind, e.title,
             ", ".join(timeline.actor_name(a) for a in dict.fromkeys(e.actor_ids))) for e in events]
    header = ("ID", "DATE", "KIND", "TITLE", "ACTORS")
    widths = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(3)]
    lines = []
    for row in [header, *rows]:
        line = f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}  ·  {row[4]}"
        if width and len(line) > width:
            line = line[: width - 1] + "…"
        lines.append(line)
    return "\n".join(lines) + "\n"


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns
