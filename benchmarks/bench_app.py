"""Benchmark the explorer on generated files and print each figure of the scale issue.

    python benchmarks/bench_app.py [--sizes 10000,100000,1000000] [--yaml-max 100000] [--runs 5]

For each size: launch to first screen (cached; cold from JSON Lines; cold from YAML),
resident memory at the first screen, and, in process, a filter change (actor, kind, a
typed character, a character of a second word), a jump to the last event and a page of scrolling, each to the
repainted timeline. A bare Textual app's first screen is the yardstick. Medians.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
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


def first_screen(target: str, cache: Path) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        result_path = out.name
    env = dict(os.environ, TIMELINE_CACHE_DIR=str(cache))
    subprocess.run([sys.executable, str(HERE / "first_screen.py"), target, result_path], env=env, check=True,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    with open(result_path) as result:
        data = json.load(result)
    os.unlink(result_path)
    return data


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def launch_figures(path: Path, runs: int, workdir: Path) -> dict:
    cache = workdir / f"cache-{path.name}"
    colds = []
    for _ in range(max(1, runs // 2 if path.stat().st_size < 200e6 else 1)):
        shutil.rmtree(cache, ignore_errors=True)
        colds.append(first_screen(str(path), cache))  # also writes the cache for the warm runs
    warms = [first_screen(str(path), cache) for _ in range(runs)]
    return {"cold": median_of(colds, "first_screen"), "warm": median_of(warms, "first_screen"),
            "rss": median_of(warms, "rss_mb"), "cold_rss": median_of(colds, "rss_mb")}


async def interaction_figures(path: Path, cache: Path) -> dict:
    os.environ["TIMELINE_CACHE_DIR"] = str(cache)
    from timeline.tui.app import make_app
    from timeline.cache import load_cached
    from timeline.tui.widgets.timeline_view import TimelineView

    timeline = load_cached(path)
    app = make_app(timeline)
    figures: dict[str, list[float]] = {"actor": [], "kind": [], "typed": [], "words": [], "last": [], "page": []}
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main
        view = main.query_one(TimelineView)
        main.searcher.prepare()  # the app does this in the background after its first screen

        def set_filter(name: str, **changes) -> None:
            main.set_filters(main.filters.set(name, **changes))

        def repaint() -> None:
            for y in range(view.scrollable_content_region.height):
                view.render_line(y)

        def timed(name: str, action) -> None:
            start = time.perf_counter()
            action()
            repaint()
            figures[name].append((time.perf_counter() - start) * 1000)

        busiest = sorted(timeline.index_actor, key=lambda a: -len(timeline.index_actor[a]))
        for actor in busiest[:5]:
            timed("actor", lambda actor=actor: set_filter("actors", actors=(actor,)))
            timed("actor", lambda: set_filter("actors", actors=()))
        for kind in list(timeline.index_kind)[:5]:
            timed("kind", lambda kind=kind: set_filter("kinds", kinds=(kind,)))
            timed("kind", lambda: set_filter("kinds", kinds=()))
        for typed in ("m", "mo", "mos", "mosc", "mosco", "moscow", "", "k", "ka", "kad", ""):
            timed("typed", lambda typed=typed: set_filter("text", text=typed))
        # a second word typed after the first, as "Kadyrov Peskov" is
        for typed in ("moscow", "moscow k", "moscow ka", "moscow kad", "moscow kady", "moscow kadyr", ""):
            timed("words", lambda typed=typed: set_filter("text", text=typed))
        await pilot.pause()
        for _ in range(5):
            timed("last", view.action_last)
            view.action_first()
        for _ in range(20):
            timed("page", view.action_page_down)
    return {name: statistics.median(values) for name, values in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--yaml-max", type=int, default=100_000, help="largest size also measured as YAML")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "timeline-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    bare = [first_screen("--bare", args.workdir / "cache-bare") for _ in range(args.runs)]
    print(f"bare Textual app, first screen: {median_of(bare, 'first_screen'):.3f} s, "
          f"{median_of(bare, 'rss_mb'):.0f} MB resident\n")
    header = (f"{'events':>9}  {'format':<6} {'MB':>6}  {'cold first screen':>17}  {'cached':>7}  "
              f"{'RSS cached':>10}  {'actor':>7} {'kind':>7} {'typed':>7} {'words':>7} {'last':>7} {'page':>7}")
    print(header)
    print("-" * len(header))
    for size in (int(s) for s in args.sizes.split(",")):
        rows = {}
        for suffix in (".jsonl", ".yaml"):
            if suffix == ".yaml" and size > args.yaml_max:
                continue
            path = args.workdir / f"events-{size}{suffix}"
            if not path.exists():
                generate.write(path, size)
            # Launches first, each in a fresh process; the in-process measurements come after.
            launch = launch_figures(path, args.runs, args.workdir)
            rows[suffix] = (path, (f"{size:>9,}  {suffix[1:]:<6} {path.stat().st_size / 1e6:>6.0f}  "
                                   f"{launch['cold']:>15.2f} s  {launch['warm']:>5.2f} s  {launch['rss']:>7.0f} MB"))
        for suffix, (path, row) in rows.items():
            if suffix == ".jsonl":
                ms = asyncio.run(interaction_figures(path, args.workdir / f"cache-{path.name}"))
                row += "".join(f" {ms[k]:>4.1f} ms" for k in ("actor", "kind", "typed", "words", "last", "page"))
            print(row, flush=True)
    print("\ncold: no cache entry; cached: the file was opened before. Interaction columns: median ms from "
          "the change to the repainted timeline (actor/kind filter set or cleared, a character typed in the "
          "search, a character of a second word typed, G to the last event, a page down).")


if __name__ == "__main__":
    main()
