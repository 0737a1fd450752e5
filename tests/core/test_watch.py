"""Live reload: the app follows the file as it is edited, and keeps the last good data."""

import os
import time
import types
from pathlib import Path

from timeline.watch import FileWatcher


def test_watcher_reports_each_change_once(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("a")
    watcher = FileWatcher(path)
    assert not watcher.changed()
    path.write_text("ab")
    assert watcher.changed() and not watcher.changed()
    path.unlink()
    assert not watcher.changed()  # gone for a moment: not a change


def same_size_and_time(path, text: str) -> None:
    """Rewrite the file in place with text of the same length, and put its modification
    time back, as `touch -r` or a careful tool does: only its ctime shows the change."""
    before = os.stat(path)
    with open(path, "r+", encoding="utf-8") as stream:
        stream.write(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_watcher_sees_a_rewrite_that_keeps_size_and_time(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("aaaa")
    watcher = FileWatcher(path)
    time.sleep(0.01)  # a later ctime, on file systems with coarse clocks too
    same_size_and_time(path, "bbbb")
    assert os.stat(path).st_size == 4
    assert watcher.changed() and not watcher.changed()


def test_watcher_sees_a_save_by_rename_that_keeps_size_and_time(tmp_path):
    """An editor writes a new file beside the old one and renames it over: a new inode,
    even when its size and modification time are the old file's."""
    path, new = tmp_path / "f.yaml", tmp_path / ".f.yaml.swp"
    path.write_text("aaaa")
    watcher = FileWatcher(path)
    new.write_text("bbbb")
    old = os.stat(path)
    os.utime(new, ns=(old.st_atime_ns, old.st_mtime_ns))
    keep_alive = open(path)  # so the new file cannot be given the old one's inode number
    try:
        os.replace(new, path)
        assert watcher.changed() and not watcher.changed()
    finally:
        keep_alive.close()


def test_watcher_compares_the_inode_where_the_times_cannot_tell(tmp_path, monkeypatch):
    """Where clocks are coarse, a save by rename within the same tick keeps every time
    and the size: the inode number still differs."""
    path = tmp_path / "f.yaml"
    path.write_text("aaaa")
    real = os.stat(path)
    fields = {name: getattr(real, name) for name in dir(real) if name.startswith("st_")}
    renamed = types.SimpleNamespace(**{**fields, "st_ino": real.st_ino + 1})
    watcher = FileWatcher(path)
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: renamed if Path(p) == path else real_stat(p, *a, **k))
    assert watcher.changed()
