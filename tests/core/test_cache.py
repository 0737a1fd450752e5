"""The cache of parsed files: used when the file is unchanged, rebuilt when it changes,
ignored when damaged, never a way to run code, and never a reason to show stale events."""

import importlib.util
import os
import pickle
import stat
import pytest
from conftest import EVENTS, ROOT, recorded_for
from hypothesis import given, settings, strategies as st

from timeline import cache
from timeline.cache import entry_path, load_cached, save, store_paths
from timeline.loader import load, load_with_problems
from timeline.query import Searcher


def copy_events(tmp_path, source=EVENTS, name="events.yaml"):
    path = tmp_path / name
    path.write_bytes(source.read_bytes())
    return path


def cached(path):
    """The timeline of `path` as the cache gives it on a second open (the first writes it)."""
    save(load_cached(path))
    timeline = load_cached(path)
    assert timeline.pending_cache is None  # read from the cache, nothing to write
    return timeline


def assert_same(timeline, path):
    """Everything a timeline holds is what a fresh load of the file gives."""
    fresh = load(path)
    assert [timeline.record(i) for i in range(len(timeline.records))] == fresh.records  # tuples, not lists
    assert list(timeline.events) == list(fresh.events)
    assert (timeline.sources, timeline.actors, timeline.kinds) == (fresh.sources, fresh.actors, fresh.kinds)
    assert (timeline.warnings, timeline.title, timeline.path, timeline.corpus) == (
        fresh.warnings, fresh.title, fresh.path, fresh.corpus)
    assert plain(timeline.index_map()) == plain(fresh.index_map())
    assert timeline.columns() == fresh.columns()
    assert timeline.index_figures() == fresh.index_figures()
    assert Searcher(timeline).texts() == Searcher(fresh).texts()


def plain(indexes: dict) -> dict:
    """Indexes as dicts of lists: the store's are mappings of memoryviews."""
    return {name: {key: list(positions) for key, positions in index.items()} for name, index in indexes.items()}


def _texts_path(entry):
    return store_paths(entry)["texts"]


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
    assert second.text_buffer is None and second.texts_loader().texts() == Searcher(first).texts()


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
    stat_before = path.stat()
    data = path.read_bytes()
    swapped = data.replace(b"Kadyrov takes power", b"Kadyrov TAKES power", 1)
    assert len(swapped) == len(data)
    path.write_bytes(swapped)
    os.utime(path, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))
    assert load_cached(path).events[0].title.startswith("Kadyrov TAKES power")


def test_damaged_cache_is_ignored(tmp_path):
    path = copy_events(tmp_path)
    save(load_cached(path))
    entry_path(path).write_bytes(b"not an entry at all")
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


# --- no code from the cache -------------------------------------------------------------


class RunsCode:
    """Unpickled, it makes a folder: the mark that code from the cache ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def test_a_planted_pickle_is_never_run(tmp_path):
    path = copy_events(tmp_path)
    marker = tmp_path / "code-ran"
    entry = entry_path(path)
    entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    entry.write_bytes(pickle.dumps(RunsCode(marker)))
    timeline = load_cached(path)
    assert not marker.exists()
    assert list(timeline.events) == list(load(path).events)
    # the search texts, beside a good entry, are read after the first screen
    save(timeline)
    _texts_path(entry).write_bytes(pickle.dumps(RunsCode(marker)))
    again = load_cached(path)
    assert Searcher(again).texts() == Searcher(timeline).texts()  # built again
    assert not marker.exists()


@pytest.fixture
def no_pickle(monkeypatch):
    """Unpickling fails the test, wherever it is tried."""
    def refuse(*args, **kwargs):
        raise AssertionError("something unpickled")

    for name in ("loads", "load", "Unpickler"):
        monkeypatch.setattr(pickle, name, refuse)


@pytest.mark.parametrize("source, name", [(EVENTS, "events.yaml"), (ROOT / "tests" / "corpus" / "events.yaml", "c.yaml")])
def test_a_timeline_from_the_cache_is_the_file_loaded_afresh(tmp_path, no_pickle, source, name):
    path = copy_events(tmp_path, source, name)
    assert_same(cached(path), path)


def test_figures_warnings_and_inline_sources_come_back_as_they_were(write, no_pickle):
    path = write("w.yaml", """
        kinds: {protest: street protests}
        actors:
          a: {name: A, aliases: [Ay, the a], type: person, affiliation: Here}
        sources:
          s: {outlet: O, published: 2016-02~, headline: H, url: "https://x.org", file: s.txt, note: N}
          t: {outlet: P, published: ../2016}
        events:
          - id: x
            date: 2016-02-08/2016-02-09
            date_basis: two days
            kind: protest
            title: "1.10"
            summary: "a tab\\t and a\\nbreak"
            actors: [Nobody, {actor: a, role: target}]
            location: L
            status: alleged
            sources: [{source: s, quote: q}, {source: t, quote: r}]
            figures:
              - {quantity: killed, value: 2.5, what: people, qualifier: about, claimed_by: a, as_of: 2016-03}
              - {quantity: hurt, value: 7}
            tags: [t1, t2]
          - id: y
            date: ../2015-03
            kind: denial
            title: Y
            sources: [{source: t, quote: r}, {source: s, paraphrase: what it says}]
            related: [{type: denies, event: x}]
    """)
    timeline = cached(path)
    assert timeline.warnings and timeline.index_figures() == [1]
    assert_same(timeline, path)
    jsonl = write("i.jsonl", '{"id": "z", "date": "2016", "kind": "other", "title": "Z", '
                             '"sources": [{"source": "Reuters", "quote": "q", "published": "2016-01-02"}]}\n')
    assert_same(cached(jsonl), jsonl)


def generated(tmp_path, count: int, suffix: str, seed: int = 7):
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    path = tmp_path / f"generated{suffix}"
    generate.write(path, count, seed)
    return path


@pytest.mark.parametrize("suffix", [".jsonl", ".yaml"])
def test_a_generated_file_comes_back_from_the_cache_as_it_loads(tmp_path, no_pickle, suffix):
    path = generated(tmp_path, 3000, suffix)
    timeline = cached(path)
    assert timeline.text_buffer is None  # read after the first screen, not at open
    assert_same(timeline, path)


def test_the_pickles_of_earlier_versions_are_removed_when_an_entry_is_written(tmp_path):
    path = copy_events(tmp_path)
    entry = entry_path(path)
    entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    old = [entry.with_suffix(".pickle"), entry.with_suffix(".texts.pickle")]
    for leftover in old:
        leftover.write_bytes(b"an entry of version 5")
    save(load_cached(path))
    assert entry.is_file() and not any(leftover.exists() for leftover in old)


# --- whose folder -----------------------------------------------------------------------


@pytest.fixture
def counted_loads(monkeypatch):
    """How many times the cache had to load a file from the file itself."""
    calls = []

    def counting(path, progress=None):
        calls.append(path)
        return load(path, progress)

    monkeypatch.setattr(cache, "load", counting)
    return calls


def test_the_cache_folder_is_made_the_users_alone(tmp_path, monkeypatch):
    folder = tmp_path / "new" / "cache"
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(folder))
    save(load_cached(copy_events(tmp_path)))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_an_entry_in_a_folder_others_may_write_is_not_used(tmp_path, counted_loads, mode):
    path = copy_events(tmp_path)
    save(load_cached(path))
    entry_path(path).parent.chmod(mode)
    timeline = load_cached(path)
    assert len(counted_loads) == 2  # loaded from the file again
    assert list(timeline.events) == list(load(path).events)
    save(timeline)  # nothing is written there either
    entry_path(path).unlink()
    save(load_cached(path))
    assert not entry_path(path).exists()


def test_an_entry_others_may_write_is_not_used(tmp_path, counted_loads):
    path = copy_events(tmp_path)
    save(load_cached(path))
    entry_path(path).chmod(0o666)
    load_cached(path)
    assert len(counted_loads) == 2


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_folder_another_user_owns_is_not_used(tmp_path, counted_loads):
    path = copy_events(tmp_path)
    save(load_cached(path))
    os.chown(entry_path(path).parent, 65534, -1)
    load_cached(path)
    assert len(counted_loads) == 2


# --- damaged entries --------------------------------------------------------------------


@pytest.mark.parametrize("which", ["entry", "events", "columns", "index", "texts"])
def test_a_damaged_entry_never_raises_and_never_gives_other_events(tmp_path, which):
    path = copy_events(tmp_path)
    save(load_cached(path))
    target = entry_path(path) if which == "entry" else store_paths(entry_path(path))[which]
    good = target.read_bytes()
    fresh = load(path)
    events, texts, indexes = list(fresh.events), Searcher(fresh).texts(), plain(fresh.index_map())

    @settings(max_examples=60, deadline=None, derandomize=True, database=None)
    @given(st.lists(st.tuples(st.integers(0, len(good) - 1), st.integers(1, 255)), min_size=1, max_size=3),
           st.one_of(st.none(), st.integers(0, len(good) - 1)))
    def check(flips, cut):
        damaged = bytearray(good)
        for at, bits in flips:
            damaged[at] ^= bits
        target.write_bytes(bytes(damaged[:cut]))
        timeline = load_cached(path)
        assert list(timeline.events) == events
        assert timeline.columns() == fresh.columns()
        assert plain(timeline.index_map()) == indexes
        assert Searcher(timeline).texts() == texts

    check()


def rebuilt(path, change=None, file=None, rows=None):
    """Write the entry of `path` again, its CRCs right: its header after
    `change(header)`; the store's `file` with its rows after `rows(list of dicts)`."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    from timeline.cache_entry import Container, pack
    from timeline.store import write_file

    entry = entry_path(path)
    header = dict(Container(entry.read_bytes()).header)
    if file:
        target = store_paths(entry)[file]
        table = ipc.open_file(pa.memory_map(str(target))).read_all()
        changed = table.to_pylist()
        rows(changed)
        table = pa.Table.from_pylist(changed, schema=table.schema)
        header["files"][file] = write_file(target, table.schema, table.to_batches())
    if change:
        change(header)
    entry.write_bytes(b"".join(pack(header)))


def set_at(keys, value):
    def changing(header):
        target = header
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return changing


def in_row(index, change):
    def changing(rows):
        change(rows[index])
    return changing


MALFORMED = {
    "sources not a mapping": set_at(["sources"], 5),
    "a source of the wrong shape": lambda h: h["sources"].update({k: [1] for k in list(h["sources"])[:1]}),
    "an actor not registered by a bool": lambda h: next(iter(h["actors"].values())).__setitem__(5, 1),
    "a title that is a list": set_at(["title"], ["not", "text"]),
    "one event too many": lambda h: h.update(count=h["count"] + 1),
    "one event too few": lambda h: h.update(count=h["count"] - 1),
    "a file not described": lambda h: h["files"].pop("columns"),
    "a file of another size": lambda h: h["files"]["events"].update(size=h["files"]["events"]["size"] + 8),
    "regions that leave a gap": lambda h: h["files"]["events"]["regions"].pop(1),
    "a region of text": lambda h: h["files"]["columns"]["regions"][0].__setitem__(0, "0"),
    "a region's place of two numbers": lambda h: h["files"]["index"]["regions"].__setitem__(0, [0, 8]),
    "regions swapped": lambda h: h["files"].update(events=h["files"]["columns"], columns=h["files"]["events"]),
}

ROWS = {
    "a record of an unknown kind": ("events", in_row(2, lambda r: r.update(kind="no-such-kind"))),
    "a record of an unknown source": ("events", in_row(2, lambda r: r["sources"][0].update(source="no-such-source"))),
    "a record of an unknown actor": ("events", in_row(0, lambda r: r["actors"][0].update(actor="no-such-actor"))),
    "a record with no sources": ("events", in_row(2, lambda r: r.update(sources=[]))),
    "a citation both quote and paraphrase": ("events", in_row(2, lambda r: r["sources"][0].update(paraphrase="p"))),
    "a citation neither quote nor paraphrase": ("events", in_row(2, lambda r: r["sources"][0].update(quote=None))),
    "a record of a bad date": ("events", in_row(2, lambda r: r.update(date="2016-13-45"))),
    "a record with no title": ("events", in_row(2, lambda r: r.update(title=None))),
    "a record of no line": ("events", in_row(2, lambda r: r.update(line=None))),
    "a record of a relation of no type": ("events", in_row(0, lambda r: r.update(related=[{"type": "likes", "event": "x", "line": 1}]))),
    "a figure of a negative count": ("events", in_row(0, lambda r: r.update(figures=[
        {"quantity": "q", "value": -1.0, "what": None, "qualifier": "about", "claimed_by": None, "as_of": None}]))),
    "an event too few": ("events", lambda rows: rows.pop()),
    "a day column one short": ("columns", lambda rows: rows.pop()),
    "an id order past the events": ("columns", in_row(0, lambda r: r.update(id_order=10**6))),
    "an id order of no number": ("columns", in_row(0, lambda r: r.update(id_order=None))),
    "an id that is missing": ("columns", in_row(3, lambda r: r.update(id=None))),
    "a relation from past the events": ("columns", in_row(0, lambda r: r.update(incoming=[{"type": "denies", "event": 10**6}]))),
    "an index past the events": ("index", in_row(0, lambda r: r.update(events=[10**6]))),
    "an index of no name": ("index", in_row(0, lambda r: r.update(index=None))),
    "texts one short": ("texts", lambda rows: rows.pop()),
}


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_header_with_a_right_crc_is_only_a_miss(tmp_path, change):
    path = copy_events(tmp_path)
    save(load_cached(path))
    rebuilt(path, change)
    assert_same(load_cached(path), path)


@pytest.mark.parametrize("file, rows", ROWS.values(), ids=ROWS.keys())
def test_a_store_made_by_hand_with_right_crcs_never_gives_other_events(tmp_path, file, rows):
    path = copy_events(tmp_path)
    save(load_cached(path))
    rebuilt(path, file=file, rows=rows)
    assert_same(load_cached(path), path)


def test_a_bad_record_after_the_file_is_gone_stands_in_for_itself(tmp_path):
    path = copy_events(tmp_path)
    save(load_cached(path))
    rebuilt(path, file="events", rows=in_row(0, lambda r: r.update(sources=[])))
    timeline = load_cached(path)
    first_id = timeline.ids[0]
    path.unlink()
    event = timeline.events[0]  # neither the entry nor the file can give it
    assert event.id == first_id and "could not be read" in event.title
    assert timeline.events[1].id == timeline.ids[1] and "could not be read" not in timeline.events[1].title


def test_fast_and_exact_readers_agree(tmp_path):
    fast = load(EVENTS)
    exact, problems = load_with_problems(EVENTS, exact=True)
    assert problems == []
    strip_lines = lambda r: (r[:9] + (tuple(c[:2] + c[3:] for c in r[9]), tuple(x[:2] for x in r[10])) + r[11:13])
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


def test_an_entry_made_by_other_code_is_not_used(tmp_path, monkeypatch):
    """An entry holds the verdict of the readers and validator that made it: one made by
    other code (an older checkout of the same version) is rebuilt, never trusted."""
    path = tmp_path / "events.yaml"
    path.write_bytes(EVENTS.read_bytes())
    save(load_cached(path))
    assert load_cached(path).pending_cache is None  # this code's entry is used
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT.rsplit("-", 1)[0] + "-0123456789abcdef")
    assert load_cached(path).pending_cache is not None


def test_the_format_names_the_code_that_reads_files():
    assert cache.FORMAT.endswith(cache._code_stamp()) and len(cache._code_stamp()) == 16


# --- a warm open by the file's status; its content checked after ------------------------


def test_a_warm_open_takes_the_entry_by_the_status_and_hashes_the_content_after(tmp_path, monkeypatch):
    path = copy_events(tmp_path)
    save(load_cached(path))
    hashed = []
    monkeypatch.setattr(cache.Fingerprint, "_hash", lambda self: hashed.append(self.path))
    timeline = load_cached(path, check_content=False)
    assert timeline.pending_cache is None and hashed == []  # from the cache, nothing hashed yet
    monkeypatch.undo()
    assert timeline.content_check() is True


def test_a_change_the_status_does_not_show_is_caught_by_the_content(tmp_path):
    path = copy_events(tmp_path)
    text = path.read_text(encoding="utf-8")
    title = load(path).events[0].title
    recorded_for(path, text.replace(title, "A title of before").encode("utf-8"))
    opened = load_cached(path, check_content=False)  # the first screen: the entry, by the status
    assert opened.events[0].title == "A title of before"
    assert opened.content_check() is False  # after it: the content is not the entry's
    assert load_cached(path).events[0].title == title  # and loading again reads the file


def test_a_rewrite_that_puts_the_size_and_time_back_is_caught_by_the_status(tmp_path, counted_loads):
    path = copy_events(tmp_path)
    save(load_cached(path))
    before = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Kadyrov takes power", b"Kadyrov TAKES power", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    timeline = load_cached(path, check_content=False)
    assert timeline.pending_cache is not None and len(counted_loads) == 2  # loaded from the file
    assert timeline.events[0].title.startswith("Kadyrov TAKES power")


def test_the_content_hash_lets_a_pause_in_between_its_chunks_and_still_catches_a_change(tmp_path):
    """The app pauses the hash while the user presses keys (timeline/tui/app.py's Pause):
    it is called between chunks, and the verdict is the same."""
    path = copy_events(tmp_path)
    save(load_cached(path))
    pauses = []
    assert load_cached(path, check_content=False).content_check(lambda: pauses.append(1)) is True
    assert len(pauses) == -(-path.stat().st_size // (1 << 20))  # one a chunk of 1 MB
    text = path.read_text(encoding="utf-8")
    title = load(path).events[0].title
    recorded_for(path, text.replace(title, "A title of before").encode("utf-8"))
    assert load_cached(path, check_content=False).content_check(lambda: None) is False
