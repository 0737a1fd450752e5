"""A progress line on the terminal for loads that take longer than half a second."""

from __future__ import annotations

import sys
import time

BAR_WIDTH = 30
DELAY = 0.5  # seconds before anything shows: a quick load shows nothing


class TerminalProgress:
    """Callable as a loader's `progress(stage, fraction)`; draws on stderr if it is a terminal."""

    def __init__(self, label: str, stream=None):
        self.label = label
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.last_draw = 0.0
        self.shown = False

    def __call__(self, stage: str, fraction: float | None = None) -> None:
        now = time.monotonic()
        if now - self.started < DELAY or now - self.last_draw < 0.1 or not self.stream.isatty():
            return
        self.last_draw = now
        self.shown = True
        if fraction is None:
            bar = "·" * BAR_WIDTH
            percent = "    "
        else:
            done = int(fraction * BAR_WIDTH)
            bar = "━" * done + "╺" + " " * (BAR_WIDTH - done - 1)
            percent = f"{fraction:4.0%}"
        self.stream.write(f"\r{self.label}  {stage:<16} {bar[:BAR_WIDTH]} {percent}  {now - self.started:5.1f}s ")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
