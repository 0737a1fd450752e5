"""The streaming road (stream.py) and the Timeline road agree: `check`, `list` and
`export` of any JSON Lines file print the same bytes, the same messages and exit the
same, whatever the filters.

The files are drawn by test_loader_paths's strategies (good and broken, with or without
a header, sources in place) and by benchmarks/generate.py (many events, links between
them); each command runs in process, once down each road.
"""

import contextlib
import importlib.util
import io
import json

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings, strategies as st
from test_loader_paths import ACTORS, KIND_NAMES, SOURCE_IDS, WORDS, events_file, examples, jsonl_text

from timeline import cli, loader, stream
from timeline.model import KINDS

_spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

FORMATS = [["check"], ["list"], ["list", "--format", "json"], ["list", "--format", "csv"],
           ["export", "--format", "jsonl"], ["export", "--format", "csv"], ["export", "--format", "markdown"],
           ["export", "--format", "timelinejs"], ["export", "--format", "timelinejs", "--group", "actor"],
           ["export", "--format", "html"]]
NAMES = [name for names in ACTORS.values() for name in names] + list(ACTORS) + ["Nobody", "kadyrow", "actor-3",
                                                                               "Omar Petrov 1"]
TERMS = {
    "--actor": NAMES, "--not-actor": NAMES, "--kind": KIND_NAMES + list(KINDS)[:4] + ["atack"],
    "--not-kind": ["statement", "claim", "protest"], "--source": SOURCE_IDS + WORDS + ["Reuters", "reu", "src-3"],
    "--tag": ["attack", "VIDEO", "nope"], "--location": WORDS + ["gro", "Grozny", "nowhere", "Aleppo"],
    "--search": ["words", "x", "forces", '"A title"', "/a.*b", "/[", "é", "kadyrov"],
    "--status": ["reported", "alleged", "rumoured"],
    "--from": ["2016", "2015-10", "2016-02-09T10:00", "2010"], "--to": ["2016-02", "2015", "2016-02-09T09:00Z", "2012"],
}


@st.composite
def filters(draw) -> list[str]:
    chosen = []
    for option in draw(st.lists(st.sampled_from(sorted(TERMS)), max_size=3)):
        chosen += [option, draw(st.sampled_from(TERMS[option]))]
    if draw(st.integers(0, 9)) == 0:
        chosen.append("--single-outlet")
    return chosen


def run(arguments: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(arguments)
    return code, out.getvalue(), err.getvalue()


def by_timeline(arguments: list[str]) -> tuple[int, str, str]:
    """The command down the Timeline road (loaded whole; no cache, which gives the same)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "streams", lambda path: False)
        patch.setattr(cli, "load_for_use", loader.load)
        return run(arguments)


def roads_agree(path, command: list[str], chosen: list[str] = ()) -> tuple[int, str, str]:
    arguments = [command[0], str(path), *command[1:]] + ([] if command == ["check"] else list(chosen))
    streamed = run(arguments)
    assert streamed == by_timeline(arguments)
    return streamed


@pytest.fixture(params=["one process", "two halves"])
def halves(request, monkeypatch):
    """Small files read and written as large ones are: in small chunks, the second half
    read by a child process, and the second half of the output written by another."""
    if request.param == "two halves":
        monkeypatch.setattr(stream, "CHUNK", 256)
        monkeypatch.setattr(stream, "HALVES", 0)
        monkeypatch.setattr(stream, "WRITE_HALVES", 0)
    return request.param


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.function_scoped_fixture])
@given(events_file(), st.booleans(), st.sampled_from(FORMATS), filters())
def test_the_roads_agree_on_any_file(tmp_path_factory, halves, top, header, command, chosen):
    path = tmp_path_factory.mktemp("stream") / "events.jsonl"
    path.write_text(jsonl_text(top, header), encoding="utf-8")
    roads_agree(path, command, chosen)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])
@given(st.integers(1, 120), st.integers(0, 1000), st.sampled_from(FORMATS), filters())
def test_the_roads_agree_on_generated_files(tmp_path_factory, halves, count, seed, command, chosen):
    path = tmp_path_factory.mktemp("stream") / "events.jsonl"
    generate.write(path, count, seed)
    roads_agree(path, command, chosen)


def test_the_generated_files_are_written_and_filtered(tmp_path):
    """Without events that pass the filters, the agreement above would say little."""
    path = tmp_path / "events.jsonl"
    generate.write(path, 200, 1)
    code, out, _ = roads_agree(path, ["export", "--format", "jsonl"], ["--kind", "statement", "--from", "2010"])
    assert code == 0 and 10 < len(out.splitlines()) < 200
    code, out, err = roads_agree(path, ["export", "--format", "csv"], ["--search", "forces"])
    assert code == 0 and "links to events outside the export left out" in err
    assert roads_agree(path, ["export", "--format", "markdown"], ["--location", "gro"])[1].count("## Sources") == 1


@pytest.fixture
def collide(monkeypatch):
    """Every id hashes the same: each match must be confirmed against the file."""
    monkeypatch.setattr(stream, "_id_hash", lambda event_id: 7)


LINKED = [
    {"title": "T", "sources": {"s": {"outlet": "O", "published": "2016"}}},
    {"id": "a", "date": "2016-02", "kind": "claim", "title": "A", "sources": [{"source": "s", "quote": "q"}]},
    {"id": "b", "date": "2016-01", "kind": "denial", "title": "B", "sources": [{"source": "s", "quote": "q"}],
     "related": [{"type": "denies", "event": "a"}, {"type": "follows", "event": "c"}]},
    {"id": "c", "date": "2015", "kind": "other", "title": "C", "sources": [{"source": "s", "quote": "q"}],
     "related": [{"type": "follows", "event": "c"}]},
    {"id": "a", "date": "2014", "kind": "other", "title": "A again", "sources": [{"source": "s", "quote": "q"}]},
]


def lines(values) -> str:
    return "".join(json.dumps(value) + "\n" for value in values)


@pytest.mark.parametrize("hashes", ["real", "colliding"])
def test_ids_used_twice_and_links_are_told_from_the_file_not_the_hashes(tmp_path, request, hashes):
    if hashes == "colliding":
        request.getfixturevalue("collide")
    path = tmp_path / "events.jsonl"
    path.write_text(lines(LINKED), encoding="utf-8")
    code, _, err = roads_agree(path, ["check"])
    assert code == 2
    assert "duplicate event id 'a' (first at line 2)" in err and "relates to itself" in err
    assert "unknown event" not in err
    path.write_text(lines(LINKED[:3] + [{**LINKED[3], "related": []}]), encoding="utf-8")
    for command in FORMATS[1:]:
        assert roads_agree(path, command, ["--kind", "denial"])[0] == 0


def test_lines_across_the_chunks_bom_crlf_and_blank_lines(tmp_path, monkeypatch):
    """A line longer than a chunk, or split where one ends, is read whole."""
    monkeypatch.setattr(stream, "CHUNK", 64)
    path = tmp_path / "events.jsonl"
    text = lines(LINKED[:3] + [{**LINKED[3], "related": []}]).replace("\n", "\r\n", 1) + "\n  \n" + json.dumps(
        {"id": "d", "date": "2017", "kind": "other", "title": "D" * 500, "sources": [{"source": "s", "quote": "q"}]})
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for command in FORMATS:
        code, out, _ = roads_agree(path, command)
        assert code == 0
    assert "D" * 500 in out


@pytest.mark.parametrize("text", [b"", b"  \n\n", b"\xef\xbb\xbf", b"{not json\n", b"[]\n"])
def test_nothing_to_read_is_said_the_same(tmp_path, text):
    path = tmp_path / "events.jsonl"
    path.write_bytes(text)
    for command in FORMATS:
        roads_agree(path, command)


def test_the_output_is_written_in_pieces_beside_the_target(tmp_path, monkeypatch):
    """`-o` by the streaming road: the rules of output.write_file, the text in pieces."""
    monkeypatch.setattr(stream, "FLUSH", 10)
    path = tmp_path / "events.jsonl"
    generate.write(path, 30, 3)
    out = tmp_path / "out.md"
    assert run(["export", str(path), "--format", "markdown", "-o", str(out)])[0] == 0
    assert out.read_text(encoding="utf-8") == by_timeline(["export", str(path), "--format", "markdown"])[1]
    code, _, err = run(["export", str(path), "--format", "markdown", "-o", str(out)])
    assert code == 2 and "exists already" in err
    code, _, err = run(["export", str(path), "--format", "jsonl", "-o", str(path), "--force"])
    assert code == 2 and "that is the input file" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl", "out.md"]


def test_the_second_half_is_taken_from_the_child_only_when_it_read_as_this_process_would(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "CHUNK", 256)
    monkeypatch.setattr(stream, "HALVES", 0)
    taken = []
    take = stream.Scan._take
    monkeypatch.setattr(stream.Scan, "_take", lambda self, *files: taken.append(take(self, *files)) or taken[-1])
    path = tmp_path / "events.jsonl"
    generate.write(path, 200, 5)
    assert roads_agree(path, ["list"])[0] == 0
    assert taken == [True]
    # an actor the registry does not hold, first named in the second half: a warning
    # there, and the first half's events may name it too; read here again
    values = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    values[150]["actors"] = ["Someone New"]
    values[20]["actors"] = ["someone new"]
    path.write_text(lines(values), encoding="utf-8")
    taken.clear()
    code, _, err = roads_agree(path, ["check"])
    assert taken == [] and err.count("not registered") == 1 and ":21:1: warning" in err


def test_the_progress_of_a_file_read_in_halves_is_of_the_whole_file(tmp_path, monkeypatch):
    """This process reads the first half while its child reads the second: it said 50% at
    its half's end, and a reading line stopped there until the file was read."""
    monkeypatch.setattr(stream, "CHUNK", 256)
    monkeypatch.setattr(stream, "HALVES", 0)
    path = tmp_path / "events.jsonl"
    generate.write(path, 200, 5)
    fractions = []
    scan = stream.Scan(path, lambda stage, fraction=None: fraction is not None and fractions.append(fraction))
    scan.close()
    assert fractions == sorted(fractions) and fractions[-1] > 0.95


def test_the_second_half_of_the_output_is_the_childs(tmp_path, monkeypatch):
    """Written in two halves, each format takes the child's half (were it refused, this
    process would write it, and the roads would agree all the same)."""
    monkeypatch.setattr(stream, "WRITE_HALVES", 0)
    statuses = []
    waitpid = stream.os.waitpid
    monkeypatch.setattr(stream.os, "waitpid", lambda pid, options: statuses.append(waitpid(pid, options)[1])
                        or (pid, statuses[-1]))
    path = tmp_path / "events.jsonl"
    generate.write(path, 60, 2)
    for command in FORMATS[1:]:
        statuses.clear()
        assert roads_agree(path, command, ["--from", "2000"])[0] == 0
        assert statuses == [0], command


def test_a_pipe_closed_early_ends_the_command_quietly(tmp_path):
    """`timeline list FILE | head`: exit 0, and no message."""
    import subprocess
    import sys

    path = tmp_path / "events.jsonl"
    generate.write(path, 3000, 4)
    for command in (["list"], ["export", "--format", "csv"]):
        process = subprocess.Popen([sys.executable, "-m", "timeline", command[0], str(path), *command[1:]],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout.readline()
        process.stdout.close()
        assert process.wait(timeout=60) == 0
        assert process.stderr.read() == b""
