"""The command line and the working session: --marked lists and exports the events marked
in the explorer (YAML through the cache, JSON Lines by the streaming road alike)."""

import json

import pytest
from conftest import EVENTS, run

from timeline.loader import load
from timeline.session import Session, session_path

MARKED = ["putin-obama-discuss-syria-at-un", "kadyrov-takes-power-in-chechnya"]


@pytest.fixture(params=["yaml", "jsonl"])
def events(request, tmp_path):
    """The bundled events as YAML, or as JSON Lines (the streaming road), with two marked."""
    path = tmp_path / "events.yaml"
    path.write_bytes(EVENTS.read_bytes())
    if request.param == "jsonl":
        assert run("export", str(path), "--format", "jsonl", "-o", str(tmp_path / "events.jsonl")).returncode == 0
        path = tmp_path / "events.jsonl"
    session = Session.open(path)
    for event_id in MARKED:
        session.toggle_mark(event_id)
    session.toggle_mark("an-id-no-longer-in-the-file")
    session.save()
    return path


def in_time_order(ids):
    return [e.id for e in load(EVENTS).events if e.id in ids]


def test_export_marked_writes_only_the_marked(events, tmp_path):
    out = tmp_path / "marked.jsonl"
    result = run("export", str(events), "--format", "jsonl", "--marked", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines() if '"id"' in line][:2] \
        == in_time_order(MARKED)
    assert [e.id for e in load(out).events] == in_time_order(MARKED)


def test_list_marked_with_another_filter(events):
    result = run("list", str(events), "--marked", "--search", "obama", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [e["id"] for e in json.loads(result.stdout)] == ["putin-obama-discuss-syria-at-un"]


def test_markdown_export_names_the_filter(events):
    result = run("export", str(events), "--format", "markdown", "--marked")
    assert result.returncode == 0, result.stderr
    assert "marked events (3)" in result.stdout


def test_nothing_marked_is_nothing_to_export(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(EVENTS.read_bytes())
    result = run("export", str(path), "--format", "jsonl", "--marked")
    assert result.returncode == 2
    assert "marked events (0)" in result.stderr


def test_a_damaged_session_file_is_said_and_nothing_marked(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(EVENTS.read_bytes())
    session_file = session_path(path)
    session_file.parent.mkdir(parents=True)
    session_file.write_text('{"format": 1, "marks": "all"}')
    result = run("list", str(path), "--marked")
    assert result.returncode == 0
    assert "is not a session file (marks is not a list)" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(run("list", str(path), "--marked", "--format", "json").stdout) == []


def test_help_names_marked_and_clean():
    assert "--marked" in run("export", "--help").stdout
    assert "--clean" in run("--help").stdout
