"""How fast dates parse: ours against the PyPI `edtf` package (if installed), at scale.

    python benchmarks/bench_dates.py [COUNT]

Prints seconds per million dates. Distinct strings defeat any cache, so this is the
cold cost; real files repeat dates and parse faster through the cache.
"""

import random
import sys
import time

from timeline.dates import _parse, parse_date  # _parse: the reading alone, without the cache


def sample_dates(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        y, m, d = rng.randint(1950, 2025), rng.randint(1, 12), rng.randint(1, 28)
        shape = rng.random()
        if shape < 0.5:
            out.append(f"{y}-{m:02d}-{d:02d}")
        elif shape < 0.7:
            out.append(f"{y}-{m:02d}")
        elif shape < 0.8:
            out.append(f"{y}-{m:02d}-{d:02d}{rng.choice('~?%')}")
        elif shape < 0.9:
            out.append(f"{y}-{m:02d}-{d:02d}/{y}-{m:02d}-{min(28, d + 1):02d}")
        else:
            out.append(f"../{y}-{m:02d}")
    return out


def timed(label: str, parse, dates: list[str]) -> None:
    start = time.perf_counter()
    for text in dates:
        parse(text)
    seconds = time.perf_counter() - start
    print(f"{label:<28} {len(dates):>9,} dates  {seconds:7.2f} s  ({seconds / len(dates) * 1e6:6.1f} µs each)")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    dates = sample_dates(count)
    timed("timeline.dates (no cache)", _parse, dates)
    timed("timeline.dates (cached)", parse_date, dates)
    try:
        import edtf
    except ImportError:
        print("edtf package not installed; pip install edtf to compare")
        return
    timed("edtf.parse_edtf", edtf.parse_edtf, dates[: max(1, count // 10)])


if __name__ == "__main__":
    main()
