"""Noticing that a file changed on disk, by polling what its status says of it.

Polling once a second costs nothing and works on every platform and file system, where
change notifications do not (network drives, editors that replace the file).
"""

from __future__ import annotations

import os
from pathlib import Path


class FileWatcher:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.seen = self._stamp()

    def _stamp(self) -> tuple[int, ...] | None:
        """Size and modification time, and what a rewrite that keeps them still changes:
        the inode (an editor's save by rename makes a new file) and the status-change time
        (a rewrite in place that puts the modification time back cannot put it back)."""
        try:
            stat = os.stat(self.path)
        except OSError:
            return None  # gone for a moment (an editor saving by rename): not a change yet
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)

    def changed(self) -> bool:
        """True once for each change since the last call that said so."""
        stamp = self._stamp()
        if stamp is None or stamp == self.seen:
            return False
        self.seen = stamp
        return True
