"""Sources you can check: where the corpus is, passages, coverage, disputes and figures.

On a small corpus written for the tests (tests/corpus) and on the bundled events with the
seed articles."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, EVENTS, SEEDS, needs_seeds

import timeline.corpus
from timeline.claims import contested
from timeline.corpus import (Corpus, Passage, QuoteCheck, check_quote, coverage, describe_differences,
                             nearest_passage, nearest_span, paragraphs, passages, resolve_corpus,
                             verify_quotes)
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


def test_coverage_within_some_events_counts_only_their_quotes(small):
    text = (CORPUS / "wire-a.txt").read_text(encoding="utf-8")
    result = coverage(small, "wire", text, within={small.by_id["bridge-denial"]})
    assert [small.ids[i] for i in result.events] == ["bridge-denial"]
    uncited = [text[a:b] for a, b in result.uncited]
    # the paragraphs the other events quote are uncited by this one
    assert "The ministry put the number of fighters killed at 40." in uncited
    assert not any("A spokesman for the governor denied" in paragraph for paragraph in uncited)


def test_figures_within_some_events_are_theirs_only(small):
    table = figures_by_quantity(small, within={small.by_id["officials-toll"]})
    assert [(r.shown_value, r.claimant) for r in table["dead"]] == [("12", "Local officials")]
    assert figures_by_quantity(small, within={small.by_id["bridge-claim"]}) == {}


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


def test_a_word_changed_in_a_quote_is_named_with_the_articles_word():
    assert describe_differences("On Monday the city was taken", "On Monday the town was taken") == \
        ["'city' where the article has 'town'"]


def test_words_changed_together_are_named_together_and_apart_with_a_semicolon():
    assert describe_differences("the ministry said on Monday", "the ministry stated last Monday") == \
        ["'said on' where the article has 'stated last'"]
    assert describe_differences("forces destroyed the old bridge", "forces damaged the new bridge") == \
        ["'destroyed' where the article has 'damaged'; 'old' where the article has 'new'"]


def test_words_the_quote_adds_or_leaves_out_are_named():
    assert describe_differences("the bridge was badly and completely destroyed", "the bridge was destroyed") == \
        ["'badly and completely' is not in the article"]
    assert describe_differences("the bridge was hit", "the bridge was not at all hit") == \
        ["the article has 'not at all' here"]


def test_only_the_first_three_changed_words_are_named():
    assert describe_differences("one two three four five six seven eight", "one 2 three 4 five 6 seven 8") == \
        ["'two' where the article has '2'; 'four' where the article has '4'; 'six' where the article has '6'"]


def test_marks_are_named_before_words_and_a_changed_mark_is_not_a_changed_word():
    assert describe_differences("the governor's men left", "the governor\u2019s troops left") == \
        ["quotation marks (curly or straight)", "'men' where the article has 'troops'"]


def test_dashes_are_named():
    assert describe_differences("the truce \u2013 brief as it was \u2013 held", "the truce - brief as it was - held") == \
        ["dashes"]


def test_three_dots_against_an_ellipsis_are_characters_that_differ():
    # No class names them and the words, folded, are the same.
    assert describe_differences("We will return...", "We will return\u2026") == ["characters differ"]


def test_a_quote_against_itself_still_gets_a_reason():
    assert describe_differences("the same words", "the same words") == ["characters differ"]


def test_an_article_without_text_is_said_to_have_none():
    assert describe_differences("a fabrication", "") == ["the article has no text"]


# The nearest passage: the run of the article's words most like the quote.

def test_the_nearest_passage_drops_the_articles_full_stop_the_quote_does_not_have():
    # At the very start of the article, and the quote's last letter is the passage's second.
    assert nearest_passage("On Monday the city was taken", "On Monday the town was taken. Then it rained.") == \
        "On Monday the town was taken"


def test_the_nearest_passage_keeps_a_word_ending_in_a_capital_x():
    assert nearest_passage("the firm SpaceX said", "the firm SpaceX. Nobody commented.") == "the firm SpaceX"
    assert describe_differences("the firm SpaceX said", "the firm SpaceX") == ["'said' is not in the article"]


def test_the_nearest_span_is_where_the_nearest_passage_stands():
    text = "The bridge stood. Officials said the bridge was not hit. Then it rained."
    start, end = nearest_span("the bridge was hit", text)
    assert (start, end) == (text.index("the bridge was not"), text.index(". Then"))
    assert text[start:end] == nearest_passage("the bridge was hit", text)
    assert nearest_span("anything", " \n ") == (0, 0)


def test_the_nearest_passage_can_be_the_last_words_of_the_article():
    assert nearest_passage("the bridge was hit", "Officials said the bridge was not hit.") == "the bridge was not hit"
    assert nearest_passage("Soldiers were seen leaving at dawn", "Residents heard explosions before dawn.") == \
        "heard explosions before dawn"


def test_of_two_passages_as_near_the_first_is_given():
    text = "He said \u201cno bridge was hit\u201d on Monday. On Tuesday he said \u2018no bridge was hit\u2019 again."
    assert nearest_passage('said "no bridge was hit"', text) == "said \u201cno bridge was hit\u201d"


def test_a_one_word_quote_is_matched_to_one_word():
    text = "The spokesman called the claim \u201ca fabrication\u201d."
    assert nearest_passage('"fabrication"', text) == "fabrication\u201d"


def test_the_windows_tried_are_at_most_two_words_shorter_or_longer_than_the_quote():
    # Five words, two in the article: the shortest window is three words.
    assert nearest_passage("heavy smoke rose from depots", "Witnesses saw heavy smoke over the river.") == \
        "saw heavy smoke"
    # Four words spread over seven: the longest window is six words, and five do best.
    assert nearest_passage("police arrested four men", "Police later arrested all four young men.") == \
        "Police later arrested all four"


def test_a_quote_with_no_word_of_the_article_gets_its_first_word_not_all_of_it():
    assert nearest_passage("Quiet night reported", "The ministry said its forces destroyed the bridge.") == "The"


# A quote against its article, and a folder of articles.

@pytest.fixture
def articles(write):
    """A small corpus in a temporary folder: an article, one that is not UTF-8, sources
    with no file or a file that is not there, and one that no event quotes."""
    write("wire.txt", "On Monday the town was taken.\n"
                      "The governor\u2019s spokesman called the claim \u201ca fabrication\u201d.\n"
                      "Police said the bridge was not hit.\n"
                      "Officials said the bridge was not hit.\n")
    write("latin1.txt", "Caf\u00e9 au lait.\n".encode("latin-1"))
    path = write("events.yaml", """
        title: Quotes against their articles
        corpus: .
        sources:
          wire: {outlet: Wire, published: 2021-05-01, file: wire.txt}
          notes: {outlet: Notes, published: 2021-05-01}
          lost: {outlet: Lost, published: 2021-05-01, file: lost.txt}
          latin: {outlet: Latin, published: 2021-05-01, file: latin1.txt}
          quiet: {outlet: Quiet, published: 2021-05-01, file: wire.txt}
        events:
          - id: taken
            date: 2021-05-01
            kind: report
            title: The town is taken
            sources:
              - {source: wire, quote: "On Monday the town was taken."}
              - {source: notes, quote: "The town fell."}
          - id: spokesman
            date: 2021-05-02
            kind: denial
            title: The governor's spokesman denies it
            sources:
              - {source: wire, quote: "The governor's spokesman called the claim \\"a fabrication\\""}
              - {source: lost, quote: "Nothing was hit."}
              - {source: latin, quote: "Caf\u00e9 au lait"}
          - id: bridge
            date: 2021-05-03
            kind: report
            title: The bridge was not hit
            sources:
              - {source: wire, quote: "the bridge was not hit"}
              - {source: wire, quote: "town was taken"}
        """)
    return load(path)


NEAR_MISS = "The governor\u2019s spokesman called the claim \u201ca fabrication\u201d"


def test_check_quote_finds_a_quote_where_it_first_starts(articles):
    text = "On Monday the town was taken.\nThe town was taken."
    event = articles.events[2]
    assert check_quote(event, event.sources[1], articles.sources["wire"], text) == \
        QuoteCheck(event, event.sources[1], articles.sources["wire"], True, 14)
    event = articles.events[0]
    assert check_quote(event, event.sources[0], articles.sources["wire"], text) == \
        QuoteCheck(event, event.sources[0], articles.sources["wire"], True, 0)


def test_check_quote_of_a_near_miss_gives_the_passage_and_what_differs(articles):
    event, wire = articles.events[1], articles.sources["wire"]
    text = "On Monday the town was taken.\n" + NEAR_MISS + ".\n"
    assert check_quote(event, event.sources[0], wire, text) == QuoteCheck(
        event, event.sources[0], wire, False, nearest=NEAR_MISS, nearest_at=30,
        differences=("quotation marks (curly or straight)",))


def test_check_quote_against_an_article_of_blanks(articles):
    event, wire = articles.events[0], articles.sources["wire"]
    assert check_quote(event, event.sources[0], wire, " \n\n ") == QuoteCheck(
        event, event.sources[0], wire, False, nearest="", differences=("the article has no text",))


def test_verify_quotes_checks_every_quote_and_says_why_an_article_cannot_be_read(articles, tmp_path):
    taken, spokesman, bridge = articles.events
    sources = articles.sources
    assert verify_quotes(articles, Corpus(tmp_path)) == [
        QuoteCheck(taken, taken.sources[0], sources["wire"], True, 0),
        QuoteCheck(taken, taken.sources[1], sources["notes"], False,
                   missing_article="source 'notes' names no 'file' in the corpus"),
        QuoteCheck(spokesman, spokesman.sources[0], sources["wire"], False, nearest=NEAR_MISS, nearest_at=30,
                   differences=("quotation marks (curly or straight)",)),
        QuoteCheck(spokesman, spokesman.sources[1], sources["lost"], False,
                   missing_article=f"source 'lost': {tmp_path / 'lost.txt'} does not exist; check the file name, "
                                   "or put the article in the corpus folder"),
        QuoteCheck(spokesman, spokesman.sources[2], sources["latin"], False,
                   missing_article=f"source 'latin': {tmp_path / 'latin1.txt'} is not UTF-8 text (byte 0xe9 at "
                                   "line 1, column 4); save the article as UTF-8 and check again"),
        QuoteCheck(bridge, bridge.sources[0], sources["wire"], True, 101),
        QuoteCheck(bridge, bridge.sources[1], sources["wire"], True, 14),
    ]


def test_verify_quotes_of_a_source_that_is_not_registered(articles, tmp_path):
    del articles.sources["notes"]  # as in a file with errors, shown anyway
    taken = articles.events[0]
    assert verify_quotes(articles, Corpus(tmp_path))[1] == \
        QuoteCheck(taken, taken.sources[1], None, False, missing_article="the source is not registered")


def test_why_an_article_is_missing(articles, tmp_path):
    corpus = Corpus(str(tmp_path))
    assert corpus.why_missing(None) == "the source is not registered"
    assert corpus.why_missing(articles.sources["notes"]) == "source 'notes' names no 'file' in the corpus"
    assert corpus.why_missing(articles.sources["lost"]) == \
        f"source 'lost': {tmp_path / 'lost.txt'} does not exist; check the file name, or put the article in the corpus folder"
    assert corpus.why_missing(articles.sources["latin"]) == \
        f"source 'latin': {tmp_path / 'latin1.txt'} is not UTF-8 text (byte 0xe9 at line 1, column 4); " \
        "save the article as UTF-8 and check again"


def test_the_text_of_an_article_and_none_when_it_cannot_be_read(articles, tmp_path):
    corpus = Corpus(str(tmp_path))
    assert corpus.text(articles.sources["wire"]).startswith("On Monday the town was taken.\nThe governor\u2019s")
    assert corpus.text(articles.sources["notes"]) is None
    assert corpus.text(articles.sources["lost"]) is None
    assert corpus.text(articles.sources["latin"]) is None


def test_is_verbatim_is_true_false_or_none_without_the_article(articles, tmp_path):
    corpus, sources = Corpus(tmp_path), articles.sources
    assert corpus.is_verbatim(sources["wire"], "On Monday the town was taken.") is True
    assert corpus.is_verbatim(sources["wire"], "On Monday the city was taken.") is False
    assert corpus.is_verbatim(None, "On Monday the town was taken.") is None
    assert corpus.is_verbatim(sources["notes"], "The town fell.") is None
    assert corpus.is_verbatim(sources["lost"], "Nothing was hit.") is None
    assert corpus.is_verbatim(sources["latin"], "Caf\u00e9 au lait") is None


def test_corpus_check_of_each_quote(articles, tmp_path):
    corpus, wire = Corpus(tmp_path), articles.sources["wire"]
    taken, spokesman, _ = articles.events
    for _ in range(2):  # the second time from what was kept
        found = corpus.check(taken, taken.sources[0], wire)
        assert (found.event, found.citation, found.source, found.found, found.nearest, found.differences) == \
            (taken, taken.sources[0], wire, True, None, ())
        missed = corpus.check(spokesman, spokesman.sources[0], wire)
        assert (missed.event, missed.citation, missed.source, missed.found, missed.nearest, missed.differences) == \
            (spokesman, spokesman.sources[0], wire, False, NEAR_MISS, ("quotation marks (curly or straight)",))
    assert corpus.check(spokesman, spokesman.sources[1], articles.sources["lost"]) is None


def test_articles_are_read_as_utf8_never_in_the_locales_encoding(articles, tmp_path):
    # On a machine whose locale is not UTF-8 (Windows, an ASCII shell) a text read in the
    # locale's encoding comes out garbled or not at all. Python says where that encoding
    # would be used when run with -X warn_default_encoding; here that warning is an error.
    assert Corpus(tmp_path).text(articles.sources["wire"]).count("\u2019") == 1
    code = ("import sys; from timeline.corpus import Corpus; from timeline.model import Source; "
            "text = Corpus(sys.argv[1]).text(Source('wire', 'Wire', file='wire.txt')); "
            "print(None if text is None else text.count('\\u2019'))")
    package = Path(timeline.corpus.__file__).parent.parent  # the code under test, wherever it is
    done = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-W", "error::EncodingWarning",
                           "-c", code, str(tmp_path)], cwd=package, capture_output=True, text=True)
    assert (done.stdout, done.stderr) == ("1\n", "")


# Passages of an article, its paragraphs and what no event quotes.

def test_passages_of_an_article_in_the_order_of_the_text(articles):
    text = "On Monday the town was taken.\nPolice said the bridge was not hit.\nOfficials said the bridge was not hit.\n"
    assert passages(articles, "wire", text) == [
        Passage(0, 29, 0, "On Monday the town was taken."),
        Passage(14, 28, 2, "town was taken"),
        Passage(42, 64, 2, "the bridge was not hit"),  # the first of the two
    ]
    assert passages(articles, "quiet", text) == []


def test_a_paragraph_is_from_its_first_letter_to_its_last():
    text = "  Tanks reached Tula.  \n"
    assert paragraphs(text) == [(2, 21)]  # "Tanks reached Tula." is 19 characters


def test_a_paragraph_a_passage_only_touches_is_not_cited(write):
    write("cover.txt", "The ministry spoke first.\nThe governor answered.\nWitnesses stayed silent.\nNobody else spoke.\n")
    timeline = load(write("events.yaml", """
        title: Touching paragraphs
        corpus: .
        sources:
          cover: {outlet: Cover, published: 2021-05-01, file: cover.txt}
        events:
          - id: first
            date: 2021-05-01
            kind: report
            title: The ministry spoke first
            sources:
              - source: cover
                quote: |
                  The ministry spoke first.
          - id: last
            date: 2021-05-02
            kind: report
            title: Nobody else spoke
            sources:
              - {source: cover, quote: "\\nNobody else spoke."}
        """))
    text = "The ministry spoke first.\nThe governor answered.\nWitnesses stayed silent.\nNobody else spoke.\n"
    result = coverage(timeline, "cover", text)
    assert result.events == [0, 1]
    assert result.uncited == [(26, 48), (49, 73)]  # "The governor answered.", "Witnesses stayed silent."


# Where the corpus is.

def test_corpus_named_on_the_command_line(small, tmp_path):
    assert resolve_corpus(small, tmp_path) == (tmp_path, "")
    assert resolve_corpus(small, str(tmp_path / "nowhere")) == \
        (None, f"the corpus folder {tmp_path / 'nowhere'} does not exist")


def test_corpus_named_in_the_file_that_is_not_there(small):
    small.corpus = "articles"
    assert resolve_corpus(small) == (None, f"the corpus folder {CORPUS.resolve() / 'articles'} named in the file "
                                           "does not exist; run with --corpus DIR to name the folder of article texts")


def test_no_corpus_says_how_to_add_one_in_full(small):
    small.corpus = None
    assert resolve_corpus(small) == (None, "no corpus: run with --corpus DIR (the folder of article texts), or add "
                                           "'corpus: DIR' to the events file, to read the articles and check the quotes")


def test_the_corpus_of_a_timeline_read_from_no_file_is_from_the_working_folder(small, tmp_path, monkeypatch):
    (tmp_path / "articles").mkdir()
    monkeypatch.chdir(tmp_path)
    small.path, small.corpus = None, "articles"
    assert resolve_corpus(small) == ((tmp_path / "articles").resolve(), "")


# Long quotes: difflib's "automatic junk" heuristic, which drops the characters or words
# frequent in a text of 200 or more, must not be used.

DATA = Path(__file__).parent / "data" / "corpus"


def test_a_long_quote_with_straight_quotation_marks_is_named_as_such():
    passage = ("The ministry said on Monday that its forces had destroyed the bridge at Kalach and that the "
               "crossing would stay closed until engineers had inspected it. Residents told reporters they had "
               "heard several explosions before dawn. The aide said it was \u201ca lie\u201d and that he had not "
               "heard a thing that night")
    quote = passage.replace("\u201c", '"').replace("\u201d", '"')
    assert describe_differences(quote, passage) == ["quotation marks (curly or straight)"]


def test_a_long_quote_with_words_moved_and_changed():
    article = (DATA / "bridge-report.txt").read_text(encoding="utf-8").strip()  # 248 words
    quote = (article.replace("cars and lorries", "cars and trucks")
             .replace("The ministry said on Tuesday", "On Tuesday the ministry said"))
    assert describe_differences(quote, article) == [
        "'trucks' where the article has 'lorries'; 'On Tuesday the' where the article has 'The'; "
        "the article has 'on Tuesday' here"]
