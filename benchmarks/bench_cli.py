"""Time and peak memory of `timeline check`, `list` and `export`, as whole processes.

    python benchmarks/bench_cli.py [--sizes 100000 1000000] [--runs 1] [--only list,export:jsonl]
                                   [--yaml] [--folder /tmp/bench-cli] [--warm]

Each command runs as a user runs it (the `timeline` next to this Python, output to
/dev/null), with a cache folder of its own made empty before each run: a first open.
The figures are the wall time, the CPU time (user and system, the command's processes
together: on a machine others are using, the wall time counts their turns too) and the peak
resident memory of the largest process (from wait4's rusage), the median of the runs; files come from generate.py and are kept in
the folder for the next run, and each is read once before its commands, so that every
command finds it in the system's cache (the first would otherwise pay for the disk). The
machine is shared: compare figures from one run.

With --warm, the file's cache entry is written first (as the app writes it, into a cache
folder kept beside the file, `warm-cache-NAME`, and only when it holds no valid entry), and
each command finds it: the warm road (timeline/warm.py), which works from the store.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
TIMELINE = Path(sys.executable).with_name("timeline")

# (name, arguments after the file)
COMMANDS = [
    ("check", ["check"]),
    ("list", ["list"]),
    ("list:json", ["list", "--format", "json"]),
    ("list:csv", ["list", "--format", "csv"]),
    ("list --kind airstrike --search forces", ["list", "--kind", "airstrike", "--search", "forces"]),
    ("export:jsonl", ["export", "--format", "jsonl"]),
    ("export:csv", ["export", "--format", "csv"]),
    ("export:markdown", ["export", "--format", "markdown"]),
    ("export:timelinejs", ["export", "--format", "timelinejs"]),
]


def events_file(folder: Path, count: int, suffix: str) -> Path:
    path = folder / f"events-{count}{suffix}"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(count), str(path)], check=True)
    return path


# Run by the Python beside `timeline`: the file's entry, written unless a valid one is there.
WRITE_ENTRY = """
import sys
from pathlib import Path
from timeline.cache import load_cached, save
from timeline.warm import open_checked
if open_checked(Path(sys.argv[1])) is None:
    save(load_cached(sys.argv[1]))
    assert open_checked(Path(sys.argv[1])) is not None, "no entry written"
"""


def write_entry(path: Path, cache: Path) -> None:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", WRITE_ENTRY, str(path)], check=True,
                   env={**os.environ, "TIMELINE_CACHE_DIR": str(cache)})
    print(f"(entry of {path.name} ready in {cache}: {time.perf_counter() - started:.1f} s)")


def run_once(arguments: list[str], cache: Path, warm: bool = False) -> tuple[float, float, int, int]:
    """(seconds, CPU seconds, peak resident bytes, exit code) of one run; `warm`: with the
    cache folder as it is (holding the file's entry), else emptied first."""
    if not warm:
        shutil.rmtree(cache, ignore_errors=True)
    environment = {**os.environ, "TIMELINE_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    with open(os.devnull, "wb") as nowhere:
        process = subprocess.Popen([str(TIMELINE), *arguments], stdout=nowhere, stderr=nowhere, env=environment)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, process.returncode


def measure(path: Path, name: str, arguments: list[str], runs: int, cache: Path, warm: bool = False) -> str:
    results = [run_once([arguments[0], str(path), *arguments[1:]], cache, warm) for _ in range(runs)]
    seconds = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    memory = statistics.median(r[2] for r in results)
    codes = sorted({r[3] for r in results})
    return f"| {name} | {seconds:.2f} s | {cpu:.2f} s | {memory / 1e6:,.0f} MB | {','.join(map(str, codes))} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", help="the commands to run, by name, separated by commas (see COMMANDS)")
    parser.add_argument("--yaml", action="store_true", help="YAML files as well as JSON Lines")
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "bench-cli")
    parser.add_argument("--warm", action="store_true", help="with the file's cache entry written first")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    wanted = set(args.only.split(",")) if args.only else None
    commands = [(name, arguments) for name, arguments in COMMANDS if wanted is None or name in wanted]
    cache = args.folder / "cache"
    for size in args.sizes:
        for suffix in [".jsonl"] + [".yaml"] * args.yaml:
            path = events_file(args.folder, size, suffix)
            with path.open("rb") as stream:  # into the system's cache
                while stream.read(1 << 24):
                    pass
            if args.warm:
                cache = args.folder / f"warm-cache-{path.name}"
                write_entry(path, cache)
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"\n{size:,} events, {path.name} ({path.stat().st_size / 1e6:.0f} MB), median of {args.runs}"
                  f"{', warm (its cache entry written)' if args.warm else ''}; "
                  f"load average {load} on {os.cpu_count()} cores")
            print("| command | time | CPU | peak memory | exit |\n|---|---:|---:|---:|---:|")
            for name, arguments in commands:
                print(measure(path, name, arguments, args.runs, cache, args.warm), flush=True)


if __name__ == "__main__":
    main()
