"""The cache of parsed files: used when the file is unchanged, rebuilt when it changes,
ignored when damaged, and never a reason to show stale events."""

import os

from conftest import EVENTS

from timeline.cache import entry_path, load_cached, save
from timeline.loader import load, load_with_problems


def copy_events(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(EVENTS.read_bytes())
    return path


def test_second_load_comes_from_the_cache(tmp_path):
    path = copy_events(tmp_path)
    first = load_cached(path)
    assert first.pending_cache is not None
    save(first)
    assert entry_path(path).is_file()
    second = load_cached(path)
    assert second.pending_cache is None  # read from the cache, nothing to write
    assert second.ids == first.ids
    assert [e.title for e in second.events] == [e.title for e in first.events]
    assert second.events[3] == first.events[3]
    # the search texts come from beside the entry (read after the first screen), not rebuilt
    assert second.search_texts is None and second.texts_loader() == first.search_texts


def test_cache_is_rebuilt_when_the_file_changes(tmp_path):
    path = copy_events(tmp_path)
    save(load_cached(path))
    text = path.read_text(encoding="utf-8")
    old_title = load(path).events[0].title
    path.write_text(text.replace(old_title, "A changed title"), encoding="utf-8")
    changed = load_cached(path)
    assert changed.pending_cache is not None
    assert changed.events[0].title == "A changed title"


def test_same_size_and_time_but_other_content_is_not_trusted(tmp_path):
    path = copy_events(tmp_path)
    save(load_cached(path))
    stat = path.stat()
    data = path.read_bytes()
    swapped = data.replace(b"Kadyrov takes power", b"Kadyrov TAKES power", 1)
    assert len(swapped) == len(data)
    path.write_bytes(swapped)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_cached(path).events[0].title.startswith("Kadyrov TAKES power")


def test_damaged_cache_is_ignored(tmp_path):
    path = copy_events(tmp_path)
    save(load_cached(path))
    entry_path(path).write_bytes(b"not a pickle at all")
    timeline = load_cached(path)
    assert len(timeline.events) == len(load(path).events)
    assert timeline.pending_cache is not None  # will be written again
    save(timeline)
    assert load_cached(path).pending_cache is None


def test_cache_write_failure_is_not_an_error(tmp_path, monkeypatch):
    path = copy_events(tmp_path)
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(blocker))
    timeline = load_cached(path)
    save(timeline)  # no exception
    assert len(timeline.events) > 0


def test_fast_and_exact_readers_agree(tmp_path):
    fast = load(EVENTS)
    exact, problems = load_with_problems(EVENTS, exact=True)
    assert problems == []
    strip_lines = lambda r: (r[:9] + (tuple(c[:2] for c in r[9]), tuple(x[:2] for x in r[10])) + r[11:13])
    assert [strip_lines(r) for r in fast.records] == [strip_lines(r) for r in exact.records]


def test_a_file_with_warnings_is_read_exactly(write):
    path = write("w.yaml", """
        actors:
          a: {name: A}
        events:
          - id: x
            date: 2016
            date_basis: year only
            kind: claim
            title: T
            actors: [Nobody]
            sources: [{source: s, quote: q}]
        sources:
          s: {outlet: O, published: 2016}
    """)
    timeline = load(path)
    assert [str(w).split(": ", 1)[0] for w in timeline.warnings] == [f"{path}:9:14"]
