"""A text search as a demanding user types it: several words in any order, "a phrase",
case and accents that do not count, a regular expression after a leading '/', and the
places of the matches for highlighting. With properties where two paths must agree: the
search typed on and the search run afresh; what is found and what is highlighted."""

from unittest import mock

import pytest
from conftest import EVENTS
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.loader import load
from timeline.query import Query, QueryError, Searcher, text_match
from timeline.search import SearchError, TextBuffer, TextMatch, normalize, parse, terms_of

ACCENTS = """
    title: Accents
    sources:
      wire: {outlet: Wire, published: 2016-02-09}
      paper: {outlet: Paper, published: 2016-02-10}
    actors:
      basayev: {name: Šamil Basáyev, aliases: [Basáyev]}
      peskov: {name: Dmitry Peskov}
    events:
      - id: accented-title
        date: 2016-02-01
        kind: claim
        title: Kadýrov’s men seen in Grozny
        actors: [basayev]
        sources: [{source: wire, quote: "Straße closed, said the Préfet"}]
      - id: plain-title
        date: 2016-02-02
        kind: statement
        title: KADYROV answers Peskov
        actors: [peskov]
        sources: [{source: paper, quote: "we deny everything"}]
      - id: neither
        date: 2016-02-03
        kind: other
        title: Nothing to see
        sources: [{source: paper, quote: "quiet day"}]
"""


@pytest.fixture
def accents(write):
    return load(write("accents.yaml", ACCENTS))


@pytest.fixture(scope="module")
def bundled():
    return load(EVENTS)


def found(timeline, text):
    return [timeline.ids[i] for i in Searcher(timeline).run(Query(text=text))]


# --- several words, in any order ----------------------------------------------------------

def test_every_word_must_be_found_in_any_order_and_any_field(accents):
    assert found(accents, "peskov answers") == ["plain-title"]  # an actor's name and the title
    assert found(accents, "answers peskov") == ["plain-title"]
    assert found(accents, "peskov grozny") == []  # each word is in an event, never both in one
    assert found(accents, "  deny   KADYROV ") == ["plain-title"]


def test_kadyrov_and_peskov_finds_the_events_naming_both(bundled):
    # the words as a user types them; each name, or one of its aliases, anywhere in the event
    def holds(event, word):
        fields = [event.id, event.title, event.summary or "", event.location or "", *[c.quote for c in event.sources]]
        fields += [n for a in event.actor_ids for n in (bundled.actors[a].names() if a in bundled.actors else [a])]
        return any(word in f.lower() for f in fields)

    expected = [e.id for e in bundled.events if holds(e, "kadyrov") and holds(e, "peskov")]
    assert expected == ["peskov-refuses-to-confirm-kadyrov-claim"]
    assert found(bundled, "Kadyrov Peskov") == expected
    assert found(bundled, '"Kadyrov Peskov"') == []  # as one phrase (what the search was), nowhere
    assert found(bundled, "peskov kadyrov") == expected


def test_a_quoted_phrase_is_found_as_written(accents):
    assert found(accents, '"peskov answers"') == []  # the words, but not in this order
    assert found(accents, '"kadyrov answers"') == ["plain-title"]
    assert found(accents, '“kadyrov answers” deny') == ["plain-title"]  # curly quotes too
    assert found(accents, '"kadyrov   answers') == ["plain-title"]  # spaces as one; closed or not yet


def test_the_words_of_a_search_as_written():
    assert terms_of('Kadyrov  "Chechen leader" spy') == ["Kadyrov", "Chechen leader", "spy"]
    assert terms_of("“a  phrase”") == ["a phrase"]
    assert terms_of("peskov peskov") == ["peskov"]
    assert terms_of('  ""  ') == []


# --- case and accents ---------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["kadyrov", "KADYROV", "Kadýrov", "kadýrov", "KADÝROV"])
def test_case_and_accents_do_not_count_either_way(accents, typed):
    assert found(accents, typed) == ["accented-title", "plain-title"]


def test_accents_fold_in_names_quotes_and_letters_written_two_ways(accents):
    assert found(accents, "samil basayev") == ["accented-title"]  # an actor's name, Š and á
    assert found(accents, "prefet") == ["accented-title"]  # a quote's é
    assert found(accents, "strasse") == ["accented-title"]  # ß is ss
    assert found(accents, "Pre\u0301fet") == ["accented-title"]  # an accent typed as a combining mark
    assert found(accents, "kadyrov's") == ["accented-title"]  # a straight quote for the curly one


def test_normalize_folds_case_accents_and_quotes():
    assert normalize("Kadýrov’s “Straße”") == "kadyrov's \"strasse\""
    assert normalize("ASCII stays") == "ascii stays"


# --- a regular expression after a leading / -------------------------------------------------

def test_a_leading_slash_makes_a_regular_expression(accents):
    assert found(accents, "/kad.rov") == ["accented-title", "plain-title"]
    assert found(accents, "/^kadyrov answers") == ["plain-title"]  # ^ at the start of a field (its title)
    assert found(accents, "/answers$") == []  # $ at a field's end: the title goes on
    assert found(accents, "/peskov|grozny") == ["accented-title", "plain-title"]
    assert found(accents, "/Basáyev") == ["accented-title"]  # accents and case ignored in it too
    assert found(accents, r"/\bday\b") == ["neither"]


def test_a_regular_expression_keeps_the_meaning_of_its_escapes(accents):
    # \W is "not a word character"; lower-casing the expression would make it \w
    assert found(accents, r"/kadyrov\Ws") == ["accented-title"]
    assert found(accents, r"/grozny\w") == []  # the title ends there: no letter after
    assert found(accents, r"/grozny$") == ["accented-title"]


def test_a_regular_expression_that_is_not_valid_says_why():
    with pytest.raises(SearchError, match=r"the regular expression 'kad\(' is not valid: missing \)") as error:
        parse("/kad(")
    assert error.value.reason == "missing ), unterminated subpattern"  # the few words a search bar shows
    with pytest.raises(QueryError, match="is not valid"):
        text_match("/[a")
    assert not parse("/")  # only the mark: nothing asked yet
    assert not parse("   ")


def test_a_slash_inside_the_words_is_a_word(accents):
    assert parse("a/b") == TextMatch(("a/b",))
    assert found(accents, "kadyrov /") == []  # "/" is then a word no event holds


# --- what is highlighted ---------------------------------------------------------------------

def test_spans_are_the_matches_in_the_text_as_written():
    match = parse("kadyrov peskov")
    assert match.spans("Kadýrov answers PESKOV") == [(0, 7), (16, 22)]
    assert parse("strasse").spans("die Straße") == [(4, 10)]  # ß stands for ss
    assert parse("prefet").spans("le Pre\u0301fet") == [(3, 10)]  # the combining accent is highlighted too
    assert parse('"kadyrov answers"').spans("KADYROV answers") == [(0, 15)]
    assert parse("/p.sk").spans("Dmitry Peskov") == [(7, 11)]
    assert parse("an").spans("banana") == [(1, 5)]  # overlapping matches merge
    assert TextMatch().spans("anything") == []


# --- properties ------------------------------------------------------------------------------

# Letters with and without accents, in both cases, letters written two ways, spaces and quotes.
LETTERS = st.sampled_from(list("aeiouyknrsAEKNRS") + list("áéíóúýñçÁÉÝŠšßẞ") + ["e\u0301", "n\u0303"]
                          + list(" \"’“”'"))
texts = st.lists(LETTERS, max_size=30).map("".join)


@given(texts, st.data())
def test_a_part_of_a_text_folded_is_found_in_the_text_folded(text, data):
    """Folding is one character at a time: whatever part of a text is typed, in whatever
    case, with or without its accents, the search finds the text."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    part = text[start:end]
    assert normalize(part) in normalize(text)
    assert normalize(part.upper()) in normalize(text.lower())
    assert normalize(normalize(text)) == normalize(text)


@given(texts, texts)
def test_what_is_found_is_highlighted(text, typed):
    """A text a search matches has a highlight for each of its words, over characters
    whose folding holds that word."""
    match = parse(typed)
    spans = match.spans(text)
    for term in match.terms:
        highlighted = any(term in normalize(text[start:end]) for start, end in spans)
        assert highlighted == (term in normalize(text))
    assert match.matches(normalize(text)) == all(term in normalize(text) for term in match.terms)
    assert all(0 <= start < end <= len(text) for start, end in spans)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("kadyrov peskov chechen \"'’“")), min_size=1, max_size=18).map("".join))
def test_typing_a_search_on_finds_what_a_fresh_search_finds(bundled, typed):
    """The search typed a letter at a time (each step refining the last) finds, at each
    step, what the same text searched afresh finds: words, phrases and quotes alike."""
    typing = Searcher(bundled)
    for end in range(1, len(typed) + 1):
        text = typed[:end]
        assert list(typing.run(Query(text=text))) == list(Searcher(bundled).run(Query(text=text)))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(list("kadyrov peskov \"")), min_size=1, max_size=14).map("".join))
def test_find_typed_on_finds_what_find_afresh_finds(bundled, typed):
    shown = Searcher(bundled).run(Query(kinds=("claim", "statement", "denial")))
    typing = Searcher(bundled)
    for end in range(1, len(typed) + 1):
        text = typed[:end]
        assert typing.find(shown, text) == Searcher(bundled).find(shown, text)


# --- the text buffer: one buffer of every text, searched with find -------------------------

# Texts as the search folds them, with what a file may hold besides: other scripts, a
# character beyond the first plane, a lone surrogate (JSON allows one), line breaks between
# fields, and empty texts.
FOLDED_LETTERS = st.sampled_from(list("aeknrsy '\"-") + ["\n", "ж", "ß", "日", "😀", "\ud800", "é"])
folded_texts = st.lists(st.lists(FOLDED_LETTERS, max_size=20).map("".join), max_size=12)
# What is typed: words, "phrases" and regular expressions over the same letters.
TYPED_LETTERS = st.sampled_from(list("aeknrsy ") + ['"', "ж", "日", "😀", "é", "\ud800"])
typed_searches = st.one_of(
    st.lists(TYPED_LETTERS, min_size=1, max_size=8).map("".join),
    st.sampled_from(["/^a", "/a$", "/k.n", r"/\bse", "/ж|日", "/(?<=\n)a", r"/\Aa", "/n\\nk", "/."]))


def per_event(match, texts, indexes):
    """The events the search finds looking at each text on its own."""
    return [i for i in indexes if match.matches(texts[i])]


@settings(max_examples=300, deadline=None)
@given(folded_texts, typed_searches, st.data())
def test_the_buffer_finds_what_a_search_of_each_text_finds(texts, typed, data):
    """A search over the one buffer (a scan of a run of events, or a look at chosen ones)
    finds the events a search of each event's own text finds: never one whose text only
    holds the words where it runs into the next."""
    try:
        match = parse(typed)
    except SearchError:
        return
    texts = [normalize(text) for text in texts]
    buffer = TextBuffer.of(texts)
    assert [buffer.text(i) for i in range(len(texts))] == texts
    every = range(len(texts))
    assert match.select_in(buffer, every) == per_event(match, texts, every)
    chosen = sorted(data.draw(st.sets(st.integers(0, max(0, len(texts) - 1)))) & set(every))
    assert match.select_in(buffer, chosen) == per_event(match, texts, chosen)
    first = data.draw(st.integers(0, len(texts)))
    part = range(first, data.draw(st.integers(first, len(texts))))
    assert match.select_in(buffer, part) == per_event(match, texts, part)
    # the same texts inside a larger buffer, as the store maps them (their offsets from a base)
    inside = TextBuffer(b"\0" * 13 + bytes(buffer.data) + b"\0" * 5, buffer.offsets, 13)
    assert inside.texts() == texts
    assert match.select_in(inside, every) == match.select_in(buffer, every)
    assert match.select_in(inside, part) == match.select_in(buffer, part)


@settings(max_examples=60, deadline=None)
@given(typed=st.lists(st.sampled_from(list("kadyrov peskov chechen \"")), min_size=1, max_size=14).map("".join),
       steps=st.lists(st.integers(0, 6), min_size=14, max_size=14))
def test_a_search_found_a_step_at_a_time_finds_what_a_whole_search_finds(bundled, typed, steps):
    """Typed on a letter at a time, each search taken only a few steps (a few events a
    step) before the next letter refines it, and then finished: it finds what the same
    text searched afresh and whole finds, and what it finds first is the start of that."""
    typing = Searcher(bundled)
    with mock.patch("timeline.query.STEP", 7):
        for end, taken in zip(range(1, len(typed) + 1), steps):
            search = typing.start(Query(text=typed[:end]))
            for _ in range(taken):
                if not search.done:
                    search.step()
            whole = list(Searcher(bundled).run(Query(text=typed[:end])))
            assert list(search.found) == whole[:len(search.found)]
        assert list(search.result()) == list(Searcher(bundled).run(Query(text=typed)))
