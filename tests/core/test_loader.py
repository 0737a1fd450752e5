"""The loader: good files load; each class of bad input is reported with its line."""

import re
import textwrap

import pytest

from timeline.loader import load, load_with_problems
from timeline.problems import LoadError

GOOD = textwrap.dedent("""
    title: Test file
    sources:
      tmt:
        outlet: The Moscow Times
        published: 2018-08-23
    actors:
      kadyrov:
        name: Ramzan Kadyrov
        aliases: [Kadyrov, the Chechen leader]
        type: person
    events:
      - id: attacks
        date: 2018-08-20
        date_basis: "'on Monday' in an article published Thu 2018-08-23"
        kind: attack
        title: Attacks on police in Chechnya
        status: reported
        sources:
          - {source: tmt, quote: "a series of deadly attacks"}
      - id: post
        date: 2018-08-22
        date_basis: "'on Wednesday'"
        kind: statement
        title: Kadyrov blames abroad
        actors: [{actor: The Chechen Leader, role: speaker}]
        sources:
          - {source: tmt, quote: "came from abroad"}
        related:
          - {type: responds-to, event: attacks}
""").lstrip("\n")


def problems_of(write, text, name="events.yaml"):
    path = write(name, text)
    try:
        _, problems = load_with_problems(path)
    except LoadError as error:
        problems = error.problems
    return [(p.pos.line, p.severity, p.message) for p in problems]


def only_error(write, text, name="events.yaml"):
    found = [p for p in problems_of(write, text, name) if p[1] == "error"]
    assert len(found) == 1, found
    return found[0][0], found[0][2]


JSONL = """
    {"title": "Bulk", "actors": {"peskov": {"name": "Dmitry Peskov", "aliases": ["Peskov"]}}}
    {"id": "a", "date": "2015-10-01", "kind": "statement", "title": "Peskov on targets", "actors": ["Peskov"], "sources": [{"source": "Breitbart", "quote": "well-known", "published": "2015-10-01"}]}

    {"id": "b", "date": "2015-09-30", "kind": "airstrike", "title": "Strikes begin", "actors": ["Russia"], "sources": [{"source": "Breitbart", "quote": "began airstrikes", "published": "2015-10-01"}]}
"""


def test_a_good_file_loads_in_time_order(write):
    timeline = load(write("events.yaml", GOOD))
    assert [e.id for e in timeline.events] == ["attacks", "post"]
    assert timeline.title == "Test file"
    assert timeline.events[1].actors[0].actor == "kadyrov"  # alias matched whatever its case
    assert timeline.events[1].actors[0].role == "speaker"
    assert timeline.events[0].date.display() == "20 Aug 2018"
    assert timeline.incoming["attacks"] == [("responds-to", "post")]
    assert timeline.warnings == []


def test_events_sort_by_earliest_day_whatever_the_file_order(write):
    text = GOOD.replace("date: 2018-08-20", "date: 2018-08-23")
    timeline = load(write("events.yaml", text))
    assert [e.id for e in timeline.events] == ["post", "attacks"]


def test_missing_file(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load(tmp_path / "nope.yaml")


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(LoadError, match="folder, not an events file"):
        load(tmp_path)


def test_empty_file(write):
    assert only_error(write, "\n  \n") == (1, "the file is empty; expected an events file (see the README's 'File format')")


def test_not_utf8_names_the_line_and_column(write):
    line, message = only_error(write, b"title: ok\nevents:\n  - id: caf\xe9\n")
    assert line == 3
    assert "not UTF-8" in message and "0xe9" in message


def test_not_yaml_names_the_line(write):
    line, message = only_error(write, GOOD.replace("title: Kadyrov blames abroad", 'title: "unclosed'))
    assert "not valid YAML" in message
    assert line >= 26


def test_top_level_must_be_a_mapping(write):
    line, message = only_error(write, "- just\n- a list\n")
    assert (line, "expected a mapping at the top") == (1, message[:29])


def test_two_documents(write):
    line, message = only_error(write, GOOD + "\n---\ntitle: again\n")
    assert "one YAML document" in message


def test_unknown_key_suggests_the_right_one(write):
    line, message = only_error(write, GOOD.replace("    status: reported", "    statsu: reported"))
    assert line == 17
    assert "unknown key 'statsu' in event 'attacks' (did you mean 'status'?)" in message


def test_missing_field(write):
    line, message = only_error(write, GOOD.replace("    title: Attacks on police in Chechnya\n", ""))
    assert (line, message) == (12, "missing 'title' in event 'attacks'")


def test_bad_date(write):
    line, message = only_error(write, GOOD.replace("date: 2018-08-20", "date: 2018-02-30"))
    assert line == 13
    assert "bad date in 'date': February 2018 has no day 30" in message


def test_interval_ending_before_it_starts(write):
    line, message = only_error(write, GOOD.replace("date: 2018-08-20", "date: 2018-08-20/2018-08-19"))
    assert line == 13
    assert "ends (2018-08-19) before it starts (2018-08-20)" in message


def test_duplicate_event_ids(write):
    text = GOOD.replace("id: post", "id: attacks").replace("      - {type: responds-to, event: attacks}\n", "")
    line, message = only_error(write, text.replace("    related:\n", ""))
    # the duplicate is reported at the second event, naming the first
    assert (line, message) == (20, "duplicate event id 'attacks' (first at line 12); ids must be unique")


def test_duplicate_yaml_keys_are_caught(write):
    text = GOOD.replace("    kind: attack\n", "    kind: attack\n    kind: statement\n")
    line, message = only_error(write, text)
    assert line == 16
    assert "duplicate key 'kind' (first at line 15)" in message


def test_unknown_source_suggests_the_right_one(write):
    line, message = only_error(write, GOOD.replace("{source: tmt, quote: \"a series", "{source: tmtt, quote: \"a series"))
    assert line == 19
    assert "unknown source 'tmtt'; expected one of the ids under 'sources' (did you mean 'tmt'?)" in message


def test_unknown_actor_is_a_warning_with_a_suggestion(write):
    found = problems_of(write, GOOD.replace("actor: The Chechen Leader", "actor: Kadyrow"))
    assert [p[1] for p in found] == ["warning"]
    assert found[0][0] == 25
    assert "actor 'Kadyrow' is not registered" in found[0][2] and "did you mean 'Kadyrov'?" in found[0][2]


def test_unknown_related_event(write):
    line, message = only_error(write, GOOD.replace("event: attacks", "event: atacks"))
    assert line == 29
    assert "relates to unknown event 'atacks' (did you mean 'attacks'?)" in message


def test_empty_quote(write):
    line, message = only_error(write, GOOD.replace('quote: "came from abroad"', 'quote: "  "'))
    assert line == 27
    assert "the quote is empty" in message


def test_no_sources(write):
    line, message = only_error(write, GOOD.replace(
        "    sources:\n      - {source: tmt, quote: \"came from abroad\"}", "    sources: []"))
    assert "needs at least one source" in message


def test_unknown_kind_suggests_the_right_one(write):
    line, message = only_error(write, GOOD.replace("kind: attack", "kind: atack"))
    assert line == 15
    assert "unknown kind 'atack' (did you mean 'attack'?)" in message


def test_unknown_status(write):
    line, message = only_error(write, GOOD.replace("status: reported", "status: rumoured"))
    assert "unknown status 'rumoured'" in message and "reported, alleged, disputed" in message


def test_every_problem_is_reported_at_once(write):
    text = GOOD.replace("kind: attack", "kind: atack").replace("date: 2018-08-22", "date: someday")
    text = text.replace("    kind: statement\n", "    kind: statement\n    kind: claim\n")
    lines = [p[0] for p in problems_of(write, text) if p[1] == "error"]
    assert len(lines) == 3


def test_unquoted_and_quoted_dates_are_the_same(write):
    quoted = load(write("q.yaml", GOOD.replace("date: 2018-08-20", 'date: "2018-08-20"')))
    plain = load(write("p.yaml", GOOD))
    assert quoted.events[0].date == plain.events[0].date


def test_year_only_date_unquoted(write):
    timeline = load(write("events.yaml", GOOD.replace("date: 2018-08-20", "date: 2007")))
    assert timeline.events[0].date.display() == "2007"


def test_declared_kinds_are_accepted(write):
    text = GOOD.replace("kind: attack", "kind: protest").replace("events:", "kinds:\n  protest: street protests\nevents:")
    assert "kinds:\n  protest" in text
    assert load(write("events.yaml", text)).events[0].kind == "protest"


def test_jsonl_loads_with_a_header_and_inline_sources(write):
    timeline = load(write("events.jsonl", JSONL))
    assert [e.id for e in timeline.events] == ["b", "a"]
    assert timeline.events[1].actor_ids == ["peskov"]
    assert timeline.events[0].actor_ids == ["Russia"]  # unregistered: an actor of that name
    assert list(timeline.sources) == ["Breitbart"]  # one source, described the same way twice
    assert timeline.sources["Breitbart"].published.edtf() == "2015-10-01"


def test_jsonl_bad_json_names_the_line_and_column(write):
    text = JSONL.replace('"title": "Strikes begin",', '"title": "Strikes begin"')
    line, message = only_error(write, text, "events.jsonl")
    assert line == 4
    assert "not valid JSON" in message


def test_jsonl_bad_event_names_its_line(write):
    line, message = only_error(write, JSONL.replace('"kind": "airstrike"', '"kind": "airstrik"'), "events.jsonl")
    assert line == 4
    assert "unknown kind 'airstrik' (did you mean 'airstrike'?)" in message


def test_jsonl_not_utf8_names_the_line_and_column(write):
    path = write("events.jsonl", b'{"id": "a"}\n{"id": "caf\xe9"}\n')
    with pytest.raises(LoadError) as error:
        load(path)
    (problem,) = [p for p in error.value.problems if p.pos.line == 2]  # line 1 lacks its keys
    assert (problem.pos.line, problem.pos.column) == (2, 12)
    assert "not UTF-8" in problem.message and "0xe9" in problem.message


def test_jsonl_with_a_byte_order_mark_loads(write):
    text = textwrap.dedent(JSONL).lstrip("\n").encode("utf-8")
    assert len(load(write("events.jsonl", b"\xef\xbb\xbf" + text)).events) == 2


# --- the fast YAML reader gives every scalar as written ------------------------------
# yaml_rs resolves `1.10` to 1.1 and `017` to 17; the exact reader keeps the text. A file
# whose values the fast reader changed is read the exact way, so both give the same.

ONE_EVENT = """
    schema: 1
    sources:
      src: {{outlet: Agency, published: 2016-02-09}}
    events:
      - id: {id}
        date: {date}
        date_basis: stated
        kind: report
        title: {title}
        location: {location}
        sources:
          - {{source: src, quote: {quote}}}
"""


def one_event(write, id="ev", date='"2016-02-09"', title="A title", location="Here", quote="words"):
    return write("events.yaml", ONE_EVENT.format(id=id, date=date, title=title, location=location, quote=quote))


@pytest.mark.parametrize("title", ["1.10", "017", "1e3", "true", "0x10", "1_000", ".inf", "2016-02-09"])
def test_a_number_like_title_loads_as_written(write, title):
    event = load(one_event(write, title=title)).events[0]
    assert event.title == title


def test_a_number_like_id_and_quote_load_as_written(write):
    event = load(one_event(write, id="017", quote="2.50")).events[0]
    assert (event.id, event.sources[0].quote) == ("017", "2.50")


def test_a_number_like_location_loads_as_written(write):
    assert load(one_event(write, location="1e3")).events[0].location == "1e3"


@pytest.mark.parametrize("date", ["2016-2-9", "2016-02-09", "2016", "02016", "0x7E0"])
def test_an_unquoted_date_gives_what_the_exact_reader_gives(write, date):
    assert_loads_as_exact(one_event(write, date=date))


def assert_loads_as_exact(path):
    """load(), the fast reader first, gives what the exact reader gives."""
    try:
        exact_timeline, exact_problems = load_with_problems(path, exact=True)
    except LoadError as error:  # not YAML to the exact reader
        with pytest.raises(LoadError) as fast:
            load(path)
        assert fast.value.problems == error.problems
        return
    try:
        timeline = load(path)
    except LoadError as error:
        assert error.problems == exact_problems
    else:
        assert timeline.warnings == exact_problems
        assert without_lines(timeline) == without_lines(exact_timeline)


def without_lines(timeline):
    """The events' records without the lines they stand on: the fast reader knows none."""
    return [r[:9] + (tuple(c[:2] + c[3:] for c in r[9]), tuple(x[:2] for x in r[10])) + r[11:13]
            for r in (e.to_record() for e in timeline.events)]


def test_a_number_like_tag_and_alias_load_as_written(write):
    text = GOOD.replace("aliases: [Kadyrov, the Chechen leader]", "aliases: [Kadyrov, the Chechen leader, 1.10]")
    text = text.replace("    status: reported\n", "    status: reported\n    tags: [attack, 2018, 1.50]\n")
    timeline = load(write("events.yaml", text))
    assert timeline.events[0].tags == ["attack", "2018", "1.50"]
    assert timeline.actors["kadyrov"].aliases[-1] == "1.10"


def test_number_like_registry_keys_load_as_written(write):
    text = ONE_EVENT.format(id="ev", date="2016", title="T", location="L", quote="q")
    text = text.replace("  src:", "  017:").replace("source: src", "source: '017'")
    text = text.replace("kind: report", "kind: '1.10'").replace("    events:", "    kinds:\n      1.10: 2.50\n    events:")
    timeline = load(write("events.yaml", text))
    assert list(timeline.sources) == ["017"]
    assert timeline.events[0].kind == "1.10" and timeline.kinds["1.10"] == "2.50"


def test_a_number_like_kind_description_loads_as_written(write):
    text = GOOD.replace("kind: attack", "kind: protest").replace("events:", "kinds:\n  protest: 2.50\nevents:")
    assert load(write("events.yaml", text)).kinds["protest"] == "2.50"


def test_a_figure_value_reads_as_written(write):
    text = GOOD.replace("    status: reported\n", "    status: reported\n    figures:\n"
                        "      - {quantity: killed, value: 0x10}\n")
    path = write("events.yaml", text)
    with pytest.raises(LoadError, match="'value' should be a number like 405 or 2200, not '0x10'"):
        load(path)


@pytest.mark.parametrize("schema", ["1", "01", "+1", "1.0", "true", "'1'"])
def test_the_schema_reads_as_written(write, schema):
    path = write("events.yaml", GOOD.replace("title: Test file", f"title: Test file\nschema: {schema}"))
    if schema in ("1", "'1'"):
        assert load(path).title == "Test file"
    else:
        with pytest.raises(LoadError, match=re.escape(f"schema {schema} is not known")):
            load(path)


# --- odd values are reported, never a crash ------------------------------------------

@pytest.mark.parametrize("old, new", [("kind: attack", "kind: [attack]"), ("status: reported", "status: [reported]"),
                                      ("type: responds-to", "type: [responds-to]")])
@pytest.mark.parametrize("exact", [False, True])
def test_a_list_where_a_word_belongs_is_an_error(write, old, new, exact):
    _, problems = load_with_problems(write("events.yaml", GOOD.replace(old, new)), exact=exact)
    assert [p.message for p in problems] == [f"'{old.split(':')[0]}' should be text, not a list"]


def test_a_list_in_an_inline_source_is_no_crash(write):
    citation = '{"source": "S", "quote": "q", "headline": [1]}'
    line = '{"id": "a", "date": "2015", "kind": "other", "title": "T", "sources": [%s, %s]}' % (citation, citation)
    _, problems = load_with_problems(write("events.jsonl", line + "\n"))
    assert [p.message for p in problems] == ["'headline' should be text, not a list"]


# --- where the two YAML readers part ways on the grammar, the exact one reads ---------

@pytest.mark.parametrize("old, new", [
    ("title: Attacks on police", "title: Attacks\u2028on police"),  # a line break to YAML 1.1
    ("title: Attacks on police", "title: Attacks\x85on police"),
    ("      - {source: tmt", "      -\t{source: tmt"),  # a tab after a dash
    ("title: Attacks on police", "title: &a* Attacks on police"),  # an anchor PyYAML does not allow
    ("title: Attacks on police", "title: !# Attacks on police"),
    ("aliases: [Kadyrov,", "aliases: [?Kadyrov,"),  # PyYAML: a key
    ('quote: "a series of deadly attacks"', "quote: >a series"),  # PyYAML: no block scalar in { }
    ("event: attacks}\n", "event: attacks}\n    summary: |\n"),  # a block scalar ends the file
])
def test_where_the_yaml_readers_part_ways_the_exact_one_reads(write, old, new):
    assert old in GOOD
    assert_loads_as_exact(write("events.yaml", GOOD.replace(old, new)))


# --- which road a file takes ------------------------------------------------------------

def stages(path, exact=False):
    """The stages load() or load_with_problems(exact=True) tells, in order, once each."""
    told = []

    def progress(stage, fraction=None):
        if not told or told[-1] != stage:
            told.append(stage)

    if exact:
        load_with_problems(path, progress=progress)
    else:
        load(path, progress=progress)
    return told


FAST = ["reading", "checking", "sorting"]
EXACT = ["reading", "checking", "sorting", "reading (exact)", "checking", "sorting"]


def test_a_clean_yaml_file_takes_the_fast_road(write):
    path = write("events.yaml", GOOD)
    assert stages(path) == FAST
    timeline, problems = load_with_problems(path, exact=False)
    assert (timeline.path, problems, timeline.warnings) == (str(path), [], [])


def test_the_exact_reading_is_asked_for(write):
    path = write("events.yaml", GOOD)
    assert stages(path, exact=True) == ["reading", "reading (exact)", "checking", "sorting"]
    timeline, problems = load_with_problems(path)
    assert (timeline.path, problems) == (str(path), [])


def test_a_yaml_file_with_a_warning_is_read_again_the_exact_way(write):
    path = write("events.yaml", GOOD.replace("    date_basis: \"'on Wednesday'\"\n", ""))
    assert stages(path) == EXACT
    timeline = load(path)
    assert [str(w) for w in timeline.warnings] == [
        f"{path}:21:5: warning: event 'post' has no date_basis; say how the date was worked out"]
    assert timeline.path == str(path)


def test_a_file_whose_top_is_not_a_mapping_to_the_fast_reader_is_read_the_exact_way(write):
    with pytest.raises(LoadError) as error:
        load(write("events.yaml", "[a]\n"))
    assert [str(p) for p in error.value.problems] == [
        f"{error.value.problems[0].path}:1:1: expected a mapping at the top with 'title', 'sources', 'actors' and "
        "'events'"]


@pytest.mark.parametrize("line", ["schema: 1", "schema:   1", "schema: 1  # the first", "schema: '1'"])
def test_schema_one_stays_on_the_fast_road(write, line):
    path = write("events.yaml", GOOD.replace("title: Test file\n", f"title: Test file\n{line}\n"))
    assert stages(path) == FAST


def test_schema_one_first_in_the_file_stays_on_the_fast_road(write):
    assert stages(write("events.yaml", "schema: 1\n" + GOOD)) == FAST


def test_schema_one_in_a_file_with_windows_line_ends_stays_on_the_fast_road(write):
    path = write("events.yaml", b"")
    path.write_bytes(("schema: 1\n" + GOOD).replace("\n", "\r\n").encode())
    assert stages(path) == FAST
    assert load(path).title == "Test file"


def test_a_schema_written_otherwise_is_read_the_exact_way(write):
    path = write("events.yaml", GOOD.replace("title: Test file\n", "title: Test file\nschema: 01\n"))
    with pytest.raises(LoadError) as error:
        load(path)
    assert [str(p) for p in error.value.problems] == [f"{path}:2:9: schema 01 is not known; this version reads schema 1"]


def test_a_nested_schema_line_does_not_stand_for_the_top_one(write):
    # the first "schema:" at the start of a line is the top-level one, not one in a summary
    text = GOOD.replace("title: Test file\n", "title: Test file\nschema: 01\n").replace(
        "    status: reported\n", "    status: reported\n    summary: >\n      x\n")
    with pytest.raises(LoadError, match="schema 01 is not known"):
        load(write("events.yaml", text))


FIGURE = GOOD.replace("    status: reported\n", "    status: reported\n    figures: [{quantity: killed, value: 16}]\n")


def test_a_figure_value_stays_on_the_fast_road(write):
    path = write("events.yaml", FIGURE)
    assert stages(path) == FAST
    assert load(path).events[0].figures[0].value == 16


@pytest.mark.parametrize("spelling", ["0x", "0X", "0o", "0O", "0b", "0B", ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"])
def test_a_number_spelled_as_the_exact_reading_refuses_sends_figures_the_exact_way(write, spelling):
    path = write("events.yaml", FIGURE.replace("title: Test file", f"title: Test file {spelling}"))
    assert stages(path) == ["reading", "checking", "reading (exact)", "checking", "sorting"]
    assert load(path).events[0].figures[0].value == 16


def test_a_number_like_title_takes_the_exact_road(write):
    path = write("events.yaml", GOOD.replace("title: Test file", "title: 1.10"))
    assert stages(path) == ["reading", "reading (exact)", "checking", "sorting"]
    assert load(path).title == "1.10"


def test_load_raises_every_error_and_keeps_warnings_apart(write):
    path = write("events.yaml", GOOD.replace("kind: attack", "kind: atack").replace("    date_basis: \"'on Wednesday'\"\n", ""))
    with pytest.raises(LoadError) as error:
        load(path)
    assert [str(p) for p in error.value.problems] == [
        f"{path}:15:11: unknown kind 'atack' (did you mean 'attack'?); expected one of: airstrike, attack, statement, "
        "claim, denial, report, media, deployment, political, other",
        f"{path}:21:5: warning: event 'post' has no date_basis; say how the date was worked out"]


def test_load_with_problems_gives_the_good_events_of_a_file_with_errors(write):
    path = write("events.yaml", GOOD.replace("kind: attack", "kind: atack"))
    timeline, problems = load_with_problems(path)
    assert [e.id for e in timeline.events] == ["post"]
    assert [p.severity for p in problems] == ["error"]
    assert timeline.warnings == []


@pytest.mark.parametrize("name", ["events.jsonl", "events.ndjson", "EVENTS.JSONL"])
def test_json_lines_by_their_suffix(write, name):
    path = write(name, JSONL)
    timeline = load(path)
    assert [e.id for e in timeline.events] == ["b", "a"]
    assert timeline.path == str(path)
    assert [str(w) for w in timeline.warnings] == [
        f"{path}:4:1: warning: actor 'Russia' is not registered under 'actors'; it stands for an actor of that name"]


def test_json_lines_progress_counts_the_lines(write):
    told = []
    path = write("events.jsonl", "".join(
        '{"id": "e%d", "date": "2016", "kind": "other", "title": "T", "sources": [{"source": "S", "quote": "q"}]}\n' % i
        for i in range(3)))
    load(path, progress=lambda stage, fraction=None: told.append((stage, fraction)))
    # three lines and the empty one after the last line end
    assert told == [("reading", None), ("checking", 0.0), ("checking", 0.25), ("checking", 0.5), ("sorting", None)]


def test_json_lines_warnings_ride_on_the_result(write):
    path = write("events.jsonl", JSONL.replace('"actors": ["Russia"]', '"actors": ["Peskow"]'))
    timeline = load(path)
    assert [str(w) for w in timeline.warnings] == [
        f"{path}:4:1: warning: actor 'Peskow' is not registered under 'actors'; it stands for an actor of that name "
        "(did you mean 'Peskov'?)"]


def test_json_lines_report_every_bad_line_with_the_problems_of_the_others_in_file_order(write):
    lines = [
        '{"id": "a", "date": "2016", "kind": "other", "title": "A", "sources": [{"source": "S", "quote": "q"}]',
        '{"id": "b", "date": "2016", "kind": "othr", "title": "B", "sources": [{"source": "S", "quote": "q"}]}',
        "",
        "{'id': 'c'}",
        '{"id": "d", "date": "2016", "kind": "other", "title": "D", "sources": [{"source": "S", "quote": "q"}]}',
    ]
    path = write("events.jsonl", "\n".join(lines) + "\n")
    timeline, problems = load_with_problems(path)
    assert [e.id for e in timeline.events] == ["d"]  # the events that could be read
    assert [(p.pos.line, p.pos.column, p.message.split(";")[0]) for p in problems] == [
        (1, 102, "this line is not valid JSON: Expecting ',' delimiter"),  # where the '}' is missing
        (2, 1, "unknown kind 'othr' (did you mean 'other'?)"),
        (4, 2, "this line is not valid JSON: Expecting property name enclosed in double quotes"),
    ]
    with pytest.raises(LoadError) as error:
        load(path)
    assert error.value.problems == problems


def test_a_link_to_an_event_on_a_line_that_is_not_json_is_not_called_unknown(write):
    lines = [
        '{"id": "claim", "date": "2016", "kind": "claim", "title": "C", "sources": [{"source": "S", "quote": "q"}],}',
        '{"id": "denial", "date": "2016", "kind": "denial", "title": "D", "sources": [{"source": "S", "quote": "q"}], '
        '"related": [{"type": "denies", "event": "claim"}, {"type": "denies", "event": "nowhere"}]}',
    ]
    _, problems = load_with_problems(write("events.jsonl", "\n".join(lines)))
    assert [(p.pos.line, p.message.split(";")[0].split(" (")[0]) for p in problems] == [
        (1, "this line is not valid JSON: Expecting property name enclosed in double quotes"),
        (2, "event 'denial' relates to unknown event 'nowhere'"),  # but not to 'claim', which is there, broken
    ]


def test_a_json_lines_header_after_a_blank_line_is_named_at_its_own_line(write):
    path = write("events.jsonl", b'\n{"title": "T", "bogus": 1}\n'
                 b'{"id": "a", "date": "2016", "kind": "other", "title": "A", "sources": [{"source": "S", "quote": "q"}]}\n')
    _, problems = load_with_problems(path)
    assert [(p.pos.line, p.message.split(";")[0]) for p in problems] == [(2, "unknown key 'bogus' in the header line")]


# --- where the events are ---------------------------------------------------------------

def test_the_bundled_events_are_inside_the_package():
    from timeline.loader import bundled_events_path

    path = bundled_events_path()
    assert (path.name, path.parent.name, path.parent.parent.name) == ("events.yaml", "data", "timeline")
    assert path.is_file()


def test_the_default_events_are_those_of_the_current_folder(tmp_path, monkeypatch):
    from timeline.loader import bundled_events_path, default_events_path

    monkeypatch.chdir(tmp_path)
    assert default_events_path() == bundled_events_path()
    (tmp_path / "events.yaml").mkdir()
    assert default_events_path() == bundled_events_path()  # a folder is no events file
    (tmp_path / "events.yaml").rmdir()
    (tmp_path / "events.yaml").write_text("events: []\n", encoding="utf-8")
    assert str(default_events_path()) == "events.yaml"
