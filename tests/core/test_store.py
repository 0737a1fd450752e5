"""The columnar store (store.py): a timeline read back from it is the timeline its file
loads as, event for event, column for column, on any file the loader takes."""

import mmap
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from test_loader_paths import events_file, examples, jsonl_text, yaml_text

from timeline import store
from timeline.cache import entry_path, load_cached, save, store_paths
from timeline.loader import load
from timeline.problems import LoadError
from timeline.query import Query, Searcher


def plain(indexes: dict) -> dict:
    return {name: {key: list(positions) for key, positions in index.items()} for name, index in indexes.items()}


def assert_agree(stored, fresh) -> None:
    assert type(stored.records) is store.StoredRecords  # read in place, not loaded again
    assert [stored.record(i) for i in range(len(stored.records))] == list(fresh.records)
    assert list(stored.events) == list(fresh.events)
    assert stored.columns() == fresh.columns()
    assert dict(stored.incoming.items()) == dict(fresh.incoming.items())
    assert {i: stored.by_id[i] for i in fresh.ids} == dict(fresh.by_id)
    assert plain(stored.index_map()) == plain(fresh.index_map())
    assert Searcher(stored).texts() == Searcher(fresh).texts()
    assert type(stored.text_buffer.data) is mmap.mmap or not len(fresh.records)  # searched in place, in the mapped file
    for query in queries_of(fresh):
        assert list(Searcher(stored).run(query)) == list(Searcher(fresh).run(query))
    assert (dict(stored.sources), stored.actors, stored.kinds, stored.title, stored.warnings) == (
        fresh.sources, fresh.actors, fresh.kinds, fresh.title, fresh.warnings)


def queries_of(timeline) -> list[Query]:
    """Searches the events' own words make: a word of the first and of the last title, a
    phrase, a word typed on and a regular expression, each alone and with a filter by kind."""
    if not len(timeline.records):
        return [Query(text="x")]
    words = [w for i in (0, -1) for w in timeline.events[i].title.split()[:2]]
    texts = [*words, " ".join(words[:2]), f'"{" ".join(words[:2])}"', words[0][:1], "/" + re.escape(words[0]),
             "no-such-word-anywhere"]
    kind = timeline.events[0].kind
    return [Query(text=text) for text in texts] + [Query(text=text, kinds=(kind,)) for text in texts[:2]]


def stored_copy(path):
    save(load_cached(path))
    timeline = load_cached(path)
    assert timeline.pending_cache is None, "not read from the store"
    return timeline


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("store")


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events_file(), st.booleans())
def test_the_store_gives_back_what_the_loader_made(folder, top, as_yaml):
    path = folder / ("events.yaml" if as_yaml else "events.jsonl")
    path.write_text(yaml_text(top) if as_yaml else jsonl_text(top, header=True), encoding="utf-8")
    entry_path(path).unlink(missing_ok=True)
    try:
        fresh = load(path)
    except LoadError:
        return
    assert_agree(stored_copy(path), fresh)


@settings(max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])
@given(st.integers(0, 10**6), st.integers(1, 400), st.sampled_from([".jsonl", ".yaml"]))
def test_the_store_of_a_generated_file_agrees_with_the_loader(tmp_path, monkeypatch, seed, count, suffix):
    """Files as the benchmarks make them, of any size and seed, across batches of 128 rows:
    every event, column, index and search of the store is the loader's."""
    from test_cache import generated

    monkeypatch.setattr(store, "BATCH_ROWS", 128)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one for each example: the tmp_path is the test's
    path = generated(folder, count, suffix, seed)
    assert_agree(stored_copy(path), load(path))


def test_many_batches(tmp_path, monkeypatch):
    """Rows across batches, a batch shorter than the others last."""
    from test_cache import generated

    monkeypatch.setattr(store, "BATCH_ROWS", 128)
    path = generated(tmp_path, 1000, ".jsonl")
    stored = stored_copy(path)
    assert stored.records.file.batch_count == 8
    assert_agree(stored, load(path))


def test_nothing_per_event_is_built_at_open(tmp_path):
    from test_cache import generated

    path = generated(tmp_path, 2000, ".jsonl")
    stored = stored_copy(path)
    assert stored.records.kept == {}  # no row decoded
    assert isinstance(stored.first_day, memoryview) and isinstance(stored.by_id, store.IdLookup)
    assert stored.by_id[stored.ids[1234]] == 1234 and "no-such-id" not in stored.by_id
    assert stored.records.kept == {}
    stored.events[1500]
    assert list(stored.records.kept) == [1500]


def _rewrite_texts(path, schema, batches_of) -> None:
    """The store's texts file written again, its CRCs right, as `batches_of(texts)` gives."""
    from timeline.cache_entry import Container, pack

    entry = entry_path(path)
    header = dict(Container(entry.read_bytes()).header)
    target = store_paths(entry)["texts"]
    texts = Searcher(load(path)).texts()
    header["files"]["texts"] = store.write_file(target, schema, batches_of(texts))
    entry.write_bytes(b"".join(pack(header)))


@pytest.mark.parametrize("layout", ["several batches", "another schema"])
def test_texts_not_as_written_are_never_searched(tmp_path, layout):
    """Texts in several batches (an entry written before one batch) or of another type,
    their CRCs right: made again from the records, never searched as they are."""
    import pyarrow as pa

    from test_cache import generated

    path = generated(tmp_path, 300, ".jsonl")
    fresh = load(path)
    stored_copy(path)
    schema = store.texts_schema()
    if layout == "several batches":
        _rewrite_texts(path, schema, lambda texts: [pa.record_batch([pa.array(texts[:100], pa.large_string())], schema=schema),
                                                    pa.record_batch([pa.array(texts[100:], pa.large_string())], schema=schema)])
    elif layout == "another schema":
        other = pa.schema([("search", pa.string())])
        _rewrite_texts(path, other, lambda texts: [pa.record_batch([pa.array(texts, pa.string())], schema=other)])
    timeline = load_cached(path)
    assert type(timeline.records) is store.StoredRecords  # the rest of the store is used
    assert timeline.texts_loader() is None  # not taken: made again from the records
    for query in queries_of(fresh):
        assert list(Searcher(timeline).run(query)) == list(Searcher(fresh).run(query))


def test_positions_past_the_events_are_caught_in_small_and_large_indexes():
    """Large indexes are checked by Arrow (which lets the screen's thread run meanwhile),
    small ones in Python: the same verdict either way."""
    import pyarrow as pa

    for size in (10, store.WITHIN_CHUNK + 10, store.WITHIN_ARROW + 10):
        good = list(range(size))
        assert store._within(pa.array(good, pa.int32()), size)
        assert not store._within(pa.array(good, pa.int32()), size - 1)  # one past the last event
        assert not store._within(pa.array([-1] + good[1:], pa.int32()), size)
    assert store._within(pa.array([], pa.int32()), 0)
