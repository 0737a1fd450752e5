"""Problems a new user found, each pinned by a test."""

import pytest

from conftest import EVENTS, SEEDS
from test_app import selected
from timeline.tui.app import make_app
from timeline.corpus import describe_differences, nearest_passage
from timeline.dates import DateError, parse_loose
from timeline.loader import load
from timeline.problems import LoadError
from timeline.query import Query, Searcher
from timeline.tui.screens.listing import EventListScreen


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
        app.main.query_one("#timeline").select_event(timeline.by_id["kadyrov-claims-spy-network-inside-is"])
        await pilot.press("enter", "j")
        assert app.main.query_one("#sources").highlighted == 1
        await pilot.press("k")
        assert app.main.query_one("#sources").highlighted == 0
        assert selected(app).id == "kadyrov-claims-spy-network-inside-is"


def run(*args):
    import subprocess
    import sys

    from conftest import ROOT

    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True, cwd=ROOT)


def test_import_refuses_an_output_that_is_not_an_events_file(tmp_path):
    from conftest import ROOT

    result = run("import", str(ROOT / "tests" / "acled_sample.csv"), "-o", str(tmp_path / "out.txt"), "--skip-bad")
    assert result.returncode == 2 and "must be a .jsonl or a .yaml file" in result.stderr
    assert not (tmp_path / "out.txt").exists()


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


def test_list_source_takes_part_of_an_outlet_name():
    import json

    result = run("list", "events.yaml", "--source", "breitbart", "--format", "json")
    assert result.returncode == 0, result.stderr
    timeline = load(EVENTS)
    expected = [e.id for e in timeline.events if any(timeline.sources[c.source].outlet == "Breitbart News"
                                                      for c in e.sources)]
    assert [e["id"] for e in json.loads(result.stdout)] == expected


def test_check_counts_in_words(write):
    path = write("one.yaml", "events:\n  - {id: a, date: 2016, date_basis: x, kind: claim, title: T, "
                             "sources: [{source: S, quote: q}]}\n")
    assert "1 event, 1 source, 0 actors; 0 errors, 0 warnings" in run("check", str(path)).stdout


async def test_lanes_span_only_their_actors_events():
    timeline = load(EVENTS)
    app = make_app(timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"peskov", "enter", "L")
        axis = app.screen.axis
        days = [timeline.first_day[i] for i in timeline.index_actor["peskov"]]
        assert axis.starts[0] <= min(days) and max(days) < axis.starts[-1]
        assert axis.unit == "month"  # 2015-2016 fits a month a column at this width


async def test_goto_beyond_the_last_event_says_so():
    app = make_app(load(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("colon", *"2099", "enter")
        assert selected(app) is app.timeline.events[-1]
        assert any("Nothing shown after 2099" in str(n.message) for n in app._notifications)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the project")
async def test_o_opens_the_article_the_source_filter_names():
    timeline = load(EVENTS)
    app = make_app(timeline, query=Query(sources=("breitbart-2016-02-09",)))
    async with app.run_test(size=(120, 40)) as pilot:
        event = timeline.event("kadyrov-takes-power-in-chechnya")
        assert event.sources[0].source != "breitbart-2016-02-09"
        app.main.query_one("#timeline").select_event(timeline.by_id[event.id])
        await pilot.press("o")
        assert app.screen.source.id == "breitbart-2016-02-09"


def test_markdown_export_says_which_events_it_holds(tmp_path):
    out = tmp_path / "p.md"
    assert run("export", "events.yaml", "--format", "markdown", "--actor", "Peskov", "-o", str(out)).returncode == 0
    timeline = load(EVENTS)
    peskov = len([e for e in timeline.events if "peskov" in e.actor_ids])
    assert f"*{peskov} of {len(timeline.events)} events: actor: Dmitry Peskov*" in out.read_text(encoding="utf-8")
