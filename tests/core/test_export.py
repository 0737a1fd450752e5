"""Export (JSON Lines, TimelineJS, CSV, Markdown) and ACLED-style CSV import."""

import csv
import html
import io
import json
import os
from pathlib import Path

import pytest
from conftest import ACLED_SAMPLE, EVENTS

from timeline.acled import read_acled
from timeline.dates import parse_date
from timeline.export import (EXPORT_FORMATS, dangling_links, export_text, terminal_width, to_csv, to_json, to_jsonl,
                             to_markdown, to_table, to_timelinejs)
from timeline.html_report import to_html
from timeline.loader import load
from timeline.model import Citation, Event, Source, Timeline


def comparable(timeline):
    """Every event's content, without the line numbers that differ between files."""
    return [(r[:9] + (tuple(c[:2] + c[3:] for c in r[9]), tuple(x[:2] for x in r[10])) + r[11:13])
            for r in (timeline.record(i) for i in range(len(timeline.records)))]


def test_jsonl_export_reads_back_the_same(tmp_path):
    timeline = load(EVENTS)
    path = tmp_path / "out.jsonl"
    path.write_text(to_jsonl(timeline, list(timeline.events)), encoding="utf-8")
    again = load(path)
    assert comparable(again) == comparable(timeline)
    assert again.title == timeline.title
    assert again.sources.keys() == timeline.sources.keys()
    assert {a.id: a.aliases for a in again.actors.values()} == {a.id: a.aliases for a in timeline.actors.values()}


def test_timelinejs_has_the_documented_structure():
    timeline = load(EVENTS)
    document = json.loads(to_timelinejs(timeline, list(timeline.events)))
    assert isinstance(document["title"]["text"]["headline"], str)
    assert len(document["events"]) == len(timeline.events)
    for slide, event in zip(document["events"], timeline.events):
        start = slide["start_date"]
        assert set(start) <= {"year", "month", "day"} and isinstance(start["year"], int)
        assert 1 <= start.get("month", 1) <= 12 and 1 <= start.get("day", 1) <= 31
        assert slide["text"]["headline"] == html.escape(event.title, quote=False)
        assert slide["display_date"] == event.date.display()
        assert slide["group"] == event.kind
        if "end_date" in slide:
            end = slide["end_date"]
            assert (end["year"], end.get("month", 1), end.get("day", 1)) >= \
                (start["year"], start.get("month", 1), start.get("day", 1))
    uncertain = next(s for s in document["events"] if s["unique_id"] == "nemtsov-murdered")
    assert uncertain["display_date"] == "before Mar 2015"  # the uncertainty travels in display_date


def test_timelinejs_groups_by_actor():
    timeline = load(EVENTS)
    document = json.loads(to_timelinejs(timeline, list(timeline.events), group_by="actor"))
    first = document["events"][0]
    assert first["group"] == timeline.actor_name(timeline.events[0].actor_ids[0])


def test_csv_has_one_row_an_event_and_acled_names_where_they_mean_what_acled_means():
    timeline = load(EVENTS)
    rows = list(csv.DictReader(io.StringIO(to_csv(timeline, list(timeline.events)))))
    assert len(rows) == len(timeline.events)
    # ACLED's event types are not our kinds, nor its actor1/actor2 (two sides) our first two actors
    assert not {"event_type", "sub_event_type", "actor1", "actor2", "assoc_actor", "event_id_cnty"} & set(rows[0])
    strike = next(r for r in rows if r["id"] == "russia-begins-syria-airstrikes")
    assert (strike["event_date"], strike["time_precision"], strike["kind"]) == ("2015-09-30", "1", "airstrike")
    event = timeline.event("russia-begins-syria-airstrikes")
    assert (strike["notes"], strike["source"]) == (event.summary, "Breitbart News")  # ACLED's description, outlets
    interval = next(r for r in rows if r["id"] == "peskov-refuses-to-confirm-kadyrov-claim")
    assert interval["time_precision"] == "2" and interval["date_edtf"] == "2016-02-08/2016-02-09"


def test_markdown_cites_each_article_once_with_every_quote_under_it():
    timeline = load(EVENTS)
    text = to_markdown(timeline, list(timeline.events))
    cited = {c.source for e in timeline.events for c in e.sources}
    assert text.count('<a id="source-') == len(cited)
    assert f'<a id="source-{len(cited)}"></a>' in text and f"source-{len(cited) + 1}" not in text
    sources = text[text.index("\n## Sources\n"):]
    assert sources.count("\n  > ") == sum(len(e.sources) for e in timeline.events)  # every quote, once
    assert "## 2015" in text
    assert ('- <a id="event-russia-begins-syria-airstrikes"></a>**30 Sep 2015** — Russia begins air strikes in Syria. '
            "Russia launched air strikes in Syria against alleged enemies of President Bashar al-Assad, its ally. "
            "[[4]](#source-4)\n") in text


def test_acled_rows_become_events_and_bad_rows_are_named_by_line():
    result = read_acled(ACLED_SAMPLE.read_text(encoding="utf-8"), "acled_sample.csv")
    events = {e["id"]: e for e in result.events}
    assert list(events) == ["SYR100", "SYR101", "SYR104", "SYR109"]
    strike = events["SYR100"]
    assert (strike["date"], strike["kind"]) == ("2016-02-09", "airstrike")
    assert strike["actors"] == [{"actor": "Military Forces of Russia (2000-)", "role": "actor1"},
                                {"actor": "Islamic State", "role": "actor2"}]
    assert [s["source"] for s in strike["sources"]] == ["sana-2016-02-09", "reuters-2016-02-09"]
    assert result.sources["sana-2016-02-09"]["published"] == "2016-02-09/.."  # on or after the event
    assert strike["figures"][0]["value"] == 12
    clash = events["SYR101"]
    assert clash["date"] == "2016-02-10~"  # precision 2: approximate
    assert "\n" in clash["summary"] and '"heavy"' in clash["summary"]  # quoted newline and quotes kept
    assert events["SYR104"]["date"] == "2016-02?"  # precision 3: the month
    expected = [(5, "event_date '2016-02-30' is not a date"), (6, "time_precision should be 1, 2 or 3, not '5'"),
                (8, "event_date is empty"), (9, "fatalities should be a whole number from 0 to 1,000,000,000,000,000, not 'three'"),
                (10, "18 cells where the header has 17 columns"),
                (11, "event_date '2016-02-31' is not a date"),  # and more on that row: see test_acled_import.py
                (11, "fatalities should be a whole number from 0 to 1,000,000,000,000,000, not 'many'")]
    assert len(result.problems) == len(expected)
    for problem, (line, start) in zip(result.problems, expected):
        assert problem.pos.line == line
        assert problem.message.startswith(f"row cannot be read: {start}")
    assert len(result.events) + result.bad_rows == 10  # every row accounted for


# --- every column and field against files written by hand --------------------------------
#
# tests/core/data/export/events.yaml holds a few events that between them have each kind of
# date the exports treat apart (a year, an open start, an approximate and an uncertain day,
# intervals of 0, 1, 7 and 8 days, of months, an open end), actors with roles (one named
# twice), each status, relations, figures, tags, and citations from two outlets. Beside it,
# the outputs expected of it, written by hand from README "File format", the docstrings of
# timeline/export.py, TimelineJS's JSON format and ACLED's columns.

DATA = Path(__file__).resolve().parent / "data" / "export"


@pytest.fixture
def sample():
    return load(DATA / "events.yaml")


def expected_lines(name):
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def test_csv_matches_the_hand_written_file_cell_by_cell(sample):
    got = list(csv.reader(io.StringIO(to_csv(sample, list(sample.events)))))
    expected = list(csv.reader(io.StringIO((DATA / "expected.csv").read_text(encoding="utf-8"))))
    assert got[0] == expected[0]
    assert len(got) == len(expected)
    for got_row, expected_row in zip(got[1:], expected[1:]):
        assert len(got_row) == len(expected_row) == 19
        for column, got_cell, expected_cell in zip(expected[0], got_row, expected_row):
            assert (got_row[0], column, got_cell) == (expected_row[0], column, expected_cell)


def test_csv_names_each_actor_by_id_with_its_role_and_what_the_registry_says(sample):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(to_csv(sample, list(sample.events))))}
    actors = json.loads(rows["strikes"]["actors"])
    assert [(a["actor"], a.get("role")) for a in actors] == \
        [("alpha", "attacker"), ("beta", "target"), ("gamma", None), ("Delta Militia", None)]
    assert actors[0]["aliases"] == ["Alpha", "the A-team"] and "name" not in actors[3]  # Delta is not registered
    quotes = json.loads(rows["strikes"]["quotes"])
    assert [(q["source"], q["outlet"]) for q in quotes] == [("wire-0209", "Wire Agency"), ("paper-week", "Post & Courier")]
    assert rows["since-july"]["related"] == rows["since-july"]["actors"] == ""  # no list, no JSON


def test_time_precision_follows_acleds_scale(sample):
    """1: the day is known; 2: within about a week; 3: a month or more, or open."""
    rows = {r["id"]: r["time_precision"]
            for r in csv.DictReader(io.StringIO(to_csv(sample, list(sample.events))))}
    assert rows == {
        "year-report": "3", "claim-before-march": "3", "approx-statement": "2", "uncertain-statement": "2",
        "week-deployment": "2",  # 7 days between the ends: still about a week
        "strikes": "2", "denial-day": "1",
        "nine-days": "3",  # 8 days: more than a week
        "one-day-interval": "1", "spring-months": "3", "since-july": "3",
    }


def test_timelinejs_matches_the_hand_written_file(sample):
    got = json.loads(to_timelinejs(sample, list(sample.events)))
    expected = json.loads((DATA / "expected.timelinejs.json").read_text(encoding="utf-8"))
    assert got["title"] == expected["title"]
    assert [s["unique_id"] for s in got["events"]] == [s["unique_id"] for s in expected["events"]]
    for got_slide, expected_slide in zip(got["events"], expected["events"]):
        assert got_slide == expected_slide


def test_timelinejs_end_date_only_when_an_interval_has_two_different_ends(sample):
    slides = {s["unique_id"]: s for s in json.loads(to_timelinejs(sample, list(sample.events)))["events"]}
    with_end = {i for i, s in slides.items() if "end_date" in s}
    assert with_end == {"week-deployment", "strikes", "nine-days", "spring-months"}
    # no end: single dates, an open start or end, an interval whose two ends are one day
    assert slides["one-day-interval"]["start_date"] == {"year": 2016, "month": 4, "day": 1}
    assert slides["claim-before-march"]["start_date"] == {"year": 2015, "month": 3, "day": 15}  # its known end


def test_timelinejs_groups_by_first_actor(sample):
    document = json.loads(to_timelinejs(sample, list(sample.events), group_by="actor"))
    assert [s["group"] for s in document["events"]] == [
        "other", "Gamma Person", "Alpha Force", "Beta Ministry", "other", "Alpha Force", "Alpha Force",
        "other", "other", "other", "other"]


def test_timelinejs_names_a_source_missing_from_the_timeline_by_its_id():
    event = Event("lone", parse_date("2016-02-09"), "other", "Lone", summary="A & B",
                  sources=[Citation("unlisted-source", "said <this>")])
    timeline = Timeline([event.to_record()], sources={}, title="Few")
    slide = json.loads(to_timelinejs(timeline, list(timeline.events)))["events"][0]
    assert slide["text"]["text"] == \
        "<p>A &amp; B</p><blockquote>said &lt;this&gt;</blockquote><p>— unlisted-source</p>"
    assert json.loads(to_timelinejs(timeline, []))["title"] == {"text": {"headline": "Few", "text": "0 events"}}


def test_markdown_matches_the_hand_written_file(sample):
    assert to_markdown(sample, list(sample.events)).splitlines() == expected_lines("expected.md")
    assert to_markdown(sample, list(sample.events)).endswith("  > since July\n")


def test_markdown_says_which_events_a_filtered_export_holds(sample):
    events = [sample.event("strikes"), sample.event("denial-day")]
    text = export_text("markdown", sample, events, filters=["kind: airstrike, denial", "status: disputed"])
    assert text.splitlines()[:4] == [
        "# Export sample & test — 2014–2016", "", "*2 of 11 events: kind: airstrike, denial; status: disputed*", ""]
    assert text.splitlines()[-11:] == [
        '<a id="source-1"></a>**[1]** Wire Agency, *Strikes hit the "old town"*, 9 Feb 2016, '
        "<https://example.org/story?id=1&lang=en>",
        "",
        "- [Strikes on the old town](#event-strikes) (8–9 Feb 2016):",
        '  > The jets came twice, then "left" at dawn.',
        "",
        '<a id="source-2"></a>**[2]** Post & Courier, 8–14 Feb 2016',
        "",
        "- [Strikes on the old town](#event-strikes) (8–9 Feb 2016):",
        "  > Strikes, they say.",
        "- [Alpha denies the strikes](#event-denial-day) (10 Feb 2016):",
        "  > We did nothing."]
    assert "events:" not in to_markdown(sample, events)  # no filters, no such line


def test_markdown_names_an_event_outside_the_export_without_a_link(sample):
    """A filtered export keeps each link: one to an event left out names it, title and date."""
    text = to_markdown(sample, [sample.event("strikes")])
    assert "  - Denied by: Alpha denies the strikes (10 Feb 2016; not in this export)\n" in text
    assert "  - Follows: Troops move in (1–8 Feb 2016; not in this export)\n" in text
    assert "#event-denial-day" not in text and "#event-week-deployment" not in text


def test_markdown_of_a_source_missing_from_the_timeline():
    event = Event("lone", parse_date("2016-02-09"), "other", "Lone", sources=[Citation("unlisted", "said so")])
    timeline = Timeline([event.to_record()], sources={}, title="Few")
    assert to_markdown(timeline, list(timeline.events)).splitlines() == [
        "# Few", "", "Each event cites its articles by number; the articles, each with the quotes taken from it, "
        "are listed at the end, under Sources.", "", "## 2016", "",
        '- <a id="event-lone"></a>**9 Feb 2016** — Lone. [[1]](#source-1)', "", "## Sources", "",
        '<a id="source-1"></a>**[1]** unlisted', "", "- [Lone](#event-lone) (9 Feb 2016):", "  > said so"]


def test_jsonl_matches_the_hand_written_file(sample):
    got = [json.loads(line) for line in to_jsonl(sample, list(sample.events)).splitlines()]
    expected = [json.loads(line) for line in expected_lines("expected.jsonl")]
    assert got[0] == expected[0]  # the header: title, the extra kinds, sources, registered actors
    assert len(got) == len(expected)
    for got_event, expected_event in zip(got[1:], expected[1:]):
        assert got_event == expected_event


def test_jsonl_of_the_sample_reads_back_to_the_same_events(sample, tmp_path):
    path = tmp_path / "sample.jsonl"
    path.write_text(to_jsonl(sample, list(sample.events)), encoding="utf-8")
    again = load(path)
    assert [e.id for e in again.events] == [e.id for e in sample.events]
    assert comparable(again) == comparable(sample)
    assert again.title == "Export sample & test — 2014–2016"
    assert again.kinds == sample.kinds
    assert again.sources == sample.sources
    assert {i: a for i, a in again.actors.items() if a.registered} == \
        {i: a for i, a in sample.actors.items() if a.registered}


def test_a_filtered_jsonl_export_drops_links_to_events_left_out(sample, tmp_path):
    events = [sample.event("strikes"), sample.event("denial-day")]
    assert dangling_links(events) == 1  # strikes follows week-deployment, which is left out
    lines = [json.loads(line) for line in export_text("jsonl", sample, events).splitlines()]
    assert [e["id"] for e in lines[1:]] == ["strikes", "denial-day"]
    assert "related" not in lines[1]
    assert lines[2]["related"] == [{"type": "denies", "event": "strikes"}]
    path = tmp_path / "part.jsonl"
    path.write_text(export_text("jsonl", sample, events), encoding="utf-8")
    again = load(path)
    assert [r.event for e in again.events for r in e.related] == ["strikes"]
    assert dangling_links(list(sample.events)) == 0


def test_list_json_is_the_events_as_in_the_file(sample):
    got = json.loads(to_json(sample, list(sample.events)))
    assert got == [json.loads(line) for line in expected_lines("expected.jsonl")[1:]]
    # a listing shows each event whole: its links stay, even to events not listed
    assert json.loads(to_json(sample, [sample.event("strikes")]))[0]["related"] == \
        [{"type": "follows", "event": "week-deployment"}]
    assert to_json(sample, []) == "[]\n"


def test_export_text_runs_the_named_format(sample):
    events = list(sample.events)
    assert export_text("csv", sample, events) == to_csv(sample, events)
    assert export_text("jsonl", sample, events) == to_jsonl(sample, events)
    assert export_text("timelinejs", sample, events) == to_timelinejs(sample, events)
    assert export_text("timelinejs", sample, events, group_by="actor") == \
        to_timelinejs(sample, events, group_by="actor")
    assert export_text("markdown", sample, events) == to_markdown(sample, events)
    assert export_text("html", sample, events, ["kind: claim"]) == to_html(sample, events, ["kind: claim"])
    assert set(EXPORT_FORMATS) == {"markdown", "timelinejs", "csv", "jsonl", "html"}
    with pytest.raises(ValueError) as raised:
        export_text("pdf", sample, events)
    assert str(raised.value) == "unknown export format 'pdf'; expected one of: markdown, timelinejs, csv, jsonl, html"


# The event's id comes first, as wide as the longest ("uncertain-statement", 19); the DATE
# column is as wide as its longest value ("before 15 Mar 2015", 18), KIND as "deployment"
# (10); two spaces after each.
TABLE = [
    "ID                   DATE                KIND        TITLE  ·  ACTORS",
    "year-report          2014                report      A report on the year  ·  ",
    "claim-before-march   before 15 Mar 2015  claim       Gamma claims a plot  ·  Gamma Person",
    "approx-statement     2 Oct 2015~         statement   Alpha speaks  ·  Alpha Force",
    "uncertain-statement  5 Oct 2015?         statement   Beta answers  ·  Beta Ministry",
    "week-deployment      1–8 Feb 2016        deployment  Troops move in  ·  ",
    "strikes              8–9 Feb 2016        airstrike   Strikes on the old town  ·  Alpha Force, Beta Ministry, "
    "Gamma Person, Delta Militia",
    "denial-day           10 Feb 2016         denial      Alpha denies the strikes  ·  Alpha Force, Beta Ministry",
    "nine-days            1–9 Mar 2016        hearing     A hearing over nine days  ·  ",
    "one-day-interval     1 Apr 2016          political   A one-day session  ·  ",
    "spring-months        May–Jun 2016        media       A series airs  ·  ",
    "since-july           since 4 Jul 2016    other       An open-ended campaign  ·  ",
]


def test_table_has_aligned_columns_and_is_cut_only_at_a_width(sample):
    assert to_table(sample, list(sample.events)) == "\n".join(TABLE) + "\n"
    assert to_table(sample, list(sample.events), width=None) == to_table(sample, list(sample.events), width=0)


def test_table_lines_longer_than_the_width_end_in_an_ellipsis(sample):
    # at 78 columns: the year report's line is exactly 78 and stays whole; the ids stay whole
    assert to_table(sample, list(sample.events), width=78).splitlines() == [
        "ID                   DATE                KIND        TITLE  ·  ACTORS",
        "year-report          2014                report      A report on the year  ·  ",
        "claim-before-march   before 15 Mar 2015  claim       Gamma claims a plot  ·  …",
        "approx-statement     2 Oct 2015~         statement   Alpha speaks  ·  Alpha F…",
        "uncertain-statement  5 Oct 2015?         statement   Beta answers  ·  Beta Mi…",
        "week-deployment      1–8 Feb 2016        deployment  Troops move in  ·  ",
        "strikes              8–9 Feb 2016        airstrike   Strikes on the old town …",
        "denial-day           10 Feb 2016         denial      Alpha denies the strikes…",
        "nine-days            1–9 Mar 2016        hearing     A hearing over nine days…",
        "one-day-interval     1 Apr 2016          political   A one-day session  ·  ",
        "spring-months        May–Jun 2016        media       A series airs  ·  ",
        "since-july           since 4 Jul 2016    other       An open-ended campaign  …",
    ]


def test_table_of_no_events_is_the_header():
    timeline = Timeline([], title="Empty")
    assert to_table(timeline, []) == "ID  DATE  KIND  TITLE  ·  ACTORS\n"


def test_terminal_width_without_a_terminal_is_100(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)

    def no_terminal(*args):
        raise OSError(25, "Inappropriate ioctl for device")

    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    assert terminal_width() == 100
    monkeypatch.setenv("COLUMNS", "64")
    assert terminal_width() == 64


def test_text_is_written_as_is_not_as_escapes(sample):
    """The user's words (an em dash in the title, an apostrophe in a place name) reach
    the file as they are, readable and greppable, not as \\u escapes."""
    events = list(sample.events)
    jsonl = to_jsonl(sample, events).splitlines()
    assert '"title": "Export sample & test — 2014–2016"' in jsonl[0]
    assert '"location": "Saraqib’s old town, Idlib"' in jsonl[6]
    assert '"location": "Saraqib’s old town, Idlib"' in to_json(sample, events)
    timelinejs = to_timelinejs(sample, events)
    # TimelineJS reads its texts as HTML: the '&' is escaped, the dashes are as written
    assert '"headline": "Export sample &amp; test — 2014–2016"' in timelinejs and "<p>— Post &amp; Courier</p>" in timelinejs
    assert not any("\\u" in text for text in (*jsonl, to_json(sample, events), timelinejs))


def test_csv_lines_end_in_a_newline_alone(sample):
    text = to_csv(sample, list(sample.events))
    assert text.startswith("id,event_date,time_precision,date_edtf,")
    assert text.split("\n")[0].endswith(",quotes,figures,related,tags")
    assert "\r" not in text
    assert text.endswith('""note"": ""Dated by the wire.""}]",,,\n')


def test_jsonl_of_sources_given_in_place_without_a_date_reads_back(write):
    """JSON Lines may describe its sources in place, and leave out their dates; a header's
    sources must have one, so such sources are written in place again, and read back."""
    path = write("inline.jsonl", """\
        {"id": "e1", "date": "2016-02-09", "kind": "other", "title": "T", "sources": [{"source": "Reuters", "quote": "q", "url": "https://r.example/1"}]}
        {"id": "e2", "date": "2016-02-10", "kind": "other", "title": "U", "sources": [{"source": "AP", "quote": "r", "published": "2016-02-10"}]}
        """)
    timeline = load(path)
    lines = [json.loads(line) for line in to_jsonl(timeline, list(timeline.events)).splitlines()]
    assert lines == [
        {"title": "Timeline", "actors": {}},
        {"id": "e1", "date": "2016-02-09", "kind": "other", "title": "T", "status": "reported",
         "sources": [{"source": "Reuters", "quote": "q", "outlet": "Reuters", "url": "https://r.example/1"}]},
        {"id": "e2", "date": "2016-02-10", "kind": "other", "title": "U", "status": "reported",
         "sources": [{"source": "AP", "quote": "r", "outlet": "AP", "published": "2016-02-10"}]},
    ]
    again = load(write("again.jsonl", to_jsonl(timeline, list(timeline.events))))
    assert again.sources == timeline.sources
    assert comparable(again) == comparable(timeline)
    text = to_markdown(timeline, list(timeline.events))
    assert '<a id="source-1"></a>**[1]** Reuters, <https://r.example/1>\n' in text
    assert '<a id="source-2"></a>**[2]** AP, 10 Feb 2016\n' in text


def test_json_outputs_are_laid_out_for_reading(sample):
    """Whitespace a reader sees in the file: `list --format json` indents by two,
    TimelineJS by one (its files are large)."""
    event = sample.events[:1]
    lines = to_json(sample, event).splitlines()
    assert lines[:3] == ["[", "  {", f'    "id": "{event[0].id}",']
    lines = to_timelinejs(sample, event).splitlines()
    assert lines[:3] == ["{", ' "title": {', '  "text": {']


def test_jsonl_of_dated_sources_given_in_place_under_names_reads_back(write):
    """Sources given in place, all dated, under outlet names that are no slugs ('The
    Times', and 'The Times (2)' for a second article): a header could not register them,
    so they are written in place again."""
    path = write("inline.jsonl", """\
        {"id": "e1", "date": "2016-02-09", "kind": "other", "title": "T", "sources": [{"source": "The Times", "quote": "q", "published": "2016-02-09"}]}
        {"id": "e2", "date": "2016-02-10", "kind": "other", "title": "U", "sources": [{"source": "The Times", "quote": "r", "published": "2016-02-10"}]}
        """)
    timeline = load(path)
    assert sorted(timeline.sources) == ["The Times", "The Times (2)"]
    again = load(write("again.jsonl", to_jsonl(timeline, list(timeline.events))))
    assert again.sources == timeline.sources
    assert comparable(again) == comparable(timeline)


def test_jsonl_names_an_actor_whose_id_is_another_actors_alias_by_a_name_of_its_own(write):
    """'kadyrov' is the alias of an actor registered first, so the id would read back as
    that one (the loader warns); the export names the actor by its own name instead."""
    path = write("events.yaml", """\
        sources: {s: {outlet: O, published: 2016}}
        actors:
          kadyrov-lookalike: {name: Someone, aliases: [kadyrov]}
          kadyrov: {name: Ramzan Kadyrov}
        events:
          - {id: a, date: 2016, kind: other, title: T, date_basis: b, sources: [{source: s, quote: q}],
             actors: [Ramzan Kadyrov], figures: [{quantity: killed, value: 3, claimed_by: Ramzan Kadyrov}]}
        """)
    timeline = load(path)
    assert timeline.events[0].actor_ids == ["kadyrov"] and timeline.events[0].figures[0].claimed_by == "kadyrov"
    line = json.loads(to_jsonl(timeline, list(timeline.events)).splitlines()[1])
    assert line["actors"] == ["Ramzan Kadyrov"] and line["figures"][0]["claimed_by"] == "Ramzan Kadyrov"
    again = load(write("again.jsonl", to_jsonl(timeline, list(timeline.events))))
    assert comparable(again) == comparable(timeline)


def test_jsonl_keeps_an_empty_text_as_written(write):
    """An empty date_basis, summary or headline is a value the file gives: it reads back
    as the empty text, not as no value at all."""
    path = write("events.yaml", """\
        sources: {s: {outlet: O, published: 2016, headline: ''}}
        events:
          - {id: a, date: 2016, kind: other, title: T, date_basis: '', summary: '', location: '',
             sources: [{source: s, quote: q}]}
        """)
    timeline = load(path)
    assert (timeline.events[0].date_basis, timeline.events[0].summary, timeline.sources["s"].headline) == ("", "", "")
    again = load(write("again.jsonl", to_jsonl(timeline, list(timeline.events))))
    assert comparable(again) == comparable(timeline) and again.sources == timeline.sources


# --- a paraphrase: kept as one where the file reads back, never presented as a quote -----

def paraphrased():
    source = Source("wire", "Wire", parse_date("2016-02-09"), headline="Strikes")
    event = Event("p", parse_date("2016-02-09"), "other", "P", date_basis="stated",
                  sources=[Citation("wire", "they said so"), Citation("wire", None, paraphrase="It says <so>.")])
    return Timeline([event.to_record()], sources={"wire": source}, title="Few")


def test_a_paraphrase_reads_back_from_json_lines_as_a_paraphrase(tmp_path):
    timeline = paraphrased()
    text = to_jsonl(timeline, list(timeline.events))
    assert json.loads(text.splitlines()[1])["sources"] == [
        {"source": "wire", "quote": "they said so"}, {"source": "wire", "paraphrase": "It says <so>."}]
    path = tmp_path / "p.jsonl"
    path.write_text(text, encoding="utf-8")
    assert comparable(load(path)) == comparable(timeline)
    assert json.loads(to_json(timeline, list(timeline.events)))[0]["sources"][1] == \
        {"source": "wire", "paraphrase": "It says <so>."}


def test_a_paraphrase_is_never_presented_as_a_quote_in_markdown_timelinejs_or_csv():
    timeline = paraphrased()
    events = list(timeline.events)
    assert to_markdown(timeline, events).splitlines()[-2:] == [
        "  > they said so",  # the quote a block quote; the paraphrase not one, and said to be none
        "  - paraphrase, not the article's words: It says \\<so\\>."]
    assert json.loads(to_timelinejs(timeline, events))["events"][0]["text"]["text"] == (
        "<blockquote>they said so</blockquote><p>— Wire</p>"
        "<p><em>Paraphrase, not the article's words:</em> It says &lt;so&gt;.</p><p>— Wire</p>")
    [row] = csv.DictReader(io.StringIO(to_csv(timeline, events)))
    cited = json.loads(row["quotes"])  # a paraphrase says it is one, and holds no quote
    assert [c.get("quote") for c in cited] == ["they said so", None] and cited[1]["paraphrase"] == "It says <so>."
