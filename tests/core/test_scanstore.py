"""The store written from a streaming read (scanstore.py) is the store cache.save writes
of the loader's Timeline: read back, every event, column, index and search text agree,
on any JSON Lines file the loader takes; a file it refuses gives the loader's problems."""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from test_loader_paths import events_file, examples, jsonl_text
from test_store import assert_agree, plain

from timeline import scanstore, store
from timeline.cache import Fingerprint, entry_path, read_entry, store_paths
from timeline.loader import load
from timeline.problems import LoadError
from timeline.query import Searcher
from timeline.validation import no_progress


def scan_stored(path: Path):
    """The timeline read back from the entry the streaming road writes for `path`."""
    entry = entry_path(path)
    fingerprint = Fingerprint(path)
    assert scanstore.write_entry(path, entry, fingerprint.value, no_progress)
    timeline = read_entry(entry, Fingerprint(path))
    assert timeline is not None, "the entry written is not read"
    return timeline


def saved_stored(path: Path, folder: Path):
    """The timeline read back from the entry cache.save writes of the loader's Timeline."""
    from timeline.cache import save

    timeline = load(path)
    entry = folder / "saved.entry"
    timeline.pending_cache = (entry, Fingerprint(path).value())
    save(timeline)
    return read_entry(entry, Fingerprint(path))


def assert_same_stores(path: Path, folder: Path) -> None:
    fresh = load(path)
    streamed = scan_stored(path)
    assert_agree(streamed, fresh)
    saved = saved_stored(path, folder)
    assert [streamed.record(i) for i in range(len(fresh.records))] == [saved.record(i) for i in range(len(fresh.records))]
    assert streamed.columns() == saved.columns()
    assert plain(streamed.index_map()) == plain(saved.index_map())
    assert Searcher(streamed).texts() == Searcher(saved).texts()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("scanstore")


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events_file(), st.booleans())
def test_the_streamed_store_is_the_loaders(folder, top, header):
    path = folder / "events.jsonl"
    path.write_text(jsonl_text(top, header=header), encoding="utf-8")
    try:
        load(path)
    except LoadError as error:
        with pytest.raises(LoadError) as raised:
            scanstore.write_entry(path, folder / "refused.entry", Fingerprint(path).value, no_progress)
        assert raised.value.problems == error.problems  # the loader's messages, in its order
        return
    assert_same_stores(path, folder)


@settings(max_examples=examples(6), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10**6), st.integers(1, 600))
def test_the_streamed_store_of_a_generated_file_is_the_loaders(tmp_path, monkeypatch, seed, count):
    """Files as the benchmarks make them, across batches of 128 rows."""
    from test_cache import generated

    monkeypatch.setattr(store, "BATCH_ROWS", 128)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    assert_same_stores(generated(folder, count, ".jsonl", seed), folder)


def test_a_file_read_in_two_halves(tmp_path, monkeypatch):
    """A file larger than stream.HALVES is read in two halves, the second by a forked child."""
    from test_cache import generated

    from timeline import stream

    monkeypatch.setattr(stream, "HALVES", 1 << 12)
    monkeypatch.setattr(stream, "CHUNK", 1 << 12)
    monkeypatch.setattr(store, "BATCH_ROWS", 128)
    assert_same_stores(generated(tmp_path, 1500, ".jsonl"), tmp_path)


def test_a_file_that_cannot_be_hashed_gets_no_entry(tmp_path):
    from test_cache import generated

    path = generated(tmp_path, 50, ".jsonl")
    entry = entry_path(path)
    assert not scanstore.write_entry(path, entry, lambda: None, no_progress)
    assert not entry.exists() and not any(p.exists() for p in store_paths(entry).values())


def test_a_second_half_that_fails_is_read_by_this_process(tmp_path, monkeypatch):
    """The child making the second half's batches dies: this process makes them itself."""
    from test_cache import generated

    def dies(*args):
        os._exit(1)

    monkeypatch.setattr(scanstore, "_second_half", dies)
    monkeypatch.setattr(store, "BATCH_ROWS", 128)
    assert_same_stores(generated(tmp_path, 700, ".jsonl"), tmp_path)
