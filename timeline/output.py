"""Writing a file the user asked for: never over the events file being read, never over
an existing file unless the user named it to be replaced, and atomically, so a failed
write never leaves half a file where a good one was (or was not)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(ValueError):
    """The file cannot or must not be written; the message says why and what to do."""


def write_file(target: str | Path, text: str, *, input_path: str | Path | None = None,
               overwrite: bool = False) -> Path:
    """Write `text` to `target` as UTF-8 and return its path, or raise OutputError."""
    target = Path(target).expanduser()
    if input_path is not None and target.exists() and target.resolve() == Path(input_path).resolve():
        raise OutputError(f"{target}: that is the input file; choose another name for the output")
    if not overwrite and target.exists():
        raise OutputError(f"{target} exists already; choose a new name")
    if not target.parent.is_dir():
        raise OutputError(f"{target}: the folder {target.parent} does not exist; create it or choose another")
    try:
        _write_atomically(target, text.encode("utf-8"), overwrite)
    except FileExistsError:  # created by someone else since the check above
        raise OutputError(f"{target} exists already; choose a new name") from None
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    return target


def _write_atomically(target: Path, data: bytes, overwrite: bool) -> None:
    """Write beside the target, then move into place in one step. A new file is linked in,
    which fails rather than replace a file that appeared meanwhile."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
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
