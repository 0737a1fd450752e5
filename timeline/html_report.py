"""A report in one HTML file: the chronology with every citation, for a reader who does
not live in a terminal, offline and printable.

It is the Markdown export (export.py) as a page, made from the same pieces
(chronology.py): the same events in the same order, the same numbers for the articles
(in the order first cited), the same links between claims and their answers,
paraphrases said to be such. The page needs nothing from outside:
its styles are inline, it has no script, font or image to fetch, and only a link the
reader follows leaves it (an article's http(s) address; any other address is shown as
text, never made a link).

Everything from the file is escaped (html.escape, attributes in double quotes), so that
whatever a title or a quote holds reads as written and changes nothing in the page.

The page is written in pieces, an event at a time (`head`, `event`, `chronology_end`,
`sources_head`, `source_head`, `citing_item`, `SOURCE_END`, `SOURCES_END`, `TAIL`), so that a writer that streams can write it as
`to_html` does.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .chronology import cited_numbers, citing_events, event_anchor, event_links
from .links import web_link
from .model import Event, Timeline

STYLE = """
:root { color-scheme: light dark; --muted: #5a5a5a; --rule: #d0d0d0; --accent: #8a4b00; --quote: #f4f1ea; }
@media (prefers-color-scheme: dark) {
  :root { --muted: #a8a8a8; --rule: #444; --accent: #f0b060; --quote: #26231e; }
}
body { font: 16px/1.5 Georgia, "Times New Roman", serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { border-bottom: 1px solid var(--rule); margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0; }
.scope, .how, .meta, .basis, .figures, .links, .cite, .generator, .quality, .days { color: var(--muted); }
.scope, .how, .generator { font-size: .9rem; }
.filters { margin: .25rem 0; }
.event { margin: 1.25rem 0; padding-left: .75rem; border-left: 3px solid var(--rule); }
.event:target { border-left-color: var(--accent); }
.date { font-weight: bold; white-space: nowrap; }
.quality, .days { font-size: .85rem; }
.status { color: var(--accent); font-weight: bold; }
.meta, .basis, .figures, .links, .cite { font-size: .85rem; margin: .2rem 0; }
.summary { margin: .35rem 0; }
.links { padding-left: 1.2rem; }
.citations { list-style: none; padding: 0; margin: .5rem 0 0; }
.citations > li { margin: .4rem 0; }
blockquote { margin: 0; padding: .4rem .75rem; background: var(--quote); white-space: pre-wrap; }
.paraphrase .said { margin: 0; padding: .4rem .75rem; font-style: italic; }
.paraphrase .label { font-style: normal; font-weight: bold; }
.source { margin: .75rem 0; }
.source .article { margin: 0; }
.source ul { margin: .25rem 0; font-size: .9rem; }
a { color: inherit; }
.url { word-break: break-all; }
@media print {
  @page { margin: 1.5cm; }
  body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
  h2, h3, .meta { break-after: avoid; }
  .citations > li, .links, .source { break-inside: avoid; }  /* not a whole event: one can be pages long */
  .event:target { border-left-color: var(--rule); }
  blockquote { background: none; border-left: 2px solid var(--rule); }
  a { text-decoration: none; }
}
"""

# The app's marks for a status and for an event that another denies (tui/marks.py).
STATUS_LABELS = {"disputed": "⚑ disputed", "alleged": "◌ alleged"}
DENIED_LABEL = "✗ denied or contradicted"
PARAPHRASE_LABEL = "Paraphrase, not the article's words:"

TAIL = "</body>\n</html>\n"


def to_html(timeline: Timeline, events: list[Event], filters: Iterable[str] = ()) -> str:
    """The events as one HTML page (see the module's docstring). `filters` are the
    filters on, in words (filters.describe): the page says which events it holds."""
    parts = [head(timeline, len(events), len(timeline.events), filters)]
    kept = {e.id for e in events}
    numbers: dict[str, int] = {}  # source id → its number, in the order first cited
    year = None
    for e in events:
        parts.append(event(timeline, e, year, numbers, kept))
        year = _year(e)
    parts.append(chronology_end(year))
    if numbers:
        parts.append(sources_head())
        citing = citing_events(events)
        for source_id, number in numbers.items():
            parts += [source_head(timeline, source_id, number), *map(citing_item, citing[source_id]), SOURCE_END]
        parts.append(SOURCES_END)
    parts.append(TAIL)
    return "".join(parts)


def head(timeline: Timeline, count: int, total: int, filters: Iterable[str] = ()) -> str:
    """The page's head, its title and which events it holds (`count` of `total`)."""
    title = _text(timeline.title)
    filters = list(filters)
    if filters:
        items = "".join(f"<li>{_text(f)}</li>" for f in filters)
        scope = f'<p class="scope">{count} of {total} events, chosen by these filters:</p>\n' \
                f'<ul class="filters scope">{items}</ul>\n'
    else:
        scope = f'<p class="scope">{count} event{"s" * (count != 1)}, every one in the file.</p>\n'
    origin = f" from {_text(Path(timeline.path).name)}" if timeline.path else ""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="timeline {__version__}">\n'
            f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"<header>\n<h1>{title}</h1>\n{scope}"
            f'<p class="how">Events in time order, each with the words of the articles that report it; '
            f"[n] is the article's number under Sources, at the end. A date's marks: ~ approximate, "
            f"? uncertain.</p>\n"
            f'<p class="generator">Exported{origin} by timeline {__version__}.</p>\n</header>\n<main>\n')


def event(timeline: Timeline, e: Event, year: int | None, numbers: dict[str, int], kept) -> str:
    """An event's part of the chronology, after a year's heading when its year is not
    `year` (that of the event before). An article cited for the first time is given the
    next number in `numbers`; `kept`: the ids of the events in the page."""
    parts = []
    event_year = _year(e)
    if event_year != year:
        if year is not None:
            parts.append("</section>\n")
        parts.append(f'<section class="year" id="year-{event_year}">\n<h2>{event_year}</h2>\n')
    classes = f"event kind-{_text(e.kind)} status-{_text(e.status)}"
    parts.append(f'<article class="{classes}" id="{_text(event_anchor(e.id))}">\n'
                 f'<h3>{date(e)} — <span class="title">{_text(e.title)}</span></h3>\n')
    parts.append(f'<p class="meta">{" · ".join(_facts(timeline, e))}</p>\n')
    if e.summary:
        parts.append(f'<p class="summary">{_text(e.summary)}</p>\n')
    if e.date_basis:
        parts.append(f'<p class="basis">How dated: {_text(e.date_basis)}</p>\n')
    if e.figures:
        figures = "; ".join(_figure(timeline, f) for f in e.figures)
        parts.append(f'<p class="figures">Figures: {figures}</p>\n')
    links = [_link(timeline, name, other, kept) for name, other in event_links(timeline, e)]
    if links:
        parts.append('<ul class="links">' + "".join(links) + "</ul>\n")
    cited = cited_numbers(e, numbers)
    parts.append(f'<ul class="citations" data-sources="{" ".join(map(str, cited))}">\n')
    parts += [citation(timeline, c, numbers[c.source]) for c in e.sources]
    parts.append("</ul>\n</article>\n")
    return "".join(parts)


def date(e: Event) -> str:
    """The date as the app shows it (its marks too), with what they mean in words and,
    for a season or a date with unknown digits, the days it covers; the EDTF as written
    in its title."""
    when = e.date
    text = f'<span class="date" title="{_text(when.edtf())}">{_text(when.display())}</span>'
    if when.qualities():
        text += f' <span class="quality">({_text(when.qualities())})</span>'
    if when.days():
        text += f' <span class="days">({_text(when.days())})</span>'
    return text


def _facts(timeline: Timeline, e: Event) -> list[str]:
    facts = [f'<span class="kind">{_text(e.kind)}</span>']
    if e.status in STATUS_LABELS:
        facts.append(f'<span class="status">{STATUS_LABELS[e.status]}</span>')
    if timeline.is_denied(e):
        facts.append(f'<span class="status">{DENIED_LABEL}</span>')
    if e.location:
        facts.append(f'<span class="location">{_text(e.location)}</span>')
    if e.actors:
        names = ", ".join(_text(timeline.actor_name(a)) for a in dict.fromkeys(e.actor_ids))
        facts.append(f'<span class="actors">{names}</span>')
    if e.tags:
        facts.append(f'<span class="tags">tags: {_text(", ".join(e.tags))}</span>')
    facts.append(f'<span class="id">id: {_text(e.id)}</span>')
    return facts


def _figure(timeline: Timeline, figure) -> str:
    value = f"{figure.value:,.0f}" if figure.value == int(figure.value) else f"{figure.value:,}"
    text = f"{figure.qualifier} {value}" if figure.qualifier != "exactly" else value
    text += f" {figure.what or figure.quantity}"
    if figure.claimed_by:
        text += f" (claimed by {timeline.actor_name(figure.claimed_by)})"
    if figure.as_of:
        text += f", as of {figure.as_of.display()}"
    return _text(text)


def _link(timeline: Timeline, name: str, other_id: str, kept) -> str:
    """A link to another event: an anchor when it is in the page, else its title and
    date, said to be outside it (a denial means little without its claim)."""
    other = timeline.event(other_id)
    if other is None:
        return f"<li>{_text(name)}: {_text(other_id)}</li>"
    when = _text(other.date.display())
    if other_id not in kept:
        return f"<li>{_text(name)}: {_text(other.title)} ({when}; not in this export)</li>"
    return f'<li>{_text(name)}: <a href="#{_text(event_anchor(other_id))}">{_text(other.title)}</a> ({when})</li>'


def citation(timeline: Timeline, c, number: int) -> str:
    """A citation under its event: the quote as a block quote (no quotation marks added:
    it may have its own), or a paraphrase in no quotation marks, said to be one; then
    the article it is from."""
    article = f'<p class="cite">— {_article(timeline, c.source, number)}</p>'
    if c.quote is None:
        return (f'<li class="paraphrase"><p class="said"><span class="label">{PARAPHRASE_LABEL}</span> '
                f"{_text(c.paraphrase or '')}</p>{article}</li>\n")
    return f'<li class="quote"><blockquote>{_text(c.quote)}</blockquote>{article}</li>\n'


def _article(timeline: Timeline, source_id: str, number: int) -> str:
    """An article: its number (a link to it under Sources), outlet, headline, date and link."""
    found = timeline.sources.get(source_id)
    parts = [_text(found.outlet if found else source_id)]
    if found and found.headline:
        parts.append(f"<cite>{_text(found.headline)}</cite>")
    if found and found.published:
        parts.append(_text(found.published.display()))
    if found and found.url:
        parts.append(url(found.url))
    return f'<a class="ref" href="#source-{number}">[{number}]</a> ' + ", ".join(parts)


def url(address: str) -> str:
    """An http(s) address as a link, by the explorer's rule (links.web_link); any other
    (javascript:, file:, one with a space, a mistyped one) as text."""
    if web_link(address):
        return f'<a class="url" href="{_text(address)}">{_text(address)}</a>'
    return f'<span class="url">{_text(address)}</span>'


def chronology_end(year: int | None) -> str:
    """What closes the chronology, after its last event (`year`: that event's, None for none)."""
    return ("</section>\n" if year is not None else "") + "</main>\n"


def sources_head() -> str:
    return '<section id="sources">\n<h2>Sources</h2>\n'


SOURCES_END = "</section>\n"


def source_head(timeline: Timeline, source_id: str, number: int) -> str:
    """An article once, under Sources; the events that cite it follow (each a
    `citing_item`), then SOURCE_END."""
    return (f'<div class="source" id="source-{number}">\n<p class="article">'
            f"{_article(timeline, source_id, number)}</p>\n<ul>")


SOURCE_END = "</ul>\n</div>\n"


def citing_item(e: Event) -> str:
    """An event, under an article it cites: a link to it, with its date."""
    return f'<li><a href="#{_text(event_anchor(e.id))}">{_text(e.title)}</a> ({_text(e.date.display())})</li>'


def _year(e: Event) -> int:
    return (e.date.start or e.date.end).year


def _text(text: str) -> str:
    """Text from the file as the content of an element, or as an attribute's value in
    double quotes: reads as written."""
    return html.escape(text, quote=True)
