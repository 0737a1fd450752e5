"""Files the user asked for are written whole or not at all, never over the events file,
and never over an existing file unless the user named it to be replaced."""

import os

import pytest

from timeline.output import OutputError, OutputExists, write_file


def test_a_new_file_is_written_and_nothing_else_is_left(tmp_path):
    target = write_file(tmp_path / "out.md", "# Title\n“quoted”\n")
    assert target.read_text(encoding="utf-8") == "# Title\n“quoted”\n"
    assert os.listdir(tmp_path) == ["out.md"]


def test_an_existing_file_is_kept_unless_it_may_be_replaced(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="exists already; choose a new name"):
        write_file(target, "new")
    assert target.read_text(encoding="utf-8") == "mine"
    write_file(target, "new", overwrite=True)
    assert target.read_text(encoding="utf-8") == "new" and os.listdir(tmp_path) == ["out.md"]


def test_the_events_file_is_never_written_over(tmp_path):
    events = tmp_path / "events.yaml"
    events.write_text("events: []\n", encoding="utf-8")
    with pytest.raises(OutputError, match="that is the input file"):
        write_file(tmp_path / "." / "events.yaml", "x", input_path=events, overwrite=True)
    assert events.read_text(encoding="utf-8") == "events: []\n"


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(OutputError, match=f"the folder {tmp_path / 'nope'} does not exist"):
        write_file(tmp_path / "nope" / "out.md", "x")


def test_a_file_gets_the_usual_permissions(tmp_path):
    mask = os.umask(0o022)
    try:
        target = write_file(tmp_path / "out.csv", "a,b\n")
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_leaves_no_file(tmp_path, monkeypatch):
    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", fail)
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="cannot write: No space left on device"):
        write_file(tmp_path / "out.md", "x")
    assert os.listdir(tmp_path) == []


def test_the_temporary_file_is_hidden_beside_the_target(tmp_path, monkeypatch):
    """Written in the target's folder, so the move into place is one step on one file
    system, and named `.out.md.<random>.tmp`, so a listing hides it while it is written."""
    seen = []
    real_link = os.link

    def link(source, target):
        seen.append((os.fspath(source), sorted(os.listdir(tmp_path))))
        real_link(source, target)

    monkeypatch.setattr(os, "link", link)
    write_file(tmp_path / "out.md", "text")
    [(temporary, listing)] = seen
    name = os.path.basename(temporary)
    assert os.path.dirname(temporary) == str(tmp_path)
    assert name.startswith(".out.md.") and name.endswith(".tmp") and len(name) > len(".out.md..tmp")
    assert listing == [name]
    assert os.listdir(tmp_path) == ["out.md"]


def test_without_hard_links_the_file_is_moved_into_place(tmp_path, monkeypatch):
    def no_links(*args):
        raise PermissionError(1, "Operation not permitted")  # as on FAT or some network shares

    monkeypatch.setattr(os, "link", no_links)
    target = write_file(tmp_path / "out.md", "é\n")
    assert target == tmp_path / "out.md"
    assert target.read_bytes() == "é\n".encode("utf-8")
    assert os.listdir(tmp_path) == ["out.md"]


def test_a_file_that_appears_while_writing_is_kept(tmp_path, monkeypatch):
    target = tmp_path / "out.md"
    real_link = os.link

    def someone_else_first(source, destination):
        target.write_text("theirs", encoding="utf-8")
        real_link(source, destination)

    monkeypatch.setattr(os, "link", someone_else_first)
    with pytest.raises(OutputError) as raised:
        write_file(target, "mine")
    assert str(raised.value) == f"{target} exists already; choose a new name"
    assert target.read_text(encoding="utf-8") == "theirs"
    assert os.listdir(tmp_path) == ["out.md"]


@pytest.fixture
def events(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("events: []\n", encoding="utf-8")
    return path


def test_a_hard_link_of_the_events_file_is_never_written_over(tmp_path, events):
    """Another name for the same file: the paths differ, device and inode do not."""
    link = tmp_path / "other-name.yaml"
    os.link(events, link)
    with pytest.raises(OutputError, match="that is the input file"):
        write_file(link, "x", input_path=events, overwrite=True)
    assert events.read_text(encoding="utf-8") == "events: []\n" and link.samefile(events)


def test_a_symbolic_link_to_the_events_file_is_never_written_over(tmp_path, events):
    link = tmp_path / "link.yaml"
    link.symlink_to(events)
    with pytest.raises(OutputError, match="that is the input file"):
        write_file(link, "x", input_path=events, overwrite=True)
    with pytest.raises(OutputError, match="that is the input file"):
        write_file(events, "x", input_path=link, overwrite=True)  # read through the link
    assert events.read_text(encoding="utf-8") == "events: []\n" and link.is_symlink()


def test_what_is_not_a_regular_file_is_never_replaced(tmp_path):
    """A folder, a FIFO or a device is not an output file, even to replace: a rename over
    /dev/null would put a plain file in its place."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (tmp_path, fifo):
        with pytest.raises(OutputError, match="is not a regular file; choose a file name"):
            write_file(target, "x", overwrite=True)
    assert fifo.is_fifo()


def test_an_existing_file_says_so_as_its_own_error(tmp_path):
    """So that the command line can add what its --force does."""
    target = tmp_path / "out.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExists, match="exists already; choose a new name"):
        write_file(target, "new")
