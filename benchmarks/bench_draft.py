"""How much of the bundled timeline `timeline draft` finds by itself.

For each of the five seed articles, with its publication date from the seeds'
sources.yaml, the draft's candidates are compared with the events of events.yaml that
quote that article. An event is covered when a candidate's quote overlaps one of its
quotes from the article (at least 20 characters in common, or the whole of a shorter
quote). Of the covered events, the date agrees when a candidate that covers it gives the
same first and last possible day as events.yaml (qualifiers aside: `2018-08-22?` agrees
with `2018-08-22`); it is consistent when the candidate's range holds the event's
(true, but wider, as an undated `../2016-02-09` is). A candidate that overlaps no event
of its article is counted as unmatched: either a miss of the rules or something the
analyst did not take.

    python benchmarks/bench_draft.py [-v] [SEEDS_FOLDER] [EVENTS_FILE]
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
    totals = [0, 0, 0, 0, 0, 0]
    print(f"{'article':<28} {'covered':>9} {'dates agree':>12} {'consistent':>11} {'unmatched':>10} {'time':>7}")
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
        covered, events, agree, consistent, unmatched, drafted = row
        totals = [a + b for a, b in zip(totals, row)]
        print(f"{fact['file'][:26]:<28} {covered:>4}/{events:<4} {agree:>6}/{covered:<5} {consistent:>5}/{covered:<5} "
              f"{unmatched:>4}/{drafted:<5} {elapsed * 1000:>5.0f}ms")
    covered, events, agree, consistent, unmatched, drafted = totals
    print(f"{'all five':<28} {covered:>4}/{events:<4} {agree:>6}/{covered:<5} {consistent:>5}/{covered:<5} "
          f"{unmatched:>4}/{drafted:<5}")
    print(f"covered {_share(covered, events)}, dates agreeing {_share(agree, covered)}, "
          f"consistent {_share(consistent, covered)}, candidates matching no event {_share(unmatched, drafted)}")
    return 0


def compare(timeline, source_id: str, text: str, candidates, article) -> tuple[int, int, int, int, int, int]:
    """(covered, events, dates agreeing, dates consistent, unmatched candidates, candidates)."""
    spans = {}  # event → its quotes' spans in this article
    for event in timeline.events:
        found = [(start, start + len(c.quote)) for c in event.sources
                 if c.source == source_id and c.quote and (start := text.find(c.quote)) >= 0]
        if found:
            spans[event.id] = (event, found)
    covered = agree = consistent = 0
    matched: set[int] = set()
    for event, quotes in spans.values():
        covering = [i for i, c in enumerate(candidates) if _overlaps(c, quotes)]
        matched.update(covering)
        if not covering:
            continue
        covered += 1
        dates = [parse_date(_date(candidates[i], article)[0]) for i in covering]
        agree += any(_same_days(d, event.date) for d in dates)
        if VERBOSE and not any(_same_days(d, event.date) for d in dates):
            print(f"    {event.id}: {event.date.edtf()} ≠ {', '.join(sorted({d.edtf() for d in dates}))}")
        consistent += any(_holds(d, event.date) for d in dates)
    unmatched = sum(1 for i in range(len(candidates)) if i not in matched)
    return covered, len(spans), agree, consistent, unmatched, len(candidates)


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
