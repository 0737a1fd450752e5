"""A progress line on the terminal for loads that take longer than half a second."""

from __future__ import annotations

import os
import sys
import time

from .controls import VisibleStream, visible

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
        line = visible(f"{self.label}  {stage:<16} {bar[:BAR_WIDTH]} {percent}  {now - self.started:5.1f}s ")
        self._write("\r" + line[:self._width() - 1])  # a line that wrapped would not be drawn over

    def close(self) -> None:
        if self.shown:
            self._write("\r\033[K")

    def _width(self) -> int:
        try:
            return os.get_terminal_size(self.stream.fileno()).columns
        except (AttributeError, OSError, ValueError):  # not a terminal after all (a test's)
            return 200

    def _write(self, text: str) -> None:
        """Past the command line's VisibleStream (which would show the carriage return and
        the erasing as ␍ and ␛[K): the line's own text is made visible above."""
        stream = self.stream.raw if isinstance(self.stream, VisibleStream) else self.stream
        stream.write(text)
        stream.flush()
