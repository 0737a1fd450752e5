"""A paraphrase (what a source says, in other words) is never shown or checked as the
source's words: in the detail pane it is said to be a paraphrase, in no quotation marks,
with no ✓/✗ line; it marks no row as not verbatim, and the reader opens at no passage for
it. ACLED's notes come in as paraphrases, and read so."""

import pytest
from conftest import ACLED_SAMPLE, CORPUS
from test_app import detail_text
from test_citations import read_pane_by_scrolling
from test_sources import select

from timeline.acled import events_file_text, read_acled
from timeline.loader import load
from timeline.tui.app import make_app
from timeline.tui.screens.listing import EventListScreen
from timeline.tui.screens.reader import ReaderScreen
from timeline.tui.widgets.timeline_view import TimelineView

STRIKE_NOTES = "On 9 February 2016, Russian aircraft struck positions in Raqqa. 12 reported killed."
PARAPHRASE = "paraphrase, not the article's words:"
MADE_UP = "The governor's office said the ministry had made it all up."  # in no article


@pytest.fixture
def imported(tmp_path):
    """The sample ACLED CSV, imported to YAML as `timeline import` writes it."""
    path = tmp_path / "acled.yaml"
    result = read_acled(ACLED_SAMPLE.read_text(encoding="utf-8"), "acled_sample.csv")
    path.write_text(events_file_text(result, "Imported", yaml=True), encoding="utf-8")
    (tmp_path / "articles").mkdir()  # a corpus with none of the articles
    return load(path)


def paraphrased_small_corpus(tmp_path):
    """The small corpus with a paraphrase of The Paper's article in bridge-denial, after its
    two quotes: words that are not in the article."""
    for name in ("paper-b.txt", "wire-a.txt"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    text = (CORPUS / "events.yaml").read_text(encoding="utf-8")
    quote = '      - {source: paper, quote: "called the ministry’s claim “a fabrication”"}\n'
    assert quote in text
    text = text.replace(quote, quote + f'      - {{source: paper, paraphrase: "{MADE_UP}"}}\n')
    (tmp_path / "events.yaml").write_text(text, encoding="utf-8")
    return load(tmp_path / "events.yaml")


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (50, 15)])
@pytest.mark.parametrize("with_corpus", [False, True])
async def test_acleds_notes_read_as_a_paraphrase_never_as_a_quote(imported, tmp_path, size, with_corpus):
    app = make_app(imported, corpus=str(tmp_path / "articles") if with_corpus else None)
    async with app.run_test(size=size) as pilot:
        app.main.query_one(TimelineView).select_event(imported.by_id["SYR100"])
        await pilot.pause()
        shown = await read_pane_by_scrolling(pilot)
    assert "Sources (2 articles, 2 paraphrases)" in shown
    for outlet in ("SANA", "Reuters"):
        article = shown[shown.index(f"{outlet} published since 9 Feb 2016"):]
        assert article.replace("┆ ", "").split(PARAPHRASE, 1)[1].strip().startswith(STRIKE_NOTES)
    assert shown.count(PARAPHRASE) == 2
    assert f"“{STRIKE_NOTES}" not in shown and "“On 9" not in shown  # in no quotation marks
    assert "✓" not in shown and "✗" not in shown and "not checked" not in shown  # nothing to check


async def test_a_paraphrase_beside_quotes_is_never_checked_or_marked(tmp_path):
    timeline = paraphrased_small_corpus(tmp_path)
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        select(app, "bridge-denial")
        await pilot.pause()
        text = detail_text(app)
        assert "Sources (2 articles, 2 quotes, 1 paraphrase)" in text
        assert text.count("✓ verbatim in the article") == 2 and "✗" not in text
        last = text[text.index(f"3 {PARAPHRASE}"):]  # after the two quotes
        assert " ".join(last.replace("┆", " ").split()).startswith(f"3 {PARAPHRASE} {MADE_UP} Related")  # no ✓/✗
        view = app.main.query_one(TimelineView)
        flags = view.row_text(timeline.by_id["bridge-denial"], 100).plain[23:28]
        assert "!" not in flags  # not in the article, and rightly so: no mark


async def test_enter_on_a_paraphrase_opens_its_article_at_no_passage_and_says_why(tmp_path):
    timeline = paraphrased_small_corpus(tmp_path)
    app = make_app(timeline)
    async with app.run_test(size=(80, 24)) as pilot:
        select(app, "bridge-denial")
        await pilot.press("enter", "j", "j", "enter")  # the third: the paraphrase
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.source.id == "paper"
        head = " ".join(str(reader.query_one("#reader-head").content).split())
        assert "Paraphrase 3, not the article's words: not looked for in it" in head
        assert reader.focus_passage is None
        assert [p.quote for p in reader.found] == ["called the ministry’s claim “a fabrication”",
                                                   "Local officials later said 12 people had died in the fighting"]
        await pilot.press("n")  # on to the article's first quote
        assert reader.focus_passage is reader.found[0]
        await pilot.press("v")  # the coverage: what the article's quotes support
        assert isinstance(app.screen, EventListScreen)


def test_snapshot_a_paraphrase_beside_quotes_80x24(snap_compare, tmp_path):
    async def at_the_paraphrase(pilot):
        select(pilot.app, "bridge-denial")
        await pilot.press("enter", "j", "j")
        await pilot.pause()

    assert snap_compare(make_app(paraphrased_small_corpus(tmp_path)), terminal_size=(80, 24),
                        run_before=at_the_paraphrase)
