"""Driver for bench_app.py: time from process start to the first screen, then exit.

    python benchmarks/first_screen.py EVENTS_FILE|--bare RESULT.json

Runs headless. With --bare it starts a minimal Textual app instead: the yardstick.
Waits for the app's background work (search texts, cache write) before exiting, so the
next run finds the cache; that wait is not timed.
"""

import time

START = time.perf_counter()  # before any import, as near to launch as Python allows

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_app():
    from textual.app import App
    from textual.widgets import Footer, Static

    class Bare(App):
        def compose(self):
            yield Static("hello")
            yield Footer()

        def on_ready(self) -> None:
            self.first_screen = time.perf_counter() - START
            self.exit()

    return Bare()


def timeline_app(path: str):
    from timeline.tui.app import TimelineApp
    from timeline.cli import load_for_use

    timeline = load_for_use(path, check_content=False)  # as the app: its content is checked after the first screen

    class Timed(TimelineApp):
        def on_ready(self) -> None:
            self.first_screen = time.perf_counter() - START
            self.rss_at_first_screen = rss_mb()
            self.texts_at_first_screen = self.timeline.text_buffer is not None
            self.set_interval(0.05, self.exit_when_idle)

        def exit_when_idle(self) -> None:
            if not any(w.group == "prepare" and not w.is_finished for w in self.workers):
                self.exit()

    return Timed(timeline)


def main() -> None:
    target, result_path = sys.argv[1], sys.argv[2]
    app = bare_app() if target == "--bare" else timeline_app(target)
    app.run(headless=True, size=(120, 40))
    result = {"first_screen": app.first_screen, "rss_mb": getattr(app, "rss_at_first_screen", rss_mb()),
              "rss_mb_end": rss_mb(), "texts_at_first_screen": getattr(app, "texts_at_first_screen", None)}
    with open(result_path, "w") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main()
