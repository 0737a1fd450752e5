"""Special files given as the events file are refused at once, with exit 2 and a message:
never a hang (a FIFO with no writer), never memory without end (/dev/zero).

Each run has a timeout and a cap on its memory, so a hang or an endless read fails the
test instead of blocking the suite or filling the machine. The reading is
timeline/parsing.py's `read_bytes`."""

import os

from conftest import run

SECONDS = 10
MEMORY = 1 << 30  # `timeline check` of a small file takes a small part of this


def refused(path, command: str = "check") -> None:
    """Exit 2 with one message naming the path, no traceback, within the time and memory."""
    result = run(command, str(path), timeout=SECONDS, max_memory=MEMORY)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:1:1: ") and len(result.stderr.splitlines()) == 1


def test_dev_zero_is_refused():
    refused("/dev/zero")  # a character device that never ends


def test_an_endless_character_device_is_refused():
    refused("/dev/urandom")


def test_an_empty_character_device_is_refused():
    refused("/dev/null")


def test_a_fifo_with_no_writer_is_refused(tmp_path):
    fifo = tmp_path / "events.yaml"
    os.mkfifo(fifo)
    refused(fifo)


def test_list_of_dev_zero_is_refused():
    """`list`, `export` and the app load through the cache, which passes what is not a
    regular file straight to the loader: the same read."""
    refused("/dev/zero", "list")


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "events.yaml"
    folder.mkdir()
    refused(folder)
