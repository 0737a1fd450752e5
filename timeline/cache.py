"""A cache of parsed and validated events files, so a file opened before opens at once.

Kept in the user's cache folder (never beside their files), one entry per file path. An
entry is used only when the file's size, modification time and content hash all match
what was cached; anything else, or an entry that cannot be read, is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from . import __version__
from .loader import load
from .model import Timeline
from .parsing import bulk_allocation

# Part of every entry: a new format or a new release never reads an old entry.
FORMAT = f"timeline-cache-6-{__version__}"  # 6: search texts without accents (5: YAML scalars as written)
TEXT_CHUNK = 20_000  # search texts per pickled chunk


def cache_dir() -> Path:
    override = os.environ.get("TIMELINE_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("timeline"))


def entry_path(path: Path) -> Path:
    key = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:32]
    return cache_dir() / f"{key}.pickle"


def _fingerprint(path: Path) -> tuple:
    """Path, size, time and content hash; the content is hashed in chunks, so a large file
    is never held whole just to be hashed (at the peak, that would add its size to memory)."""
    stat = path.stat()
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns, digest.hexdigest())


def load_cached(path: str | Path, use_cache: bool = True, progress=None) -> Timeline:
    """Load through the cache: from it when it matches the file, else from the file
    (validating it; errors raise LoadError as `load` does). A timeline read from the file
    carries `pending_cache`; `save` writes it (the app does so after its first screen)."""
    path = Path(path)
    if not use_cache or not path.is_file():
        return load(path, progress)
    try:
        fingerprint = _fingerprint(path)
    except OSError:
        return load(path, progress)
    entry = entry_path(path)
    timeline = read_entry(entry, fingerprint)
    if timeline is None:
        timeline = load(path, progress)
        timeline.pending_cache = (entry, fingerprint)
    return timeline


def read_entry(entry: Path, fingerprint: tuple) -> Timeline | None:
    """The cached timeline, or None when there is none, it is stale, or it is damaged."""
    try:
        with bulk_allocation():
            data = pickle.loads(entry.read_bytes())
        if data.get("format") != FORMAT or data.get("fingerprint") != fingerprint:
            return None
        timeline = Timeline(data["records"], data["sources"], data["actors"], data["kinds"], data["title"],
                            columns=data["columns"])
    except Exception:  # a damaged entry of any kind is only a cache miss
        return None
    timeline.path = data["path"]
    timeline.corpus = data["corpus"]
    timeline.warnings = data["warnings"]
    timeline.texts_loader = lambda: _read_texts(entry, fingerprint, len(timeline.records))
    return timeline


def _texts_path(entry: Path) -> Path:
    return entry.with_suffix(".texts.pickle")


def _read_texts(entry: Path, fingerprint: tuple, count: int) -> list[str] | None:
    """The search texts kept beside an entry; they are read after the first screen."""
    try:
        data = pickle.loads(_texts_path(entry).read_bytes())
        if data["fingerprint"] != fingerprint:
            return None
        texts: list[str] = []
        # Chunk by chunk: one pickle.loads of a million strings would hold the GIL for a
        # second, and the screen, drawn by the other thread, would freeze.
        for chunk in data["chunks"]:
            with bulk_allocation():
                texts.extend(pickle.loads(chunk))
        if len(texts) == count:
            return texts
    except Exception:  # damaged or missing: the texts are built again
        pass
    return None


def save(timeline: Timeline) -> None:
    """Write the cache entry a fresh load left pending (a no-op otherwise).

    Records are stored pickled one by one, so a later start reads a list of small byte
    strings instead of rebuilding a million tuples; each is unpickled when shown.
    """
    pending = getattr(timeline, "pending_cache", None)
    if pending is None:
        return
    entry, fingerprint = pending
    from .query import Searcher

    Searcher(timeline).prepare()
    columns = timeline.columns()
    records = [r if type(r) is bytes else pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in timeline.records]
    data = {
        "format": FORMAT, "fingerprint": fingerprint, "path": timeline.path, "title": timeline.title,
        "sources": timeline.sources, "actors": timeline.actors, "kinds": timeline.kinds,
        "corpus": timeline.corpus, "warnings": timeline.warnings, "records": records, "columns": columns,
    }
    texts = timeline.search_texts
    chunks = [pickle.dumps(texts[i:i + TEXT_CHUNK], protocol=pickle.HIGHEST_PROTOCOL)
              for i in range(0, len(texts), TEXT_CHUNK)]
    _write_atomically(_texts_path(entry), {"fingerprint": fingerprint, "chunks": chunks})
    _write_atomically(entry, data)
    timeline.pending_cache = None


def _write_atomically(entry: Path, data: dict) -> None:
    """A reader never sees half an entry; failing to cache is not an error."""
    temporary = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=entry.parent, delete=False, suffix=".tmp") as out:
            temporary = out.name
            pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except OSError:
        if temporary:
            try:
                os.unlink(temporary)
            except OSError:
                pass
