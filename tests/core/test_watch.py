"""Live reload: the app follows the file as it is edited, and keeps the last good data."""

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
