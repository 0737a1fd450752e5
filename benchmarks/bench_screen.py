"""Time what the user sees: the explorer in tmux at 120x40, against a bare Textual app.

    python benchmarks/bench_screen.py [--sizes 100000,1000000] [--runs 3] [--exe [LABEL=]PATH ...]

Several --exe (say before=/tmp/venv-main/bin/timeline after=/tmp/venv-new/bin/timeline) are
measured in the same run, taking turns run by run, so that their figures share the
machine's load and are compared against the same bare app.

For each size, on a generated JSON Lines file: the time from launch until the first event's
title and its position ("1/N") are on the tmux screen, with no cache (cold) and opened
before (warm); then, warm, `j` until the header shows the next position ("2/N") and the
detail pane (its right half of the screen) that event's title, `j` held down (ten at once,
until "11/N"), `PgDn` until the position moves, `G` until the last event is on screen, an
actor filter (the busiest actor, picked and applied) and a typed search character until
the header first changes (the first screen of matches, "searching N events…" while the
rest are counted) and until it gives the new count; and the peak and current resident memory of the app's process. The screen is
read with `tmux capture-pane` in a loop, so every figure carries the time of one capture
(printed as the resolution). Medians over the runs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

SIZE = ("120", "40")
TIMEOUT = 300.0
TYPED_TIMEOUT = 5.0  # a typed character that leaves the count as it was shows nothing to wait for
COUNT_TIMEOUT = 30.0  # ... and after "searching N events…", the same count again
BARE_APP = '''
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("bare app ready")
        yield Footer()

Bare().run()
'''


class Screen:
    """One tmux session running one command; read with capture-pane."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]):
        self.name = name
        settings = " ".join(f"{key}={value}" for key, value in env.items())
        line = f"exec env {settings} " + " ".join(_quoted(part) for part in command)
        self.started = time.perf_counter()
        subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", SIZE[0], "-y", SIZE[1], line], check=True)
        self.pid = int(self._tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout

    def text(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, test, since: float, timeout: float | None = None) -> float:
        """Seconds from `since` until test(screen text) holds."""
        deadline = time.perf_counter() + (TIMEOUT if timeout is None else timeout)
        while time.perf_counter() < deadline:
            if test(self.text()):
                return time.perf_counter() - since
            time.sleep(0.001)
        raise TimeoutError(f"{self.name}: the screen never showed what was awaited:\n{self.text()}")

    def keys(self, *keys: str) -> float:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)
        return time.perf_counter()

    def memory_mb(self) -> tuple[float, float]:
        """(peak, current) resident memory of the process, in MB."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
        current = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        return peak / 1024, current / 1024

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def capture_cost() -> float:
    """Seconds one capture-pane takes here: the resolution of every figure."""
    screen = Screen(f"bench-probe-{os.getpid()}", ["sleep", "30"], {})
    try:
        start = time.perf_counter()
        for _ in range(20):
            screen.text()
        return (time.perf_counter() - start) / 20
    finally:
        screen.close()


FIRST_TITLES = 12  # the first events' titles, for the keys that step through them


def ends(path: Path) -> tuple[list[str], str, int]:
    """The titles of the first events in time order, as the app sorts them (earliest
    possible day, then latest; file order between equals), the last one's and the count."""
    import heapq

    from timeline.dates import parse_date

    first: list[tuple] = []  # a heap of (-key, -number, title): the FIRST_TITLES smallest
    last = None
    count = 0
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            record = json.loads(line)
            if "date" not in record:
                continue  # the header line
            key = parse_date(record["date"]).sort_key
            count += 1
            item = (tuple(-part for part in key), -number, record["title"])
            if len(first) < FIRST_TITLES:
                heapq.heappush(first, item)
            elif item > first[0]:
                heapq.heapreplace(first, item)
            if last is None or key >= last[0]:
                last = (key, record["title"])
    return [title for _, _, title in sorted(first, reverse=True)], last[1], count


def open_app(exe: list[str], path: Path, cache: Path, first_title: str, count: int) -> tuple[Screen, float]:
    screen = Screen(f"bench-{os.getpid()}", [*exe, str(path)], {"TIMELINE_CACHE_DIR": str(cache)})
    marker = f"1/{count:,}"
    seconds = screen.wait_for(lambda text: marker in text and first_title[:30] in text, screen.started)
    return screen, seconds


def open_cold(exe: list[str], path: Path, cache: Path, first_title: str, count: int) -> tuple[Screen, dict]:
    """The first open: until the first event's title is on the screen ('first'), and until
    the whole file is ('usable': the header's "1/N" and no reading bar); the largest
    resident memory of the app's child processes (which read the file) meanwhile."""
    screen = Screen(f"bench-{os.getpid()}", [*exe, str(path)], {"TIMELINE_CACHE_DIR": str(cache)})
    children = [0.0]

    def first(text: str) -> bool:
        children[0] = max(children[0], _children_mb(screen.pid))
        return first_title[:30] in text

    def usable(text: str) -> bool:
        return first(text) and f"1/{count:,}" in text and not READING.search(text)

    figures = {"cold": screen.wait_for(first, screen.started)}
    figures["usable"] = screen.wait_for(usable, screen.started)
    figures["peak_children"] = children[0]
    return screen, figures


READING = re.compile(r"reading [\d,]+ of|reading \S+\.jsonl|opening the whole file")  # widgets/reading.py


def _children_mb(pid: int) -> float:
    """The resident memory of the process's children, in MB, summed (0 when none)."""
    total = 0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    for child in children:
        try:
            found = re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{child}/status").read_text())
        except OSError:
            continue
        total += int(found.group(1)) if found else 0
    return total / 1024


def header_count(text: str) -> str:
    match = re.search(r"([\d,]+) of [\d,]+ events", text)
    return match.group(1).replace(",", "") if match else ""


def header_state(text: str) -> str:
    """What the header says of the count: "12 of 1000 events", or "searching 1000 events…"
    while a search counts its matches (its first screen of them already shown)."""
    match = re.search(r"[\d,]+ of [\d,]+ events|searching [\d,]+ events…", text.split("\n", 1)[0])
    return match.group(0) if match else ""


def position(text: str, count: int) -> str:
    """The cursor's place in the header ("2" of "2/1000"), or ""."""
    match = re.search(rf"([\d,]+)/{count:,}\b", text.split("\n", 1)[0])
    return match.group(1).replace(",", "") if match else ""


def pane_shows(text: str, title: str) -> bool:
    """Whether the detail pane (the right part of the screen, at 120 columns) shows `title`."""
    return any(title[:25] in line[74:] for line in text.split("\n")[1:6])


def stepping(screen: Screen, titles: list[str], count: int) -> dict[str, float]:
    """j one at a time (to the header's position, and to the detail pane's title), j held
    (ten at once) and PgDn, from the first event."""
    moved, pane = [], []
    for step in range(1, min(6, len(titles))):
        before = screen.keys("j")
        moved.append(screen.wait_for(lambda text: position(text, count) == str(step + 1), before))
        pane.append(screen.wait_for(lambda text: pane_shows(text, titles[step]), before))
        time.sleep(0.2)
    held = []
    for _ in range(3):
        screen.keys("g")
        screen.wait_for(lambda text: position(text, count) == "1", time.perf_counter())
        time.sleep(0.2)
        before = screen.keys(*["j"] * 10)
        held.append(screen.wait_for(lambda text: position(text, count) == "11", before))
    pages = []
    screen.keys("g")
    screen.wait_for(lambda text: position(text, count) == "1", time.perf_counter())
    for _ in range(4):
        time.sleep(0.2)
        was = position(screen.text(), count)
        before = screen.keys("PageDown")
        pages.append(screen.wait_for(lambda text: position(text, count) not in ("", was), before))
    screen.keys("g")
    screen.wait_for(lambda text: position(text, count) == "1", time.perf_counter())
    return {"j": statistics.median(moved), "pane": statistics.median(pane), "held": statistics.median(held),
            "PgDn": statistics.median(pages)}


def interactions(screen: Screen, titles: list[str], last_title: str, count: int) -> dict[str, float]:
    figures = {}
    before = screen.keys("G")  # first, as a user who opens the file to see its end
    figures["G"] = screen.wait_for(lambda text: f"{count:,}/{count:,}" in text and last_title[:30] in text, before)
    screen.keys("g")
    screen.wait_for(lambda text: f"1/{count:,}" in text, time.perf_counter())
    figures.update(stepping(screen, titles, count))

    screen.keys("a")
    screen.wait_for(lambda text: "Filter by actor" in text, time.perf_counter())
    time.sleep(0.5)  # the picker's counts settle; a user reads before choosing
    was = header_count(screen.text())
    before = screen.keys("Space", "Enter")
    figures["actor"] = screen.wait_for(lambda text: header_count(text) not in ("", was), before)
    screen.keys("r")
    screen.wait_for(lambda text: header_count(text) == str(count), time.perf_counter())

    screen.keys("/")
    time.sleep(0.5)
    typed, first = [], []
    for char in "mosc":
        was, state = header_count(screen.text()), header_state(screen.text())
        before = screen.keys("-l", char)
        try:
            first.append(screen.wait_for(lambda text: header_state(text) not in ("", state), before, TYPED_TIMEOUT))
        except TimeoutError:  # the same count as before (a small file): nothing on screen to time
            continue
        # the count itself: at once, or after "searching N events…" (then it may be the same count)
        try:
            typed.append(screen.wait_for(lambda text: header_count(text) != "", before, COUNT_TIMEOUT))
        except TimeoutError:  # still counting: printed as inf, and the next character waits its turn
            typed.append(math.inf)
            screen.wait_for(lambda text: header_count(text) != "", time.perf_counter(), TIMEOUT)
        time.sleep(0.3)
    figures["typed"] = statistics.median(typed) if typed else float("nan")
    figures["typed1"] = statistics.median(first) if first else float("nan")
    return figures


def measure_once(exe: list[str], path: Path, cache: Path, ends_of: tuple, warm_only: bool = False) -> dict[str, float]:
    """One cold open, then one warm open and its keys (`warm_only`: the cache of an earlier
    run kept, when there is one, and no cold open)."""
    titles, last_title, count = ends_of
    row = {key: math.nan for key in ("cold", "usable", "peak_children", "peak_cold")}
    if not (warm_only and list(cache.glob("*.entry"))):
        shutil.rmtree(cache, ignore_errors=True)
        screen, row = open_cold(exe, path, cache, titles[0], count)
        time.sleep(1.0)
        row["peak_cold"], _ = screen.memory_mb()
        screen.keys("q")
        _wait_gone(screen)
        _wait_for_entry(cache)
    # warm: the cache written by the cold run
    screen, row["warm"] = open_app(exe, path, cache, titles[0], count)
    row["rss_warm"] = screen.memory_mb()[1]
    row.update(interactions(screen, titles, last_title, count))
    row["peak_warm"] = screen.memory_mb()[0]
    screen.close()
    return row


def measure(exes: dict[str, list[str]], path: Path, workdir: Path, runs: int,
            warm_only: bool = False) -> dict[str, dict[str, float]]:
    """The figures of each build (medians over the runs), the builds taking turns."""
    ends_of = ends(path)
    rows: dict[str, list[dict]] = {label: [] for label in exes}
    for _ in range(runs):
        for label, exe in exes.items():
            rows[label].append(measure_once(exe, path, workdir / f"cache-{label}-{path.name}", ends_of, warm_only))
    figures = {}
    for label, found in rows.items():
        figures[label] = {key: statistics.median(row[key] for row in found) for key in found[0]}
        figures[label]["bytes_per_event"] = figures[label]["rss_warm"] * 1024 * 1024 / ends_of[2]
    return figures


def _wait_for_entry(cache: Path) -> None:
    """The first open's entry is written by a child that outlives the app: wait for it."""
    deadline = time.perf_counter() + TIMEOUT
    while not list(cache.glob("*.entry")) and time.perf_counter() < deadline:
        time.sleep(0.05)


def _wait_gone(screen: Screen) -> None:
    deadline = time.perf_counter() + TIMEOUT
    while Path(f"/proc/{screen.pid}").exists() and time.perf_counter() < deadline:
        time.sleep(0.05)
    screen.close()


def bare_first_screen(workdir: Path, runs: int) -> tuple[float, float]:
    script = workdir / "bare_app.py"
    script.write_text(BARE_APP)
    times, memory = [], []
    for _ in range(runs):
        screen = Screen(f"bench-bare-{os.getpid()}", [sys.executable, str(script)], {})
        times.append(screen.wait_for(lambda text: "bare app ready" in text, screen.started))
        memory.append(screen.memory_mb()[1])
        screen.close()
    return statistics.median(times), statistics.median(memory)


def _labelled(number: int, given: str) -> tuple[str, list[str]]:
    """("before", [PATH]) of "before=PATH"; a PATH alone is labelled by its place."""
    label, _, path = given.rpartition("=")
    return label or str(number + 1), [path]


def main() -> None:
    global TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--exe", action="append", default=[],
                        help="[LABEL=]PATH of a timeline command, once per build to compare "
                             "(default: the one on PATH, else python -m timeline)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds to wait for a screen (a busy machine)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "timeline-bench")
    parser.add_argument("--warm-only", action="store_true",
                        help="keep the cache an earlier run of this build left in the workdir, and measure only "
                             "the warm open and its keys (cold figures print as nan)")
    args = parser.parse_args()
    TIMEOUT = args.timeout
    args.workdir.mkdir(parents=True, exist_ok=True)
    exes = dict(_labelled(n, given) for n, given in enumerate(args.exe)) or {
        "": [shutil.which("timeline")] if shutil.which("timeline") else [sys.executable, "-m", "timeline"]}

    print(f"{os.cpu_count()} cores; tmux {SIZE[0]}x{SIZE[1]}; one screen read takes "
          f"{capture_cost() * 1000:.1f} ms (the resolution of every figure); medians of {args.runs} runs")
    bare, bare_mb = bare_first_screen(args.workdir, args.runs)
    print(f"bare Textual app: first screen {bare:.2f} s, {bare_mb:.0f} MB resident\n")
    header = (f"{'build':>8}  {'events':>9}  {'cold':>7}  {'usable':>7}  {'warm':>7}  {'warm/bare':>9}  {'j':>8}  {'j pane':>8}  {'j held':>8}  "
              f"{'PgDn':>8}  {'G':>8}  {'actor':>8}  {'typed 1st':>9}  {'typed':>8}  "
              f"{'RSS warm':>9}  {'B/event':>7}  {'peak warm':>9}  {'peak cold':>9}  {'readers':>9}")
    print(header)
    print("-" * len(header))
    for size in (int(s) for s in args.sizes.split(",")):
        path = args.workdir / f"events-{size}.jsonl"
        if not path.exists():
            generate.write(path, size)
        for label, f in measure(exes, path, args.workdir, args.runs, args.warm_only).items():
            print(f"{label:>8}  {size:>9,}  {f['cold']:>5.2f} s  {f['usable']:>5.2f} s  {f['warm']:>5.2f} s  {f['warm'] / bare:>8.1f}×  "
                  f"{f['j'] * 1000:>5.0f} ms  {f['pane'] * 1000:>5.0f} ms  {f['held'] * 1000:>5.0f} ms  "
                  f"{f['PgDn'] * 1000:>5.0f} ms  {f['G'] * 1000:>5.0f} ms  {f['actor'] * 1000:>5.0f} ms  {f['typed1'] * 1000:>6.0f} ms  {f['typed'] * 1000:>5.0f} ms  "
                  f"{f['rss_warm']:>6.0f} MB  {f['bytes_per_event']:>7.0f}  {f['peak_warm']:>6.0f} MB  "
                  f"{f['peak_cold']:>6.0f} MB  {f['peak_children']:>6.0f} MB", flush=True)
    print("\ncold: no cache, until the first event's title is on the screen; usable: until the whole file is "
          "(the header's 1/N, no reading bar); readers: the largest resident memory of the app's child processes "
          "(which read the file on a first open) summed, sampled while it opened; warm: opened before. j (to the header's position; j pane: to the detail pane's "
          "title; j held: ten j at once, to the tenth), PgDn, G, actor (busiest, picked and applied) and typed (a search "
          "character, median of four, to the header's new count; typed 1st: to the header's first change, the first "
          "screen of matches with 'searching N events…' where the count comes after) are timed from the key to the "
          "screen showing the result.")


if __name__ == "__main__":
    main()
