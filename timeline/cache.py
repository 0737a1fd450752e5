"""A cache of parsed and validated events files, so a file opened before opens at once.

Kept in the user's cache folder (never beside their files), one entry per file path: a
header (cache_entry.py) and the Arrow files of the columnar store (store.py), read in
place; reading an entry runs nothing from it. An entry is used only when the file's size,
modification time, inode and status-change time, and (checked after the first screen in
the app, at once elsewhere) its content hash all match what was cached; anything else, or an entry
that cannot be read, is a miss, and the file is loaded.

Only a folder that is the user's alone is used (made with mode 0o700): in a folder or an
entry that another user owns or may write, an entry could be anyone's, and none is read
or written there.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

from . import __version__
from .cache_entry import INT, TEXT, Container, decode_header, encode_header
from .loader import load
from .model import Timeline

# Part of every entry: a new format or a new release never reads an old entry.
def _code_stamp() -> str:
    """A hash of the code that decides what a file means. An entry holds what one version
    of the readers and the validator made of a file; when they change (a rule added, a
    file now refused), entries made by the old code must not stand for the new verdict,
    and the version number is not bumped for every change."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    for name in ("parsing.py", "validation.py", "fastpath.py", "loader.py", "model.py", "dates.py",
                 "controls.py", "cache_entry.py", "store.py", "parquet.py", "search.py", "query.py"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:16]


# 9: the columnar store in Arrow files; 8: citations with a paraphrase; 7: search texts without
# accents; 6: header and sections of data, no pickle
FORMAT = f"timeline-cache-9-{__version__}-{_code_stamp()}"


def cache_dir() -> Path:
    override = os.environ.get("TIMELINE_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("timeline"))


def entry_path(path: Path) -> Path:
    key = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:32]
    return cache_dir() / f"{key}.entry"


STORE_FILES = ("events", "columns", "index", "texts")


def store_paths(entry: Path) -> dict[str, Path]:
    """The Arrow files of an entry's store, beside its header."""
    return {name: entry.with_suffix(f".{name}.arrow") for name in STORE_FILES}


# --- whose folder -----------------------------------------------------------------------


def _private(status: os.stat_result) -> bool:
    """Owned by this user, and no one else may write it. (Windows has no user ids in a
    stat, nor write bits for others: there, the cache folder of the user's profile is theirs.)"""
    user = os.geteuid() if hasattr(os, "geteuid") else status.st_uid
    return status.st_uid == user and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _folder_usable(folder: Path) -> bool:
    """Whether entries may be read and written in `folder`: it is the user's alone, or it
    does not exist yet (`save` makes it so)."""
    try:
        status = os.stat(folder)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISDIR(status.st_mode) and _private(status)


def _read_private(path: Path) -> bytes | None:
    """The bytes of a cache file that is the user's alone, in a folder that is; else None."""
    if not _folder_usable(path.parent):
        return None
    try:
        with open(path, "rb") as stream:
            if not _private(os.fstat(stream.fileno())):  # the file opened, not a name looked up again
                return None
            return stream.read()
    except OSError:
        return None


# --- reading ----------------------------------------------------------------------------


class Fingerprint:
    """What a file's status says of it, taken at once: its path, size, modification time,
    inode (an editor's save by rename makes a new file) and status-change time (a rewrite
    that puts the modification time back cannot put that back); and the hash of its
    content, worked out in a thread when first asked for (hashing and reading release the
    GIL, so on a second core the hash costs the screen little). The content is hashed in
    chunks, so a large file is never held whole just to be hashed; `pause`, when given, is
    called between two chunks (the app waits there while the user is pressing keys: on a
    machine whose other core is busy, the hash would take the screen's time)."""

    def __init__(self, path: Path):
        status = path.stat()
        self.path = path
        self.known = (str(path.resolve()), status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)
        self._digest: str | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self, pause: Callable[[], None] | None = None) -> None:
        """Start hashing the content, unless it is under way already."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._hash, args=(pause,), daemon=True)
                self._thread.start()

    def _hash(self, pause: Callable[[], None] | None) -> None:
        digest = hashlib.sha256()
        try:
            with self.path.open("rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
                    if pause is not None:
                        pause()
        except OSError:
            return
        self._digest = digest.hexdigest()

    def value(self, pause: Callable[[], None] | None = None) -> tuple | None:
        """(path, size, time, inode, status time, hash), or None when the file could not be read."""
        self.start(pause)
        self._thread.join()
        return None if self._digest is None else (*self.known, self._digest)


def load_cached(path: str | Path, use_cache: bool = True, progress=None, check_content: bool = True) -> Timeline:
    """Load through the cache: from it when it matches the file, else from the file
    (validating it; errors raise LoadError as `load` does). A timeline read from the file
    carries `pending_cache`; `save` writes it (the app does so after its first screen).

    An entry is taken when the file's status is what it was (Fingerprint). Its content
    is then hashed too: here, before returning, or with `check_content=False` (the app,
    after its first screen) by the timeline's `content_check()`, False when the content
    is no longer what the entry was made from (then load it again, from the file)."""
    path = Path(path)
    entry = entry_path(path)
    if not use_cache or not path.is_file() or not _folder_usable(entry.parent):
        return load(path, progress)
    try:
        fingerprint = Fingerprint(path)
    except OSError:
        return load(path, progress)
    timeline = read_entry(entry, fingerprint)
    if timeline is not None and check_content and not timeline.content_check():
        timeline = None
    if timeline is None:
        fingerprint.start()  # hashed while the file is loaded
        timeline = load(path, progress)
        known = fingerprint.value()
        if known is not None:
            timeline.pending_cache = (entry, known)
    return timeline


def open_for_app(path: str | Path) -> tuple[Timeline | None, Path | None]:
    """For the app: the timeline of the entry made for the file (its content checked by
    `content_check`, after the first screen), or None and the entry a first reading may
    write (coldopen.py); that is None too when no entry can be used here."""
    found = usable_entry(Path(path))
    if found is None:
        return None, None
    entry, fingerprint = found
    timeline = read_entry(entry, fingerprint)
    return timeline, None if timeline is not None else entry


def usable_entry(path: Path) -> tuple[Path, Fingerprint] | None:
    """Where the file's entry is (or would be written) and the file's fingerprint, or None
    when no entry can be used here (not a regular file, an unsafe cache folder)."""
    entry = entry_path(path)
    if not path.is_file() or not _folder_usable(entry.parent):
        return None
    try:
        return entry, Fingerprint(path)
    except OSError:
        return None


def read_entry(entry: Path, fingerprint: Fingerprint) -> Timeline | None:
    """The cached timeline when the entry was made for the file as its status describes
    it (its content is checked by `content_check`), or None when there is none, it is
    stale, or it is damaged."""
    data = _read_private(entry)
    if data is None:
        return None
    try:
        container = Container(data)
        recorded = tuple(container.get("fingerprint", (list,)))
        if container.get("format", TEXT) != FORMAT or recorded[:-1] != fingerprint.known:
            return None
        from .store import open_timeline  # pyarrow: imported only when there is an entry to read

        timeline = decode_header(container)
        path = timeline.path
        open_timeline(store_paths(entry), container.get("files", (dict,)), timeline, container.get("count", INT),
                      _private_descriptor, partial(load, path))
    except Exception:  # a damaged entry of any kind is only a cache miss
        return None
    timeline.content_check = lambda pause=None: fingerprint.value(pause) == recorded
    return timeline


def _private_descriptor(descriptor: int) -> bool:
    return _private(os.fstat(descriptor))


# --- writing ----------------------------------------------------------------------------


def save(timeline: Timeline, split: bool = False) -> None:
    """Write the cache entry a fresh load left pending (a no-op otherwise): the store's
    files first, then the header that names them, so that an entry is whole or missing.
    `split`: the events file is written by a forked child while this process writes the
    rest, on two cores (for a process that holds nothing else: coldopen.py's load child)."""
    pending = timeline.pending_cache
    if pending is None:
        return
    timeline.pending_cache = None
    entry, fingerprint = pending
    from .query import Searcher
    from .store import write_events, write_store

    if not make_folder(entry.parent):
        return
    try:
        entry.unlink(missing_ok=True)  # the old header, which no longer describes the files
        paths = store_paths(entry)
        events = written_apart(lambda: write_events(timeline, paths)) if split else None
        files = write_store(timeline, paths, Searcher(timeline).buffer(), events)
    except Exception:  # noqa: BLE001 - a value the format would not give back as it is, a full disk: not cached
        return
    write_header(entry, timeline, fingerprint, files)


def write_header(entry: Path, timeline: Timeline, fingerprint: tuple, files: dict) -> None:
    """The entry's header, once the store's `files` are in place (a failure: not cached)."""
    try:
        header = encode_header(timeline, fingerprint, FORMAT, files)
    except Exception:  # noqa: BLE001 - a value the format would not give back as it is
        return
    _write_atomically(entry, header)
    for old in (entry.with_suffix(".pickle"), entry.with_suffix(".texts.pickle"), entry.with_suffix(".texts")):
        try:
            old.unlink(missing_ok=True)  # the entries of versions before 9, never read again
        except OSError:
            pass


def written_apart(write):
    """Fork a child that runs `write()` (which writes a file of the store and gives its
    description); a function that waits for it and gives the description (raising when
    the child could not write it)."""
    import orjson

    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the child: write, report, and leave without running the parent's exit code
        status = 1
        try:
            os.close(read_end)
            described = orjson.dumps(write())
            with os.fdopen(write_end, "wb") as out:
                out.write(described)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def described() -> dict:
        with os.fdopen(read_end, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(child, 0)
        if status != 0 or not data:
            raise OSError("the events file could not be written")
        return orjson.loads(data)  # data only, checked as the header's are when it is read

    return described


def make_folder(folder: Path) -> bool:
    """Make the cache folder, the user's alone; False when it cannot be used."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return _folder_usable(folder)


def _write_atomically(path: Path, pieces: list[bytes]) -> None:
    """A reader never sees half a file; failing to cache is not an error."""
    temporary = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as out:
            temporary = out.name
            out.writelines(pieces)
        os.replace(temporary, path)
    except OSError:
        if temporary:
            try:
                os.unlink(temporary)
            except OSError:
                pass
