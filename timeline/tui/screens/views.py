"""The analyst's views over the whole file: an article's coverage, contested claims, figures."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from ...claims import contested
from ...corpus import coverage, passages
from ...figures import figures_by_quantity
from ...model import Source, Timeline
from .listing import EventListScreen, event_option, heading_option


def coverage_screen(timeline: Timeline, source: Source, text: str) -> EventListScreen:
    """Every event the article supports, in the order of its quotes; then what no event cites."""
    result = coverage(timeline, source.id, text)
    first_quote = {}
    for passage in passages(timeline, source.id, text):
        first_quote.setdefault(passage.event_index, passage.quote)
    heading = Text(f"Coverage of {source.outlet}", style="bold")
    if source.headline:
        heading.append(f" — “{source.headline}”")
    heading.append(f"\n{len(result.events)} events quote it, in the order of their quotes; "
                   f"{len(result.uncited)} paragraphs no event cites", style="dim")
    options: list[Option] = [heading_option(f"Events, in the order of their quotes ({len(result.events)})")]
    for index in result.events:
        snippet = first_quote[index]
        options.append(event_option(timeline, index, note=f"{snippet[:60]}{'…' if len(snippet) > 60 else ''}"))
    options.append(heading_option(f"Paragraphs no event cites ({len(result.uncited)})"))
    for start, end in result.uncited:
        options.append(Option(Text(text[start:end], style="dim italic"), disabled=True))
    return EventListScreen(heading, options)


def disputes_screen(timeline: Timeline) -> EventListScreen:
    """Every contested claim with its denials and answers, in time order."""
    contests = contested(timeline)
    heading = Text("Contested claims", style="bold")
    heading.append(f"\n{len(contests)} claims that another event denies or contradicts, or that are disputed; "
                   "each with its answers in time order", style="dim")
    options: list[Option] = []
    for number, contest in enumerate(contests):
        options.append(event_option(timeline, contest.claim, key=f"claim{number}"))
        for kind, answer in contest.answers:
            options.append(event_option(timeline, answer, prefix=f"   └ {kind:<12} ", key=f"{number}-{answer}"))
        if not contest.answers:
            options.append(Option(Text("   └ no answer in this file", style="dim"), disabled=True))
    if not contests:
        options.append(heading_option("No contested claims in this file.", style="dim"))
    return EventListScreen(heading, options)


def figures_screen(timeline: Timeline) -> EventListScreen:
    """The figures reported for each quantity, side by side by date and claimant."""
    table = figures_by_quantity(timeline)
    heading = Text("Reported figures", style="bold")
    heading.append(f"\n{len(table)} quantities; for each, every figure by date, with who claimed it "
                   "and who reported it", style="dim")
    options: list[Option] = []
    for quantity, rows in table.items():
        options.append(heading_option(f"{rows[0].what or quantity}  ({quantity})"))
        for number, row in enumerate(rows):
            line = Text("   ", no_wrap=True, overflow="ellipsis")
            line.append(f"{row.when.display():<20} ", style="dim")
            line.append(f"{row.shown_value:>14}  ", style="bold")
            line.append(f"{(row.claimant or 'unattributed'):<28}", style="cyan")
            line.append(f" {timeline.events[row.event_index].title}")
            line.append(f"  [{', '.join(row.outlets)}]", style="dim")
            options.append(Option(line, id=f"{timeline.ids[row.event_index]}#{quantity}{number}"))
    if not table:
        options.append(heading_option("No event in this file carries figures.", style="dim"))
    return EventListScreen(heading, options)
