"""The fast path: the record of a well-formed event, or None to send it down the careful path.

For every rule the careful path enforces, an event that breaks it is declined (None), and
a well-formed one gives the same record the careful path would (its date as written, its
citations and relations at their lines). The records are written out by hand.
"""

import textwrap

import pytest

from timeline.dates import parse_date
from timeline.fastpath import FastPath
from timeline.parsing import parse_yaml
from timeline.problems import Pos
from timeline.validation import Validator

GOOD = {"id": "a", "date": "2016-02-09", "date_basis": "stated", "kind": "claim", "title": "T",
        "sources": [{"source": "src", "quote": "words"}]}
GOOD_RECORD = ("a", "2016-02-09", "claim", "T", "stated", None, (), None, "reported", (("src", "words", 4, None),), (), (),
               (), 4)


def fast(registry: bool = True, actors: dict | None = None, jsonl: bool = False) -> FastPath:
    """A fast path with the registries of a file: a source 'src', the actors given."""
    validator = Validator("e.jsonl" if jsonl else "e.yaml")
    if jsonl:
        validator.warn_missing_basis = False
    header = {}
    if registry:
        header["sources"] = {"src": {"outlet": "O", "published": "2016"}}
    if actors:
        header["actors"] = actors
    validator.read_registries(header, Pos(1))
    return FastPath(validator)


def well_formed(event, **kwargs):
    return fast(**kwargs).well_formed(event, Pos(4))


def test_a_well_formed_event_gives_its_record():
    path = fast()
    assert path.well_formed(dict(GOOD), Pos(4)) == GOOD_RECORD
    assert path.validator.all_ids == {"a"}  # so that relations to it are known
    assert path.validator.problems == []


def test_every_field_is_taken():
    event = dict(GOOD, summary="S", location="L", status="alleged", tags=["x", "y"], actors=["Kadyrov", {"actor": "ramzan kadyrov", "role": "r"}],
                 related=[{"type": "denies", "event": "b"}])
    record = well_formed(event, jsonl=True, actors={"kadyrov": {"name": "Ramzan Kadyrov", "aliases": ["Kadyrov"]}})
    assert record == ("a", "2016-02-09", "claim", "T", "stated", "S", (("kadyrov", None), ("kadyrov", "r")), "L",
                      "alleged", (("src", "words", 4, None),), (("denies", "b", 4),), (), ("x", "y"), 4)


@pytest.mark.parametrize("change", [
    {"id": 17}, {"id": "a b"}, {"id": "-a"}, {"date": 2016}, {"date": "someday"}, {"date": "2016-02-30"},
    {"title": ""}, {"title": 5}, {"kind": "atack"}, {"kind": ["claim"]}, {"kind": "Claim"}, {"status": "Alleged"},
    {"status": ["reported"]}, {"status": None}, {"date_basis": 5}, {"summary": 5}, {"location": ["here"]},
    {"figures": []}, {"statsu": "x"}, {"tags": ["x", 5]}, {"tags": "x"},
])
def test_an_event_that_breaks_a_rule_is_declined(change):
    assert well_formed(dict(GOOD, **change)) is None


@pytest.mark.parametrize("missing", ["id", "date", "kind", "title", "sources"])
def test_an_event_without_a_required_field_is_declined(missing):
    event = dict(GOOD)
    del event[missing]
    assert well_formed(event) is None


def test_only_a_mapping_is_an_event():
    assert well_formed(["id", "a"]) is None
    assert well_formed("a") is None


def test_declining_leaves_the_event_ids_alone():
    path = fast()
    assert path.well_formed(dict(GOOD, summary=5), Pos(4)) is None
    assert path.validator.all_ids == set()


def test_a_missing_date_basis_is_declined_where_it_would_warn():
    event = dict(GOOD)
    del event["date_basis"]
    assert well_formed(event) is None  # YAML: the careful path warns
    assert well_formed(event, jsonl=True) == GOOD_RECORD[:4] + (None,) + GOOD_RECORD[5:]


def test_a_declared_kind_is_taken():
    path = fast()
    path.validator.kinds["protest"] = ""
    assert path.well_formed(dict(GOOD, kind="protest"), Pos(4))[2] == "protest"


def test_a_date_that_parsed_once_is_taken_again_and_a_bad_one_never():
    path = fast()
    assert path.well_formed(dict(GOOD), Pos(4)) == GOOD_RECORD
    assert path.well_formed(dict(GOOD, id="b"), Pos(5))[0] == "b"
    assert path.well_formed(dict(GOOD, id="c", date="2016-13"), Pos(6)) is None
    assert path.well_formed(dict(GOOD, id="d", date="2016-13"), Pos(7)) is None


# The new forms of a date (a time of day with or without its zone, unspecified digits,
# seasons) take the fast path, and what either path refuses the fast path declines.
NEW_DATES = ["2015-09-30T05:00", "2015-09-30T05:00:30", "2015-09-30T05:00Z", "2015-09-30T05:00+03:00",
             "2015-09-30T05:00/2015-09-30T07:00", "201X", "20XX", "2015-XX", "2015-XX-XX", "2015-10-XX", "2016-21",
             "2016-24", "Spring 2016", "30 Sep 2015 05:00 +03:00", "a day in Oct 2015", "2016-04-01/2016-04-01"]


@pytest.mark.parametrize("date", NEW_DATES)
def test_a_date_of_a_new_form_is_taken_as_written(date):
    record = well_formed(dict(GOOD, date=date))
    assert record == (GOOD_RECORD[0], date) + GOOD_RECORD[2:]
    careful = fast().validator.record(dict(GOOD, date=date), Pos(4))
    # the same date, though the careful path writes a human form down in EDTF
    assert parse_date(careful[1]) == parse_date(date) and careful[2:] == record[2:]


@pytest.mark.parametrize("date", ["2015-09-30T05:00~", "2015-09-30 05:00", "2015-09-30T24:00", "2016-25", "000X",
                                  "٢٠١٦", "2016-0٢-09", "2015-09-30T07:00/2015-09-30T05:00"])
def test_a_date_the_careful_path_refuses_is_declined(date):
    assert well_formed(dict(GOOD, date=date)) is None
    path = fast()
    assert path.validator.record(dict(GOOD, date=date), Pos(4)) is None or path.validator.problems
    assert any("bad date in 'date'" in p.message for p in path.validator.problems)


# --- actors ---------------------------------------------------------------------------

KADYROV = {"kadyrov": {"name": "Ramzan Kadyrov", "aliases": ["Kadyrov"]}}


@pytest.mark.parametrize("actors, expected", [
    (["Kadyrov"], (("kadyrov", None),)), (["kadyrov"], (("kadyrov", None),)), (["KADYROV"], (("kadyrov", None),)),
    ([{"actor": "Ramzan Kadyrov", "role": "speaker"}], (("kadyrov", "speaker"),)),
    ([{"actor": "kadyrov"}], (("kadyrov", None),)), ([], ()),
])
def test_registered_actors_are_taken(actors, expected):
    assert well_formed(dict(GOOD, actors=actors), actors=KADYROV)[6] == expected


@pytest.mark.parametrize("actors", [
    "Kadyrov", ["Nobody"], [5], [["Kadyrov"]], [{"actor": 5}], [{"actor": "Kadyrov", "role": 5}],
    [{"actor": "Kadyrov", "as": "x"}], [{"role": "speaker"}],
])
def test_actors_that_are_unusual_are_declined(actors):
    assert well_formed(dict(GOOD, actors=actors), actors=KADYROV) is None


def test_an_unregistered_actor_in_json_lines_without_a_registry_stands_for_itself():
    path = fast(jsonl=True)
    assert path.well_formed(dict(GOOD, actors=["Someone"]), Pos(4))[6] == (("Someone", None),)
    actor = path.validator.actors["Someone"]
    assert (actor.name, actor.registered) == ("Someone", False)
    assert path.validator.problems == []


def test_an_unregistered_actor_with_a_registry_is_declined_even_in_json_lines():
    assert well_formed(dict(GOOD, actors=["Someone"]), jsonl=True, actors=KADYROV) is None


# --- sources --------------------------------------------------------------------------

@pytest.mark.parametrize("sources", [
    [], None, {"source": "src", "quote": "words"}, ["src"], [{"source": "src"}],
    [{"source": "src", "quote": "words", "outlet": "O"}], [{"source": 5, "quote": "words"}],
    [{"source": "src", "quote": 5}], [{"source": "src", "quote": ""}], [{"source": "src", "quote": "  "}],
    [{"source": "other", "quote": "words"}], [{"source": "src", "text": "words"}],
    [{"source": "src", "paraphrase": ""}], [{"source": "src", "paraphrase": 5}], [{"source": "src", "paraphrase": None}],
    [{"source": "src", "quote": "words", "paraphrase": "says"}], [{"source": "src", "quote": None, "paraphrase": None}],
])
def test_sources_that_are_unusual_are_declined(sources):
    assert well_formed(dict(GOOD, sources=sources)) is None


def test_a_paraphrase_is_taken_as_one():
    record = well_formed(dict(GOOD, sources=[{"source": "src", "paraphrase": "what it says"},
                                             {"source": "src", "quote": "words"}]))
    assert record[9] == (("src", None, 4, "what it says"), ("src", "words", 4, None))


def test_an_inline_source_without_a_registry_is_made():
    path = fast(registry=False, jsonl=True)
    record = path.well_formed(dict(GOOD, sources=[{"source": "Reuters", "quote": "q"}, {"source": "Reuters", "quote": "r"}]),
                              Pos(4))
    assert record[9] == (("Reuters", "q", 4, None), ("Reuters", "r", 4, None))
    assert list(path.validator.sources) == ["Reuters"]
    assert path.validator.sources["Reuters"].outlet == "Reuters"


# --- relations ------------------------------------------------------------------------

@pytest.mark.parametrize("related", [
    {"type": "denies", "event": "b"}, ["b"], [{"type": "denies"}], [{"type": "denies", "event": "b", "x": 1}],
    [{"type": "denied", "event": "b"}], [{"type": "Denies", "event": "b"}], [{"type": ["denies"], "event": "b"}],
    [{"type": "denies", "event": 5}], [{"type": "denies", "id": "b"}],
])
def test_relations_that_are_unusual_are_declined(related):
    assert well_formed(dict(GOOD, related=related)) is None


def test_relations_are_taken():
    related = [{"type": "denies", "event": "b"}, {"type": "follows", "event": "c"}]
    assert well_formed(dict(GOOD, related=related))[10] == (("denies", "b", 4), ("follows", "c", 4))


# --- values of the exact reader: each citation and relation at its own line -----------

def test_an_event_of_the_exact_reader_gives_its_lines():
    text = textwrap.dedent("""\
        events:
          - id: a
            date: 2016-02-09
            date_basis: stated
            kind: claim
            title: T
            actors: [Kadyrov]
            tags: [x]
            sources:
              - {source: src, quote: words}
              - {source: src, quote: more}
            related:
              - {type: denies, event: b}
    """)
    root, _ = parse_yaml(text, "e.yaml")
    (event,) = root["events"]
    assert fast(actors=KADYROV).well_formed(event, Pos(2)) == (
        "a", "2016-02-09", "claim", "T", "stated", None, (("kadyrov", None),), None, "reported",
        (("src", "words", 10, None), ("src", "more", 11, None)), (("denies", "b", 13),), (), ("x",), 2)


def test_record_takes_the_careful_path_for_what_it_declines():
    path = fast()
    assert path.record(dict(GOOD, summary=True), Pos(4)) == GOOD_RECORD  # the careful path: summary left out
    assert [str(p) for p in path.validator.problems] == ["e.yaml:4:1: 'summary' should be text, not 'True'"]
    assert path.record(dict(GOOD, id="b"), Pos(5))[0] == "b"
