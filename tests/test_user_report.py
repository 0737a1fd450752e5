"""Problems a new user found, each pinned by a test."""

import pytest

from conftest import EVENTS
from test_app import selected
from timeline.app import make_app
from timeline.corpus import describe_differences, nearest_passage
from timeline.dates import DateError, parse_loose
from timeline.loader import load
from timeline.problems import LoadError
from timeline.query import Query, Searcher
from timeline.widgets.listing import EventListScreen


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


async def test_vim_keys_move_in_the_views():
    timeline = load(EVENTS)
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("D")
        assert isinstance(app.screen, EventListScreen)
        listing = app.screen.query_one("#listing")
        first = listing.highlighted
        await pilot.press("j")
        assert listing.highlighted > first
        await pilot.press("G")
        assert listing.highlighted == listing.option_count - 1
        await pilot.press("g")
        assert listing.highlighted == first


async def test_vim_keys_move_in_the_detail_pane_lists():
    timeline = load(EVENTS)
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#timeline").select_event(timeline.by_id["kadyrov-claims-spy-network-inside-is"])
        await pilot.press("enter", "j")
        assert app.query_one("#sources").highlighted == 1
        await pilot.press("k")
        assert app.query_one("#sources").highlighted == 0
        assert selected(app).id == "kadyrov-claims-spy-network-inside-is"
