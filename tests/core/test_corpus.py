"""Sources you can check: where the corpus is, passages, coverage, disputes and figures.

On a small corpus written for the tests (tests/corpus) and on the bundled events with the
seed articles."""

from conftest import CORPUS, EVENTS, SEEDS, needs_seeds

from timeline.claims import contested
from timeline.corpus import coverage, describe_differences, paragraphs, passages, resolve_corpus
from timeline.figures import figures_by_quantity
from timeline.loader import load


def test_corpus_comes_from_the_file_relative_to_it(small):
    assert resolve_corpus(small) == (CORPUS.resolve(), "")
    folder, why = resolve_corpus(small, "/no/such/folder")
    assert folder is None and "does not exist" in why


def test_no_corpus_says_how_to_add_one(small):
    small.corpus = None
    folder, why = resolve_corpus(small)
    assert folder is None and "--corpus DIR" in why


def test_coverage_orders_events_by_their_quotes_and_finds_uncited_paragraphs(small):
    text = (CORPUS / "wire-a.txt").read_text(encoding="utf-8")
    result = coverage(small, "wire", text)
    assert [small.ids[i] for i in result.events] == ["bridge-claim", "bridge-denial", "ministry-toll"]
    uncited = [text[a:b] for a, b in result.uncited]
    assert uncited == ["Officials claim the bridge was destroyed", "Witnesses reported heavy smoke over the river."]


def test_paragraphs_are_the_non_blank_lines():
    text = "one\n\n  two  \nthree"
    assert [text[a:b] for a, b in paragraphs(text)] == ["one", "two", "three"]


def test_contested_claims_with_their_answers(small):
    found = {small.ids[c.claim]: [(k, small.ids[i]) for k, i in c.answers] for c in contested(small)}
    assert found == {"bridge-claim": [("denies", "bridge-denial")],
                     "ministry-toll": [("contradicts", "officials-toll")]}


def test_figures_side_by_side_by_date(small):
    table = figures_by_quantity(small)
    assert list(table) == ["dead"]
    assert [(r.shown_value, r.claimant) for r in table["dead"]] == [("40", "The Ministry"), ("12", "Local officials")]


@needs_seeds
def test_bundled_figures_show_russians_fighting_for_is_over_time():
    timeline = load(EVENTS)
    rows = figures_by_quantity(timeline)["russians-fighting-for-is"]
    assert [(r.when.display(), r.shown_value) for r in rows][:2] == [("Jul 2015", "about 2,200"), ("Dec 2015", "nearly 2,900")]


@needs_seeds
async def test_bundled_coverage_of_the_moscow_times_article():
    timeline = load(EVENTS)
    text = (SEEDS / "004_e39d6d6e59529ab6.txt").read_text(encoding="utf-8")
    result = coverage(timeline, "moscowtimes-2018-08-23", text)
    uncited = [text[a:b] for a, b in result.uncited]
    assert "Support The Moscow Times!" in uncited  # page furniture is left to the curator to see
    firsts = [min(p.start for p in passages(timeline, "moscowtimes-2018-08-23", text) if p.event_index == i)
              for i in result.events]
    assert firsts == sorted(firsts) and len(result.events) >= 5


# What differs between a quote and the nearest passage, named for the curator.

def test_a_plain_space_more_is_whitespace_not_a_no_break_space():
    assert describe_differences("the bridge  was hit", "the bridge was hit") == ["whitespace"]
    assert describe_differences("the bridge was\nhit", "the bridge was hit") == ["whitespace"]


def test_a_no_break_space_against_a_plain_space_is_named():
    assert describe_differences("a queue of 40 km", "a queue of 40\u00a0km") == \
        ["a no-break space (U+00A0) against a plain space"]
