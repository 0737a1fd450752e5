"""Reading back timeline's own CSV: what a spreadsheet may have done to it is reported
with its line, and a real ACLED export is still read as ACLED's."""

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import ACLED_SAMPLE, run

from timeline.export import to_csv
from timeline.loader import load
from timeline.own_csv import is_own_csv, read_own_csv

SAMPLE = Path(__file__).resolve().parent / "data" / "export" / "events.yaml"


@pytest.fixture
def rows():
    """The sample's CSV export, as dicts of cells (the header's order kept)."""
    sample = load(SAMPLE)
    return list(csv.DictReader(io.StringIO(to_csv(sample, list(sample.events)))))


def text_of(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def line_of(rows: list[dict], event_id: str) -> int:
    """The line a row starts on: the header is line 1, and a quoted line break in a cell
    makes a row take two (the strikes' quote has one)."""
    line = 2
    for row in rows:
        if row["id"] == event_id:
            return line
        line += text_of([row]).count("\n") - 1
    raise KeyError(event_id)


def messages(problems) -> list[tuple[int, str]]:
    return [(p.pos.line, p.message) for p in problems]


def test_the_sample_reads_back_with_nothing_to_say(rows):
    result = read_own_csv(text_of(rows), "sample.csv")
    assert (result.problems, result.notices, result.unreadable) == ([], [], False)
    assert result.events == [r["id"] for r in rows]


def test_a_misspelt_kind_is_a_bad_row_not_a_new_kind(rows):
    rows[2]["kind"] = "statment"
    result = read_own_csv(text_of(rows), "sample.csv")
    assert messages(result.problems) == [(4, "row cannot be read: unknown kind 'statment' (did you mean "
                                             "'statement'?); expected one of: airstrike, attack, statement, claim, "
                                             "denial, report, media, deployment, political, other, hearing")]
    assert "approx-statement" not in result.events
    # the statement Beta answers is gone: the link to it is left out, and said so
    assert messages(result.notices) == [(5, "the link 'responds-to' to 'approx-statement' is left out: "
                                            "that event's row cannot be read")]
    assert result.timeline.event("uncertain-statement").related == []


def test_a_list_cell_that_is_not_json_is_named(rows):
    rows[0]["tags"] = "video; kremlin"
    rows[1]["quotes"] = '{"source": "paper-week"}'
    result = read_own_csv(text_of(rows), "sample.csv")
    assert [(line, message.split(" (")[0]) for line, message in messages(result.problems)] == [
        (2, "row cannot be read: tags is not JSON"),
        (3, 'row cannot be read: quotes should be a JSON list, like [{"source": "reuters-2016-02-09", '
            '"quote": "the words"}]')]
    assert messages(result.problems)[0][1].endswith('it holds a list, like ["video", "kremlin"]')


def test_a_source_or_actor_described_two_ways_is_refused_on_the_later_row(rows):
    quotes = json.loads(rows[3]["quotes"])
    quotes[0]["headline"] = "Another headline"
    rows[3]["quotes"] = json.dumps(quotes)
    actors = json.loads(rows[3]["actors"])
    actors[0]["name"] = "Beta Office"
    rows[3]["actors"] = json.dumps(actors)
    result = read_own_csv(text_of(rows), "sample.csv")
    assert messages(result.problems) == [(5, "row cannot be read: the source 'wire-0209' is described otherwise "
                                             "than on line 4; every row must say the same of it")]
    # what a row that cannot be read says of an actor does not count: the next describes Beta
    assert result.timeline.actors["beta"].name == "Beta Ministry" and result.notices == []


def test_an_edited_derived_cell_is_said_to_be_read_from_where_it_comes_from(rows):
    rows[0]["event_date"] = "2014-06-01"
    rows[0]["source"] = "Someone Else"
    result = read_own_csv(text_of(rows), "sample.csv")
    assert result.problems == []
    assert messages(result.notices) == [
        (2, "event_date '2014-06-01' is not what date_edtf gives ('2014-01-01'); it is read from date_edtf"),
        (2, "source 'Someone Else' is not what the quotes' sources gives ('Post & Courier'); "
            "it is read from the quotes' sources")]
    assert result.timeline.event("year-report").date.edtf() == "2014"


def test_a_repeated_id_and_a_link_to_no_row_are_bad_rows(rows):
    rows[1]["id"] = "year-report"
    rows[-1]["related"] = json.dumps([{"type": "follows", "event": "gone"}])
    result = read_own_csv(text_of(rows), "sample.csv")
    assert messages(result.problems) == [
        (3, "row cannot be read: the id 'year-report' is that of the event on line 2 too"),
        (line_of(rows, "since-july"), "row cannot be read: it relates to the event 'gone', which no row holds")]


def test_a_csv_without_the_columns_it_needs_is_not_read(rows):
    for row in rows:
        del row["title"]
    result = read_own_csv(text_of(rows), "sample.csv")
    assert result.unreadable and messages(result.problems) == [
        (1, "a CSV of timeline's needs the columns id, date_edtf, kind, title, quotes; this one has no title")]


def test_a_column_of_its_own_is_left_out_and_said_so(rows):
    for row in rows:
        row["my notes"] = "checked"
    result = read_own_csv(text_of(rows), "sample.csv")
    assert result.problems == [] and len(result.events) == len(rows)
    assert messages(result.notices) == [(1, "column 'my notes' is not one of timeline's; left out")]


def test_a_spreadsheets_csv_reads_the_same(rows):
    """Saved again by a spreadsheet: a byte order mark, and lines ending in CR LF."""
    text = "\ufeff" + text_of(rows).replace("\n", "\r\n")
    assert is_own_csv(text)
    again = read_own_csv(text, "saved.csv")
    assert again.problems == [] and again.events == [r["id"] for r in rows]
    # a line break inside a quote stays what it was; only the lines' ends are the spreadsheet's
    quotes = [c.quote for c in again.timeline.event("strikes").sources]
    assert quotes[0] in ("The jets came twice,\r\nthen \"left\" at dawn.", "The jets came twice,\nthen \"left\" at dawn.")


def test_an_acled_export_is_read_as_acleds():
    assert not is_own_csv(ACLED_SAMPLE.read_text(encoding="utf-8"))


def test_import_writes_nothing_from_a_csv_with_a_bad_row_unless_told(rows, tmp_path):
    rows[0]["kind"] = "nonsense"
    source = tmp_path / "edited.csv"
    source.write_text(text_of(rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    refused = run("import", str(source), "-o", str(out))
    assert refused.returncode == 2 and not out.exists()
    assert f"{source}:2:1: row cannot be read: unknown kind 'nonsense'" in refused.stderr
    written = run("import", str(source), "-o", str(out), "--skip-bad")
    assert written.returncode == 0 and "10 events imported, 1 rows skipped" in written.stderr
    assert run("check", str(out)).returncode == 0


def test_rows_are_named_by_the_line_they_start_on(rows):
    """After a blank line and a quote with a line break in it; a row of too many cells."""
    text = text_of(rows).replace("\napprox-statement,", "\n\napprox-statement,")
    lines = text.splitlines()
    long_row = next(n for n, line in enumerate(lines, start=1) if line.startswith("nine-days,"))
    lines[long_row - 1] += ",one too many"
    result = read_own_csv("\n".join(lines) + "\n", "sample.csv")
    assert messages(result.problems) == [(long_row, "row cannot be read: 20 cells where the header has 19 columns")]
    assert long_row == line_of(rows, "nine-days") + 1  # the blank line


def test_a_row_may_name_a_source_or_an_actor_that_another_describes(rows):
    """A row typed into the spreadsheet by hand: its quote's source and its actor by id alone."""
    new = dict(rows[0], id="typed", title="Typed by hand", kind="claim",
               actors=json.dumps([{"actor": "alpha", "role": "speaker"}]),
               quotes=json.dumps([{"source": "wire-0209", "quote": "the words"}]))
    result = read_own_csv(text_of([new] + rows), "typed.csv")
    assert result.problems == []
    typed = result.timeline.event("typed")
    assert [c.source for c in typed.sources] == ["wire-0209"]
    assert result.timeline.sources["wire-0209"].headline == 'Strikes hit the "old town"'
    assert [(a.actor, a.role) for a in typed.actors] == [("alpha", "speaker")]
