"""Citations in full: every quote of an event can be read in the detail pane at any size,
grouped under its article, with its ✓/✗ line however the event was reached; Enter on a
quote opens the reader there (or at its nearest passage, saying so).

What is checked is what the terminal shows: the pane's lines as drawn on the screen,
gathered while the pane is scrolled from top to bottom, as a reader would."""

import pytest
from conftest import EVENTS, SEEDS, needs_seeds
from test_app import selected

from timeline.loader import load
from timeline.tui.app import make_app
from timeline.tui.screens.reader import ReaderScreen
from timeline.tui.widgets.detail import DetailPane
from timeline.tui.widgets.timeline_view import TimelineView

SIX_QUOTES = "kadyrov-claims-spy-network-inside-is"
SIZES = [(120, 40), (80, 24), (50, 15)]


def screen_rows(app) -> list[str]:
    """The text of each row of the terminal, as it is drawn now."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def pane_rows_now(app) -> dict[int, str]:
    """The detail pane's visible rows, keyed by their row in the pane's whole content."""
    pane = app.main.query_one(DetailPane)
    area = pane.scrollable_content_region
    rows = screen_rows(app)
    return {pane.scroll_offset.y + y - area.y: rows[y][area.x:area.right] for y in range(area.y, area.bottom)}


def words(text: str) -> str:
    """Text as one line of words: quote bars and wrapping do not count."""
    return " ".join(text.replace("┃", " ").split())


async def read_pane_by_scrolling(pilot) -> str:
    """Everything the detail pane shows, read by paging it from top to bottom."""
    app = pilot.app
    pane = app.main.query_one(DetailPane)
    pane.focus()
    pane.scroll_home(animate=False)
    await pilot.pause()
    seen = pane_rows_now(app)
    for _ in range(100):
        before = pane.scroll_offset.y
        await pilot.press("pagedown")
        await pilot.pause()
        seen.update(pane_rows_now(app))
        if pane.scroll_offset.y == before:
            break
    return words(" ".join(seen[row] for row in sorted(seen)))


def quotes_with_marks(timeline, event_id):
    return [words(c.quote) + " ✓ verbatim in the article" for c in timeline.event(event_id).sources]


@needs_seeds
@pytest.mark.parametrize("size", SIZES)
async def test_every_quote_of_the_six_quote_event_is_shown_in_full(size):
    timeline = load(EVENTS)
    app = make_app(timeline, corpus=str(SEEDS))
    async with app.run_test(size=size) as pilot:
        app.main.query_one(TimelineView).select_event(timeline.by_id[SIX_QUOTES])
        await pilot.pause()
        shown = await read_pane_by_scrolling(pilot)
    for quote in quotes_with_marks(timeline, SIX_QUOTES):
        assert quote in shown


@needs_seeds
async def test_quotes_are_grouped_under_their_article():
    """The outlet, headline, date and link once per article, then its quotes."""
    timeline = load(EVENTS)
    event = timeline.event(SIX_QUOTES)
    app = make_app(timeline, corpus=str(SEEDS))
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.query_one(TimelineView).select_event(timeline.by_id[SIX_QUOTES])
        await pilot.pause()
        shown = await read_pane_by_scrolling(pilot)
    articles = list(dict.fromkeys(c.source for c in event.sources))
    heads = []
    for source_id in articles:
        source = timeline.sources[source_id]
        head = f"{source.outlet} — “{source.headline}”" if source.headline else source.outlet
        head = words(f"{head} published {source.published.display()}")
        assert shown.count(head) == 1
        assert source.url is None or "".join(shown.split()).count(source.url) == 1  # a link may wrap
        heads.append(shown.index(head))
    assert heads == sorted(heads)
    for number, source_id in enumerate(articles):
        end = heads[number + 1] if number + 1 < len(heads) else len(shown)
        for citation in (c for c in event.sources if c.source == source_id):
            assert heads[number] < shown.index(words(citation.quote)) < end


# The ways of reaching an event that the ✓/✗ lines must survive. Each starts at 120x40
# on the bundled events and ends on an event, which is then read as it is shown.
FOUR_QUOTES = "documentary-says-chechen-agents-guide-strikes"


async def by_j_from_the_event_before(pilot):
    pilot.app.main.query_one(TimelineView).select_event(pilot.app.timeline.by_id[FOUR_QUOTES] - 1)
    await pilot.pause()
    await pilot.press("j")


async def by_a_search(pilot):
    await pilot.press("slash", *"Documentary says Chechen agents", "enter")


async def by_the_palette(pilot):
    pilot.app.main.query_one(TimelineView).select_event(pilot.app.timeline.by_id[SIX_QUOTES])
    await pilot.pause()
    await pilot.press("ctrl+p", *"Actor: Russia One")
    await pilot.pause(0.3)
    await pilot.press("enter")


async def by_a_resize(pilot):
    await pilot.resize_terminal(80, 24)
    pilot.app.main.query_one(TimelineView).select_event(pilot.app.timeline.by_id[FOUR_QUOTES])
    await pilot.pause()
    await pilot.resize_terminal(120, 40)


@needs_seeds
@pytest.mark.parametrize("route", [by_j_from_the_event_before, by_a_search, by_the_palette, by_a_resize])
async def test_the_verification_lines_do_not_depend_on_how_the_event_was_reached(route):
    timeline = load(EVENTS)
    app = make_app(timeline, corpus=str(SEEDS))
    async with app.run_test(size=(120, 40)) as pilot:
        await route(pilot)
        await pilot.pause()
        reached = selected(app).id
        shown = await read_pane_by_scrolling(pilot)
    app = make_app(load(EVENTS), corpus=str(SEEDS))
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.query_one(TimelineView).select_event(timeline.by_id[reached])
        await pilot.pause()
        direct = await read_pane_by_scrolling(pilot)
    assert shown.count("✓ verbatim in the article") == direct.count("✓ verbatim in the article")
    for quote in quotes_with_marks(timeline, reached):
        assert quote in shown


async def test_quotes_whose_article_cannot_be_read_say_they_are_not_checked(tmp_path):
    """Without a ✓/✗ line, a quote must not pass for a checked one: its article says why."""
    from conftest import CORPUS

    for name in ("events.yaml", "wire-a.txt"):  # The Paper's article is missing
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    timeline = load(tmp_path / "events.yaml")
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.query_one(TimelineView).select_event(timeline.by_id["bridge-denial"])
        await pilot.pause()
        shown = await read_pane_by_scrolling(pilot)
    paper = shown.index("The Paper — “Governor denies bridge strike”")
    assert shown.count("✓ verbatim in the article") == 1 and shown.index("✓ verbatim") < paper
    why = f"? quotes not checked: source 'paper': {tmp_path / 'paper-b.txt'} does not exist"
    assert "".join(why.split()) in "".join(shown[paper:].split())  # the path may wrap anywhere


@needs_seeds
@pytest.mark.parametrize("over_the_reader", [False, True])
async def test_after_a_resize_the_current_quote_is_still_in_view(over_the_reader):
    from timeline.tui.widgets.detail import SourceList

    timeline = load(EVENTS)
    app = make_app(timeline, corpus=str(SEEDS))
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.query_one(TimelineView).select_event(timeline.by_id[SIX_QUOTES])
        await pilot.press("enter", "j", "j", "j", "j")  # quote 5
        if over_the_reader:
            await pilot.press("enter")
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        if over_the_reader:
            await pilot.press("escape")
        await pilot.pause()
        quotes, pane = app.main.query_one(SourceList), app.main.query_one(DetailPane)
        assert quotes.has_focus and quotes.current == 4
        assert quotes.quotes[4].region.overlaps(pane.scrollable_content_region)


# --- Snapshots: the six-quote event's detail pane, in the quotes, at quote 4 -----------------
# (the quote that stopped mid-sentence at 40 lines), under its article's head.

async def _at_quote_4(pilot):
    pilot.app.main.query_one(TimelineView).select_event(pilot.app.timeline.by_id[SIX_QUOTES])
    await pilot.pause()
    await pilot.press("enter", "j", "j", "j")
    await pilot.pause()


@needs_seeds
def test_snapshot_six_quotes_120x40(snap_compare):
    assert snap_compare(make_app(load(EVENTS), corpus=str(SEEDS)), terminal_size=(120, 40), run_before=_at_quote_4)


@needs_seeds
def test_snapshot_six_quotes_80x24(snap_compare):
    assert snap_compare(make_app(load(EVENTS), corpus=str(SEEDS)), terminal_size=(80, 24), run_before=_at_quote_4)


# --- Enter on a quote: the reader, at the quote or at its nearest passage ----------------

def current_spans(reader) -> list[str]:
    """The text drawn in the reader's focus style."""
    style = str(reader.get_component_rich_style("reader--current"))
    return [str(w.content)[s.start:s.end] for w in reader.query(".paragraph") for s in w.content.spans
            if str(s.style) == style]


def on_screen(widget) -> bool:
    """Whether any of the widget is inside its scrolling parent's view."""
    view = widget.parent.scrollable_content_region
    return widget.region.overlaps(view) if widget.region else False


@needs_seeds
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_enter_on_the_last_quote_opens_the_reader_there(size):
    timeline = load(EVENTS)
    last = timeline.event(SIX_QUOTES).sources[-1]
    app = make_app(timeline, corpus=str(SEEDS))
    async with app.run_test(size=size) as pilot:
        app.main.query_one(TimelineView).select_event(timeline.by_id[SIX_QUOTES])
        await pilot.press("enter")  # into the quotes
        await pilot.press(*"jjjjjjjjjjjjjjjjjjjjjjjjjjjjjj")  # past the last one: it stays the last
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.source.id == last.source
        assert current_spans(reader) == [last.quote]
        paragraph = next(w for w in reader.query(".paragraph") if last.quote in str(w.content))
        assert on_screen(paragraph)
        assert "Quote " in str(reader.query_one("#reader-head").content)


async def test_a_click_on_a_quote_opens_the_reader_there(small):
    from timeline.tui.widgets.detail import QuoteEntry

    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.query_one(TimelineView).select_event(small.by_id["bridge-denial"])
        await pilot.pause()
        second = list(app.main.query(QuoteEntry))[1]
        await pilot.click(second, offset=(10, 0))
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.source.id == "paper"
        assert current_spans(app.screen) == ["called the ministry’s claim “a fabrication”"]


def altered_small_corpus(tmp_path):
    """The small corpus with The Paper's quote in bridge-denial (quote 2) changed: a
    straight apostrophe where the article has a curly one."""
    from conftest import CORPUS

    for name in ("paper-b.txt", "wire-a.txt"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    text = (CORPUS / "events.yaml").read_text(encoding="utf-8")
    (tmp_path / "events.yaml").write_text(text.replace("called the ministry’s claim", "called the ministry's claim"),
                                          encoding="utf-8")
    return load(tmp_path / "events.yaml")


async def test_enter_on_a_quote_not_verbatim_opens_at_its_nearest_passage_and_says_so(tmp_path):
    timeline = altered_small_corpus(tmp_path)
    app = make_app(timeline)
    async with app.run_test(size=(80, 24)) as pilot:
        app.main.query_one(TimelineView).select_event(timeline.by_id["bridge-denial"])
        await pilot.press("enter", "j", "enter")  # the second quote
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.source.id == "paper"
        head = words(str(reader.query_one("#reader-head").content))
        assert "Nearest passage to quote 2, not verbatim" in head
        assert "differs: quotation marks (curly or straight)" in head
        assert current_spans(reader) == ["called the ministry’s claim “a fabrication”"]
        paragraph = next(w for w in reader.query(".paragraph") if "a fabrication" in str(w.content))
        assert on_screen(paragraph)
        await pilot.press("n")  # on to the article's verbatim quotes
        assert current_spans(reader) == ["Local officials later said 12 people had died in the fighting"]
        assert "Quote 1 of 1 cited from this article" in str(reader.query_one("#reader-head").content)


# --- The live-reload banner: what stopped the reload comes first --------------------------

async def test_the_reload_banner_lists_the_errors_before_any_warning(tmp_path):
    from test_live_reload import wait_for

    path = tmp_path / "events.yaml"
    good = EVENTS.read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    app = make_app(load(path))
    app.reload_interval = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        # Five events lose their date_basis (a warning each) before the one error, near the end.
        broken = good
        for _ in range(5):
            start = broken.index("    date_basis:")
            broken = broken[:start] + broken[broken.index("\n", start) + 1:]
        last_kind = broken.rindex("    kind: ")
        broken = broken[:last_kind] + "    kind: atack\n" + broken[broken.index("\n", last_kind) + 1:]
        path.write_text(broken, encoding="utf-8")
        banner = app.main.query_one("#reload-error")
        assert await wait_for(pilot, lambda: banner.display)
        lines = str(banner.render()).splitlines()
    assert lines[0].startswith("The file changed and cannot be read (1 error, 5 warnings)")
    assert "unknown kind 'atack'" in lines[1]
    assert "warning:" not in lines[1] and any("warning:" in line for line in lines[2:])
    assert lines[-1] == "... and 3 more: 3 warnings"
