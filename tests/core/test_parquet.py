"""Parquet files of events: they read as any events file does (validated row by row, each
problem with its row), and an export to Parquet reads back as the events it holds."""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import CORPUS, EVENTS
from hypothesis import HealthCheck, given, settings
from test_loader_paths import events_file, examples, jsonl_text

from timeline.export import to_jsonl
from timeline.loader import load, load_with_problems
from timeline.parquet import to_parquet
from timeline.problems import LoadError
from timeline.store import event_schema


def without_lines(timeline):
    """The events, each place in its file set aside (a row's place is its number)."""
    return [(r[:9] + (tuple(c[:2] + c[3:] for c in r[9]), tuple(x[:2] for x in r[10])) + r[11:13])
            for r in (e.to_record() for e in timeline.events)]


def round_trip(path, tmp_path):
    original = load(path)
    out = tmp_path / "events.parquet"
    out.write_bytes(to_parquet(original, list(original.events)))
    back = load(out)
    assert without_lines(back) == without_lines(original)
    assert (back.title, back.kinds, back.sources, back.actors) == (
        original.title, original.kinds, original.sources, original.actors)
    assert to_jsonl(back, list(back.events)) == to_jsonl(original, list(original.events))
    return out, back


@pytest.mark.parametrize("source", [EVENTS, CORPUS / "events.yaml"])
def test_an_export_to_parquet_reads_back(tmp_path, source):
    out, back = round_trip(source, tmp_path)
    assert pq.read_schema(out).remove_metadata().equals(event_schema())  # the store's schema, as README says
    assert [e.line for e in back.events] == list(range(1, len(back.events) + 1))  # lines are rows


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events_file())
def test_any_file_round_trips_through_parquet(tmp_path_factory, top):
    folder = tmp_path_factory.mktemp("parquet")
    path = folder / "events.jsonl"
    path.write_text(jsonl_text(top, header=True), encoding="utf-8")
    try:
        load(path)
    except LoadError:
        return
    round_trip(path, folder)


def test_sources_given_in_place_come_back_in_place(write, tmp_path):
    path = write("inline.jsonl", '{"id": "e1", "date": "2016-02-09", "kind": "other", "title": "T", '
                                 '"sources": [{"source": "The Times", "quote": "q", "published": "2016-02-09"}]}\n')
    round_trip(path, tmp_path)


def test_problems_name_their_rows(tmp_path):
    table = pq.read_table(pa.BufferReader(to_parquet(load(EVENTS), list(load(EVENTS).events))))
    rows = table.to_pylist()
    rows[4]["kind"] = "atack"
    rows[9]["title"] = "a \x1b[2J title"
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    _, problems = load_with_problems(path)
    assert [str(p).split(": ", 2)[:2] for p in problems] == [[str(path), "row 5"], [str(path), "row 10"]]
    assert "unknown kind 'atack'" in problems[0].message and "control character" in problems[1].message


def test_a_table_of_another_tool_with_the_columns_it_needs_reads(tmp_path):
    path = tmp_path / "theirs.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "date": ["2016-02", "2016"], "kind": ["attack", "other"],
                             "title": ["T", "U"], "actors": [["Kadyrov"], []],
                             "sources": [[{"source": "Reuters", "quote": "q", "published": "2016-02-09"}]] * 2}),
                   path)
    timeline = load(path)
    assert [e.id for e in timeline.events] == ["b", "a"] and timeline.events[1].actor_ids == ["Kadyrov"]


@pytest.mark.parametrize("data", [b"not parquet at all", b"PAR1" + bytes(100) + b"PAR1"])
def test_a_file_that_is_not_parquet_says_so(tmp_path, data):
    path = tmp_path / "events.parquet"
    path.write_bytes(data)
    with pytest.raises(LoadError) as raised:
        load(path)
    assert str(raised.value).startswith(f"{path}: cannot be read as Parquet")


def test_metadata_that_is_not_json_is_a_problem(tmp_path):
    table = pa.table({"id": ["a"], "date": ["2016"], "kind": ["other"], "title": ["T"],
                      "sources": [[{"source": "Reuters", "quote": "q", "published": "2016"}]]})
    path = tmp_path / "events.parquet"
    pq.write_table(table.replace_schema_metadata({b"timeline": b"{not json"}), path)
    _, problems = load_with_problems(path)
    assert [str(p) for p in problems] == [f"{path}: its 'timeline' metadata is not JSON"]
