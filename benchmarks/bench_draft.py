"""How much of the bundled timeline `timeline draft` finds by itself.

For each of the five seed articles, with its publication date from the seeds'
sources.yaml, the draft's candidates are compared with the events of events.yaml that
quote that article. An event is covered when a candidate's quote overlaps one of its
quotes from the article (at least 20 characters in common, or the whole of a shorter
quote). A candidate that overlaps no event of its article is counted as unmatched: either
a miss of the rules or something the analyst did not take.

What "the dates agree" means here: a candidate that covers the event gives the same first
and last possible day as events.yaml, qualifiers aside (`2018-08-22?` agrees with
`2018-08-22`: the draft says it is unsure, the analyst removes the `?`). An interval that
merely holds the event's date does not agree, even when it was read from the same words
("later this week" read as Tue to Sat against an event dated Wed): the analyst would still
have to narrow it, which is the work the draft is meant to save. Such a date is counted as
consistent instead: the candidate's range holds the event's (true, but wider, as an
undated `../2016-02-09` is). A date that is neither is wrong, and the draft should not
give it.

events.yaml was dated by an analyst who read all five articles and the facts of
sources.yaml (that a paragraph was copied from an older article, that a preview was out
the day before). A draft reads one article, so some of its dates cannot agree with the
file's by any rule: the last line counts apart the events that only this article reports,
the ones whose date is most often this article's own.

    python benchmarks/bench_draft.py [-v] [SEEDS_FOLDER] [EVENTS_FILE]

-v prints, for each date that does not agree, the event's date and date_basis and each
covering candidate's date and basis, so that each can be read and classified.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

from timeline.dates import parse_date
from timeline.draft import draft
from timeline.draft_file import Article, _date
from timeline.loader import load

ROOT = Path(__file__).resolve().parent.parent
MIN_OVERLAP = 20
VERBOSE = "-v" in sys.argv


def main(seeds: Path, events_path: Path) -> int:
    timeline = load(events_path)
    facts = yaml.safe_load((seeds / "sources.yaml").read_text(encoding="utf-8"))
    totals = [0] * 8
    print(f"{'article':<28} {'covered':>9} {'dates agree':>12} {'consistent':>11} {'unmatched':>10} "
          f"{'only here':>10} {'time':>7}")
    for fact in facts:
        path = seeds / fact["file"]
        text = path.read_text(encoding="utf-8")
        published = parse_date(str(fact["published"]))
        source_id = next(s.id for s in timeline.sources.values() if s.file == fact["file"])
        started = time.perf_counter()
        candidates = draft(text, published)
        elapsed = time.perf_counter() - started
        article = Article(text, path, published, fact["outlet"])
        row = compare(timeline, source_id, text, candidates, article)
        totals = [a + b for a, b in zip(totals, row)]
        print(f"{fact['file'][:26]:<28} {_row(row)} {elapsed * 1000:>5.0f}ms")
    print(f"{'all five':<28} {_row(totals)}")
    covered, events, agree, consistent, unmatched, drafted, alone, alone_agree = totals
    print(f"covered {_share(covered, events)}, dates agreeing {_share(agree, covered)}, "
          f"consistent {_share(consistent, covered)}, candidates matching no event {_share(unmatched, drafted)}")
    print(f"of the covered events that only their article reports, dates agreeing {_share(alone_agree, alone)}")
    return 0


def _row(row) -> str:
    covered, events, agree, consistent, unmatched, drafted, alone, alone_agree = row
    return (f"{covered:>4}/{events:<4} {agree:>6}/{covered:<5} {consistent:>5}/{covered:<5} "
            f"{unmatched:>4}/{drafted:<5} {alone_agree:>4}/{alone:<5}")


def compare(timeline, source_id: str, text: str, candidates, article) -> tuple[int, ...]:
    """(covered, events, dates agreeing, dates consistent, unmatched candidates, candidates,
    covered events that only this article reports, and of those the ones whose dates agree)."""
    spans = {}  # event → its quotes' spans in this article
    for event in timeline.events:
        found = [(start, start + len(c.quote)) for c in event.sources
                 if c.source == source_id and c.quote and (start := text.find(c.quote)) >= 0]
        if found:
            spans[event.id] = (event, found)
    covered = agree = consistent = alone = alone_agree = 0
    matched: set[int] = set()
    for event, quotes in spans.values():
        covering = [i for i, c in enumerate(candidates) if _overlaps(c, quotes)]
        matched.update(covering)
        if not covering:
            continue
        covered += 1
        dates = [_date(candidates[i], article) for i in covering]
        agrees = any(_same_days(parse_date(edtf), event.date) for edtf, _ in dates)
        agree += agrees
        consistent += any(_holds(parse_date(edtf), event.date) for edtf, _ in dates)
        if {c.source for c in event.sources} == {source_id}:
            alone += 1
            alone_agree += agrees
        if VERBOSE and not agrees:
            print(f"    {event.id}: {event.date.edtf()} ({event.date_basis})")
            for (edtf, basis), i in zip(dates, covering):
                print(f"      ≠ {edtf} ({basis})")
    unmatched = sum(1 for i in range(len(candidates)) if i not in matched)
    if VERBOSE:
        for i, candidate in enumerate(candidates):
            if i not in matched:
                print(f"    unmatched: {candidate.kind}: {candidate.quotes[0].text[:100]}")
    return covered, len(spans), agree, consistent, unmatched, len(candidates), alone, alone_agree


def _overlaps(candidate, quotes) -> bool:
    for quote in candidate.quotes:
        for start, end in quotes:
            common = min(quote.end, end) - max(quote.start, start)
            if common >= min(MIN_OVERLAP, end - start):
                return True
    return False


def _same_days(found, expected) -> bool:
    return (found.earliest, found.latest) == (expected.earliest, expected.latest)


def _holds(found, expected) -> bool:
    starts = found.earliest is None or expected.earliest is not None and found.earliest <= expected.earliest
    ends = found.latest is None or expected.latest is not None and found.latest >= expected.latest
    return starts and ends


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "-v"]  # -v: each date that does not agree
    seeds = Path(arguments[0]) if arguments else ROOT.parent / "shared" / "seeds"
    events = Path(arguments[1]) if len(arguments) > 1 else ROOT / "events.yaml"
    sys.exit(main(seeds, events))
