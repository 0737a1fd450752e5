"""One behaviour per filter: the views (disputes, figures, lanes, coverage) follow the main
screen's filters and say so in their header, with a key for the whole file; picker counts
follow the other filters; chosen picker items read apart without colour; the header shows
every filter at any width."""

from conftest import CORPUS, EVENTS
from textual.geometry import Region
from textual.widgets import OptionList, SelectionList

from timeline.claims import contested
from timeline.figures import figures_by_quantity
from timeline.filters import describe
from timeline.loader import load
from timeline.query import Query, Searcher
from timeline.tui.app import make_app
from timeline.tui.screens.lanes import LanesScreen
from timeline.tui.screens.listing import EventListScreen
from timeline.tui.screens.picker import PickerScreen
from timeline.tui.widgets.timeline_view import TimelineView


def drawn(widget) -> list[str]:
    """The lines a widget draws, as text, at its size on screen."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    return [strip.text.rstrip() for strip in widget.render_lines(region)]


def view_heading(screen) -> str:
    head = screen.query_one("#listing-head" if isinstance(screen, EventListScreen) else "#lanes-head")
    return " ".join(" ".join(drawn(head)).split())


def listed_ids(screen) -> list[str]:
    """The event ids a list view offers, in order (an event listed twice counts twice)."""
    options = screen.query_one(OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    return [i.split("#")[0] for i in ids if i]


def matching(timeline, query) -> set[int]:
    return set(Searcher(timeline).run(query))


# --- the views -----------------------------------------------------------------------

async def test_disputes_follow_the_filters_and_f_switches_to_the_whole_file():
    timeline = load(EVENTS)
    query = Query(actors=("peskov",))
    shown = matching(timeline, query)
    app = make_app(timeline, query=query)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("D")
        heading = view_heading(app.screen)
        assert "actor: Dmitry Peskov" in heading and "f: the whole file" in heading
        # the disputes Peskov is in: as the claimant or answering it
        involved = [c for c in contested(timeline) if c.claim in shown or any(a in shown for _, a in c.answers)]
        claims = {timeline.ids[c.claim] for c in involved}
        assert involved and len(involved) < len(contested(timeline))
        assert {i for i in listed_ids(app.screen)} == claims | {timeline.ids[a] for c in involved for _, a in c.answers}
        await pilot.press("f")
        heading = view_heading(app.screen)
        assert "whole file" in heading and f"f: only the {len(shown)} filtered events" in heading
        assert {timeline.ids[c.claim] for c in contested(timeline)} <= set(listed_ids(app.screen))
        await pilot.press("f")
        assert set(listed_ids(app.screen)) == claims | {timeline.ids[a] for c in involved for _, a in c.answers}


async def test_a_view_without_filters_says_it_shows_the_whole_file():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("D")
        assert "Shown: the whole file (no filter is on)" in view_heading(app.screen)


async def test_figures_follow_the_filters():
    timeline = load(EVENTS)
    query = Query(actors=("fsb", "breitbart-news"))
    shown = matching(timeline, query)
    app = make_app(timeline, query=query)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("F")
        assert "actor: FSB or Breitbart News" in view_heading(app.screen)
        wanted = [timeline.ids[row.event_index] for rows in figures_by_quantity(timeline).values()
                  for row in rows if row.event_index in shown]
        assert listed_ids(app.screen) == wanted and wanted
        await pilot.press("f")
        assert len(listed_ids(app.screen)) == sum(len(rows) for rows in figures_by_quantity(timeline).values())


async def test_lanes_follow_the_filters():
    timeline = load(EVENTS)
    query = Query(kinds=("claim",))
    app = make_app(timeline, query=query)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("L")
        lanes = app.screen
        assert isinstance(lanes, LanesScreen)
        assert "kind: claim" in view_heading(lanes)
        in_lanes = {i for lane in lanes.cells for cell in lane for i in cell}
        assert in_lanes and {timeline.events[i].kind for i in in_lanes} == {"claim"}
        # the busiest actors among the claims, not in the whole file
        claims_of = {a: sum(1 for i in timeline.index_actor[a] if timeline.events[i].kind == "claim")
                     for a in timeline.index_actor}
        assert all(claims_of[a] > 0 for a in lanes.actors)
        await pilot.press("f")
        assert "whole file" in view_heading(lanes)
        in_lanes = {i for lane in lanes.cells for cell in lane for i in cell}
        assert len({timeline.events[i].kind for i in in_lanes}) > 1


async def test_coverage_follows_the_filters(small):
    query = Query(kinds=("denial",))
    app = make_app(small, query=query, corpus=str(CORPUS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o", "v")
        assert isinstance(app.screen, EventListScreen)
        assert "kind: denial" in view_heading(app.screen)
        assert listed_ids(app.screen) == ["bridge-denial"]
        await pilot.press("f")
        assert listed_ids(app.screen) == ["bridge-claim", "bridge-denial", "ministry-toll"]


# --- pickers -------------------------------------------------------------------------

def picker_counts(screen) -> dict[str, int]:
    """label -> count, as the picker lists them."""
    selection = screen.query_one(SelectionList)
    counts = {}
    for i in range(selection.option_count):
        count, label = str(selection.get_option_at_index(i).prompt).strip().split("  ", 1)
        counts[label.strip()] = int(count)
    return counts


async def test_picker_counts_follow_the_other_filters():
    timeline = load(EVENTS)
    app = make_app(timeline, query=Query(kinds=("claim",)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        counts = picker_counts(app.screen)
        claims = [e for e in timeline.events if e.kind == "claim"]
        assert counts["Ramzan Kadyrov"] == sum("kadyrov" in e.actor_ids for e in claims)
        assert counts["Dmitry Peskov"] == 0
        assert "counts: events that match kind: claim" in " ".join(drawn(app.screen.query_one("#picker-note")))
        await pilot.press("escape")
        # the kind picker leaves its own filter out: every kind keeps its count
        await pilot.press("t")
        counts = picker_counts(app.screen)
        assert counts["statement"] == sum(e.kind == "statement" for e in timeline.events)


async def test_picker_counts_without_other_filters_are_the_whole_files():
    timeline = load(EVENTS)
    app = make_app(timeline, query=Query(kinds=("claim",)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        assert "counts: events in the whole file" in " ".join(drawn(app.screen.query_one("#picker-note")))


async def test_chosen_and_unchosen_picker_items_differ_without_colour():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "tab")
        selection = app.screen.query_one(SelectionList)
        chosen, unchosen = (selection.render_line(y).text for y in (0, 1))
        assert chosen.startswith("▐✓▌") and unchosen.startswith("▐ ▌")
        await pilot.press("tab")  # unchosen again
        assert selection.render_line(0).text.startswith("▐ ▌")


# --- the header ----------------------------------------------------------------------

def header_lines(app) -> list[str]:
    return [line for line in drawn(app.main.query_one("#header")) if line.strip()]


async def test_the_header_shows_every_filter_at_every_width():
    timeline = load(EVENTS)
    query = Query(actors=("kadyrov", "peskov", "putin", "karimov"), kinds=("claim", "statement", "denial"),
                  sources=("breitbart-2016-02-09",), text="chechen", date_from=timeline.events[0].date.earliest)
    parts = describe(timeline, query)
    for size in ((120, 40), (80, 24), (50, 15)):
        app = make_app(timeline, query=query)
        async with app.run_test(size=size):
            lines = header_lines(app)
            words = " ".join(lines)
            for part in parts:
                name = part.split(":")[0] + ":"
                assert name in words, (size, part, lines)
                # whole, or cut with an ellipsis where a single filter is wider than a line
                shown = next(chunk for chunk in lines if name in chunk)
                shown = shown[shown.index(name):].split("  │  ")[0].split("▸")[0].rstrip()
                assert part.startswith(shown.rstrip("…")), (size, part, shown)
            assert all(len(line) <= app.main.query_one("#header").size.width for line in lines)


async def test_a_header_that_fits_stays_one_line():
    app = make_app(load(EVENTS), query=Query(kinds=("claim",)))
    async with app.run_test(size=(120, 40)):
        assert len(header_lines(app)) == 1


async def test_the_picker_note_shows_typed_text_as_typed_not_as_markup():
    app = make_app(load(EVENTS), query=Query(text="[bold]x[/b"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        assert "text: “[bold]x[/b”" in " ".join(drawn(app.screen.query_one("#picker-note")))
