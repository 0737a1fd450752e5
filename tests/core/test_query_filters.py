"""The filters beyond actor, kind, source, text and dates: status, tag, location, a
single outlet, and the actors and kinds left out. What each means is said once, plainly,
in `meaning` below; the Searcher, on its indexes, must give the same events."""

import pytest
from conftest import EVENTS
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.filters import Filters, choices, describe
from timeline.loader import load
from timeline.model import STATUSES
from timeline.query import (Query, QueryError, Searcher, facets, resolve_location, resolve_status, resolve_tag)
from timeline.search import normalize

FILE = """
    title: Filters
    sources:
      wire-1: {outlet: Wire, published: 2016-02-09}
      wire-2: {outlet: Wire, published: 2016-02-10}
      paper: {outlet: Paper, published: 2016-02-10}
    actors:
      kadyrov: {name: Ramzan Kadyrov}
      peskov: {name: Dmitry Peskov}
    events:
      - id: two-articles-one-outlet
        date: 2016-02-01
        kind: claim
        status: alleged
        title: One outlet, two of its articles
        location: Grozny, Chechnya
        tags: [spies, Kremlin]
        actors: [kadyrov]
        sources: [{source: wire-1, quote: a}, {source: wire-2, quote: b}]
      - id: two-outlets
        date: 2016-02-02
        kind: denial
        status: disputed
        title: Two outlets
        location: Grozny
        tags: [kremlin]
        actors: [peskov, kadyrov]
        sources: [{source: wire-1, quote: c}, {source: paper, quote: d}]
      - id: reported-elsewhere
        date: 2016-02-03
        kind: statement
        title: Reported, elsewhere
        location: Moscow
        actors: [peskov]
        sources: [{source: paper, quote: e}]
"""


@pytest.fixture
def timeline(write):
    return load(write("filters.yaml", FILE))


@pytest.fixture(scope="module")
def bundled():
    return load(EVENTS)


def found(timeline, **query):
    return [timeline.ids[i] for i in Searcher(timeline).run(Query(**query))]


def test_status_filter_finds_any_status_chosen(timeline):
    assert found(timeline, statuses=("disputed",)) == ["two-outlets"]
    assert found(timeline, statuses=("reported",)) == ["reported-elsewhere"]  # the default status
    assert found(timeline, statuses=("alleged", "disputed")) == ["two-articles-one-outlet", "two-outlets"]


def test_tag_filter_finds_the_tags_as_written(timeline):
    assert found(timeline, tags=("spies",)) == ["two-articles-one-outlet"]
    assert found(timeline, tags=("Kremlin", "kremlin")) == ["two-articles-one-outlet", "two-outlets"]


def test_location_filter_finds_the_locations_chosen(timeline):
    assert found(timeline, locations=("Grozny",)) == ["two-outlets"]
    assert found(timeline, locations=("Grozny", "Moscow")) == ["two-outlets", "reported-elsewhere"]


def test_single_outlet_counts_outlets_not_articles(timeline):
    # two articles of one outlet are one outlet, as the rows' count says
    assert found(timeline, single_outlet=True) == ["two-articles-one-outlet", "reported-elsewhere"]


def test_left_out_actors_and_kinds_hide_every_event_of_any_of_them(timeline):
    assert found(timeline, not_actors=("kadyrov",)) == ["reported-elsewhere"]
    assert found(timeline, not_actors=("peskov",)) == ["two-articles-one-outlet"]
    assert found(timeline, not_kinds=("claim", "denial")) == ["reported-elsewhere"]
    # with the other filters: peskov's events, but not his denials
    assert found(timeline, actors=("peskov",), not_kinds=("denial",)) == ["reported-elsewhere"]


def test_every_filter_must_match(timeline):
    assert found(timeline, statuses=("disputed", "alleged"), single_outlet=True) == ["two-articles-one-outlet"]
    assert found(timeline, tags=("kremlin",), not_actors=("peskov",)) == []
    assert found(timeline, locations=("Grozny", "Grozny, Chechnya"), text="outlets") == ["two-outlets"]


def test_the_indexes_are_built_once_for_the_timeline(timeline):
    assert facets(timeline) is facets(timeline)
    assert facets(timeline).index_location == {"Grozny, Chechnya": [0], "Grozny": [1], "Moscow": [2]}


# --- the names typed on the command line ----------------------------------------------------

def test_a_status_is_one_of_three_in_any_case():
    assert resolve_status(" Disputed ") == "disputed"
    with pytest.raises(QueryError, match="unknown status 'dispute' \\(did you mean 'disputed'\\?\\); "
                                         "expected one of: reported, alleged, disputed"):
        resolve_status("dispute")


def test_a_tag_is_found_in_any_case_and_suggested_when_misspelt(timeline):
    assert resolve_tag(timeline, "SPIES") == ["spies"]
    assert resolve_tag(timeline, "kremlin") == ["Kremlin", "kremlin"]  # tags written in either case
    with pytest.raises(QueryError, match="no event is tagged 'spys' \\(did you mean 'spies'\\?\\)"):
        resolve_tag(timeline, "spys")


def test_a_location_is_found_whole_else_by_a_part(timeline):
    assert resolve_location(timeline, "grozny") == ["Grozny"]  # the whole name first
    assert resolve_location(timeline, "chechnya") == ["Grozny, Chechnya"]
    assert resolve_location(timeline, "gro") == ["Grozny, Chechnya", "Grozny"]
    with pytest.raises(QueryError, match="no event's location is or holds 'Moskow' \\(did you mean 'Moscow'\\?\\)"):
        resolve_location(timeline, "Moskow")


# --- in words, and in the pickers -----------------------------------------------------------

def test_the_new_filters_in_words(timeline):
    query = Query(statuses=("alleged", "disputed"), tags=("spies",), locations=("Grozny",), single_outlet=True,
                  not_actors=("peskov", "kadyrov"), not_kinds=("denial",))
    assert describe(timeline, query) == ["status: alleged or disputed", "tag: spies", "location: Grozny",
                                          "single outlet", "not actor: Dmitry Peskov nor Ramzan Kadyrov",
                                          "not kind: denial"]


def test_a_search_in_words_names_each_word_or_its_expression(timeline):
    assert describe(timeline, Query(text='Kadyrov  "Chechen leader"')) == ["text: “Kadyrov” and “Chechen leader”"]
    assert describe(timeline, Query(text="spy")) == ["text: “spy”"]
    assert describe(timeline, Query(text="/kad(yrov)?")) == ["text matching /kad(yrov)?/"]


def test_each_new_filter_is_taken_back_by_escape_in_turn():
    filters = (Filters().set("statuses", statuses=("disputed",)).set("single_outlet", single_outlet=True)
               .set("not_kinds", not_kinds=("claim",)).set("tags", tags=("x",)))
    assert filters.order == ("statuses", "single_outlet", "not_kinds", "tags")
    assert filters.without_last().query == Query(statuses=("disputed",), single_outlet=True, not_kinds=("claim",))
    assert filters.without_last().without_last().without_last().query == Query(statuses=("disputed",))
    assert Filters.of(Query(not_actors=("a",), tags=("t",), text="x")).order == ("text", "tags", "not_actors")


def test_pickers_offer_statuses_tags_and_locations_with_counts(timeline):
    assert [(c.value, c.count) for c in choices(timeline, "statuses")] == [("reported", 1), ("alleged", 1),
                                                                           ("disputed", 1)]
    assert [(c.value, c.count) for c in choices(timeline, "tags")] == [("Kremlin", 1), ("kremlin", 1), ("spies", 1)]
    locations = choices(timeline, "locations")
    assert [c.value for c in locations] == ["Grozny", "Grozny, Chechnya", "Moscow"]


# --- the meaning, said once plainly, and the Searcher agree ------------------------------------

def meaning(timeline, query: Query, event) -> bool:
    """What the filters mean, over the event itself: any of the values of each filter of
    several, none of the left-out ones, every word of the text somewhere in the event."""
    actors = set(event.actor_ids)
    names = [n for a in event.actor_ids for n in (timeline.actors[a].names() if a in timeline.actors else [a])]
    fields = normalize("\n".join([event.id, event.title, event.summary or "", event.location or "",
                                  *[c.quote for c in event.sources], *names]))
    return all([
        not query.actors or bool(actors & set(query.actors)),
        not query.kinds or event.kind in query.kinds,
        not query.statuses or event.status in query.statuses,
        not query.tags or bool(set(event.tags) & set(query.tags)),
        not query.locations or event.location in query.locations,
        not query.single_outlet or len(timeline.outlets(event)) == 1,
        not actors & set(query.not_actors),
        event.kind not in query.not_kinds,
        all(normalize(word) in fields for word in query.text.split()),
    ])


def some(values):
    return st.lists(st.sampled_from(sorted(values)), max_size=2, unique=True).map(tuple)


@st.composite
def queries(draw, timeline):
    tags = {t for e in timeline.events for t in e.tags}
    places = {e.location for e in timeline.events if e.location}
    words = ["kadyrov", "Peskov", "chechen", "SPY", "syria", "russia", "islamic"]
    return Query(actors=draw(some(timeline.actors)), kinds=draw(some(timeline.kinds)), statuses=draw(some(STATUSES)),
                 tags=draw(some(tags)), locations=draw(some(places)), single_outlet=draw(st.booleans()),
                 not_actors=draw(some(timeline.actors)), not_kinds=draw(some(timeline.kinds)),
                 text=" ".join(draw(st.lists(st.sampled_from(words), max_size=2))))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_searcher_finds_what_the_filters_mean(bundled, data):
    query = data.draw(queries(bundled))
    expected = [e.id for e in bundled.events if meaning(bundled, query, e)]
    assert [bundled.ids[i] for i in Searcher(bundled).run(query)] == expected
