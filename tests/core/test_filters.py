"""Filter state: the order filters were set in, what Escape takes back, the filters in
words, and what a picker offers. The explorer and the command line share these rules."""

import datetime as dt

import pytest
from conftest import EVENTS

from timeline.filters import Choice, Filters, choices, describe, source_label
from timeline.loader import load
from timeline.model import Source, Timeline
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


def test_picker_choices_within_some_events_count_only_those(timeline):
    claims = {i for i, e in enumerate(timeline.events) if e.kind == "claim"}
    actors = choices(timeline, "actors", within=claims)
    assert {c.value for c in actors} == set(timeline.actors)  # every actor is still offered
    kadyrov = next(c for c in actors if c.value == "kadyrov")
    assert kadyrov.count == sum("kadyrov" in timeline.events[i].actor_ids for i in claims)
    # the items keep the places they have in the whole file (busiest first), so that they
    # do not move as the filters change; only the counts follow
    assert [c.value for c in actors] == [c.value for c in choices(timeline, "actors")]
    assert min(c.count for c in actors) == 0
    assert {c.value: c.count for c in choices(timeline, "kinds", within=claims)}["claim"] == len(claims)


def test_every_filter_given_at_once_takes_its_place_in_the_usual_order():
    query = Query(date_to=dt.date(2016, 1, 1), text="oil", sources=("wire",), kinds=("claim",),
                  actors=("peskov",))
    assert Filters.of(query).order == ("actors", "kinds", "sources", "text", "dates")
    assert Filters.of(query).query == query
    assert Filters.of(Query(date_from=dt.date(2016, 1, 1))).order == ("dates",)
    assert Filters.of(Query(sources=("wire",))).order == ("sources",)
    assert Filters.of(Query()).order == ()


def test_escape_takes_back_each_kind_of_filter_in_turn():
    filters = (Filters().set("sources", sources=("wire",)).set("dates", date_to=dt.date(2016, 1, 1))
               .set("text", text="oil").set("actors", actors=("peskov",)).set("kinds", kinds=("claim",)))
    assert filters.order == ("sources", "dates", "text", "actors", "kinds")
    steps = []
    while filters.order:
        filters = filters.without_last()
        steps.append(filters.query)
    assert steps == [
        Query(sources=("wire",), date_to=dt.date(2016, 1, 1), text="oil", actors=("peskov",)),
        Query(sources=("wire",), date_to=dt.date(2016, 1, 1), text="oil"),
        Query(sources=("wire",), date_to=dt.date(2016, 1, 1)),
        Query(sources=("wire",)),
        Query(),
    ]
    # a text filter taken back is the empty text, not None, so it can be typed into again
    assert steps[2].text == ""


def test_a_date_range_is_on_from_either_end():
    assert Filters().set("dates", date_to=dt.date(2016, 1, 1)).order == ("dates",)
    assert Filters().set("dates", date_from=dt.date(2016, 1, 1), date_to=dt.date(2016, 2, 1)).order == ("dates",)
    assert Filters().set("dates", date_from=None, date_to=None).order == ()


def test_setting_an_empty_text_switches_the_text_filter_off():
    filters = Filters().set("text", text="oil").set("kinds", kinds=("claim",))
    assert filters.set("text", text="").order == ("kinds",)


def test_toggle_works_on_actors_and_sources_too():
    filters = Filters().toggle("actors", "peskov").toggle("sources", "wire").toggle("actors", "kadyrov")
    assert filters.query == Query(actors=("peskov", "kadyrov"), sources=("wire",))
    assert filters.order == ("sources", "actors")
    assert filters.toggle("sources", "wire").order == ("actors",)


def test_filters_describe_themselves_in_the_usual_order(timeline):
    filters = Filters().set("text", text="spy").set("kinds", kinds=("denial", "claim")).set("actors", actors=("putin",))
    assert filters.describe(timeline) == ["actor: Vladimir Putin", "kind: denial or claim", "text: “spy”"]


def test_a_date_range_reads_with_both_ends(timeline):
    query = Query(date_from=dt.date(2016, 2, 1), date_to=dt.date(2016, 2, 29))
    assert describe(timeline, query) == ["dates: 2016-02-01 to 2016-02-29"]


def test_an_actor_the_file_does_not_register_reads_as_its_id(timeline):
    assert describe(timeline, Query(actors=("nobody-known",))) == ["actor: nobody-known"]


def test_several_sources_read_as_articles(timeline):
    query = Query(sources=("breitbart-2016-02-09", "ihls-2016-02"))
    assert describe(timeline, query) == [
        "source: Breitbart News, 9 Feb 2016 — Chechen Leader Claims Forces Have Allegedly ‘Infiltrated’ "
        "Islamic State or i-HLS (Israel Homeland Security), 8–14 Feb 2016"]  # the i-HLS piece has no headline


def test_a_source_not_in_the_file_reads_as_its_id(timeline):
    assert source_label(timeline, "no-such-source") == "no-such-source"


def test_a_source_with_no_date_reads_without_one(write):
    # A JSON Lines file may name a source in place with no publication date
    timeline = load(write("undated.jsonl", '{"id": "a", "date": "2015-10-01", "kind": "statement", '
                          '"title": "T", "sources": [{"source": "Reuters", "quote": "q"}]}\n'))
    assert source_label(timeline, "Reuters") == "Reuters"
    assert describe(timeline, Query(sources=("Reuters",))) == ["source: Reuters"]
    timeline = Timeline([], sources={"note": Source("note", "A note", headline="What it says")})
    assert source_label(timeline, "note") == "A note — What it says"


def test_a_choice_matches_any_part_of_its_label_value_or_names_in_any_case():
    choice = Choice("kadyrov", "Ramzan Kadyrov", 3, ("the Chechen leader",))
    assert choice.matches("RAMZAN") and choice.matches("zan kad")  # the label
    assert choice.matches("kadyrov")
    assert Choice("peskov-id", "Dmitry Peskov", 1).matches("v-i")  # the value
    assert choice.matches("chechen")  # an alias
    assert not choice.matches("putin")


def test_kinds_offer_their_description_to_match(timeline):
    kinds = {c.value: c for c in choices(timeline, "kinds")}
    assert kinds["airstrike"].label == "airstrike"
    assert kinds["airstrike"].matches("bombing raids")
    assert list(kinds) == ["airstrike", "attack", "statement", "claim", "denial", "report", "media",
                           "deployment", "political", "other"]


def test_an_actors_aliases_match_in_the_picker(timeline):
    peskov = next(c for c in choices(timeline, "actors") if c.value == "peskov")
    assert peskov.label == "Dmitry Peskov" and peskov.matches("putin's spokesman")


def test_a_sources_outlet_and_headline_match_in_the_picker(timeline):
    source = next(c for c in choices(timeline, "sources") if c.value == "moscowtimes-2018-08-23")
    assert source.label == ("The Moscow Times, 23 Aug 2018 — Kadyrov Blames Foreign Conspiracy for Child "
                            "Terror Attacks on Chechen Police")
    assert source.names == ("The Moscow Times", "Kadyrov Blames Foreign Conspiracy for Child Terror Attacks "
                                                "on Chechen Police")


def test_a_source_with_no_headline_matches_by_its_outlet(timeline):
    source = next(c for c in choices(timeline, "sources") if c.value == "ihls-2016-02")
    assert source.names == ("i-HLS (Israel Homeland Security)", "")


PICKED = """
    sources:
      b-paper: {outlet: B Paper, published: 2016-01-01}
      a-paper: {outlet: a paper, published: 2016-01-01}
      c-paper: {outlet: C Paper, published: 2016-01-01}
    actors:
      zed: {name: Zed}
      amy: {name: amy}
      bob: {name: Bob}
      idle: {name: Idle}
    kinds:
      rumour: unconfirmed talk
    events:
      - {id: e1, date: 2016-01-01, kind: claim, title: One, actors: [zed, amy, bob],
         sources: [{source: b-paper, quote: q}, {source: b-paper, quote: r}, {source: a-paper, quote: q}]}
      - {id: e2, date: 2016-01-02, kind: claim, title: Two, actors: [bob, bob],
         sources: [{source: b-paper, quote: q}]}
"""


def test_pickers_put_the_busiest_first_then_by_name_in_any_case(write):
    small = load(write("picked.yaml", PICKED))
    actors = choices(small, "actors")
    # bob acts in two events (once each, however often named); amy and zed in one; idle in none
    assert [(c.value, c.count) for c in actors] == [("bob", 2), ("amy", 1), ("zed", 1), ("idle", 0)]
    sources = choices(small, "sources")
    # b-paper is cited by two events (twice in the first, which counts once)
    assert [(c.value, c.count) for c in sources] == [("b-paper", 2), ("a-paper", 1), ("c-paper", 0)]


def test_names_of_equal_count_sort_alike_whatever_their_case(write):
    small = load(write("names.yaml", """
        sources: {s: {outlet: S, published: 2016-01-01}}
        actors:
          plain: {name: Ab}
          underscored: {name: A_b}
        events:
          - {id: e, date: 2016, kind: other, title: E, sources: [{source: s, quote: q}]}
    """))
    # in lower case "a_b" comes before "ab" ("_" sorts before the letters)
    assert [c.label for c in choices(small, "actors")] == ["A_b", "Ab"]


def test_a_picker_counts_kinds_no_event_has_as_none(write):
    small = load(write("picked.yaml", PICKED))
    kinds = {c.value: c.count for c in choices(small, "kinds")}
    assert kinds["claim"] == 2 and kinds["airstrike"] == 0 and kinds["rumour"] == 0


def test_there_is_no_picker_for_text_or_dates(timeline):
    with pytest.raises(ValueError, match=r"^no picker for 'text'$"):
        choices(timeline, "text")
