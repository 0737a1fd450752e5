"""Search and filters: what a text search looks at, how names resolve, the date range's
edges, and the search's refinement as you type on giving what a fresh search gives."""

import datetime as dt

import pytest
from conftest import EVENTS

from timeline.loader import load
from timeline.dates import parse_date
from timeline.model import Actor, ActorRole, Citation, Event, Timeline
from timeline.search import TextBuffer
from timeline.query import (Query, QueryError, Searcher, normalize, resolve_actor, resolve_kind, resolve_source,
                            search_text)

# Four events around a date range of 5 to 20 Feb 2016, each word below found in one place.
SMALL = """
    title: Search test
    sources:
      wire: {outlet: Wire Service, headline: Agents inside the group, published: 2016-02-09}
      paper-feb: {outlet: The Daily Paper, published: 2016-02-10}
      paper-mar: {outlet: The Daily Paper, published: 2016-03-01}
    actors:
      kadyrov: {name: Ramzan Kadyrov, aliases: [the Chechen leader]}
      peskov: {name: Dmitry Peskov, aliases: [Kremlin spokesman]}
    events:
      - id: before-from
        date: 2016-02-04
        kind: claim
        title: A day before the from-day
        actors: [kadyrov]
        sources: [{source: wire, quote: "our agents have infiltrated the ranks"}]
      - id: ends-on-from
        date: 2016-02-01/2016-02-05
        kind: statement
        title: Ends on the from-day
        summary: The spokesman said nothing about zebras
        actors: [peskov]
        sources: [{source: paper-feb, quote: "no comment"}]
      - id: starts-on-to
        date: 2016-02-20/2016-02-25
        kind: denial
        title: Starts on the to-day
        location: Grozny
        actors: [peskov, kadyrov]
        sources: [{source: paper-mar, quote: "the ministry’s “claim”"}]
      - id: after-to
        date: 2016-02-21
        kind: claim
        title: A day after the to-day
        actors: [Unregistered Person]
        sources: [{source: wire, quote: "later still"}]
"""
# In time order (by earliest day): ends-on-from, before-from, starts-on-to, after-to.


@pytest.fixture
def small(write):
    return load(write("search.yaml", SMALL))


def found(timeline, query, searcher=None):
    """The ids of the events a query finds, in the order it gives them."""
    return [timeline.ids[i] for i in (searcher or Searcher(timeline)).run(query)]


def test_typing_on_gives_what_a_fresh_search_gives():
    timeline = load(EVENTS)
    typed = Searcher(timeline)
    for text in ("k", "ka", "kad", "kady", "kadyrov s", "kadyrov sa"):
        assert list(typed.run(Query(text=text))) == list(Searcher(timeline).run(Query(text=text)))
    # changing another filter starts afresh
    narrowed = typed.run(Query(text="kadyrov", kinds=("claim",)))
    assert list(narrowed) == list(Searcher(timeline).run(Query(text="kadyrov", kinds=("claim",))))


# --- what a text search looks at -----------------------------------------------------------

@pytest.mark.parametrize("text, ids", [
    ("infiltrated", ["before-from"]),  # only in a quote
    ("chechen leader", ["before-from", "starts-on-to"]),  # only in an alias of kadyrov
    ("kremlin spokesman", ["ends-on-from", "starts-on-to"]),  # only in an alias of peskov
    ("dmitry", ["ends-on-from", "starts-on-to"]),  # an actor's name
    ("zebras", ["ends-on-from"]),  # only in a summary
    ("grozny", ["starts-on-to"]),  # only in a location
    ("after-to", ["after-to"]),  # an event's id
    ("day after", ["after-to"]),  # a title
    ("unregistered person", ["after-to"]),  # an actor the file does not register
    ("AGENTS", ["before-from"]),  # any case
    ("nowhere at all", []),
])
def test_a_text_search_looks_at_ids_titles_summaries_places_quotes_and_names(small, text, ids):
    assert found(small, Query(text=text)) == ids


def test_an_events_search_text_is_its_fields_a_line_each_in_lower_case(small):
    record = small.record(small.by_id["before-from"])
    # id, title, summary and location (none here), the quote, then each actor's names
    assert search_text(small, record) == ("before-from\na day before the from-day\n\n\n"
                                          "our agents have infiltrated the ranks\n"
                                          "kadyrov\nramzan kadyrov\nthe chechen leader")


def test_a_text_search_does_not_look_at_the_sources_headline_or_outlet(small):
    # "Agents inside the group" is a headline, "Wire Service" an outlet: neither is the event's text
    assert found(small, Query(text="inside the group")) == []
    assert found(small, Query(text="wire service")) == []


def test_a_phrase_does_not_run_one_field_into_the_next(small):
    # the title "Ends on the from-day" and the summary "The spokesman..." are separate lines:
    # as words they are all found; as one phrase, nowhere
    assert found(small, Query(text='"from-day the spokesman"')) == []
    assert found(small, Query(text="from-day the spokesman")) == ["ends-on-from"]


def test_straight_and_curly_quotes_match_each_other(small):
    assert found(small, Query(text="ministry's")) == ["starts-on-to"]  # typed straight, written curly
    assert found(small, Query(text='"claim"')) == ["starts-on-to"]
    assert found(small, Query(text="ministry’s “claim”")) == ["starts-on-to"]
    assert normalize("‘A’ “B”") == "'a' \"b\""


def test_an_event_whose_actor_is_missing_is_searched_by_the_actors_id():
    # A timeline built in code may name an actor it does not hold: the id stands for it
    event = Event("lone", parse_date("2016-02-09"), "claim", "Lone event",
                  actors=[ActorRole("ghost-actor")], sources=[Citation("nowhere", "words")])
    timeline = Timeline([event.to_record()], actors={"other": Actor("other", "Someone Else")})
    assert found(timeline, Query(text="ghost-actor")) == ["lone"]
    assert found(timeline, Query(text="someone else")) == []


def test_a_paraphrase_is_searched_as_a_quote_is():
    event = Event("p", parse_date("2016-02-09"), "claim", "Lone event",
                  sources=[Citation("s", None, paraphrase="ACLED says Kadýrov spoke")])
    timeline = Timeline([event.to_record()])
    assert found(timeline, Query(text="kadyrov spoke")) == ["p"]
    assert found(timeline, Query(text='"acled says"')) == ["p"]


# --- the search texts: kept, loaded, prepared ----------------------------------------------

def test_the_search_texts_are_built_once_and_kept_on_the_timeline(small):
    assert small.text_buffer is None
    Searcher(small).run(Query(text="grozny"))
    buffer = small.text_buffer
    assert len(buffer) == 4
    assert "grozny" in buffer.text(2) and "zebras" in buffer.text(0)
    Searcher(small).run(Query(text="zebras"))
    assert small.text_buffer is buffer


def test_prepare_builds_the_search_texts_ahead(small):
    Searcher(small).prepare()
    assert len(small.text_buffer) == 4 and "infiltrated" in small.text_buffer.text(1)


def test_search_texts_the_cache_kept_are_used_as_they_are(small):
    # the cache hands back the texts kept in its store, as a buffer; they are not built again
    kept = TextBuffer.of(["", "", "", "kept text"])
    small.texts_loader = lambda: kept
    assert found(small, Query(text="kept")) == ["after-to"]
    assert small.text_buffer is kept


def test_when_the_cache_cannot_give_the_texts_they_are_built(small):
    small.texts_loader = lambda: None
    assert found(small, Query(text="grozny")) == ["starts-on-to"]


# --- filters by actor, kind and source --------------------------------------------------

def test_no_filter_finds_every_event_in_time_order(small):
    assert found(small, Query()) == ["ends-on-from", "before-from", "starts-on-to", "after-to"]


def test_several_values_of_one_filter_find_either(small):
    assert found(small, Query(kinds=("claim",))) == ["before-from", "after-to"]
    assert found(small, Query(kinds=("claim", "statement"))) == ["ends-on-from", "before-from", "after-to"]
    assert found(small, Query(actors=("kadyrov",))) == ["before-from", "starts-on-to"]
    assert found(small, Query(actors=("kadyrov", "peskov"))) == ["ends-on-from", "before-from", "starts-on-to"]


def test_filters_of_different_kinds_must_all_match(small):
    assert found(small, Query(actors=("kadyrov",), kinds=("claim",))) == ["before-from"]
    assert found(small, Query(actors=("peskov",), kinds=("claim",))) == []
    assert found(small, Query(sources=("wire",), kinds=("claim",))) == ["before-from", "after-to"]
    assert found(small, Query(sources=("wire",), actors=("kadyrov",))) == ["before-from"]
    assert found(small, Query(sources=("paper-feb", "paper-mar"), actors=("kadyrov",), kinds=("denial",),
                              text="grozny")) == ["starts-on-to"]
    assert found(small, Query(actors=("kadyrov",), text="zebras")) == []


def test_a_value_no_event_has_finds_nothing(small):
    assert found(small, Query(kinds=("airstrike",))) == []


# --- dates: the --from and --to days are included ---------------------------------------

def test_the_date_range_includes_events_touching_its_first_and_last_day(small):
    query = Query(date_from=dt.date(2016, 2, 5), date_to=dt.date(2016, 2, 20))
    # ends-on-from ends on 5 Feb and starts-on-to starts on 20 Feb: both in;
    # before-from (4 Feb) and after-to (21 Feb) are a day outside: both out
    assert found(small, query) == ["ends-on-from", "starts-on-to"]


def test_from_alone_keeps_what_ends_on_or_after_it(small):
    assert found(small, Query(date_from=dt.date(2016, 2, 5))) == ["ends-on-from", "starts-on-to", "after-to"]
    assert found(small, Query(date_from=dt.date(2016, 2, 6))) == ["starts-on-to", "after-to"]


def test_to_alone_keeps_what_starts_on_or_before_it(small):
    assert found(small, Query(date_to=dt.date(2016, 2, 20))) == ["ends-on-from", "before-from", "starts-on-to"]
    assert found(small, Query(date_to=dt.date(2016, 2, 19))) == ["ends-on-from", "before-from"]


def test_open_ended_dates_reach_to_the_range(write):
    timeline = load(write("open.yaml", """
        sources: {s: {outlet: S, published: 2016-03-01}}
        events:
          - {id: since, date: 2015-01/.., kind: other, title: Since, sources: [{source: s, quote: q}]}
          - {id: before, date: ../2017-01, kind: other, title: Before, sources: [{source: s, quote: q}]}
          - {id: old, date: ../2014, kind: other, title: Old, sources: [{source: s, quote: q}]}
    """))
    # "since Jan 2015" may still be going on; "before Jan 2017" may have been long before
    assert found(timeline, Query(date_from=dt.date(2016, 6, 1))) == ["since", "before"]
    assert found(timeline, Query(date_to=dt.date(2016, 6, 1))) == ["old", "since", "before"]
    assert found(timeline, Query(date_from=dt.date(2015, 6, 1), date_to=dt.date(2016, 6, 1))) == ["since", "before"]


# --- typing on ----------------------------------------------------------------------------

def test_a_new_text_that_does_not_extend_the_last_starts_afresh(small):
    searcher = Searcher(small)
    assert found(small, Query(text="infiltrated"), searcher) == ["before-from"]
    assert found(small, Query(text="grozny"), searcher) == ["starts-on-to"]


def test_taking_letters_back_widens_the_search_again(small):
    searcher = Searcher(small)
    assert found(small, Query(text="the chechen"), searcher) == ["before-from", "starts-on-to"]
    # "the" is in every title: a shorter text is not a refinement of the longer one
    assert found(small, Query(text="the"), searcher) == ["ends-on-from", "before-from", "starts-on-to", "after-to"]


def test_typing_on_after_an_empty_text_searches_everything(small):
    searcher = Searcher(small)
    assert found(small, Query(kinds=("claim",)), searcher) == ["before-from", "after-to"]
    # the empty text is a prefix of every text, but the last query had no text to refine
    assert found(small, Query(kinds=("claim",), text="later"), searcher) == ["after-to"]
    assert found(small, Query(text="grozny"), searcher) == ["starts-on-to"]


def test_typing_on_with_another_filter_changed_starts_afresh(small):
    searcher = Searcher(small)
    assert found(small, Query(text="a", kinds=("claim",)), searcher) == ["before-from", "after-to"]
    # "a day" as a phrase: as two words, "Starts on the to-day" (the denial) has both
    assert found(small, Query(text='"a day"', kinds=("denial",)), searcher) == []
    assert found(small, Query(text='"a day"', kinds=("denial", "claim")), searcher) == ["before-from", "after-to"]
    assert found(small, Query(text='"a day" b', kinds=("denial", "claim"), date_to=dt.date(2016, 2, 10)),
                 searcher) == ["before-from"]


def test_typing_on_matches_curly_quotes_too(small):
    searcher = Searcher(small)
    assert found(small, Query(text="ministry"), searcher) == ["starts-on-to"]
    assert found(small, Query(text="ministry's"), searcher) == ["starts-on-to"]
    assert found(small, Query(text="MINISTRY'S “CLAIM"), searcher) == ["starts-on-to"]


# --- names typed on the command line ------------------------------------------------------

@pytest.mark.parametrize("term", ["kadyrov", "Ramzan Kadyrov", "the chechen leader", "  THE CHECHEN LEADER "])
def test_an_actor_is_found_by_id_name_or_alias_in_any_case(small, term):
    assert resolve_actor(small, term) == "kadyrov"


def test_an_unknown_actor_says_what_was_meant(small):
    with pytest.raises(QueryError) as error:
        resolve_actor(small, "Kadyrof")
    assert str(error.value) == ("no actor is called 'Kadyrof' (did you mean 'kadyrov'?); "
                                "'timeline list FILE --format json' shows every event's actors")


def test_an_actor_is_only_found_by_a_whole_name(small):
    with pytest.raises(QueryError, match="no actor is called 'Ramzan'"):
        resolve_actor(small, "Ramzan")


@pytest.mark.parametrize("term", ["claim", "Claim", " CLAIM "])
def test_a_kind_is_found_in_any_case(small, term):
    assert resolve_kind(small, term) == "claim"


def test_an_unknown_kind_lists_the_kinds(small):
    with pytest.raises(QueryError) as error:
        resolve_kind(small, "claims")
    assert str(error.value) == (
        "unknown kind 'claims' (did you mean 'claim'?); expected one of: airstrike, attack, statement, "
        "claim, denial, report, media, deployment, political, other")


def test_a_source_is_found_by_id_or_by_every_article_of_its_outlet(small):
    assert resolve_source(small, "wire") == ["wire"]
    assert resolve_source(small, " Paper-Feb ") == ["paper-feb"]
    assert resolve_source(small, "the daily paper") == ["paper-feb", "paper-mar"]
    assert resolve_source(small, "wire service") == ["wire"]


def test_a_source_is_found_by_a_part_of_its_outlets_name(small):
    assert resolve_source(small, "Daily") == ["paper-feb", "paper-mar"]
    assert resolve_source(small, "service") == ["wire"]


def test_a_whole_outlet_name_is_preferred_to_a_part(write):
    timeline = load(write("outlets.yaml", """
        sources:
          ldn: {outlet: Times, published: 2016-03-01}
          ny: {outlet: New York Times, published: 2016-03-01}
        events:
          - {id: e, date: 2016, kind: other, title: E, sources: [{source: ldn, quote: q}]}
    """))
    assert resolve_source(timeline, "times") == ["ldn"]
    assert resolve_source(timeline, "york") == ["ny"]


def test_an_unknown_source_says_what_was_meant(small):
    with pytest.raises(QueryError) as error:
        resolve_source(small, "wires")
    assert str(error.value) == "no source is called 'wires' (did you mean 'wire'?); name a source id or an outlet"


def test_an_empty_source_name_names_no_source(small):
    # "" is a part of every outlet's name, but names none
    with pytest.raises(QueryError, match="no source is called '  '"):
        resolve_source(small, "  ")


def test_an_outlet_misspelt_is_suggested_too(small):
    with pytest.raises(QueryError, match=r"\(did you mean 'The Daily Paper'\?\)"):
        resolve_source(small, "The Daly Paper")
