"""The explorer's shell: it opens the main screen on the loaded file, follows the file as
it is edited, applies the user's keymap and holds the app-wide keys. What the user sees
and does lives in the screens (`screens/`) and widgets (`widgets/`)."""

from __future__ import annotations

import gc
import threading
import time
from concurrent.futures import CancelledError
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import App
from textual.widgets import Input

from ..coldopen import ColdOpen
from ..controls import visible
from ..corpus import Corpus, resolve_corpus
from ..filters import Filters
from ..model import Timeline
from ..problems import OUT_OF_MEMORY, LoadError, Pos, Problem
from ..query import Query, Searcher
from ..watch import FileWatcher
from . import keys
from ..session import Session
from ..settings import load_settings, save_setting
from .screens.help import HelpScreen, key_names
from .screens.main import MainScreen
from .widgets.reading import ReadingBar

RELOAD_ERRORS_SHOWN = 3
QUIET_SECONDS = 0.25  # without a key for this long, the work after the first screen goes on
QUIET_LONGEST = 5.0  # ... which a user who keeps pressing keys holds back no longer than this in all


class TimelineApp(App):
    BINDINGS = keys.APP

    reload_interval = 1.0  # seconds between looks at the file
    _reload_generation = 0  # counts saves seen; only the newest one's result is shown
    _cold_answered = False  # the load child has said how its reading ended
    _last_input = 0.0  # time.monotonic() of the last key or mouse event

    def __init__(self, timeline: Timeline, query: Query | None = None, corpus: str | None = None,
                 keymap: dict[str, str] | None = None, cold: ColdOpen | None = None,
                 clean: bool = False):
        super().__init__()
        self.user_keymap = keymap or {}
        self.timeline = timeline
        self.cold = cold  # the file being read for the first time, by other processes (coldopen.py)
        self.load_error: Exception | None = None  # what a first reading found wrong: the CLI reports it
        folder, note = resolve_corpus(timeline, corpus)
        self.corpus_note = visible(note)  # it names folders, which may hold anything
        self.corpus = Corpus(folder) if folder else None
        self._first_filters = Filters.of(query or Query())
        self.session = Session.open(timeline.path) if timeline.path else None
        self._first_cursor: str | None = None
        self._restored = False  # whether the app opens on the view left last time
        last = self.session.last_view if self.session is not None else None
        # Options on the command line say what to show; without any, the view left last.
        if last is not None and not clean and (query is None or query == Query()):
            self._first_filters, self._first_cursor = self.session.restored(last), last.cursor
            self._restored = True

    @property
    def main(self) -> MainScreen:
        """The main screen, under whatever screens are open on top of it."""
        return next(screen for screen in self.screen_stack if isinstance(screen, MainScreen))

    async def on_mount(self) -> None:
        self.title = visible(self.timeline.title)
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        # Pushed, not the default screen: Textual reads a screen's CSS file when it is pushed.
        self._keep_theme()
        main = MainScreen(self.timeline, self.corpus, self.corpus_note, self._first_filters, self.session,
                          self._first_cursor)
        # Before its first paint, which would otherwise say the file has no events.
        main.reading = self.cold is not None
        await self.push_screen(main)
        self._say_session()
        gc.freeze()  # see _prepare
        if self.cold is not None:
            await self._start_cold()
        self._prepare()
        if self.timeline.path and Path(self.timeline.path).is_file():
            self.watcher = FileWatcher(self.timeline.path)
            self.set_interval(self.reload_interval, self._check_file)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def _on_key(self, event: events.Key) -> None:
        """Before the bindings (App._on_key, next in line). The terminal hands over a burst
        ('/peskov', a paste, 'a' and a name) at once, and Textual sends each key to the
        widget focused when it arrives: the letters after '/' went to the list, as
        commands ('e' opened the export dialog). A printable key that comes up to here
        while an input has the focus came from elsewhere (an input's own are never passed
        up): it is typed into that input, where the user was typing by then."""
        target = self.focused
        if event.is_printable and isinstance(target, Input):
            event.stop()
            event.prevent_default()
            target.insert_text_at_cursor(event.character)

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every message as plain text, whoever sends it: they quote names, paths, dates
        and searches from the file or the keyboard, where '[b]' is text, not markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _keep_theme(self) -> None:
        """The theme chosen last time, and every new choice kept (settings.json)."""
        settings, problem = load_settings()
        if problem:
            self.notify(visible(problem), title="Settings", severity="warning", timeout=6)
        self._kept_theme = settings.get("theme")
        if self._kept_theme in self.available_themes:
            self.theme = self._kept_theme
        self.theme_changed_signal.subscribe(self, self._theme_chosen)

    def _theme_chosen(self, theme) -> None:
        if theme.name == self._kept_theme:  # the one restored at start: nothing new to keep
            return
        self._kept_theme = theme.name
        problem = save_setting("theme", theme.name)
        if problem:
            self.notify(visible(problem), title="Theme not kept", severity="warning", timeout=6)

    def _say_session(self) -> None:
        session = self.session
        if session is not None and session.problem:
            self.notify(visible(session.problem), title="Marks and notes", severity="warning", timeout=10)
        if self._restored and self._first_filters.order:
            described = "; ".join(self._first_filters.describe(self.timeline))
            self.notify(visible(f"Opened on the view left last time: {described}. "
                                f"{key_names(self, 'filter.clear')} clears it; --clean starts without it."),
                        title="Last view", timeout=6)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def _handle_exception(self, error: Exception) -> None:
        """Running out of memory ends the session with a message, not a traceback."""
        if isinstance(error, MemoryError):
            self.exit(return_code=2, message="timeline: out of memory; close other programs, or open a part of the file")
            return
        super()._handle_exception(error)

    # --- after the first screen ------------------------------------------------------

    def _prepare(self) -> None:
        """Check the content of a file read from the cache, build the search texts and
        write the cache, off the UI thread. Only an optimisation: if it fails, the session
        goes on without it."""
        self._last_input = max(self._last_input, time.monotonic())  # the first screen's own work first
        self.run_worker(partial(self._after_first_screen, self.timeline), thread=True, exclusive=True,
                        group="prepare", exit_on_error=False)

    def _after_first_screen(self, timeline: Timeline) -> None:
        # The cache took the file by its status (size, times, inode); a change that left
        # them all as they were is caught here, by its content, and loaded as a save is.
        pause = Pause(self)
        pause()
        if timeline.content_check is not None:
            # What the first search and filter need first (read from the entry, checked by
            # CRC), then the hash: a search typed meanwhile does not read the texts itself.
            Searcher(timeline).prepare(pause)
            pause()
            if not timeline.content_check(pause):
                self.call_from_thread(self._content_changed, timeline)
                return
        _prepare(timeline, pause)

    def _content_changed(self, timeline: Timeline) -> None:
        if timeline is self.timeline:  # else a reload has already taken its place
            self._start_reload()

    # --- the first reading of a file (coldopen.py) -------------------------------------

    async def _start_cold(self) -> None:
        await self.main.mount(ReadingBar(Path(self.timeline.path or "").name), before="#body")
        for mode in self.cold.children:
            # Plain daemon threads, not Textual workers: those run in the loop's executor,
            # which the app waits for on quitting, and a read here may block till the end.
            threading.Thread(target=self._follow_cold, args=(mode,), daemon=True).start()

    def _follow_cold(self, mode: str) -> None:
        """Hand each message of a child to its handler on the UI thread."""
        cold = self.cold
        try:
            for message in cold.messages(mode):
                self.call_from_thread(self._cold_message, message)
            if mode == "load":
                self.call_from_thread(self._cold_message, ("ended",))
        except (RuntimeError, OSError, ValueError, CancelledError):  # the app has gone (or is going)
            pass

    def _cold_message(self, message: tuple) -> None:
        if self.cold is None:
            return  # the whole file is shown already
        kind, *rest = message
        bars = self.main.query(ReadingBar)  # none while the app closes
        if kind in ("preview", "progress") and not bars:
            return
        bar = bars.first() if bars else None
        if kind == "ended":  # the load child is gone; without a word (killed), the file is read here
            self.cold.children["load"].poll()
            if not self._cold_answered:
                self._start_reload()
            return
        self._cold_answered = kind not in ("preview", "progress")
        if kind == "preview":
            self._show_preview(bar, *rest)
        elif kind == "progress":
            bar.progress(*rest)
        elif kind == "problems":
            self._cold_failed(LoadError(rest[0]))
        elif kind == "error":
            self._cold_failed(rest[0])
        elif kind == "stored":
            threading.Thread(target=self._open_stored, daemon=True).start()
        else:  # not stored (no cache can be written): read here, as a reload is
            self._start_reload()

    def _show_preview(self, bar: ReadingBar, title, sources, actors, kinds, records, count, final) -> None:
        preview = Timeline(records, sources, actors, kinds, title)
        preview.path = self.timeline.path
        if count:
            bar.count(count)
        bar.showing(len(records))
        self._show(preview)

    def _open_stored(self) -> None:
        from ..cache import Fingerprint, read_entry

        try:
            stored = read_entry(self.cold.entry, Fingerprint(self.cold.path))
        except OSError:
            stored = None
        try:
            self.call_from_thread(self._stored, stored)
        except (RuntimeError, CancelledError):  # the app has gone (or is going)
            pass

    def _stored(self, stored: Timeline | None) -> None:
        if stored is None:  # changed since, or unreadable: read it here, as a reload is
            self._start_reload()
            return
        self._cold_done()
        self._show(stored)
        self._prepare()

    def _cold_done(self) -> None:
        if self.cold is not None:
            self.cold.stop_preview()
            self.cold = None
            self.main.reading = False
            self.main.query(ReadingBar).remove()

    def _cold_failed(self, error: Exception) -> None:
        self.load_error = error
        self.exit(return_code=2)

    def _show(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.title = visible(timeline.title)
        self.main.show_timeline(timeline)

    # --- live reload -------------------------------------------------------------------

    def _check_file(self) -> None:
        if not any(isinstance(screen, MainScreen) and screen.is_mounted for screen in self.screen_stack):
            return  # the timer can fire while the app is closing
        if not Path(self.timeline.path).exists():
            if not self.main.banner_shown:
                self.main.show_banner(Text(f"{visible(self.timeline.path)} is gone (moved or deleted); "
                                           "showing it as it was.", style="bold"))
            return
        if self.watcher.changed():
            self._start_reload()

    def _start_reload(self) -> None:
        self._reload_generation += 1
        self.run_worker(partial(self._reload, self.timeline.path, self._reload_generation),
                        thread=True, group="reload", exit_on_error=False)

    def _reload(self, path: str, generation: int) -> None:
        """Load in a thread, then hand the result to the UI, unless a newer save overtook it.
        Whatever goes wrong is shown as the file's problem: a saved file, however
        broken, never ends the session or loses the data on screen."""
        from ..cache import load_cached

        try:
            timeline = load_cached(path)
        except LoadError as error:
            self.call_from_thread(self._reloaded, generation, None, error.problems)
            return
        except MemoryError:
            self.call_from_thread(self._reloaded, generation, None, [Problem(path, Pos(1), OUT_OF_MEMORY)])
            return
        except Exception as error:  # noqa: BLE001 - a bug met by a strange file is still no reason to quit
            why = f"cannot be read ({type(error).__name__}: {error})"
            self.call_from_thread(self._reloaded, generation, None, [Problem(path, Pos(1), why)])
            return
        self.call_from_thread(self._reloaded, generation, timeline, None)

    def _reloaded(self, generation: int, timeline: Timeline | None, problems: list | None) -> None:
        if generation != self._reload_generation:
            return  # a later save is being read: its result is the one to show
        if timeline is None:
            self.main.show_banner(reload_error_text(problems))
            return
        gc.unfreeze()  # the timeline before is garbage now, cycles and all: let it be collected
        first_reading = self.cold is not None  # its store could not be used: this is the file
        self._cold_done()
        self._show(timeline)  # the title too: a save may have changed it
        if not first_reading:
            self.notify(f"Reloaded {Path(timeline.path).name}: {len(timeline.events)} events.", timeout=2)
        self._prepare()


class Pause:
    """Called by the work after the first screen between two of its parts: waits while the
    user is pressing keys. That work is a hash of the whole file, then the indexes and the
    search texts read and checked: on two cores that tmux, the terminal and other programs
    share, it would otherwise take the time of the first keys (`G` just after the open
    took 130 ms on screen at a million events, 20 ms once the work was done)."""

    def __init__(self, app: TimelineApp):
        self.app = app
        self.held = 0.0  # seconds waited so far: a key held down never stops the work for good

    def __call__(self) -> None:
        while self.held < QUIET_LONGEST:
            wait = QUIET_SECONDS - (time.monotonic() - self.app._last_input)
            if wait <= 0:
                return
            time.sleep(wait)
            self.held += wait


def _prepare(timeline: Timeline, pause=lambda: None) -> None:
    from ..cache import save

    Searcher(timeline).prepare(pause)
    save(timeline)
    # The loaded file is millions of objects that live as long as the session: frozen,
    # the garbage collector stops walking them all (a third of a second at a million
    # events) at random keys.
    gc.freeze()


def reload_error_text(problems: list) -> Text:
    """Keep the last good data on screen, and say what is wrong with the file now: the
    errors that stopped the reload first, then the warnings (which alone would not)."""
    ordered = sorted(problems, key=lambda p: p.severity != "error")  # stable: in file order within each
    lines = [visible(str(p)) for p in ordered[:RELOAD_ERRORS_SHOWN]]
    rest = ordered[RELOAD_ERRORS_SHOWN:]
    if rest:
        lines.append(f"... and {len(rest)} more: {_count(rest)}")
    # The counts go first: on a small terminal the banner shows only its first lines.
    text = Text(f"The file changed and cannot be read ({_count(problems)}); showing it as it was before. "
                "Fix it and save.\n", style="bold")
    text.append("\n".join(lines))
    return text


def _count(problems: list) -> str:
    """'1 error, 5 warnings'."""
    errors = sum(p.severity == "error" for p in problems)
    counts = ((errors, "error"), (len(problems) - errors, "warning"))
    return ", ".join(f"{n} {name}{'s' * (n != 1)}" for n, name in counts if n)


def make_app(timeline: Timeline, query: Query | None = None, corpus: str | None = None,
             keymap: dict[str, str] | None = None, cold: ColdOpen | None = None, clean: bool = False) -> TimelineApp:
    """Build the app from loaded data; the CLI and the tests both come through here.
    Tests pass no keymap, so no user configuration reaches them. `cold`: the file is being
    read by other processes, and `timeline` stands for it (no events) until they send it.
    `clean`: open on every event, not on the view left last time on this file."""
    return TimelineApp(timeline, query=query, corpus=corpus, keymap=keymap, cold=cold, clean=clean)
