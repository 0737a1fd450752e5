"""The exact validator, function by function: what it builds, and every problem it reports
with its file:line:column and the whole message, as a user reads them.

Each YAML file here is read by the exact reader (every scalar its text, with places) and
every event goes by the careful path (`Validator.record`); JSON Lines values and the fast
reader's plain values are given as Python values, which know only their line. The places
and messages are written out by hand from the files below and the README's "File format".
"""

import textwrap

import pytest

from timeline.parsing import parse_yaml
from timeline.problems import Pos
from timeline.validation import NotAsWritten, Validator

NAME = "e.yaml"

# Line by line, the places the tests below name:
#  2: tmt at 2:3, its mapping at 2:8; outlet's value at 2:17, published's at 2:46
#  4: kadyrov at 4:3, its mapping at 4:12
#  6: the event's mapping at 6:5, id's value at 6:9
#  7: date at 7:5, its value at 7:11;  9: kind's value at 9:11;  10: title's value at 10:12
# 11: sources' value (the list) at 12:7; the citation at 12:9, its source at 12:18, quote at 12:30
BASE = """\
sources:
  tmt: {outlet: The Moscow Times, published: 2018-08-23}
actors:
  kadyrov: {name: Ramzan Kadyrov, aliases: [Kadyrov]}
events:
  - id: a
    date: 2018-08-20
    date_basis: stated
    kind: attack
    title: Attacks
    sources:
      - {source: tmt, quote: words}
"""


def exact(text: str, name: str = NAME, progress=None):
    """The timeline and the problems (as printed) of a YAML file read the exact way."""
    root, found = parse_yaml(textwrap.dedent(text), name)
    validator = Validator(name, progress) if progress else Validator(name)
    validator.problems = found
    timeline = validator.build_yaml(root)
    return timeline, [str(p) for p in validator.problems]


def problems(text: str) -> list[str]:
    return exact(text)[1]


def records(timeline) -> list[tuple]:
    return [e.to_record() for e in timeline.events]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text
    return text.replace(old, new)


def jsonl(*lines, header=None, name="e.jsonl"):
    """The timeline and the problems of JSON Lines values, the first event on line 2 when
    there is a header, else on line 1."""
    validator = Validator(name)
    start = 1 if header is None else 2
    timeline = validator.build_jsonl(header, list(enumerate(lines, start=start)))
    return timeline, [str(p) for p in validator.problems]


# --- a good file -----------------------------------------------------------------------

def test_a_good_file_builds_its_events_sources_and_actors():
    timeline, found = exact(BASE)
    assert found == []
    assert records(timeline) == [
        ("a", "2018-08-20", "attack", "Attacks", "stated", None, (), None, "reported",
         (("tmt", "words", 12, None),), (), (), (), 6)]
    assert timeline.title == "Timeline"
    assert timeline.corpus is None
    (source,) = timeline.sources.values()
    assert (source.id, source.outlet, source.published.edtf(), source.headline, source.url, source.file,
            source.note) == ("tmt", "The Moscow Times", "2018-08-23", None, None, None, None)
    (actor,) = timeline.actors.values()
    assert (actor.id, actor.name, actor.aliases, actor.type, actor.affiliation, actor.registered) == (
        "kadyrov", "Ramzan Kadyrov", ("Kadyrov",), None, None, True)


def test_every_field_of_an_event_is_read():
    text = edit("    title: Attacks\n", """\
    title: Attacks
    summary: Gunmen attacked
    location: Grozny
    status: Alleged
    actors: [Kadyrov, {actor: kadyrov, role: speaker}, Somebody]
    related: [{type: follows, event: b}]
    figures:
      - {quantity: killed, value: "1,000", what: police, qualifier: about, claimed_by: Kadyrov, as_of: 2018-08-21}
      - {quantity: wounded, value: 2_5.5}
      - {quantity: left, value: 7}
    tags: [attack, 2018]
""")
    text += "  - {id: b, date: 2018, date_basis: x, kind: other, title: B, sources: [{source: tmt, quote: q}]}\n"
    timeline, found = exact(text)
    assert found == ["e.yaml:14:56: warning: actor 'Somebody' is not registered under 'actors'; "
                     "it stands for an actor of that name"]
    assert records(timeline)[1] == (
        "a", "2018-08-20", "attack", "Attacks", "stated", "Gunmen attacked",
        (("kadyrov", None), ("kadyrov", "speaker"), ("Somebody", None)), "Grozny", "alleged",
        (("tmt", "words", 22, None),), (("follows", "b", 15),),
        (("killed", 1000, "police", "about", "kadyrov", "2018-08-21"), ("wounded", 25.5, None, "exactly", None, None),
         ("left", 7, None, "exactly", None, None)),
        ("attack", "2018"), 6)
    assert timeline.actors["Somebody"].registered is False
    assert timeline.actors["Somebody"].name == "Somebody"


def test_the_title_and_corpus_are_read():
    timeline, found = exact("title: Chechnya\ncorpus: articles\nschema: 1\n" + BASE)
    assert (found, timeline.title, timeline.corpus) == ([], "Chechnya", "articles")


# --- the top of the file ----------------------------------------------------------------

def test_an_unknown_top_key_suggests_the_right_one():
    assert problems("titel: x\n" + BASE) == [
        "e.yaml:1:1: unknown key 'titel' at the top of the file (did you mean 'title'?); "
        "expected one of: title, schema, corpus, kinds, sources, actors, events"]


def test_the_events_are_required():
    assert problems("title: x\n") == ["e.yaml:1:1: missing 'events' at the top of the file"]


def test_events_that_are_not_a_list():
    assert problems("title: x\nevents: none\n") == [
        "e.yaml:2:9: 'events' must be a list of events, each starting with '- id: ...'"]


@pytest.mark.parametrize("schema", ["2", "'1.0'"])
def test_an_unknown_schema(schema):
    assert problems(f"schema: {schema}\n" + BASE) == [
        f"e.yaml:1:9: schema {schema.strip(chr(39))} is not known; this version reads schema 1"]


def test_schema_one_as_a_number_from_a_plain_reader():
    validator = Validator(NAME)
    timeline = validator.build_yaml({"schema": 1, "events": []})
    assert (validator.problems, timeline.title) == ([], "Timeline")


def test_the_top_of_plain_values_is_the_first_line():
    validator = Validator(NAME)
    validator.build_yaml({"titel": "x", "title": ["x"], "schema": 2})
    assert [str(p) for p in validator.problems] == [
        "e.yaml:1:1: unknown key 'titel' at the top of the file (did you mean 'title'?); "
        "expected one of: title, schema, corpus, kinds, sources, actors, events",
        "e.yaml:1:1: missing 'events' at the top of the file",
        "e.yaml:1:1: 'title' should be text, not a list",
        "e.yaml:1:1: schema 2 is not known; this version reads schema 1"]
    validator = Validator(NAME)
    validator.build_yaml({"sources": ["x"], "events": "x"})
    assert [str(p) for p in validator.problems] == [
        "e.yaml:1:1: 'sources' should be a mapping of id: details, not a list",
        "e.yaml:1:1: 'events' must be a list of events, each starting with '- id: ...'"]



def test_a_title_that_is_not_text():
    assert problems("title: [a]\n" + BASE) == ["e.yaml:1:8: 'title' should be text, not a list"]


def test_progress_is_told_each_event_then_sorting():
    told = []
    text = BASE + "  - {id: b, date: 2018, date_basis: x, kind: other, title: B, sources: [{source: tmt, quote: q}]}\n"
    exact(text, progress=lambda stage, fraction: told.append((stage, fraction)))
    assert told == [("checking", 0.0), ("checking", 0.5), ("sorting", None)]


def test_progress_on_a_large_file_is_told_fifty_times_or_so():
    told = []
    events = [{"id": f"e{i}", "date": "2016", "kind": "other", "title": "T", "sources": [{"source": "s", "quote": "q"}]}
              for i in range(100)]
    Validator("e.yaml", lambda stage, fraction: told.append((stage, fraction))).build_yaml({"events": events})
    assert told == [("checking", i / 100) for i in range(0, 100, 2)] + [("sorting", None)]


# --- registries -------------------------------------------------------------------------

def test_every_field_of_a_source_and_an_actor_is_read():
    text = edit("  tmt: {outlet: The Moscow Times, published: 2018-08-23}\n",
                "  tmt: {outlet: The Moscow Times, published: 2018-08-23, headline: H, url: U, file: F, note: N}\n")
    text = edit("  kadyrov: {name: Ramzan Kadyrov, aliases: [Kadyrov]}\n",
                "  kadyrov: {name: Ramzan Kadyrov, aliases: [Kadyrov, 'the leader'], type: person, affiliation: Kremlin}\n",
                text)
    timeline, found = exact(text)
    assert found == []
    source = timeline.sources["tmt"]
    assert (source.headline, source.url, source.file, source.note) == ("H", "U", "F", "N")
    actor = timeline.actors["kadyrov"]
    assert (actor.aliases, actor.type, actor.affiliation) == (("Kadyrov", "the leader"), "person", "Kremlin")


def test_a_source_without_its_required_fields():
    text = edit("{outlet: The Moscow Times, published: 2018-08-23}", "{headline: H}")
    timeline, found = exact(text)
    assert found == ["e.yaml:2:8: missing 'outlet' in source 'tmt'", "e.yaml:2:8: missing 'published' in source 'tmt'"]
    assert timeline.sources["tmt"].outlet == "tmt"  # the id stands in for the outlet
    assert timeline.sources["tmt"].published is None


def test_an_unknown_key_in_a_source():
    assert problems(edit("published: 2018-08-23}", "published: 2018-08-23, outlt: x}")) == [
        "e.yaml:2:58: unknown key 'outlt' in source 'tmt' (did you mean 'outlet'?); "
        "expected one of: outlet, headline, published, url, file, note"]


def test_a_source_that_is_not_a_mapping():
    text = edit("{outlet: The Moscow Times, published: 2018-08-23}", "The Moscow Times")
    timeline, found = exact(text)
    assert found == [
        "e.yaml:2:8: source 'tmt' should be a mapping with outlet, headline, published, url, not 'The Moscow Times'",
        "e.yaml:12:18: unknown source 'tmt'; expected one of the ids under 'sources'"]
    assert timeline.sources == {}


def test_a_bad_published_date():
    assert problems(edit("published: 2018-08-23", "published: 2018-02-30")) == [
        "e.yaml:2:46: bad date in 'published': February 2018 has no day 30 (it has 28 days)"]


def test_an_actor_without_a_name_and_not_a_mapping():
    text = edit("  kadyrov: {name: Ramzan Kadyrov, aliases: [Kadyrov]}\n",
                "  kadyrov: {aliases: [Kadyrov]}\n  peskov: Dmitry Peskov\n")
    timeline, found = exact(text)
    assert found == ["e.yaml:4:12: missing 'name' in actor 'kadyrov'",
                     "e.yaml:5:11: actor 'peskov' should be a mapping with name, aliases, type, not 'Dmitry Peskov'"]
    assert timeline.actors["kadyrov"].name == "kadyrov"
    assert list(timeline.actors) == ["kadyrov"]


def test_an_unknown_key_in_an_actor():
    assert problems(edit("aliases: [Kadyrov]}", "aliases: [Kadyrov], kind: person}")) == [
        "e.yaml:4:55: unknown key 'kind' in actor 'kadyrov'; expected one of: name, aliases, type, affiliation"]


def test_aliases_that_are_not_text():
    assert problems(edit("aliases: [Kadyrov]", "aliases: [Kadyrov, [x], {a: b}]")) == [
        "e.yaml:4:54: each item of 'aliases' should be text, not a list",
        "e.yaml:4:59: each item of 'aliases' should be text, not a mapping"]


def test_a_lone_alias_counts_as_a_list_of_one():
    timeline, found = exact(edit("aliases: [Kadyrov]", "aliases: Kadyrov"))
    assert (found, timeline.actors["kadyrov"].aliases) == ([], ("Kadyrov",))


def test_aliases_that_are_a_number_from_a_plain_reader():
    validator = Validator("e.jsonl")
    validator.build_jsonl({"actors": {"k": {"name": "K", "aliases": 5}}}, [])
    assert [str(p) for p in validator.problems] == ["e.jsonl:1:1: 'aliases' should be a list, not '5'"]


def test_registry_ids_that_are_not_slugs():
    text = edit("  tmt:", "  the tmt:")
    text = edit("  kadyrov:", "  -kadyrov:", text).replace("source: tmt", "source: the tmt")
    assert problems(text) == [
        "e.yaml:2:3: source id 'the tmt' is not a slug; use letters, digits, '-', '_' or '.', "
        "starting with a letter or digit",
        "e.yaml:4:3: actor id '-kadyrov' is not a slug; use letters, digits, '-', '_' or '.', "
        "starting with a letter or digit"]


@pytest.mark.parametrize("key", ["sources", "actors", "kinds"])
def test_a_registry_that_is_not_a_mapping(key):
    found = problems(f"{key}: [a]\nevents: []\n")
    assert found == [f"e.yaml:1:{len(key) + 3}: '{key}' should be a mapping of id: details, not a list"]


def test_kind_names_are_slugs_and_descriptions_text():
    text = 'kinds:\n  "a raid": raids\n  strike: "\\e[2J"\n' + edit("kind: attack", "kind: strike")
    assert problems(text) == [
        "e.yaml:2:3: kind 'a raid' is not a slug; use letters, digits, '-', '_' or '.', starting with a letter or digit",
        "e.yaml:3:11: 'strike' holds the control character U+001B (escape) at character 1; "
        "remove it (an events file holds text, not terminal commands)"]


def test_declared_kinds_and_their_descriptions():
    text = "kinds:\n  protest: street protests\n  riot: [x]\n  blank:\n" + edit("kind: attack", "kind: Riot")
    timeline, found = exact(text)
    # a description that is not text is reported (it was once dropped in silence); the
    # kind is declared all the same
    assert [str(p) for p in found] == ["e.yaml:3:9: 'riot' should be text, not a list"]
    assert (timeline.kinds["protest"], timeline.kinds["riot"], timeline.kinds["blank"]) == ("street protests", "", "")
    assert timeline.kinds["attack"] == "attacks on the ground: shootings, bombings, stabbings"
    assert timeline.events[0].kind == "riot"


def test_a_name_that_two_actors_share_matches_the_first():
    text = edit("  kadyrov: {name: Ramzan Kadyrov, aliases: [Kadyrov]}\n",
                "  kadyrov: {name: Ramzan Kadyrov, aliases: [Kadyrov]}\n  other: {name: KADYROV}\n")
    text = edit("    title: Attacks\n", "    title: Attacks\n    actors: [kadyrov]\n", text)
    timeline, found = exact(text)
    assert found == ["e.yaml:5:3: warning: 'KADYROV' names both actor 'kadyrov' and actor 'other'; "
                     "it will match 'kadyrov'"]
    assert timeline.events[0].actor_ids == ["kadyrov"]
    assert timeline.actors["other"].name == "KADYROV"


# --- events -----------------------------------------------------------------------------

def test_an_event_that_is_not_a_mapping():
    timeline, found = exact(BASE + "  - just words\n")
    assert found == ["e.yaml:13:5: an event should be a mapping with id, date, kind, title and sources, "
                     "not 'just words'"]
    assert [e.id for e in timeline.events] == ["a"]


def test_an_event_without_its_required_fields():
    timeline, found = exact(BASE + "  - {summary: S}\n")
    assert found == [
        "e.yaml:13:5: missing 'id' in this event", "e.yaml:13:5: missing 'date' in this event",
        "e.yaml:13:5: missing 'kind' in this event", "e.yaml:13:5: missing 'title' in this event",
        "e.yaml:13:5: missing 'sources' in this event"]
    assert len(timeline.events) == 1


def test_a_required_field_left_empty_is_missing():
    assert problems(edit("    title: Attacks\n", "    title:\n")) == ["e.yaml:6:5: missing 'title' in event 'a'"]


def test_an_unknown_key_in_an_event():
    assert problems(edit("    kind: attack\n", "    kind: attack\n    statsu: reported\n")) == [
        "e.yaml:10:5: unknown key 'statsu' in event 'a' (did you mean 'status'?); expected one of: id, date, "
        "date_basis, kind, title, summary, actors, location, status, sources, related, figures, tags"]


def test_an_unknown_key_in_an_event_without_an_id():
    found = problems(BASE + "  - {id: [x], tilte: T}\n")
    assert found[0] == ("e.yaml:13:15: unknown key 'tilte' in this event (did you mean 'title'?); expected one "
                        "of: id, date, date_basis, kind, title, summary, actors, location, status, sources, "
                        "related, figures, tags")
    assert found[-1] == "e.yaml:13:10: 'id' should be text, not a list"


def test_an_event_id_that_is_not_a_slug():
    timeline, found = exact(edit("  - id: a\n", "  - id: 'a b'\n"))
    assert found == ["e.yaml:6:9: event id 'a b' is not a slug; use letters, digits, '-', '_' or '.', "
                     "starting with a letter or digit"]
    assert timeline.events[0].id == "a b"  # reported, but the event is kept


@pytest.mark.parametrize("old, new", [("date: 2018-08-20", "date: 2018-02-30"), ("kind: attack", "kind: atack"),
                                      ("title: Attacks", "title: ''"), ("title: Attacks", "title:")])
def test_an_event_without_a_usable_date_kind_or_title_is_left_out(old, new):
    timeline, found = exact(edit(old, new))
    assert len(found) == 1
    assert list(timeline.events) == []


def test_an_empty_title_is_an_error_not_a_silent_loss():
    timeline, found = exact(edit("title: Attacks", "title: ''"))
    assert found == ["e.yaml:10:12: the title is empty; give the event a one-line title"]
    assert list(timeline.events) == []


def test_a_bad_date():
    assert problems(edit("date: 2018-08-20", "date: someday")) == [
        "e.yaml:7:11: bad date in 'date': 'someday' is not a date; expected a date like 2016, 2016-02, 2016-02-09, Feb 2016, "
        "9 Feb 2016, 2015-10-02~ (approximate), 2015-10-02? (uncertain), 2016-02-08/2016-02-09 (interval) or "
        "../2015-03 (open start)"]


def test_a_date_that_is_a_list():
    assert problems(edit("date: 2018-08-20", "date: [2018]")) == [
        "e.yaml:7:11: bad date in 'date': expected a date, not a list"]


def test_an_unknown_kind_and_status_name_what_is_expected():
    assert problems(edit("    kind: attack\n", "    kind: atack\n    status: rumoured\n")) == [
        "e.yaml:9:11: unknown kind 'atack' (did you mean 'attack'?); expected one of: airstrike, attack, "
        "statement, claim, denial, report, media, deployment, political, other",
        "e.yaml:10:13: unknown status 'rumoured'; expected one of: reported, alleged, disputed"]


def test_an_event_without_date_basis_warns_at_its_date():
    assert problems(edit("    date_basis: stated\n", "")) == [
        "e.yaml:7:5: warning: event 'a' has no date_basis; say how the date was worked out"]


# --- an event's actors ------------------------------------------------------------------

def test_actor_entries_that_are_wrong():
    text = edit("    title: Attacks\n", "    title: Attacks\n    actors: [[x], {role: speaker}, {actor: kadyrov, as: y}]\n")
    assert problems(text) == [
        "e.yaml:11:14: expected an actor id or name, or {actor: id, role: text}",
        "e.yaml:11:19: missing 'actor' in this actor entry",
        "e.yaml:11:53: unknown key 'as' in this actor entry; expected one of: actor, role"]


def test_an_unregistered_actor_warns_once_with_a_suggestion():
    text = edit("    title: Attacks\n", "    title: Attacks\n    actors: [Kadyrow, kadyrow, Kadyrow]\n")
    timeline, found = exact(text)
    assert found == [
        "e.yaml:11:14: warning: actor 'Kadyrow' is not registered under 'actors'; it stands for an actor of "
        "that name (did you mean 'Kadyrov'?)"]
    assert timeline.events[0].actor_ids == ["Kadyrow", "Kadyrow", "Kadyrow"]


def test_unregistered_actors_are_quiet_in_json_lines_without_a_registry():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "actors": ["Someone", {"actor": "X", "role": "r"}],
             "sources": [{"source": "S", "quote": "q"}]}
    timeline, found = jsonl(event)
    assert found == []
    assert [(a.actor, a.role) for a in timeline.events[0].actors] == [("Someone", None), ("X", "r")]


def test_unregistered_actors_warn_in_json_lines_with_a_registry():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "actors": ["Peskow"],
             "sources": [{"source": "S", "quote": "q"}]}
    _, found = jsonl(event, header={"actors": {"peskov": {"name": "Dmitry Peskov"}}})
    assert found == ["e.jsonl:2:1: warning: actor 'Peskow' is not registered under 'actors'; it stands for an "
                     "actor of that name (did you mean 'peskov'?)"]


# --- an event's sources -----------------------------------------------------------------

def test_an_event_with_no_sources():
    text = edit("    sources:\n      - {source: tmt, quote: words}\n", "    sources: []\n")
    timeline, found = exact(text)
    assert found == ["e.yaml:11:14: event 'a' needs at least one source: - {source: <id>, quote: \"<verbatim words>\"}"]
    assert timeline.events[0].sources == []


def test_citations_that_are_wrong():
    text = edit("      - {source: tmt, quote: words}\n",
                "      - words\n      - {source: tmt, quote: ' '}\n      - {source: tmt}\n"
                "      - {source: tmt, quote: q, outlet: O}\n      - {source: tmtt, quote: q}\n")
    assert problems(text) == [
        "e.yaml:12:9: expected {source: <id>, quote: \"<verbatim words>\"}, or {source: <id>, paraphrase: "
        "\"<what it says>\"}",
        "e.yaml:13:30: the quote is empty; copy the words from the article",
        "e.yaml:14:9: a citation needs a quote or a paraphrase: quote: \"<the article's words, verbatim>\", or "
        "paraphrase: \"<what it says, in other words>\" (never shown or checked as its words)",
        "e.yaml:15:33: unknown key 'outlet' in this source entry; expected one of: source, quote, paraphrase",
        "e.yaml:16:18: unknown source 'tmtt'; expected one of the ids under 'sources' (did you mean 'tmt'?)"]


def test_a_paraphrase_cites_a_source_without_its_words():
    text = edit("      - {source: tmt, quote: words}\n",
                "      - {source: tmt, paraphrase: what it says}\n      - {source: tmt, quote: words}\n")
    timeline, found = exact(text)
    assert found == []
    paraphrase, quote = timeline.events[0].sources
    assert (paraphrase.quote, paraphrase.paraphrase, paraphrase.line) == (None, "what it says", 12)
    assert (quote.quote, quote.paraphrase) == ("words", None)


def test_paraphrases_that_are_wrong():
    text = edit("      - {source: tmt, quote: words}\n",
                "      - {source: tmt, paraphrase: ' '}\n      - {source: tmt, quote: q, paraphrase: p}\n"
                "      - {source: tmt, paraphrase: [a]}\n      - {source: tmt, paraphase: p}\n")
    assert problems(text) == [
        "e.yaml:12:35: the paraphrase is empty; say what the article says",
        "e.yaml:13:33: a citation gives a quote or a paraphrase, not both; cite the source twice to give both",
        "e.yaml:14:35: 'paraphrase' should be text, not a list",
        "e.yaml:15:23: unknown key 'paraphase' in this source entry (did you mean 'paraphrase'?); expected one of: "
        "source, quote, paraphrase",
        "e.yaml:15:9: a citation needs a quote or a paraphrase: quote: \"<the article's words, verbatim>\", or "
        "paraphrase: \"<what it says, in other words>\" (never shown or checked as its words)"]


def test_a_lone_citation_counts_as_a_list_of_one():
    text = edit("    sources:\n      - {source: tmt, quote: words}\n", "    sources: {source: tmt, quote: words}\n")
    timeline, found = exact(text)
    assert found == []
    assert records(timeline)[0][9] == (("tmt", "words", 11, None),)


def test_sources_that_are_a_number_in_json_lines():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "sources": 5}
    assert jsonl(event)[1] == ["e.jsonl:1:1: 'sources' should be a list, not '5'",
                               "e.jsonl:1:1: event 'a' needs at least one source: - {source: <id>, "
                               "quote: \"<verbatim words>\"}"]


def test_inline_sources_in_json_lines():
    def event(i, **source):
        return {"id": f"e{i}", "date": "2016", "kind": "other", "title": "T",
                "sources": [{"source": "Reuters", "quote": "q", **source}]}

    full = dict(outlet="Reuters News", published="2016-02-09", headline="H", url="U", file="F")
    timeline, found = jsonl(event(1), event(2, **full), event(3, **full), event(4, outlet="Other"), event(5),
                            event(6, note="n"))
    assert found == []
    assert list(timeline.sources) == ["Reuters", "Reuters (2)", "Reuters (3)", "Reuters (4)"]
    plain = timeline.sources["Reuters"]
    assert (plain.outlet, plain.published, plain.headline, plain.url, plain.file) == ("Reuters", None, None, None, None)
    described = timeline.sources["Reuters (2)"]
    assert (described.outlet, described.published.edtf(), described.headline, described.url, described.file) == (
        "Reuters News", "2016-02-09", "H", "U", "F")
    assert timeline.sources["Reuters (3)"].outlet == "Other"
    assert [s.id for s in timeline.sources.values()] == list(timeline.sources)
    assert timeline.sources["Reuters (4)"].outlet == "Reuters"
    assert [e.sources[0].source for e in timeline.events] == [
        "Reuters", "Reuters (2)", "Reuters (2)", "Reuters (3)", "Reuters", "Reuters (4)"]


def test_an_inline_source_needs_no_registry_but_a_registered_one_is_shared():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T",
             "sources": [{"source": "s", "quote": "q"}, {"source": "s", "quote": "r", "outlet": "X"}]}
    timeline, found = jsonl(event, header={"title": "Bulk", "sources": {}})
    assert (found, timeline.title, list(timeline.sources)) == ([], "Bulk", ["s", "s (2)"])


def test_a_bad_date_in_an_inline_source():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T",
             "sources": [{"source": "s", "quote": "q", "published": True}]}
    assert jsonl(event)[1] == ["e.jsonl:1:1: bad date in 'published': expected a date, not 'True'"]


# --- an event's relations ---------------------------------------------------------------

TWO = BASE + "  - {id: b, date: 2018, date_basis: x, kind: other, title: B, sources: [{source: tmt, quote: q}]}\n"


def test_relations_that_are_wrong():
    text = edit("    title: Attacks\n", "    title: Attacks\n    related: [b, {type: denied, event: b}, {type: follows}]\n",
                TWO)
    assert problems(text) == [
        "e.yaml:11:15: expected {type: denies|responds-to|..., event: <id>}",
        "e.yaml:11:25: unknown relation type 'denied' (did you mean 'denies'?); expected one of: denies, "
        "responds-to, part-of, same-as, contradicts, follows",
        "e.yaml:11:44: missing 'event' in this relation"]


def test_a_relation_to_an_unknown_event_or_to_itself():
    text = edit("    title: Attacks\n", "    title: Attacks\n    related:\n      - {type: follows, event: bb}\n"
                "      - {type: Denies, event: a}\n", TWO)
    timeline, found = exact(text)
    assert found == ["e.yaml:12:1: event 'a' relates to unknown event 'bb' (did you mean 'b'?)",
                     "e.yaml:13:1: event 'a' relates to itself"]
    assert records(timeline)[1][10] == (("follows", "bb", 12), ("denies", "a", 13))


def test_a_relation_to_an_event_that_is_not_usable_is_not_unknown():
    text = edit("date: 2018,", "date: 2018-13,", TWO)
    text = edit("    title: Attacks\n", "    title: Attacks\n    related: [{type: follows, event: b}]\n", text)
    assert problems(text) == ["e.yaml:14:19: bad date in 'date': month 13 does not exist; months run from 01 to 12"]


def test_a_relation_to_an_unknown_event_in_json_lines_is_at_the_line_of_its_event():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}],
             "related": [{"type": "follows", "event": "zzz"}]}
    assert jsonl({"id": "x"}, event)[1][-1] == "e.jsonl:2:1: event 'a' relates to unknown event 'zzz'"


def test_duplicate_event_ids():
    text = edit("{id: b,", "{id: a,", TWO)
    text += "  - {id: a, date: 2018, date_basis: x, kind: other, title: C, sources: [{source: tmt, quote: q}]}\n"
    assert problems(text) == [
        "e.yaml:13:1: duplicate event id 'a' (first at line 6); ids must be unique",
        "e.yaml:14:1: duplicate event id 'a' (first at line 6); ids must be unique"]


# --- an event's figures -----------------------------------------------------------------

def figure_problems(*figures: str) -> list[str]:
    lines = "".join(f"      - {f}\n" for f in figures)
    return problems(edit("    title: Attacks\n", f"    title: Attacks\n    figures:\n{lines}"))


def test_figures_that_are_wrong():
    assert figure_problems("five", "{value: 5}", "{quantity: k, value: lots}", "{quantity: k, value: 5, qualifer: about}",
                           "{quantity: k, value: 5, qualifier: roughly}", "{quantity: k, value: 5, as_of: soon}") == [
        "e.yaml:12:9: expected {quantity: <slug>, value: <number>, what: <text>, claimed_by: <actor>}",
        "e.yaml:13:9: missing 'quantity' in this figure",
        "e.yaml:14:30: 'value' should be a number like 405 or 2200, not 'lots'",
        "e.yaml:15:33: unknown key 'qualifer' in this figure (did you mean 'qualifier'?); expected one of: "
        "quantity, value, what, qualifier, claimed_by, as_of",
        "e.yaml:16:44: unknown qualifier 'roughly'; expected one of: exactly, about, over, nearly, at least, up to",
        "e.yaml:17:40: bad date in 'as_of': 'soon' is not a date; expected a date like 2016, 2016-02, 2016-02-09, Feb 2016, "
        "9 Feb 2016, 2015-10-02~ (approximate), 2015-10-02? (uncertain), 2016-02-08/2016-02-09 (interval) or "
        "../2015-03 (open start)"]


def test_a_figure_without_a_value_or_quantity_is_left_out():
    text = edit("    title: Attacks\n", "    title: Attacks\n    figures:\n      - {quantity: k}\n"
                "      - {quantity: '', value: 3}\n      - {quantity: k, value: 'At Least'}\n"
                "      - {quantity: k, value: 4, qualifier: At Least}\n")
    timeline, found = exact(text)
    assert found == ["e.yaml:12:9: missing 'value' in this figure",
                     "e.yaml:13:20: the quantity is empty; name what the figure counts, like killed",
                     "e.yaml:14:30: 'value' should be a number like 405 or 2200, not 'At Least'"]
    assert records(timeline)[0][11] == (("k", 4, None, "at least", None, None),)


def test_figure_values_from_json_lines():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}],
             "figures": [{"quantity": "k", "value": 2.0}, {"quantity": "k", "value": 0.25}, {"quantity": "k", "value": "1e3"},
                         {"quantity": "k", "value": "1__000_"}, {"quantity": "k", "value": "many"}]}
    timeline, found = jsonl(event)
    assert found == ["e.jsonl:1:1: 'value' should be a number like 405 or 2200, not 'many'"]
    assert [f[1] for f in records(timeline)[0][11]] == [2, 0.25, 1000, 1000]
    assert type(records(timeline)[0][11][0][1]) is int


# --- field readers ----------------------------------------------------------------------

def test_text_from_json_lines_whole_numbers_but_not_truth_values():
    event = {"id": 17, "date": 2016, "kind": "other", "title": "T", "summary": True, "location": None,
             "sources": [{"source": "S", "quote": "q"}]}
    timeline, found = jsonl(event)
    assert found == ["e.jsonl:1:1: 'summary' should be text, not 'True'"]
    assert records(timeline)[0][:6] == ("17", "2016", "other", "T", None, None)


def test_a_json_fraction_is_not_text():
    # JSON reads 1.10 as 1.1: the text as written is gone, so a fraction is no title
    event = {"id": "a", "date": "2016", "kind": "other", "title": 1.10, "sources": [{"source": "S", "quote": "q"}]}
    assert jsonl(event)[1] == ["e.jsonl:1:1: 'title' should be text, not the number 1.1; put it in quotes as it should read"]


def test_tags_that_are_not_text():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}],
             "tags": ["x", 5, 1.5, None, {"a": 1}]}
    timeline, found = jsonl(event)
    assert found == ["e.jsonl:1:1: each item of 'tags' should be text, not the number 1.5; put it in quotes as it should read",
                     "e.jsonl:1:1: each item of 'tags' should be text, not nothing",
                     "e.jsonl:1:1: each item of 'tags' should be text, not a mapping"]
    assert records(timeline)[0][12] == ("x", "5")


def test_a_truth_value_tag_is_not_text():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}],
             "tags": [True]}
    assert jsonl(event)[1] == ["e.jsonl:1:1: each item of 'tags' should be text, not 'True'"]


def test_a_date_that_is_a_truth_value_or_a_fraction():
    event = {"id": "a", "date": 2016.5, "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}]}
    assert jsonl(event)[1] == ["e.jsonl:1:1: bad date in 'date': expected a date, not '2016.5'"]


def test_a_date_as_a_number_in_json_lines():
    event = {"id": "a", "date": 2016, "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}]}
    assert records(jsonl(event)[0])[0][1] == "2016"


def test_a_kind_matches_whatever_its_case():
    event = {"id": "a", "date": "2016", "kind": "Other", "title": "T", "sources": [{"source": "S", "quote": "q"}]}
    assert records(jsonl(event)[0])[0][2] == "other"


def test_a_json_lines_event_without_date_basis_does_not_warn():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}]}
    assert jsonl(event)[1] == []


def test_an_unknown_key_in_the_header_line():
    timeline, found = jsonl(header={"titel": "x", "title": 5})
    assert found == ["e.jsonl:1:1: unknown key 'titel' in the header line (did you mean 'title'?); "
                     "expected one of: title, schema, corpus, kinds, sources, actors"]
    assert timeline.title == "5"


def test_json_lines_without_a_header_are_a_timeline():
    timeline, found = jsonl()
    assert (found, timeline.title, list(timeline.events)) == ([], "Timeline", [])


def test_json_lines_progress_is_told_as_a_share_of_the_estimate_never_past_the_end():
    told = []
    validator = Validator("e.jsonl", lambda stage, fraction: told.append((stage, fraction)))
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}]}
    validator.build_jsonl(None, [(i + 1, dict(event, id=f"e{i}")) for i in range(4)], estimate=2)
    assert told == [("checking", 0.0), ("checking", 0.5), ("checking", 1.0), ("checking", 1.0), ("sorting", None)]


def test_json_lines_progress_without_an_estimate_takes_one_line():
    told = []
    validator = Validator("e.jsonl", lambda stage, fraction: told.append((stage, fraction)))
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}]}
    validator.build_jsonl(None, [(1, event), (2, dict(event, id="b"))])
    assert told == [("checking", 0.0), ("checking", 1.0), ("sorting", None)]


def test_a_header_title_that_is_not_text():
    timeline, found = jsonl(header={"title": ["x"]})
    assert (found, timeline.title) == (["e.jsonl:1:1: 'title' should be text, not a list"], "Timeline")


def test_inline_source_details_that_are_not_text():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T",
             "sources": [{"source": "s", "quote": "q", "outlet": [1], "headline": [2], "url": {}, "file": [3]}]}
    timeline, found = jsonl({"id": "x"}, event)
    assert found[-4:] == ["e.jsonl:2:1: 'outlet' should be text, not a list",
                          "e.jsonl:2:1: 'headline' should be text, not a list",
                          "e.jsonl:2:1: 'url' should be text, not a mapping",
                          "e.jsonl:2:1: 'file' should be text, not a list"]
    assert timeline.sources["s"].outlet == "s"


def test_json_lines_progress_on_a_large_file():
    told = []
    validator = Validator("e.jsonl", lambda stage, fraction: told.append((stage, fraction)))
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}]}
    validator.build_jsonl(None, [(i + 1, dict(event, id=f"e{i}")) for i in range(4)], estimate=100)
    assert told == [("checking", 0.0), ("checking", 0.02), ("sorting", None)]


def test_a_value_of_nothing_is_described_as_nothing():
    assert jsonl(None)[1] == [
        "e.jsonl:1:1: an event should be a mapping with id, date, kind, title and sources, not nothing"]


def test_a_list_as_an_event_is_described_as_a_list():
    assert jsonl([1])[1] == [
        "e.jsonl:1:1: an event should be a mapping with id, date, kind, title and sources, not a list"]


# --- the fast reader's values: only text is as written ----------------------------------

@pytest.mark.parametrize("root", [
    {"title": 1.1, "events": []}, {"schema": 1, "events": []}, {"kinds": {1: "x"}, "events": []},
    {"events": [{"id": "a", "date": 2016}]},
])
def test_a_scalar_that_is_not_text_from_the_fast_reader_is_not_as_written(root):
    with pytest.raises(NotAsWritten):
        Validator(NAME, text_only=True).build_yaml(root)


def test_text_nothing_lists_and_mappings_from_the_fast_reader_are_as_written():
    event = {"id": "a", "date": "2016", "date_basis": "x", "kind": "other", "title": "T", "summary": None,
             "sources": [{"source": "S", "quote": "q"}], "tags": ["t"]}
    validator = Validator(NAME, text_only=True)
    timeline = validator.build_yaml({"title": "T", "sources": {"S": {"outlet": "O", "published": "2016"}},
                                     "events": [event]})
    assert validator.problems == []
    assert records(timeline) == [("a", "2016", "other", "T", "x", None, (), None, "reported", (("S", "q", 1, None),), (),
                                  (), ("t",), 1)]


def test_a_figure_value_from_the_fast_reader_is_a_number_as_written_only_when_told():
    event = {"id": "a", "date": "2016", "date_basis": "x", "kind": "other", "title": "T",
             "sources": [{"source": "S", "quote": "q"}], "figures": [{"quantity": "k", "value": 1.5}]}
    root = {"sources": {"S": {"outlet": "O", "published": "2016"}}, "events": [event]}
    with pytest.raises(NotAsWritten):
        Validator(NAME, text_only=True).build_yaml(root)
    timeline = Validator(NAME, text_only=True, numbers_as_written=True).build_yaml(root)
    assert records(timeline)[0][11] == (("k", 1.5, None, "exactly", None, None),)


def test_the_fallback_place_of_a_plain_value_is_its_event():
    validator = Validator("e.jsonl")
    validator.record({"id": "a", "date": "2016", "date_basis": "x", "kind": "other", "title": "T", "sources": []},
                     Pos(7, 3))
    assert [str(p) for p in validator.problems] == [
        "e.jsonl:7:3: event 'a' needs at least one source: - {source: <id>, quote: \"<verbatim words>\"}"]


def test_an_inline_source_keeps_its_note():
    event = {"id": "a", "date": "2016", "kind": "other", "title": "T",
             "sources": [{"source": "Wire", "quote": "q", "note": "paywalled"}]}
    timeline, found = jsonl(event)
    assert found == [] and timeline.sources["Wire"].note == "paywalled"
