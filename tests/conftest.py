import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# The mutation run (tools/mutation.py) runs every test once per mutant: there the property
# tests try a tenth of their examples (pyproject's [tool.mutmut] picks this profile).
settings.register_profile("mutation", max_examples=10)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EVENTS = ROOT / "events.yaml"
CORPUS = Path(__file__).resolve().parent / "corpus"  # a small corpus written for the tests
ACLED_SAMPLE = Path(__file__).resolve().parent / "acled_sample.csv"


def told(app) -> list[str]:
    """The messages the app has shown (its toasts), oldest first."""
    return [str(n.message) for n in app._notifications]


def recorded_for(path, other_content: bytes):
    """An entry made for `other_content`, whose header then says it was made for `path`
    as its status is now: a change to the file that its status does not show (a file
    system that keeps no status-change time, a copy that kept every time)."""
    from timeline.cache import Fingerprint, entry_path, load_cached, save
    from timeline.cache_entry import Container, pack

    good = path.read_bytes()
    path.write_bytes(other_content)
    save(load_cached(path))
    path.write_bytes(good)
    entry = entry_path(path)
    header = dict(Container(entry.read_bytes()).header)
    header["fingerprint"][:-1] = list(Fingerprint(path).known)
    entry.write_bytes(b"".join(pack(header)))


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the project")


@pytest.fixture
def small():
    """The small corpus's events: each quote's place in its article is known."""
    from timeline.loader import load

    return load(CORPUS / "events.yaml")


# The `timeline` command the install put beside this Python: what users run.
COMMAND = Path(sys.executable).parent / "timeline"


def run(*args, cwd=ROOT, timeout: float | None = None, max_memory: int | None = None) -> subprocess.CompletedProcess:
    """Run the installed `timeline` command; its output as text. With `timeout`, a run
    that takes longer (a hang) fails the test with subprocess.TimeoutExpired; with
    `max_memory` (bytes of address space), one that would take more fails with a
    MemoryError instead of taking the machine's memory."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))

    return subprocess.run([str(COMMAND), *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          preexec_fn=limit if max_memory else None)


@pytest.fixture
def write(tmp_path):
    """Write a file (dedented) into a temporary folder and return its path."""

    def write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def fresh_date_cache():
    """parse_date keeps what it has read; each test starts without, so that what a test
    checks is worked out in that test (the mutation run forks tests from a process that
    has already read the same dates with the unmutated code)."""
    from timeline.dates import parse_date

    parse_date.cache_clear()


@pytest.fixture(autouse=True)
def private_folders(tmp_path_factory, monkeypatch):
    """No test reads the user's config or writes to the user's cache or data (marks, notes, views)."""
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("TIMELINE_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("TIMELINE_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(autouse=True)
def pause_waits_for_the_app(request, monkeypatch):
    """In the Pilot tests, `pilot.pause()` waits until the app has handled every message
    and the detail pane has followed the cursor. Textual's pause waits for the process to
    look idle, which a busy machine fakes (the process gets no time, so it spends none);
    the pane follows once the cursor has rested a frame (widgets/detail.py), by a timer.
    What a test asserts after a pause is the screen once the keys have stopped, as the
    user sees it. (Textual 8.2.8 is pinned: `_message_queue` is its own.)"""
    if "tui" not in request.path.parts:
        return
    from textual.pilot import Pilot

    from timeline.tui.widgets.detail import DetailPane

    pause = Pilot.pause

    def busy(app) -> bool:
        nodes = [app, *app.screen_stack]
        for screen in app.screen_stack:
            nodes += screen.walk_children()
        if any(not node._message_queue.empty() for node in nodes):
            return True
        main = getattr(app, "main", None)
        panes = main.query(DetailPane) if main is not None and main.is_attached else []
        return bool(panes) and panes.first()._pending is not None

    async def pause_until_settled(self, delay: float | None = None) -> None:
        await pause(self, delay)
        for _ in range(300):  # at most three seconds
            if not busy(self.app):
                return
            await pause(self, 0.01)

    monkeypatch.setattr(Pilot, "pause", pause_until_settled)
