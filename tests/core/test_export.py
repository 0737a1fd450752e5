"""Export (JSON Lines, TimelineJS, CSV, Markdown) and ACLED-style CSV import."""

import csv
import io
import json

from conftest import ACLED_SAMPLE, EVENTS

from timeline.acled import read_acled
from timeline.export import to_csv, to_jsonl, to_markdown, to_timelinejs
from timeline.loader import load


def comparable(timeline):
    """Every event's content, without the line numbers that differ between files."""
    return [(r[:9] + (tuple(c[:2] for c in r[9]), tuple(x[:2] for x in r[10])) + r[11:13])
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
        assert slide["text"]["headline"] == event.title
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


def test_csv_has_acled_columns_and_one_row_an_event():
    timeline = load(EVENTS)
    rows = list(csv.DictReader(io.StringIO(to_csv(timeline, list(timeline.events)))))
    assert len(rows) == len(timeline.events)
    strike = next(r for r in rows if r["event_id_cnty"] == "russia-begins-syria-airstrikes")
    assert (strike["event_date"], strike["time_precision"], strike["event_type"]) == ("2015-09-30", "1", "airstrike")
    interval = next(r for r in rows if r["event_id_cnty"] == "peskov-refuses-to-confirm-kadyrov-claim")
    assert interval["time_precision"] == "2" and interval["date_edtf"] == "2016-02-08/2016-02-09"


def test_markdown_footnotes_every_citation():
    timeline = load(EVENTS)
    text = to_markdown(timeline, list(timeline.events))
    quotes = sum(len(e.sources) for e in timeline.events)
    assert text.count("\n[^") == quotes
    assert f"[^{quotes}]: " in text and f"[^{quotes + 1}]" not in text
    assert "## 2015" in text and "- **30 Sep 2015** — Russia begins air strikes in Syria." in text


def test_acled_rows_become_events_and_bad_rows_are_named_by_line():
    result = read_acled(ACLED_SAMPLE.read_text(encoding="utf-8"), "acled_sample.csv")
    events = {e["id"]: e for e in result.events}
    assert list(events) == ["SYR100", "SYR101", "SYR104"]
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
                (8, "event_date is empty"), (9, "fatalities should be a whole number, not 'three'"),
                (10, "18 cells where the header has 17 columns")]
    assert len(result.problems) == len(expected)
    for problem, (line, start) in zip(result.problems, expected):
        assert problem.pos.line == line
        assert problem.message.startswith(f"row cannot be read: {start}")
    assert len(result.events) + len(result.problems) == 8  # every row accounted for
