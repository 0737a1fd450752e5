"""Sources you can check on screen: the reader, quote checks, coverage, disputes, figures.

On a small corpus written for the tests (tests/corpus) and on the bundled events with the
seed articles."""

from conftest import CORPUS, EVENTS, SEEDS, needs_seeds
from test_app import detail_text, header, selected
from textual.widgets import OptionList

from timeline.loader import load
from timeline.query import Query
from timeline.tui.app import make_app
from timeline.tui.screens.listing import EventListScreen
from timeline.tui.screens.reader import ReaderScreen
from timeline.tui.widgets.detail import SourceList
from timeline.tui.widgets.timeline_view import TimelineView


def option_prompts(screen) -> list[str]:
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def select(app, event_id):
    app.main.query_one(TimelineView).select_event(app.timeline.by_id[event_id])


async def _open_reader(pilot, event_id="bridge-denial"):
    select(pilot.app, event_id)
    await pilot.press("o")
    await pilot.pause()


async def test_reader_opens_at_the_chosen_quote_highlighted(small):
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-denial")
        await pilot.press("enter")
        assert app.main.query_one(SourceList).has_focus
        await pilot.press("down", "enter")  # the second quote: from The Paper
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.source.id == "paper"
        current = reader.found[reader.current]
        assert current.quote == "called the ministry’s claim “a fabrication”"
        # the paragraph holding it is drawn with the current-quote style on exactly the quote
        paragraph = next(w for w in reader.query(".paragraph") if current.quote in str(w.content))
        spans = [s for s in paragraph.content.spans if str(s.style) == str(reader.get_component_rich_style("reader--current"))]
        text = str(paragraph.content)
        assert [text[s.start:s.end] for s in spans] == [current.quote]
        assert "Quote 1 of 2 cited from this article" in str(reader.query_one("#reader-head").content)


async def test_reader_steps_between_quotes_and_goes_back(small):
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("o")
        reader = app.screen
        assert [p.quote[:20] for p in reader.found] == ["The ministry said on", "A spokesman for the ", "The ministry put the"]
        assert reader.current == 0
        await pilot.press("n")
        assert reader.current == 1
        await pilot.press("n", "n")
        assert reader.current == 0  # round again
        await pilot.press("N")
        assert reader.current == 2
        await pilot.press("escape")
        assert not isinstance(app.screen, ReaderScreen)
        assert selected(app).id == "bridge-claim"


async def test_coverage_view_from_the_reader_and_jump(small):
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("o", "v")
        view = app.screen
        assert isinstance(view, EventListScreen)
        prompts = option_prompts(view)
        assert "Witnesses reported heavy smoke over the river." in prompts
        await pilot.press("down", "enter")  # the second event in quote order
        assert selected(app).id == "bridge-denial"
        assert app.screen is app.main


async def test_quotes_are_checked_in_the_detail_pane(small, tmp_path):
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.pause()
        assert "✓ verbatim in the article" in detail_text(app)
    altered = tmp_path / "events.yaml"
    altered.write_text((CORPUS / "events.yaml").read_text(encoding="utf-8").replace(
        "had destroyed the bridge", "destroyed the bridge"), encoding="utf-8")
    app = make_app(load(altered), corpus=str(CORPUS))
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.pause()
        text = detail_text(app)
        assert "✗ not in the article verbatim" in text
        assert "the article has 'had' here" in text
        assert "nearest passage: “The ministry said on Monday that its forces had destroyed the bridge at Kalach.”" in text


async def test_without_a_corpus_the_pane_says_how_to_add_one(small):
    small.corpus = None
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.pause()
        assert "run with --corpus DIR" in detail_text(app)
        assert "The ministry said on Monday" in detail_text(app)  # the quote is still shown
        await pilot.press("o")
        assert not isinstance(app.screen, ReaderScreen)


async def test_x_steps_from_a_claim_to_its_denial_and_X_back(small):
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("x")
        assert selected(app).id == "bridge-denial"
        await pilot.press("x")  # its only answer: x stays, and says how to go back
        assert selected(app).id == "bridge-denial"
        assert any("the last of 1 answer" in str(n.message) for n in app._notifications)
        await pilot.press("X")
        assert selected(app).id == "bridge-claim"


async def test_disputes_view_lists_claims_with_answers_and_jumps(small):
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("D")
        options, prompts = app.screen.query_one(OptionList), option_prompts(app.screen)
        claim = next(i for i, p in enumerate(prompts) if "Ministry claims it destroyed" in p)
        assert "└ denies " in prompts[claim + 1] and "Governor's spokesman denies" in prompts[claim + 1]
        options.highlighted = claim + 1
        await pilot.press("enter")
        assert selected(app).id == "bridge-denial"


async def test_figures_view_sets_figures_side_by_side(small):
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("F")
        prompts = option_prompts(app.screen)
        assert prompts[0] == "fighters killed  (dead)"
        assert "40" in prompts[1] and "The Ministry" in prompts[1]
        assert "12" in prompts[2] and "Local officials" in prompts[2]
        await pilot.press("escape")
        assert app.screen is app.main


async def test_source_filter(small):
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", *"paper", "enter")
        view = app.main.query_one(TimelineView)
        assert [small.ids[i] for i in view.shown] == ["bridge-denial", "officials-toll"]
        assert "source: The Paper" in header(app)


async def test_timeline_keys_are_off_in_the_reader(small):
    app = make_app(small)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-claim")
        await pilot.press("o", "a")
        assert isinstance(app.screen, ReaderScreen)  # no actor picker over the article


def test_snapshot_reader_small_corpus(snap_compare, small):
    assert snap_compare(make_app(small), terminal_size=(100, 30), run_before=_open_reader)


@needs_seeds
def test_snapshot_reader_bundled(snap_compare):
    async def run_before(pilot):
        await _open_reader(pilot, "karimov-denies-chechen-special-task-force")

    assert snap_compare(make_app(load(EVENTS), corpus=str(SEEDS)), terminal_size=(120, 40), run_before=run_before)


@needs_seeds
def test_snapshot_coverage_bundled(snap_compare):
    async def run_before(pilot):
        await _open_reader(pilot, "kadyrov-claims-spy-network-inside-is")
        await pilot.press("v")

    assert snap_compare(make_app(load(EVENTS), corpus=str(SEEDS)), terminal_size=(120, 40), run_before=run_before)


def test_snapshot_coverage_under_a_kind_filter(snap_compare, small):
    async def run_before(pilot):
        await _open_reader(pilot)
        await pilot.press("v")

    assert snap_compare(make_app(small, query=Query(kinds=("denial",))), terminal_size=(100, 30),
                        run_before=run_before)


def test_snapshot_disputes_bundled(snap_compare):
    assert snap_compare(make_app(load(EVENTS)), terminal_size=(120, 40), press=["D"])


def test_snapshot_figures_bundled(snap_compare):
    assert snap_compare(make_app(load(EVENTS)), terminal_size=(120, 40), press=["F"])


@needs_seeds
async def test_bundled_reader_highlights_karimovs_denial():
    timeline = load(EVENTS)
    app = make_app(timeline, corpus=str(SEEDS))
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "karimov-denies-chechen-special-task-force")
        await pilot.press("o")
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.source.file == "000_5086438d16222152.txt"
        current = reader.found[reader.current]
        assert current.quote == timeline.event("karimov-denies-chechen-special-task-force").sources[0].quote
        text = reader.text
        assert text[current.start:current.end] == current.quote


@needs_seeds
async def test_bundled_disputes_pair_the_spy_claim_with_its_denial():
    timeline = load(EVENTS)
    app = make_app(timeline, corpus=str(SEEDS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("D")
        prompts = option_prompts(app.screen)
        claim = next(i for i, p in enumerate(prompts) if "Kadyrov claims Chechen spy network inside IS" in p)
        answers = []
        for prompt in prompts[claim + 1:]:
            if not prompt.startswith("   └"):
                break
            answers.append(prompt)
        assert any("└ denies " in a and "Kadyrov's spokesman denies" in a for a in answers)


CLAIM = "kadyrov-claims-spy-network-inside-is"
# Its five answers in time order (events.yaml): the three dated 8-9 Feb 2016, then the
# two of 9 Feb (the Kremlin's "by 9 Feb" sorts on its known end), each in file order.
ANSWERS = ["peskov-refuses-to-confirm-kadyrov-claim", "peskov-relevant-federal-units-remark",
           "karimov-denies-chechen-special-task-force", "kremlin-denies-russian-ground-troops",
           "chechen-source-tells-interfax-of-volunteers"]


async def test_x_steps_through_every_answer_in_turn_and_X_steps_back_to_the_claim():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, CLAIM)
        visited = []
        for _ in ANSWERS:
            await pilot.press("x")
            visited.append(selected(app).id)
        assert visited == ANSWERS
        await pilot.press("x")  # past the last: it stays there
        assert selected(app).id == ANSWERS[-1]
        back = []
        for _ in ANSWERS:
            await pilot.press("X")
            back.append(selected(app).id)
        assert back == ANSWERS[-2::-1] + [CLAIM]


async def test_the_claim_is_one_key_away_from_any_of_its_answers():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, CLAIM)
        await pilot.press("x", "x", "x", "x")
        assert selected(app).id == ANSWERS[3]
        await pilot.press("c")
        assert selected(app).id == CLAIM
        # An answer reached by the cursor, not by x: c goes to its claim, x on to the next answer.
        select(app, ANSWERS[2])
        await pilot.press("x")
        assert selected(app).id == ANSWERS[3]
        select(app, ANSWERS[1])
        await pilot.press("c")
        assert selected(app).id == CLAIM


async def test_a_jump_that_clears_filters_scrolls_to_the_event():
    timeline = load(EVENTS)
    app = make_app(timeline)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash", *'"spy network"', "enter")  # the phrase, not the two words anywhere
        await pilot.press("x")  # to the claim's first answer, hidden by the search: filters are cleared
        await pilot.pause()
        view = app.main.query_one(TimelineView)
        assert len(view.shown) == len(timeline.events)
        top, height = view.scroll_offset.y, view.scrollable_content_region.height
        assert view.cursor > height  # far enough down that the list had to scroll
        assert top <= view.cursor < top + height


async def test_rows_mark_quotes_not_found_verbatim(tmp_path):
    altered = tmp_path / "events.yaml"
    altered.write_text((CORPUS / "events.yaml").read_text(encoding="utf-8").replace(
        "had destroyed the bridge", "destroyed the bridge"), encoding="utf-8")
    timeline = load(altered)
    app = make_app(timeline, corpus=str(CORPUS))
    async with app.run_test(size=(120, 40)):
        view = app.main.query_one(TimelineView)
        flags = {timeline.ids[i]: view.row_text(i, 100).plain[23:28] for i in range(len(timeline.events))}
        assert "!" in flags["bridge-claim"]
        assert all("!" not in f for event_id, f in flags.items() if event_id != "bridge-claim")


async def test_control_characters_in_an_article_are_shown_never_sent(tmp_path):
    """An article is the user's file, not ours: an escape sequence in it shows as ␛ in
    the reader, and the quotes after it are still found where they are."""
    for name in ("events.yaml", "paper-b.txt", "wire-a.txt"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    article = tmp_path / "wire-a.txt"
    article.write_text("\x1b]0;PWNED\x07\x1b[2J\u202e" + article.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(load(tmp_path / "events.yaml"))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_reader(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.source.id == "wire"
        shown = "".join(str(w.content) for w in reader.query(".paragraph"))
        assert shown.startswith("␛]0;PWNED␇␛[2J\ufffd")
        assert not any(ch in shown for ch in "\x1b\x07\u202e")
        current = reader.found[reader.current]
        assert reader.text[current.start:current.end] == current.quote
        paragraph = next(w for w in reader.query(".paragraph") if current.quote in str(w.content))
        spans = [s for s in paragraph.content.spans if str(s.style) == str(reader.get_component_rich_style("reader--current"))]
        assert [paragraph.content.plain[s.start:s.end] for s in spans] == [current.quote]
