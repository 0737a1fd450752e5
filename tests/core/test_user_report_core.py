"""Problems a new user found, each pinned by a test."""

import pytest
from conftest import EVENTS

from timeline.corpus import describe_differences, nearest_passage
from timeline.dates import DateError, parse_loose
from timeline.loader import load
from timeline.problems import LoadError
from timeline.query import Query, Searcher


def test_a_number_run_into_a_word_is_not_a_date():
    with pytest.raises(DateError):
        parse_loose("2015-09Oct 2015")
    assert parse_loose("February 9th, 2016").edtf() == "2016-02-09"


def test_search_treats_straight_and_curly_apostrophes_alike():
    timeline = load(EVENTS)
    curly = list(Searcher(timeline).run(Query(text="Kadyrov’s")))
    straight = list(Searcher(timeline).run(Query(text="Kadyrov's")))
    assert curly and curly == straight


def test_nearest_passage_keeps_the_last_word_and_names_only_the_quote_marks():
    article = 'The mayor called the vote "a waste of public money". Then he left.'
    quote = "called the vote 'a waste of public money'"
    passage = nearest_passage(quote, article)
    assert passage == 'called the vote "a waste of public money"'
    assert describe_differences(quote, passage) == ["quotation marks (curly or straight)"]


def test_an_unfinished_string_is_reported_where_it_starts(write):
    path = write("b.yaml", 'title: x\nevents:\n  - id: a\n    date: 2016\n    kind: claim\n    title: "open\n    sources: []\n')
    with pytest.raises(LoadError) as error:
        load(path)
    assert error.value.problems[0].pos.line == 6


def test_import_warns_on_unknown_types_and_refuses_rows_without_a_source():
    from timeline.acled import read_acled

    text = ("event_date,time_precision,event_type,sub_event_type,actor1,source,notes\n"
            "2016-02-09,1,Alien invasion,,Martians,Reuters,They came.\n"
            "2016-02-10,1,Battles,Armed clash,A,,No source here.\n")
    result = read_acled(text, "x.csv")
    assert [e["kind"] for e in result.events] == ["other"]
    assert [(n.pos.line, n.severity) for n in result.notices] == [(2, "warning")]
    assert "'Alien invasion' is not one of ACLED's" in result.notices[0].message
    assert [(p.pos.line, p.message) for p in result.problems] == [
        (3, "row cannot be read: source is empty: every event needs the outlet that reported it")]


def test_unregistered_actors_warn_in_yaml_without_a_registry(write):
    path = write("e.yaml", """
        sources: {s: {outlet: O, published: 2016}}
        events:
          - {id: a, date: 2016, date_basis: x, kind: claim, title: T, actors: [Someone], sources: [{source: s, quote: q}]}
    """)
    assert [str(w).split(": ", 1)[1] for w in load(path).warnings] == [
        "warning: actor 'Someone' is not registered under 'actors'; it stands for an actor of that name"]
