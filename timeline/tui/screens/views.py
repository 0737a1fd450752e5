"""The analyst's views: an article's coverage, contested claims, figures. Each shows the
events its scope covers: those the main screen's filters let through, or the whole file."""

from __future__ import annotations

from collections.abc import Container
from functools import partial

from rich.text import Text
from textual.widgets.option_list import Option

from ...claims import contested
from ...corpus import coverage, passages
from ...figures import figures_by_quantity
from ...model import Source, Timeline
from ...wording import counted
from ..scope import Scope
from .listing import EventListScreen, event_option, heading_option

OUTSIDE = "(outside the filters)"  # an answer or claim listed for its dispute's sake



def coverage_screen(timeline: Timeline, source: Source, text: str, scope: Scope = Scope()) -> EventListScreen:
    return EventListScreen(partial(_coverage, timeline, source, text), scope)


def disputes_screen(timeline: Timeline, scope: Scope = Scope()) -> EventListScreen:
    return EventListScreen(partial(_disputes, timeline), scope)


def figures_screen(timeline: Timeline, scope: Scope = Scope()) -> EventListScreen:
    return EventListScreen(partial(_figures, timeline), scope)


def _coverage(timeline: Timeline, source: Source, text: str, events: Container[int] | None):
    """Every event the article supports, in the order of its quotes; then what none cites."""
    result = coverage(timeline, source.id, text, events)
    first_quote = {}
    for passage in passages(timeline, source.id, text):
        first_quote.setdefault(passage.event_index, passage.quote)
    cites = "no event cites" if events is None else "none of these events cites"
    heading = Text(f"Coverage of {source.outlet}", style="bold")
    if source.headline:
        heading.append(f" — “{source.headline}”")
    heading.append(f"\n{counted(len(result.events), 'event')} quote it, in the order of their quotes; "
                   f"{counted(len(result.uncited), 'paragraph')} {cites}", style="dim")
    options: list[Option] = [heading_option(f"Events, in the order of their quotes ({len(result.events)})")]
    for index in result.events:
        snippet = first_quote[index]
        options.append(event_option(timeline, index, note=f"{snippet[:60]}{'…' if len(snippet) > 60 else ''}"))
    options.append(heading_option(f"Paragraphs {cites} ({len(result.uncited)})"))
    for start, end in result.uncited:
        options.append(Option(Text(text[start:end], style="dim italic"), disabled=True))
    return heading, options


def _disputes(timeline: Timeline, events: Container[int] | None):
    """Every contested claim with its denials and answers, in time order; under a filter,
    the disputes its events take part in, each whole."""
    contests = contested(timeline, events)
    heading = Text("Contested claims", style="bold")
    are = "is" if len(contests) == 1 else "are"
    heading.append(f"\n{counted(len(contests), 'claim')} that another event denies or contradicts, or that "
                   f"{are} disputed; each with its answers in time order", style="dim")

    def note(index: int) -> str:
        return OUTSIDE if events is not None and index not in events else ""

    options: list[Option] = []
    for number, contest in enumerate(contests):
        options.append(event_option(timeline, contest.claim, note=note(contest.claim), key=f"claim{number}"))
        for kind, answer in contest.answers:
            options.append(event_option(timeline, answer, prefix=f"   └ {kind:<12} ", note=note(answer),
                                        key=f"{number}-{answer}"))
        if not contest.answers:
            options.append(Option(Text("   └ no answer in this file", style="dim"), disabled=True))
    if not contests:
        where = "in this file" if events is None else "among these events"
        options.append(heading_option(f"No contested claims {where}.", style="dim"))
    return heading, options


def _figures(timeline: Timeline, events: Container[int] | None):
    """The figures reported for each quantity, side by side by date and claimant."""
    table = figures_by_quantity(timeline, events)
    heading = Text("Reported figures", style="bold")
    quantities = "1 quantity" if len(table) == 1 else f"{len(table)} quantities"
    heading.append(f"\n{quantities}; for each, every figure by date, with who claimed it "
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
        which = "No event in this file" if events is None else "None of these events"
        options.append(heading_option(f"{which} carries figures.", style="dim"))
    return heading, options
