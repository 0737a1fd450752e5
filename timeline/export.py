"""Writing events out: a plain-text table, JSON and CSV, for pipes and scripts."""

from __future__ import annotations

import csv
import io
import json
import shutil

from .model import Event, Timeline


def event_to_dict(event: Event) -> dict:
    """An event with the same keys as the file format, so the output reads back in."""
    data: dict = {"id": event.id, "date": event.date.edtf()}
    if event.date_basis:
        data["date_basis"] = event.date_basis
    data.update(kind=event.kind, title=event.title)
    if event.summary:
        data["summary"] = event.summary
    if event.actors:
        data["actors"] = [a.actor if a.role is None else {"actor": a.actor, "role": a.role} for a in event.actors]
    if event.location:
        data["location"] = event.location
    data["status"] = event.status
    data["sources"] = [{"source": c.source, "quote": c.quote} for c in event.sources]
    if event.related:
        data["related"] = [{"type": r.type, "event": r.event} for r in event.related]
    if event.figures:
        data["figures"] = [_figure_to_dict(f) for f in event.figures]
    if event.tags:
        data["tags"] = list(event.tags)
    return data


def _figure_to_dict(figure) -> dict:
    data = {"quantity": figure.quantity, "value": figure.value}
    for key in ("what", "claimed_by"):
        if getattr(figure, key):
            data[key] = getattr(figure, key)
    if figure.qualifier != "exactly":
        data["qualifier"] = figure.qualifier
    if figure.as_of:
        data["as_of"] = figure.as_of.edtf()
    return data


def to_json(timeline: Timeline, events: list[Event]) -> str:
    return json.dumps([event_to_dict(e) for e in events], ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = ("id", "date", "earliest", "latest", "display_date", "kind", "status", "title",
               "actors", "location", "sources", "summary")


def to_csv(timeline: Timeline, events: list[Event]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in events:
        writer.writerow([
            e.id, e.date.edtf(), e.date.earliest or "", e.date.latest or "", e.date.display(),
            e.kind, e.status, e.title, "; ".join(timeline.actor_name(a) for a in e.actor_ids),
            e.location or "", "; ".join(dict.fromkeys(c.source for c in e.sources)), e.summary or "",
        ])
    return out.getvalue()


def to_table(timeline: Timeline, events: list[Event], width: int | None = None) -> str:
    """Aligned columns; titles and actors are cut with an ellipsis only when a width is given."""
    rows = [(e.date.display(), e.kind, e.title, ", ".join(timeline.actor_name(a) for a in e.actor_ids))
            for e in events]
    header = ("DATE", "KIND", "TITLE", "ACTORS")
    widths = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(2)]
    lines = []
    for row in [header, *rows]:
        line = f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}  ·  {row[3]}"
        if width and len(line) > width:
            line = line[: width - 1] + "…"
        lines.append(line)
    return "\n".join(lines) + "\n"


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns
