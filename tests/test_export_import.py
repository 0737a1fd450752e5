"""Export (JSON Lines, TimelineJS, CSV, Markdown) and ACLED-style CSV import."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from conftest import EVENTS, ROOT
from timeline.acled import read_acled
from timeline.export import to_csv, to_jsonl, to_markdown, to_timelinejs
from timeline.loader import load

ACLED = Path(__file__).parent / "acled_sample.csv"


def run(*args):
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True, cwd=ROOT)


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


def test_export_command_with_filters_and_output(tmp_path):
    out = tmp_path / "peskov.md"
    result = run("export", "events.yaml", "--format", "markdown", "--actor", "Peskov", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    peskov = [e for e in load(EVENTS).events if "peskov" in e.actor_ids]
    assert text.count("\n- **") == len(peskov)


def test_export_never_writes_over_its_input(tmp_path):
    copy = tmp_path / "events.yaml"
    copy.write_bytes(EVENTS.read_bytes())
    result = run("export", str(copy), "--format", "jsonl", "-o", str(copy))
    assert result.returncode == 2 and "that is the input file" in result.stderr
    assert copy.read_bytes() == EVENTS.read_bytes()


# --- ACLED import ------------------------------------------------------------------------

def test_acled_rows_become_events_and_bad_rows_are_named_by_line():
    result = read_acled(ACLED.read_text(encoding="utf-8"), "acled_sample.csv")
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


def test_import_command_writes_nothing_when_rows_are_bad(tmp_path):
    out = tmp_path / "imported.jsonl"
    result = run("import", str(ACLED), "-o", str(out))
    assert result.returncode == 2
    assert f"{ACLED}:5:1: row cannot be read" in result.stderr
    assert "nothing written" in result.stderr and not out.exists()


def test_import_command_with_skip_bad_writes_a_file_that_loads(tmp_path):
    out = tmp_path / "imported.yaml"
    result = run("import", str(ACLED), "-o", str(out), "--skip-bad", "--title", "Syria, Feb 2016")
    assert result.returncode == 0, result.stderr
    assert "3 events imported, 5 rows skipped" in result.stderr
    timeline = load(out)
    assert timeline.title == "Syria, Feb 2016"
    assert [e.id for e in timeline.events] == ["SYR104", "SYR100", "SYR101"]
    assert run("check", str(out)).returncode == 0
    again = run("import", str(ACLED), "-o", str(out), "--skip-bad")
    assert again.returncode == 2 and "exists already" in again.stderr


def test_not_an_acled_csv_is_a_clear_error(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = run("import", str(path), "-o", str(tmp_path / "x.jsonl"))
    assert result.returncode == 2
    assert "not an ACLED-style CSV: no column event_date, event_type" in result.stderr


def test_a_filtered_jsonl_export_reads_back(tmp_path):
    out = tmp_path / "peskov.jsonl"
    result = run("export", "events.yaml", "--format", "jsonl", "--actor", "Peskov", "-o", str(out))
    assert result.returncode == 0 and "links to events outside the export left out" in result.stderr
    again = run("check", str(out))
    assert again.returncode == 0, again.stderr
    assert len(load(out).events) == len([e for e in load(EVENTS).events if "peskov" in e.actor_ids])
