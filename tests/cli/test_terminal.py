"""What a hostile file does to a real terminal: nothing. `timeline check` and `list` run in
tmux on files (and a file name) holding escape sequences that would clear the screen,
retitle the pane and write to the clipboard; afterwards the screen still shows what was
there before, the title is unchanged and no clipboard buffer exists."""

import shlex
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import COMMAND

HOSTILE = Path(__file__).resolve().parent.parent / "hostile"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


def tmux(socket: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", *args], capture_output=True, text=True, timeout=10)


@pytest.fixture
def terminal(tmp_path):
    socket = f"timeline-test-{tmp_path.name}"
    yield socket
    tmux(socket, "kill-server")


def run_in_tmux(socket: str, tmp_path: Path, command: str) -> str:
    """Run `command` in a fresh 120x40 pane; the pane's text once it has finished."""
    script = tmp_path / "run.sh"
    script.write_text(f"echo BEFORE\n{command}\necho AFTER\nsleep 60\n", encoding="utf-8")
    tmux(socket, "new-session", "-d", "-x", "120", "-y", "40", "-e", f"TIMELINE_CACHE_DIR={tmp_path / 'cache'}",
         f"sh {shlex.quote(str(script))}")
    tmux(socket, "set-option", "-s", "set-clipboard", "on")  # so an OSC 52 write would make a buffer
    for _ in range(200):
        screen = tmux(socket, "capture-pane", "-p", "-e").stdout
        if "AFTER" in screen:
            return screen
        time.sleep(0.05)
    raise AssertionError(f"the command did not finish:\n{screen}")


@pytest.mark.parametrize("name", ["escape-osc52-clipboard.yaml", "escape-osc0-title.yaml", "escape-clear-screen.yaml",
                                  "escape-quote-osc52.jsonl", "c1-csi.yaml"])
@pytest.mark.parametrize("command", ["check", "list"])
def test_a_hostile_file_leaves_the_terminal_untouched(terminal, tmp_path, name, command):
    screen = run_in_tmux(terminal, tmp_path, f"{COMMAND} {command} {HOSTILE / name}")
    assert screen.index("BEFORE") < screen.index("AFTER")  # nothing cleared the screen
    assert "holds the control character U+" in screen
    assert "\x1b]" not in screen and "\x9b" not in screen
    assert "PWNED" not in tmux(terminal, "display-message", "-p", "#{pane_title}").stdout
    assert tmux(terminal, "list-buffers").stdout == ""


def test_a_hostile_file_name_is_shown_not_obeyed(terminal, tmp_path):
    name = tmp_path / "\x1b]0;PWNED\x07\x1b[2Jevents.yaml"
    name.write_bytes((HOSTILE / "numbers-as-text.yaml").read_bytes())
    screen = run_in_tmux(terminal, tmp_path, f"{COMMAND} check {shlex.quote(str(name))}")
    assert screen.index("BEFORE") < screen.index("AFTER")
    assert "␛]0;PWNED␇␛[2Jevents.yaml: 1 event" in screen
    assert "PWNED" not in tmux(terminal, "display-message", "-p", "#{pane_title}").stdout


def test_the_progress_line_moves_the_cursor_and_shows_the_files_controls(monkeypatch):
    """Through the command line's VisibleStream, the line's own carriage return and
    erasing reach the terminal as such (not as ␍ and ␛[K); a control in the file's
    name is shown, never obeyed."""
    import io

    from timeline import progress
    from timeline.controls import VisibleStream

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(progress, "DELAY", 0)
    line = progress.TerminalProgress("Loading bad\x1b]0;name.jsonl", VisibleStream(terminal))
    line("checking", 0.5)
    line.close()
    written = terminal.getvalue()
    assert written.startswith("\rLoading bad␛]0;name.jsonl  checking") and written.endswith("\r\x1b[K")
    assert "␍" not in written and written.count("\x1b") == 1
