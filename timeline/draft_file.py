"""The draft as an events file: what `timeline draft` writes.

The project's own format (README, "File format"), so that it checks, opens and can be
pasted: the article's source entry, the new actors, and the candidate events, each tagged
`draft` (a tag the format already carries, and the app filters by with `#`) until the
analyst has read it against the article and removed the tag. Passages that report an
event of `--into` are not new events: they follow in a commented block, each with the
event it corroborates, why, and the lines to paste under that event's `sources:` (a
comment, because the format has no place for them and a draft must check as written).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .acled import _slug, _unused
from .corroboration import Corroborator, Match
from .draft import Candidate, _first_cue, draft, outside_quotes
from .draft_actors import ActorBook

DRAFT_TAG = "draft"
TITLE_CHARS = 100
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass
class Article:
    text: str
    path: Path
    published: object  # a When
    outlet: str
    headline: str | None = None
    url: str | None = None


def draft_text(article: Article, into=None, written_to: Path | None = None) -> str:
    """The draft of an article as the text of an events file. `into` is the loaded
    events file the draft is for (its actors, sources and events), or None;
    `written_to`, where the draft goes (for the corpus folder's relative path)."""
    candidates = draft(article.text, article.published)
    book = ActorBook(into.actors if into else None)
    source_id, source_known = _source_id(article, into)
    corroborator = Corroborator(into, _cue_class, book) if into else None
    events, corroborations = [], []
    taken = set(into.by_id) if into else set()
    for candidate in candidates:
        actors = candidate_actors(candidate, book)
        match = corroborator.find([q.text for q in candidate.quotes], source_id, actors[0][0] if actors else None,
                                  _cue_class(candidate.quotes[0].text), _when(candidate, article),
                                  {a for a, _ in actors[1:]}) if corroborator else None
        if match is not None:
            corroborations.append((candidate, match))
            continue
        book.used.update(actor for actor, _ in actors)
        event_id = _unused(draft_event_id(candidate, book, actors), lambda key: key in taken)
        taken.add(event_id)
        events.append(_event(candidate, event_id, actors, source_id, book, article))
    lines = _header(article, into)
    lines += _corpus_line(article, written_to)
    lines += _sources_lines(article, source_id, source_known, into)
    lines += _actors_lines(book, events)
    lines.append("events:")
    if not events:
        lines[-1] = "events: []"
    for event in events:
        lines += event
    lines += _corroboration_lines(corroborations, source_id, into)
    return "\n".join(lines) + "\n"


# --- YAML, written by hand so that every text reads back exactly as the article has it -------

def _q(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string form, which YAML reads back as the same
    characters, with the line and paragraph separators escaped (YAML would fold them)."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") \
        .replace("\ufeff", "\\ufeff")


def _header(article: Article, into) -> list[str]:
    into_name = f" for {Path(into.path).name}" if into is not None and into.path else ""
    return [
        f"# Drafted by `timeline draft` from {_comment(article.path.name)}{into_name}, published "
        f"{article.published.edtf()}.",
        "# Candidates, not findings: each event is tagged `draft` until an analyst has read it",
        "# against the article, put right its kind, status, actors and title, and removed the tag.",
        "# Quotes are the article's words, character for character; each date_basis says how the",
        "# date was read, or that the text gives none.",
        f"title: {_q('Draft: ' + (article.headline or article.path.name))}",
        "schema: 1",
    ]


def _comment(text: str) -> str:
    return " ".join(text.split())


def _corpus_line(article: Article, written_to: Path | None) -> list[str]:
    """The article's folder, relative to where the draft is written, so that
    `timeline check DRAFT` finds the article and checks every quote."""
    folder = article.path.resolve().parent
    base = (written_to.resolve().parent if written_to else Path.cwd())
    try:
        relative = os.path.relpath(folder, base)
    except ValueError:  # another drive
        relative = str(folder)
    return [f"corpus: {_q(relative)}"]


def known_source(path: Path, into):
    """The source of `--into` whose file is this article (by its name), or None."""
    if into is not None:
        for source in into.sources.values():
            if source.file and Path(source.file).name == path.name:
                return source
    return None


def _source_id(article: Article, into) -> tuple[str, bool]:
    """The id of the article's source: the one `--into` already gives it (same file),
    else a new one from the outlet and the publication date."""
    known = known_source(article.path, into)
    if known is not None:
        return known.id, True
    day = article.published.edtf().replace("/", "_").replace("..", "open")
    base = f"{_slug(article.outlet.lower(), 'source')}-{day}"
    return _unused(base, lambda key: into is not None and key in into.sources), False


def _sources_lines(article: Article, source_id: str, known: bool, into) -> list[str]:
    lines = ["", "sources:"]
    if known:
        lines.append(f"  # already in {Path(into.path).name} as {source_id}; repeated so that this draft checks on "
                     "its own (do not paste)")
    lines += [f"  {source_id}:", f"    outlet: {_q(article.outlet)}"]
    if article.headline:
        lines.append(f"    headline: {_q(article.headline)}")
    lines.append(f"    published: {_q(article.published.edtf())}")
    if article.url:
        lines.append(f"    url: {_q(article.url)}")
    lines.append(f"    file: {_q(article.path.name)}")
    return lines


def _actors_lines(book: ActorBook, events: list[list[str]]) -> list[str]:
    used = book.used
    new = [a for a in book.new.values() if a.id in used]
    known = [book.known[a] for a in sorted(used) if a in book.known]
    if not new and not known:
        return [""]
    lines = ["", "actors:"]
    for actor in new:
        lines += [f"  {actor.id}:", f"    name: {_q(actor.name)}"]
        if actor.aliases:
            lines.append(f"    aliases: [{', '.join(_q(a) for a in actor.aliases)}]")
    if known:
        lines.append("  # already in the events file; repeated so that this draft checks on its own (do not paste)")
        for actor in known:
            lines += [f"  {actor.id}:", f"    name: {_q(actor.name)}"]
            if actor.aliases:
                lines.append(f"    aliases: [{', '.join(_q(a) for a in actor.aliases)}]")
    lines.append("")
    return lines


# --- one event -----------------------------------------------------------------------------------

def candidate_actors(candidate: Candidate, book: ActorBook) -> list[tuple[str, str]]:
    """(actor id, role) for the candidate: the speaker first, then reporters and targets
    named by their place in the sentence, then every other actor named in the quotes."""
    actors: dict[str, str] = {}
    if candidate.speaker is not None:
        speaker = book.resolve(candidate.speaker.text)
        if speaker:
            actors[speaker] = candidate.speaker_role
    if candidate.claimant is not None and candidate.claimant is not candidate.speaker:
        claimant = book.resolve(candidate.claimant.text)
        if claimant and claimant not in actors:
            actors[claimant] = "reporter"
    for span, role in candidate.others:
        actor = book.resolve(span.text)
        if actor and actor not in actors:
            actors[actor] = role
    for quote in candidate.quotes:
        bare = outside_quotes(quote.text)
        for start, end, actor in book.mentions(quote.text):
            if actor not in actors and bare[start:end].strip():  # named by the article, not inside a quotation
                actors[actor] = "subject"
    return list(actors.items())


def _when(candidate: Candidate, article: Article):
    from .dates import parse_date

    return parse_date(_date(candidate, article)[0])


def _date(candidate: Candidate, article: Article) -> tuple[str, str]:
    """The date and its basis: as resolved from the text, else the publication's, open
    before it: the passage happened at or before its report, and no day is guessed."""
    if candidate.date is not None:
        return candidate.date.edtf, candidate.date.basis
    published = article.published
    latest = published.latest
    day = f"{_WEEKDAYS[latest.weekday()]} {latest.isoformat()}" if published.precision == 3 and not published.interval \
        else published.edtf()
    return f"../{latest.isoformat()}", f"No date in the passage: at or before its publication ({day}); not worked out"


def _event(candidate: Candidate, event_id: str, actors, source_id: str, book: ActorBook,
           article: Article) -> list[str]:
    return ["", *event_lines(event_record(candidate, event_id, actors, source_id, book, article))]


def event_record(candidate: Candidate, event_id: str, actors, source_id: str, book: ActorBook,
                 article: Article) -> dict:
    """The candidate as an event of the file format, its keys in the order they are written."""
    date, basis = _date(candidate, article)
    record = {"id": event_id, "date": date, "date_basis": basis, "kind": candidate.kind, "status": candidate.status,
              "title": _title(candidate, book, actors)}
    if actors:
        record["actors"] = [{"actor": actor, "role": role} for actor, role in actors]
    record["sources"] = [{"source": source_id, "quote": quote.text} for quote in candidate.quotes]
    if candidate.figures:
        claimant = _claimant(candidate, actors, book, article)
        if claimant:
            book.used.add(claimant)
        record["figures"] = [{"quantity": f.quantity, "value": f.value, "what": f.what, "qualifier": f.qualifier,
                              **({"claimed_by": claimant} if claimant else {})} for f in candidate.figures]
    record["tags"] = [DRAFT_TAG, *candidate.tags]
    return record


def event_lines(record: dict) -> list[str]:
    """An event as the lines of a YAML list item, indented as under `events:`."""
    lines = [f"  - id: {record['id']}", f"    date: {_q(record['date'])}", f"    date_basis: {_q(record['date_basis'])}",
             f"    kind: {record['kind']}", f"    status: {record['status']}", f"    title: {_q(record['title'])}"]
    if record.get("actors"):
        lines.append("    actors:")
        lines += [f"      - {{actor: {_q(a['actor'])}, role: {_q(a['role'])}}}" for a in record["actors"]]
    lines.append("    sources:")
    for citation in record["sources"]:
        lines += [f"      - source: {citation['source']}", f"        quote: {_q(citation['quote'])}"]
    if record.get("figures"):
        lines.append("    figures:")
        for f in record["figures"]:
            claimed = f", claimed_by: {_q(f['claimed_by'])}" if "claimed_by" in f else ""
            lines.append(f"      - {{quantity: {_q(f['quantity'])}, value: {f['value']}, what: {_q(f['what'])}, "
                         f"qualifier: {_q(f['qualifier'])}{claimed}}}")
    lines.append(f"    tags: [{', '.join(record['tags'])}]")
    return lines


def _claimant(candidate: Candidate, actors, book: ActorBook, article: Article) -> str | None:
    """Who claims a candidate's figures: who the article says reports them, else its
    speaker, else the outlet itself, which then states them in its own voice."""
    if candidate.claimant is not None:
        return book.resolve(candidate.claimant.text)
    if actors and actors[0][1] in ("speaker", "claimant"):
        return actors[0][0]
    return book.resolve(article.outlet)


def _title(candidate: Candidate, book: ActorBook, actors) -> str:
    """A first title for the analyst to rewrite: who, then the start of the passage."""
    passage = " ".join(candidate.quotes[0].text.split())
    who = book.name(actors[0][0]) if actors and actors[0][1] != "subject" else ""
    title = f"{who}: {passage}" if who and who.lower() not in passage[:60].lower() else passage
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def draft_event_id(candidate: Candidate, book: ActorBook, actors) -> str:
    """Who and the cue ("dmitry-peskov-refused-to-confirm"), else the passage's first words."""
    who = re.sub(r"^(?:the|a|an)\s+", "", book.name(actors[0][0]), flags=re.IGNORECASE) \
        if actors and actors[0][1] != "subject" else ""
    what = candidate.cue if who and candidate.cue else " ".join(candidate.quotes[0].text.split()[:6])
    return re.sub(r"-{2,}", "-", _slug(f"{who} {what}".strip().lower(), "event"))[:60].rstrip("-.")


def _cue_class(text: str) -> str | None:
    found = _first_cue(outside_quotes(text))
    return found[0][0] if found else None


# --- corroboration ----------------------------------------------------------------------------

def _corroboration_lines(corroborations: list[tuple[Candidate, Match]], source_id: str, into) -> list[str]:
    if not corroborations:
        return []
    name = Path(into.path).name if into.path else "the events file"
    lines = ["", "", f"# Corroboration: passages of this article that report events already in {name}.",
             "# Not new events: to accept one, paste its lines under that event's `sources:` in",
             f"# {name} (and the source above under `sources:`, if it is not there yet).", "#"]
    for candidate, match in corroborations:
        event = match.event
        lines.append(f"# {event.id} (line {event.line}): {_comment(event.title)}")
        if match.same_source:
            lines += [f"#   already cites this article here; nothing to add: {_comment(candidate.quotes[0].text)[:80]}", "#"]
            continue
        lines.append(f"#   why: {match.why}")
        for quote in candidate.quotes:
            lines += [f"#       - source: {source_id}", f"#         quote: {_q(quote.text)}"]
        lines.append("#")
    return lines
