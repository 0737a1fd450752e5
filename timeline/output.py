"""Writing a file the user asked for: never over the events file being read, never over
an existing file unless the user named it to be replaced, and atomically, so a failed
write never leaves half a file where a good one was (or was not)."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(ValueError):
    """The file cannot or must not be written; the message says why and what to do."""


class OutputExists(OutputError):
    """The file exists and was not named to be replaced (the command line's --force)."""


def write_file(target: str | Path, text: str | bytes | Iterable[str], *, input_path: str | Path | None = None,
               overwrite: bool = False) -> Path:
    """Write `text` (or its pieces, one after another) to `target` as UTF-8 (bytes as they
    are) and return its path, or raise OutputError. Pieces are written as they come: the
    whole is never held."""
    target = Path(target).expanduser()
    existing = _status(target)
    if existing is not None:
        if input_path is not None and _same_file(existing, target, Path(input_path)):
            raise OutputError(f"{target}: that is the input file; choose another name for the output")
        if not stat.S_ISREG(existing.st_mode):  # a rename over /dev/null would replace the device
            raise OutputError(f"{target} is not a regular file; choose a file name for the output")
        if not overwrite:
            raise OutputExists(f"{target} exists already; choose a new name")
    if not target.parent.is_dir():
        raise OutputError(f"{target}: the folder {target.parent} does not exist; create it or choose another")
    try:
        if isinstance(text, bytes):
            pieces = [text]
        else:
            pieces = (piece.encode("utf-8") for piece in ([text] if isinstance(text, str) else text))
        _write_atomically(target, pieces, overwrite)
    except FileExistsError:  # created by someone else since the check above
        raise OutputExists(f"{target} exists already; choose a new name") from None
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    return target


def free_name(target: str | Path) -> Path:
    """The first of `events-2.md`, `events-3.md`, ... beside `events.md` that is not
    taken (by a file, a folder or a link, even a broken one)."""
    target = Path(target).expanduser()
    number = 2
    while True:
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")
        if not taken(candidate):
            return candidate
        number += 1


def taken(path: str | Path) -> bool:
    """Whether anything stands at the path: a file, a folder, a link (even a broken one)."""
    return os.path.lexists(Path(path).expanduser())


def _status(path: Path) -> os.stat_result | None:
    """What the path leads to (through any link), or None when nothing is there."""
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _same_file(existing: os.stat_result, target: Path, input_path: Path) -> bool:
    """Whether the target is the input under any name: its path, a symbolic link to it or
    a hard link of it. Device and inode say so where paths cannot (a hard link)."""
    try:
        read = input_path.stat()
    except OSError:  # the input is gone: only its path can tell
        return target.resolve() == input_path.resolve()
    return (existing.st_dev, existing.st_ino) == (read.st_dev, read.st_ino)


def _write_atomically(target: Path, data: Iterable[bytes], overwrite: bool) -> None:
    """Write beside the target, then move into place in one step. A new file is linked in,
    which fails rather than replace a file that appeared meanwhile."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.writelines(data)
            stream.flush()
            os.fsync(stream.fileno())  # on disk before it takes the name: a crash leaves old or new, whole
        os.chmod(temporary, 0o666 & ~_umask())  # as a plain open() would have made it
        if overwrite:
            os.replace(temporary, target)
            return
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise
        except OSError:  # no hard links on this file system: the check in write_file guards
            os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
