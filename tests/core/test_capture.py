"""Appending a captured event: every byte the analyst wrote stays as it was."""

import json

import pytest

from timeline.capture import CaptureError, append_event, draft_passage
from timeline.loader import bundled_events_path, load

ARTICLE = "Officials met.\nThe army denied on Monday that it had shelled the town.\nNothing else.\n"

# Events not last, items at the left margin, comments in and after the list, CRLF line
# ends, single quotes, and no line end at the end of the file.
ANALYST_FILE = (
    "# my notes\r\ntitle: 'Shelling'\r\ncorpus: .\r\nsources:\r\n"
    "  wire: {outlet: Wire, published: 2020-03-04, file: article.txt}\r\n"
    "events:\r\n- id: met   # first\r\n  date: 2020-03-03\r\n  date_basis: x\r\n  kind: political\r\n"
    "  title: 'Officials meet'\r\n  sources: [{source: wire, quote: 'Officials met.'}]\r\n"
    "# a comment after the list, kept where it is\r\n\r\n"
    "actors:\r\n  army: {name: The army, aliases: [army]}"
)


def folder(tmp_path, name="events.yaml", text=ANALYST_FILE):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def captured(path):
    timeline = load(path)
    start = ARTICLE.index("The army")
    return draft_passage(timeline, timeline.sources["wire"], ARTICLE, start, ARTICLE.index("\nNothing"))


def test_the_event_goes_at_the_end_of_the_events_list_and_nothing_else_changes(tmp_path):
    path = folder(tmp_path)
    record = captured(path)
    assert record["actors"] == [{"actor": "army", "role": "speaker"}] and record["kind"] == "denial"
    assert record["date"] == "2020-03-02"
    backup = append_event(path, record)
    written = path.read_bytes().decode("utf-8")
    assert backup.read_bytes() == ANALYST_FILE.encode("utf-8")
    end_of_list = ANALYST_FILE.index("# a comment after")
    assert written.startswith(ANALYST_FILE[:end_of_list]) and written.endswith(ANALYST_FILE[end_of_list:])
    added = written[end_of_list:len(written) - len(ANALYST_FILE) + end_of_list]
    assert added.startswith("\r\n- id: army-denied\r\n  date: \"2020-03-02\"\r\n")
    assert added.endswith("  tags: [draft]\r\n") and "\n" not in added.replace("\r\n", "")
    timeline = load(path)
    assert sorted(timeline.ids) == ["army-denied", "met"] and timeline.actors["army"].name == "The army"


def test_a_file_that_ends_without_a_line_end_gets_one_after_its_last_line(tmp_path):
    text = ANALYST_FILE[:ANALYST_FILE.index("# a comment")].rstrip("\r\n")
    path = folder(tmp_path, text=text)
    append_event(path, captured(path))
    written = path.read_bytes().decode("utf-8")
    assert written.startswith(text + "\r\n\r\n- id: army-denied")
    assert len(load(path).events) == 2


def test_json_lines_get_one_more_line(tmp_path):
    header = {"title": "t", "sources": {"wire": {"outlet": "Wire", "published": "2020-03-04", "file": "article.txt"}}}
    text = json.dumps(header) + "\n" + json.dumps({"id": "met", "date": "2020-03-03", "kind": "political",
                                                   "title": "Met", "sources": [{"source": "wire", "quote": "Officials met."}]})
    path = folder(tmp_path, "events.jsonl", text)
    before = path.read_bytes()
    append_event(path, captured(path))
    written = path.read_bytes()
    assert written.startswith(before + b"\n{") and written.endswith(b"}\n")
    assert sorted(load(path).ids) == ["army-denied", "met"]


def test_flow_style_events_and_a_file_that_would_not_load_are_refused_with_nothing_written(tmp_path):
    flow = folder(tmp_path, "flow.yaml", "sources: {wire: {outlet: W, published: 2020-03-04}}\nevents: []\n")
    with pytest.raises(CaptureError, match="flow style"):
        append_event(flow, {"id": "x"})
    assert not (tmp_path / "flow.yaml.bak").exists()
    path = folder(tmp_path)
    record = captured(path) | {"kind": "no-such-kind"}
    with pytest.raises(CaptureError, match="would not load .*unknown kind 'no-such-kind'.*nothing written"):
        append_event(path, record)
    assert path.read_bytes() == ANALYST_FILE.encode("utf-8") and not (tmp_path / "events.yaml.bak").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "events.yaml", "flow.yaml"]


def test_the_bundled_events_are_never_written():
    before = bundled_events_path().read_bytes()
    with pytest.raises(CaptureError, match="bundled events"):
        append_event(bundled_events_path(), {"id": "x"})
    assert bundled_events_path().read_bytes() == before


def test_a_passage_with_no_cue_is_quoted_as_a_statement_to_complete(tmp_path):
    path = folder(tmp_path)
    timeline = load(path)
    record = draft_passage(timeline, timeline.sources["wire"], ARTICLE, ARTICLE.index("Nothing"), len(ARTICLE) - 1)
    assert record["sources"] == [{"source": "wire", "quote": "Nothing else."}]
    assert (record["kind"], record["tags"]) == ("statement", ["draft"])
