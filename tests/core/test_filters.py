"""Filter state: the order filters were set in, what Escape takes back, the filters in
words, and what a picker offers. The explorer and the command line share these rules."""

import datetime as dt

import pytest
from conftest import EVENTS

from timeline.filters import Filters, choices, describe
from timeline.loader import load
from timeline.query import Query


@pytest.fixture(scope="module")
def timeline():
    return load(EVENTS)


def test_filters_given_at_once_take_the_usual_order():
    filters = Filters.of(Query(text="oil", kinds=("claim",), actors=("peskov",)))
    assert filters.order == ("actors", "kinds", "text")


def test_the_last_filter_set_is_the_first_taken_back():
    filters = Filters().set("text", text="oil").set("kinds", kinds=("claim",)).set("actors", actors=("peskov",))
    assert filters.order == ("text", "kinds", "actors")
    filters = filters.set("text", text="gas")  # changed: now the last one set
    assert filters.order == ("kinds", "actors", "text")
    back = filters.without_last()
    assert back.query == Query(kinds=("claim",), actors=("peskov",)) and back.order == ("kinds", "actors")
    back = back.without_last().without_last()
    assert back.query == Query() and back.order == ()
    assert back.without_last() == back


def test_a_filter_switched_off_leaves_the_order():
    filters = Filters().set("kinds", kinds=("claim",)).set("text", text="x").set("kinds", kinds=())
    assert filters.order == ("text",)


def test_dates_are_one_filter_from_both_ends():
    filters = Filters().set("dates", date_from=dt.date(2016, 2, 1), date_to=None)
    assert filters.order == ("dates",)
    cleared = filters.without_last().query
    assert cleared.date_from is None and cleared.date_to is None


def test_toggle_adds_and_takes_out_one_value():
    filters = Filters().toggle("kinds", "denial").toggle("kinds", "claim")
    assert filters.query.kinds == ("denial", "claim")
    filters = filters.toggle("kinds", "denial")
    assert filters.query.kinds == ("claim",) and filters.order == ("kinds",)
    assert filters.toggle("kinds", "claim").order == ()


def test_filters_in_words(timeline):
    query = Query(actors=("peskov", "kadyrov"), kinds=("denial",), text="spy",
                  date_from=dt.date(2016, 2, 1), date_to=None)
    assert describe(timeline, query) == ["actor: Dmitry Peskov or Ramzan Kadyrov", "kind: denial",
                                         "text: “spy”", "dates: 2016-02-01 to end"]
    assert describe(timeline, Query(date_to=dt.date(2015, 12, 31))) == ["dates: start to 2015-12-31"]
    assert describe(timeline, Query()) == []


def test_a_source_reads_as_outlet_date_and_headline(timeline):
    source = next(s for s in timeline.sources.values() if s.headline and s.published)
    [words] = describe(timeline, Query(sources=(source.id,)))
    assert words == f"source: {source.outlet}, {source.published.display()} — {source.headline}"


def test_picker_choices_count_events_busiest_first(timeline):
    actors = choices(timeline, "actors")
    assert actors[0].value == "kadyrov" and actors[0].label == "Ramzan Kadyrov"
    assert actors[0].count == sum("kadyrov" in e.actor_ids for e in timeline.events)
    counts = [c.count for c in actors]
    assert counts == sorted(counts, reverse=True)
    assert actors[0].matches("the chechen leader")  # an alias
    kinds = choices(timeline, "kinds")
    assert [c.value for c in kinds][:3] == ["airstrike", "attack", "statement"]  # their usual order
    assert next(c for c in kinds if c.value == "denial").count == sum(e.kind == "denial" for e in timeline.events)
    sources = choices(timeline, "sources")
    assert sum(c.count for c in sources) == sum(len({c.source for c in e.sources}) for e in timeline.events)
