"""The warm road (warm.py): `check`, `list` and `export` of a JSON Lines file with a valid
cache entry work from the store, and print the same bytes, messages and exit code as the
streaming road and the Timeline road, whatever the file and the filters; an entry that is
stale or damaged is never used (the streaming road is taken, with the same output).

Each file is run down the streaming and Timeline roads first (test_stream's roads_agree),
then its entry is written as the app writes it, and the command is run again, from the
store: the file is not read again (a Scan would fail the test).
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from test_loader_paths import events_file, examples, jsonl_text
from test_stream import FORMATS, filters, generate, roads_agree, run

from timeline import cli, store, stream, warm
from timeline.cache import entry_path, load_cached, save, store_paths
from timeline.problems import LoadError


def write_entry(path) -> bool:
    """The cache entry of `path`, as the app writes it; False for a file with errors (none)."""
    try:
        save(load_cached(path))
    except LoadError:
        return False
    return entry_path(path).exists()


class NoScan:
    """Stands in for stream.Scan where the warm road must be taken."""

    def __init__(self, *args, **kwargs):
        raise AssertionError("the file was read again, though its entry is valid")


def warm_run(arguments: list[str]) -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stream, "Scan", NoScan)
        return run(arguments)


def all_roads_agree(path, command: list[str], chosen: list[str] = ()) -> tuple[int, str, str]:
    """The streaming road, the Timeline road and (once the entry is written) the warm road
    give the same; the warm one without reading the file."""
    streamed = roads_agree(path, command, chosen)
    arguments = [command[0], str(path), *command[1:]] + ([] if command == ["check"] else list(chosen))
    if write_entry(path):
        assert warm_run(arguments) == streamed
    return streamed


@pytest.fixture(params=["one process", "two halves"])
def small_batches(request, monkeypatch):
    """The store in batches of a few rows (a filter then chooses some rows of some batches,
    none of others), and the output written in two halves as a large one is."""
    if request.param == "two halves":
        monkeypatch.setattr(store, "BATCH_ROWS", 3)
        monkeypatch.setattr(stream, "WRITE_HALVES", 0)
        monkeypatch.setattr(warm, "DROP_BATCHES", 1)
    return request.param


# A file drawn by test_loader_paths's strategies (good and broken), or made by generate.py
FILES = st.one_of(st.tuples(events_file(), st.booleans()), st.tuples(st.integers(1, 120), st.integers(0, 1000)))


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.function_scoped_fixture])
@given(FILES, st.sampled_from(FORMATS), filters())
def test_the_warm_road_agrees_on_any_file(tmp_path_factory, small_batches, drawn, command, chosen):
    path = tmp_path_factory.mktemp("warm") / "events.jsonl"
    if isinstance(drawn[0], dict):
        path.write_text(jsonl_text(*drawn), encoding="utf-8")
    else:
        generate.write(path, *drawn)
    all_roads_agree(path, command, chosen)


def test_filtered_exports_with_links_agree(tmp_path, small_batches):
    """Links out of the export (left out and counted), the Sources of a chronology."""
    path = tmp_path / "events.jsonl"
    generate.write(path, 200, 1)
    for command, chosen in [(["export", "--format", "jsonl"], ["--kind", "statement", "--from", "2010"]),
                            (["export", "--format", "csv"], ["--search", "forces"]),
                            (["export", "--format", "markdown"], ["--location", "gro"]),
                            (["list"], ["--tag", "video"]), (["export", "--format", "html"], ["--not-kind", "claim"])]:
        code, out, err = all_roads_agree(path, command, chosen)
        assert code in (0, 2)
    assert "links to events outside the export left out" in all_roads_agree(
        path, ["export", "--format", "csv"], ["--search", "forces"])[2]


# --- an entry that must not be used ---------------------------------------------------------


@pytest.fixture
def entry(tmp_path):
    """A file of generated events with its entry written, and its output down the warm road."""
    path = tmp_path / "events.jsonl"
    generate.write(path, 150, 3)
    assert write_entry(path)
    arguments = ["export", str(path), "--format", "jsonl"]
    return path, arguments, warm_run(arguments)


def streamed_only(arguments):
    """The command as the streaming road runs it, no entry looked at."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(warm, "warm_scan", lambda *a, **k: None)
        return run(arguments)


def test_a_file_changed_after_its_entry_was_written_is_read_again(entry):
    """Same size, same modification time, another title: only the content hash tells."""
    path, arguments, before = entry
    status = path.stat()
    text = path.read_bytes()
    at = text.index(b'"title": "') + len(b'"title": "')
    changed = text[:at] + (b"X" if text[at:at + 1] != b"X" else b"Y") + text[at + 1:]
    path.write_bytes(changed)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    assert warm.warm_scan(path) is None
    after = run(arguments)
    assert after == streamed_only(arguments) and after != before


def _damage(path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("part", ["events", "columns"])
@pytest.mark.parametrize("where", ["a column's data", "the footer", "cut short"])
def test_a_damaged_store_is_never_used(entry, part, where):
    path, arguments, before = entry
    stored = store_paths(entry_path(path))[part]
    size = stored.stat().st_size
    if where == "cut short":
        with open(stored, "r+b") as out:
            out.truncate(size - 8)
    else:
        _damage(stored, size // 2 if where == "a column's data" else size - 12)
    assert warm.warm_scan(path) is None
    assert run(arguments) == streamed_only(arguments) == before


def test_a_damaged_header_or_a_missing_store_is_never_used(entry):
    path, arguments, before = entry
    header = entry_path(path)
    _damage(header, header.stat().st_size // 2)
    assert warm.warm_scan(path) is None
    assert run(arguments) == before
    write_entry(path)
    assert warm.warm_scan(path) is not None
    store_paths(entry_path(path))["events"].unlink()
    assert warm.warm_scan(path) is None
    assert run(arguments) == before


def test_a_row_the_loader_would_not_give_takes_the_stores_own_road(entry, monkeypatch):
    """A batch whose rows do not check (an entry made by hand) is decoded row by row,
    as the app decodes it, which reads the file again for a row that fails."""
    path, arguments, before = entry
    monkeypatch.setattr(warm, "decode_batch", lambda batch: (_ for _ in ()).throw(ValueError("made by hand")))
    assert warm_run(arguments) == before


def test_a_pipe_closed_early_on_the_warm_road(entry):
    """`timeline list FILE | head`: the first lines, exit 0, nothing on standard error."""
    import subprocess
    import sys

    path, _, _ = entry
    shell = f"{sys.executable} -m timeline list {path} | head -3"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True,
                          env={**os.environ})
    assert done.returncode == 0 and done.stderr == "" and len(done.stdout.splitlines()) == 3


@pytest.mark.parametrize("with_entry", [False, True])
def test_a_parquet_export_of_json_lines_is_parquet(tmp_path, with_entry):
    """It was JSON Lines under the name given, down the streaming road."""
    from timeline.loader import load

    path = tmp_path / "events.jsonl"
    generate.write(path, 30, 2)
    if with_entry:
        assert write_entry(path)
    target = tmp_path / "out.parquet"
    assert run(["export", str(path), "--format", "parquet", "-o", str(target)])[0] == 0
    assert target.read_bytes()[:4] == b"PAR1"
    assert [e.id for e in load(target).events] == [e.id for e in load(path).events]
    assert run(["export", str(path), "--format", "parquet"])[0] == 2  # not to a terminal or a pipe
